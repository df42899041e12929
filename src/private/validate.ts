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

/** A permission list given at all must name each allowed permission at most once, and at least one. */
export function validatePermissionList(scope: IConstruct, property: string, values: readonly string[], allowed: readonly string[]): void {
  const where = `${property} at ${scope.node.path}`;
  if (values.length === 0) throw new Error(`Invalid ${where}: the list is empty; name at least one of ${allowed.join(', ')}, or omit it.`);
  const unknown = values.find((value) => !Token.isUnresolved(value) && !allowed.includes(value));
  if (unknown !== undefined) throw new Error(`Invalid ${where}: ${JSON.stringify(unknown)} is not one of ${allowed.join(', ')}.`);
  const duplicate = values.find((value, index) => values.indexOf(value) !== index);
  if (duplicate !== undefined) throw new Error(`Invalid ${where}: ${JSON.stringify(duplicate)} is listed twice.`);
}

/** Names of existing S3 buckets: 3 to 63 lowercase letters, digits, dots and hyphens. */
export function validateExistingBucketName(scope: IConstruct, value: string): void {
  check(scope, 'bucketName', value, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value), 'use an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens');
}
