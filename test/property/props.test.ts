/** The prop-set property's first shard: constructs of even index (see property-suite.ts). */
import { propertySuite } from './property-suite';

propertySuite(0, 2);
