import { badRequest } from '../errors';

/**
 * The names the service takes, and what it refuses of them. The AmplifyBackend API reference states no rule for
 * any of them; what follows is this model's own reading of the facts (`amplifybackend-api.md`), of the Amplify
 * CLI, whose checks the console and Studio share and whose CloudFormation templates deploy an environment, and of
 * the AWS services that end up holding each name. It is written here, apart from the library's checks, so that a
 * name the library lets through and the service would refuse shows up in a test instead of agreeing by
 * construction (test/name-rules.test.ts compares the two).
 *
 * | name (where it is sent) | allowed | length | source |
 * |---|---|---|---|
 * | appName (CreateBackend) | anything | 1-255 | an Amplify app's name (Amplify API: 1 to 255) |
 * | backendEnvironmentName (CreateBackend) | a-z | 2-10 | Amplify CLI and docs: environment names |
 * | resourceName (CreateBackend, CreateBackendStorage, CreateBackendAuth) | A-Z a-z 0-9 | 1-128 | Amplify CLI: auth resource names 1-128 alphanumeric; storage alphanumeric |
 * | bucketName (CreateBackendStorage) | a-z 0-9 -, not first -; not xn--, sthree-, amzn-s3-demo- first | 3-47 | Amplify CLI (3-47: the service appends `<digits>-<env>`, S3 allows 63); S3 naming rules |
 * | userPoolName (CreateBackendAuth) | A-Z a-z 0-9 _ whitespace + = , . @ - | 1 to 128 - 1 - env | Cognito pool names (128); the CLI template names the pool `<name>-<env>` |
 * | identityPoolName (CreateBackendAuth) | A-Z a-z 0-9 _ | 1 to 128 - 2 - env | Amplify CLI characters; Cognito (128); the CLI template appends `__<env>` |
 * | domainPrefix (Create/UpdateBackendAuth) | a-z 0-9 -, not first or last -, no aws, amazon, cognito | 1 to 63 - 1 - env | Cognito domains (63); the CLI template appends `-<env>` |
 * | resourceName, apiName (CreateBackendAPI) | A-Z a-z 0-9 | 1-128 | Amplify CLI `amplify add api`: "Provide API name", alphanumeric (the API's name is its resource name) |
 *
 * Whether the live service refuses a bad name at the call or fails the job when CloudFormation refuses it is not
 * known; the emulator refuses at the call (400), which a deployment reports the same way: as a failure.
 */
interface NameRule {
  /** What the name is, for the message. */
  readonly what: string;
  /** The characters allowed, as the body of a regular expression's character class. */
  readonly alphabet: string;
  /** Said in the message, e.g. `lowercase letters`. */
  readonly alphabetText: string;
  readonly minLength: number;
  /** The longest allowed, given the environment the name is created in (suffixes take its length). */
  readonly maxLength: (environmentName: string) => number;
  /** Further refusals: a reason, or undefined when the name is fine. */
  readonly refuse?: (name: string) => string | undefined;
}

const RESERVED_BUCKET_STARTS = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const COGNITO_DOMAIN_WORDS = ['aws', 'amazon', 'cognito'];

const RULES = {
  appName: { what: 'an app name', alphabet: '\\s\\S', alphabetText: 'any characters', minLength: 1, maxLength: () => 255 },
  backendEnvironmentName: { what: 'an environment name', alphabet: 'a-z', alphabetText: 'lowercase letters', minLength: 2, maxLength: () => 10 },
  resourceName: { what: 'a resource name', alphabet: 'A-Za-z0-9', alphabetText: 'letters and digits', minLength: 1, maxLength: () => 128 },
  apiName: { what: 'an API name', alphabet: 'A-Za-z0-9', alphabetText: 'letters and digits', minLength: 1, maxLength: () => 128 },
  bucketName: {
    what: 'a bucket name prefix',
    alphabet: 'a-z0-9-',
    alphabetText: 'lowercase letters, digits and hyphens',
    minLength: 3,
    maxLength: () => 47,
    refuse: (name: string) => (name.startsWith('-') ? 'it starts with a hyphen'
      : RESERVED_BUCKET_STARTS.find((start) => name.startsWith(start)) && `S3 reserves names starting with ${RESERVED_BUCKET_STARTS.join(', ')}`),
  },
  userPoolName: {
    what: 'a user pool name',
    alphabet: 'A-Za-z0-9_ \\t\\n\\v\\f\\r+=,.@-',
    alphabetText: 'letters, digits, whitespace and _ + = , . @ -',
    minLength: 1,
    maxLength: (environmentName: string) => 128 - `-${environmentName}`.length,
  },
  identityPoolName: {
    what: 'an identity pool name',
    alphabet: 'A-Za-z0-9_',
    alphabetText: 'letters, digits and underscores',
    minLength: 1,
    maxLength: (environmentName: string) => 128 - `__${environmentName}`.length,
  },
  domainPrefix: {
    what: 'a hosted UI domain prefix',
    alphabet: 'a-z0-9-',
    alphabetText: 'lowercase letters, digits and hyphens',
    minLength: 1,
    maxLength: (environmentName: string) => 63 - `-${environmentName}`.length,
    refuse: (name: string) => (name.startsWith('-') || name.endsWith('-') ? 'it starts or ends with a hyphen'
      : COGNITO_DOMAIN_WORDS.find((word) => name.includes(word)) && `Cognito refuses domains containing ${COGNITO_DOMAIN_WORDS.join(', ')}`),
  },
} satisfies Record<string, NameRule>;

/** The names the service checks. */
export type NameKind = keyof typeof RULES;

/** Why the service refuses `name` as a name of this kind in the environment, or undefined if it takes it. */
export function nameProblem(kind: NameKind, name: string, environmentName: string): string | undefined {
  const rule: NameRule = RULES[kind];
  const max = rule.maxLength(environmentName);
  if (name.length < rule.minLength || name.length > max) return `it has ${name.length} characters, and ${rule.what} has ${rule.minLength} to ${max}`;
  if (!new RegExp(`^[${rule.alphabet}]+$`).test(name)) return `${rule.what} has ${rule.alphabetText} only`;
  return rule.refuse?.(name) || undefined;
}

/** Refuses the call (400) when a name given in its body is one the service does not take; `key` is where it was. */
export function assertName(kind: NameKind, key: string, name: string | undefined, environmentName: string): void {
  if (name === undefined) return;
  const problem = nameProblem(kind, name, environmentName);
  if (problem !== undefined) throw badRequest(`Invalid ${key} ${JSON.stringify(name)}: ${problem}.`);
}
