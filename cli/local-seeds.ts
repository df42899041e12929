import { SeedEnvironment } from '../local/emulator';

/** `<appId>/<environment name>`, with `+auth` for an environment that already has auth. */
const ENVIRONMENT = /^([^/\s+]+)\/([^/\s+]+)(\+auth)?$/;

/** Checks an `--environment` value: `<appId>/<environment name>[+auth]`. */
export function checkEnvironmentSeed(value: string): string | undefined {
  return ENVIRONMENT.test(value) ? undefined : 'use <appId>/<environment name>, e.g. d1abc2def3/dev, and d1abc2def3/dev+auth for one that has auth.';
}

/**
 * `d1/dev` → an environment the emulator starts with, as the console would have created it; `d1/dev+auth`
 * → one that Amplify Studio also added auth to: a user pool and an identity pool that lets guests in.
 */
export function environmentSeed(value: string): SeedEnvironment {
  const match = ENVIRONMENT.exec(value);
  if (!match) throw new Error(`Bug: --environment "${value}" was not checked.`);
  return { appId: match[1], backendEnvironmentName: match[2], auth: match[3] ? {} : undefined };
}

/** How a seeded environment is shown back: as it was given. */
export function describeEnvironmentSeed(seed: SeedEnvironment): string {
  return `${seed.appId}/${seed.backendEnvironmentName}${seed.auth ? '+auth' : ''}`;
}

/** Checks a `--bucket` value against S3's bucket naming rule (3 to 63 lowercase letters, digits, dots and hyphens). */
export function checkBucketName(value: string): string | undefined {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value) ? undefined : 'use an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens.';
}
