/** The prop-set property's second shard: constructs of odd index (see property-suite.ts). */
import { propertySuite } from './property-suite';

propertySuite(1, 2);
