/** The adopt round trip's first shard: the backends of even index (see round-trip-suite.ts). */
import { roundTripSuite } from './round-trip-suite';

roundTripSuite(0, 2);
