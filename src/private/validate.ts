import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Synth-time checks of values the service would refuse at deploy time. Unresolved tokens are
 * skipped: their values are only known at deploy time. Messages name the construct path, the
 * property and the value, and say what is allowed.
 *
 * Where each name rule comes from (the AmplifyBackend API reference gives no rule for any of them, so the
 * Amplify CLI's own checks decide, and the AWS service that finally holds the name sets the length): the
 * README's "Synth-time checks" table says the same. local/emulator/handlers/name-rules.ts holds the
 * emulator's own copy, written from the same facts; test/name-rules.test.ts compares the two.
 *
 * | name | rule | from |
 * |---|---|---|
 * | appId | `d` and 1 to 19 lowercase letters or digits | Amplify API: app ids match `d[a-z0-9]+`, at most 20 |
 * | appName | 1 to 255 characters | Amplify API: an app's name is 1 to 255 characters (CreateBackend only says "required") |
 * | environmentName | 2 to 10 lowercase letters | Amplify CLI (`amplify env add`) and the Amplify docs |
 * | resourceName (environment, auth, storage) | 1 to 128 letters and digits | Amplify CLI auth: `^([a-zA-Z0-9]){1,128}$`; CLI storage: letters and digits (no length given: the auth limit) |
 * | bucketName (a prefix) | 3 to 47 lowercase letters, digits, hyphens; first a letter or digit; not `xn--`, `sthree-`, `amzn-s3-demo-` | Amplify CLI storage (characters, 3 to 47: the suffix fills S3's 63); S3 (first character, reserved prefixes) |
 * | userPoolName | letters, digits, spaces, `+ = , . @ _ -`; 1 to 127 - length of the environment name | Amplify CLI auth (characters); Cognito (128), less the `-<env>` the CLI's template appends |
 * | identityPoolName | letters, digits, `_`; 1 to 126 - length of the environment name | Amplify CLI auth (characters); Cognito (128), less the `__<env>` the CLI's template appends |
 * | oAuth.domainPrefix | lowercase letters, digits, hyphens, no `aws`/`amazon`/`cognito`; 1 to 62 - length of the environment name | Cognito domains (63), less the `-<env>` the CLI's template appends |
 * | existing bucket (import) | an S3 bucket name, 3 to 63 characters | S3 |
 * | apiName | 1 to 128 letters and digits | Amplify CLI (`amplify add api`: "Provide API name", alphanumeric; the API's name is its resource name there) |
 * | OIDC providerName | 1 to 128 letters, digits, spaces and `. _ -` | Amplify CLI's OIDC walkthrough asks for a name; AppSync keeps it as a label (no documented rule: the resource-name length) |
 * | OIDC issuer URL | https URL (http only for localhost) | Amplify CLI appSync walkthrough ("HTTPS must be used instead of HTTP unless you are using localhost") |
 *
 * The suffix rules follow the Amplify CLI's CloudFormation templates, which the service deploys an environment
 * with (its bucket names carry the CLI's `<digits>-<env>` suffix): an inference, written down as one.
 */

function check(scope: IConstruct, property: string, value: string, ok: boolean, allowed: string): void {
  if (Token.isUnresolved(value) || ok) return;
  throw new Error(`Invalid ${property} ${JSON.stringify(value)} at ${scope.node.path}: ${allowed}.`);
}

/**
 * How many characters a suffix `-<env>` (`separator` and the environment name) leaves of `limit`. An environment
 * name known only at deploy time counts as the shortest one (2 letters): only what fails for every name is refused.
 */
function lengthBefore(limit: number, separator: string, environmentName: string): number {
  const environmentLength = Token.isUnresolved(environmentName) ? 2 : environmentName.length;
  return limit - separator.length - environmentLength;
}

/** Amplify app ids: `d` followed by lowercase letters and digits, at most 20 characters. */
export function validateAppId(scope: IConstruct, value: string): void {
  check(scope, 'appId', value, /^d[a-z0-9]{1,19}$/.test(value), 'use the Amplify app id, "d" followed by up to 19 lowercase letters and digits (e.g. d1a2b3c4d5e6f7)');
}

/** Backend environment names as Amplify accepts them. */
export function validateEnvironmentName(scope: IConstruct, value: string): void {
  check(scope, 'environmentName', value, /^[a-z]{2,10}$/.test(value), 'use 2 to 10 lowercase letters');
}

/** The Amplify app's name, which CreateBackend requires. */
export function validateAppName(scope: IConstruct, value: string): void {
  check(scope, 'appName', value, value.length >= 1 && value.length <= 255, 'use the Amplify app\'s name, 1 to 255 characters');
}

/** Resource names (of the environment, auth and storage): letters and digits, as the Amplify CLI accepts them. */
export function validateResourceName(scope: IConstruct, value: string): void {
  check(scope, 'resourceName', value, /^[a-zA-Z0-9]{1,128}$/.test(value), 'use 1 to 128 letters and digits');
}

/** S3 refuses bucket names that start with these. */
const RESERVED_BUCKET_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];

/** Bucket name prefixes: the service appends a suffix (`<digits>-<env>`), so at most 47 characters. */
export function validateBucketName(scope: IConstruct, value: string): void {
  const ok = /^[a-z0-9][a-z0-9-]{2,46}$/.test(value) && !RESERVED_BUCKET_PREFIXES.some((prefix) => value.startsWith(prefix));
  check(scope, 'bucketName', value, ok, 'use 3 to 47 lowercase letters, digits and hyphens, starting with a letter or digit and not with '
    + `${RESERVED_BUCKET_PREFIXES.join(', ')} (the service appends a suffix)`);
}

/**
 * A list of enum values names each allowed value at most once, and, unless `emptyAllowed`, at least one
 * (storage permissions: a list given at all).
 */
export function validateEnumList(
  scope: IConstruct, property: string, values: readonly string[], allowed: readonly string[], emptyAllowed = false,
): void {
  const where = `${property} at ${scope.node.path}`;
  if (values.length === 0 && !emptyAllowed) throw new Error(`Invalid ${where}: the list is empty; name at least one of ${allowed.join(', ')}, or omit it.`);
  const unknown = values.find((value) => !Token.isUnresolved(value) && !allowed.includes(value));
  if (unknown !== undefined) throw new Error(`Invalid ${where}: ${JSON.stringify(unknown)} is not one of ${allowed.join(', ')}.`);
  const duplicate = values.find((value, index) => values.indexOf(value) !== index);
  if (duplicate !== undefined) throw new Error(`Invalid ${where}: ${JSON.stringify(duplicate)} is listed twice.`);
}

/** Names of existing S3 buckets: 3 to 63 lowercase letters, digits, dots and hyphens. */
export function validateExistingBucketName(scope: IConstruct, value: string): void {
  check(scope, 'bucketName', value, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value), 'use an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens');
}

/** One of an enum's values (a check for languages and callers that bypass the type). */
export function validateEnumValue(scope: IConstruct, property: string, value: string, allowed: readonly string[]): void {
  check(scope, property, value, allowed.includes(value), `use one of ${allowed.join(', ')}`);
}

/**
 * Cognito user pool names, which get `-<env>` appended. `defaulted`: the construct made the name up from
 * `resourceName`, which the message then says.
 */
export function validateUserPoolName(scope: IConstruct, value: string, environmentName: string, defaulted = false): void {
  const max = lengthBefore(128, '-', environmentName);
  check(scope, defaulted ? 'userPoolName (the default, from resourceName)' : 'userPoolName', value,
    value.length >= 1 && value.length <= max && /^[A-Za-z0-9_ \t\n\v\f\r+=,.@-]+$/.test(value),
    `use 1 to ${max} letters, digits, spaces and + = , . @ _ - (the service appends "-" and the environment name, and Cognito allows 128)`);
}

/** Cognito identity pool names, which get `__<env>` appended. `defaulted`: as for user pool names. */
export function validateIdentityPoolName(scope: IConstruct, value: string, environmentName: string, defaulted = false): void {
  const max = lengthBefore(128, '__', environmentName);
  check(scope, defaulted ? 'identityPoolName (the default, from resourceName)' : 'identityPoolName', value,
    value.length >= 1 && value.length <= max && /^[A-Za-z0-9_]+$/.test(value),
    `use 1 to ${max} letters, digits and underscores (the service appends "__" and the environment name, and Cognito allows 128)`);
}

/** A whole number in a range; unresolved numbers are skipped. */
export function validateWholeNumber(scope: IConstruct, property: string, value: number, min: number, max: number): void {
  if (Token.isUnresolved(value) || (Number.isInteger(value) && value >= min && value <= max)) return;
  throw new Error(`Invalid ${property} ${value} at ${scope.node.path}: use a whole number from ${min} to ${max}.`);
}

/** A message template that carries the code (`{####}`), within Cognito's length limits. */
export function validateCodeMessage(scope: IConstruct, property: string, value: string, maxLength: number): void {
  check(scope, property, value, value.includes('{####}') && value.length >= 6 && value.length <= maxLength,
    `use 6 to ${maxLength} characters with {####} where the code goes`);
}

/** A plain text of bounded length, e.g. an email subject. */
export function validateText(scope: IConstruct, property: string, value: string, maxLength: number): void {
  check(scope, property, value, value.length >= 1 && value.length <= maxLength, `use 1 to ${maxLength} characters`);
}

/** Cognito hosted UI domain prefixes, which get `-<env>` appended. */
export function validateDomainPrefix(scope: IConstruct, value: string, environmentName: string): void {
  const max = lengthBefore(63, '-', environmentName);
  const ok = value.length <= max && /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(value) && !/aws|amazon|cognito/.test(value);
  check(scope, 'oAuth.domainPrefix', value, ok, `use 1 to ${max} lowercase letters, digits and hyphens, not starting or ending with a hyphen, `
    + 'without "aws", "amazon" or "cognito" (the service appends "-" and the environment name, and Cognito allows 63)');
}

/** OAuth redirect URLs: at least one, each an absolute URL (a custom scheme such as `myapp://` included). */
export function validateUrlList(scope: IConstruct, property: string, values: readonly string[]): void {
  if (values.length === 0) throw new Error(`Invalid ${property} at ${scope.node.path}: the list is empty; give at least one URL.`);
  for (const value of values) {
    check(scope, property, value, /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/\S*$/.test(value) && value.length <= 1024,
      'use absolute URLs of at most 1024 characters, e.g. https://example.com/ or myapp://');
  }
}

/** Ids that identity providers and Cognito issue: no whitespace, 1 to 256 characters. */
export function validateClientId(scope: IConstruct, property: string, value: string): void {
  check(scope, property, value, /^\S{1,256}$/.test(value), 'use the id the provider issued: 1 to 256 characters without spaces');
}

/** Apple's team and key ids: 10 capital letters and digits. */
export function validateAppleId(scope: IConstruct, property: string, value: string): void {
  check(scope, property, value, /^[A-Z0-9]{10}$/.test(value), 'use the 10 capital letters and digits Apple shows');
}

/** Cognito user pool ids: `<region>_<id>`. */
export function validateUserPoolId(scope: IConstruct, value: string): void {
  check(scope, 'userPool', value, /^[\w-]+_[0-9a-zA-Z]+$/.test(value), 'use a Cognito user pool id, e.g. us-east-1_AbCdEfGhI');
}

/** Cognito identity pool ids: `<region>:<uuid>`. */
export function validateIdentityPoolId(scope: IConstruct, value: string): void {
  check(scope, 'identityPoolId', value, /^[\w-]+:[0-9a-f-]+$/.test(value), 'use a Cognito identity pool id, e.g. us-east-1:0123abcd-0123-4567-89ab-0123456789ab');
}

/** API names: the Amplify CLI takes letters and digits (an API's name is its resource name there). */
export function validateApiName(scope: IConstruct, value: string): void {
  check(scope, 'apiName', value, /^[a-zA-Z0-9]{1,128}$/.test(value), 'use 1 to 128 letters and digits');
}

/** The name an OpenID Connect provider is shown by. */
export function validateOidcProviderName(scope: IConstruct, property: string, value: string): void {
  check(scope, property, value, /^[\w .-]{1,128}$/.test(value), 'use 1 to 128 letters, digits, spaces and . _ -');
}

/** An OpenID Connect issuer: https, or http on localhost (as the Amplify CLI asks). */
export function validateOidcIssuer(scope: IConstruct, property: string, value: string): void {
  check(scope, property, value, /^(https:\/\/[^\s/]+|http:\/\/localhost(:\d+)?)(\/\S*)?$/.test(value) && value.length <= 1024,
    'use the issuer\'s https URL (http only for localhost), e.g. https://auth.example.com/');
}
