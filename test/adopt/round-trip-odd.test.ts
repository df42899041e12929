/** The adopt round trip's second shard: the backends of odd index (see round-trip-suite.ts). */
import { roundTripSuite } from './round-trip-suite';

roundTripSuite(1, 2);
