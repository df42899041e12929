import { SeededRandom } from './prng';

const HEX = '0123456789abcdef';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** The names the service makes up: bucket suffixes, imported resource names, Cognito ids. */
export class NameGenerator {
  constructor(private readonly random: SeededRandom, private readonly region: string) {}

  /** Where the generator stands, to go on from there in a restored world (`SeededRandom.resume`). */
  get position(): number {
    return this.random.position;
  }

  /** A created bucket's physical name: the prefix, five digits, `-`, the environment (`photos12345-dev`). */
  createdBucketName(prefix: string, environmentName: string): string {
    return `${prefix}${10000 + this.random.below(90000)}-${environmentName}`;
  }

  /** The resource name the service gives an imported bucket (`s3` and hex). */
  importedStorageName(): string {
    return `s3${this.pick(HEX, 8)}`;
  }

  /** The resource name the service gives imported auth (`cognito` and hex). */
  importedAuthName(): string {
    return `cognito${this.pick(HEX, 8)}`;
  }

  /** A Cognito user pool id in the emulated region. */
  userPoolId(): string {
    return `${this.region}_${this.pick(UPPER_ALNUM, 9)}`;
  }

  /** A Cognito app client id. */
  appClientId(): string {
    return this.pick(LOWER_ALNUM, 26);
  }

  /** An AppSync GraphQL API id (26 lowercase letters and digits). */
  appSyncApiId(): string {
    return this.pick(LOWER_ALNUM, 26);
  }

  /** An AppSync API key (`da2-` and 26 letters and digits). */
  appSyncApiKey(): string {
    return `da2-${this.pick(LOWER_ALNUM, 26)}`;
  }

  /** A Cognito identity pool id in the emulated region. */
  identityPoolId(): string {
    return `${this.region}:${this.pick(HEX, 8)}-${this.pick(HEX, 4)}-${this.pick(HEX, 4)}-${this.pick(HEX, 4)}-${this.pick(HEX, 12)}`;
  }

  private pick(alphabet: string, length: number): string {
    return Array.from({ length }, () => alphabet[this.random.below(alphabet.length)]).join('');
  }
}

/** The prefix a created bucket's name was made from (`photos` of `photos12345-dev`); undefined for a name not made so. */
export function createdBucketPrefix(bucketName: string, environmentName: string): string | undefined {
  const suffix = new RegExp(`\\d{5}-${environmentName}$`);
  return suffix.test(bucketName) ? bucketName.replace(suffix, '') || undefined : undefined;
}
