import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Synth-time checks of values the service would refuse at deploy time. Unresolved tokens are
 * skipped: their values are only known at deploy time. Messages name the construct path, the
 * property and the value, and say what is allowed.
 */

function check(scope: IConstruct, property: string, value: string, ok: boolean, allowed: string): void {
  if (Token.isUnresolved(value) || ok) return;
  throw new Error(`Invalid ${property} ${JSON.stringify(value)} at ${scope.node.path}: ${allowed}.`);
}

/** Amplify app ids: `d` followed by lowercase letters and digits, at most 20 characters. */
export function validateAppId(scope: IConstruct, value: string): void {
  check(scope, 'appId', value, /^d[a-z0-9]{1,19}$/.test(value), 'use the Amplify app id, "d" followed by up to 19 lowercase letters and digits (e.g. d1a2b3c4d5e6f7)');
}

/** Backend environment names as Amplify accepts them. */
export function validateEnvironmentName(scope: IConstruct, value: string): void {
  check(scope, 'environmentName', value, /^[a-z]{2,10}$/.test(value), 'use 2 to 10 lowercase letters');
}

/** Storage resource names: the Amplify CLI accepts letters and digits only. */
export function validateResourceName(scope: IConstruct, value: string): void {
  check(scope, 'resourceName', value, /^[a-zA-Z0-9]+$/.test(value), 'use letters and digits only');
}

/** Bucket name prefixes: the service appends a suffix, so at most 47 characters. */
export function validateBucketName(scope: IConstruct, value: string): void {
  check(scope, 'bucketName', value, /^[a-z0-9-]{3,47}$/.test(value), 'use 3 to 47 lowercase letters, digits and hyphens (the service appends a suffix)');
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

/** Cognito user pool names. */
export function validateUserPoolName(scope: IConstruct, value: string): void {
  check(scope, 'userPoolName', value, /^[\w\s+=,.@-]{1,128}$/.test(value), 'use 1 to 128 letters, digits, spaces and + = , . @ _ -');
}

/** Cognito identity pool names. */
export function validateIdentityPoolName(scope: IConstruct, value: string): void {
  check(scope, 'identityPoolName', value, /^[\w ]{1,128}$/.test(value), 'use 1 to 128 letters, digits, spaces and underscores');
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

/** Cognito hosted UI domain prefixes. */
export function validateDomainPrefix(scope: IConstruct, value: string): void {
  const ok = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(value) && !/aws|amazon|cognito/.test(value);
  check(scope, 'oAuth.domainPrefix', value, ok,
    'use 1 to 63 lowercase letters, digits and hyphens, not starting or ending with a hyphen, without "aws", "amazon" or "cognito"');
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
