import { SeedEnvironment } from '../emulator';

const ENVIRONMENT = /^([^/\s]+)\/([^/\s]+)$/;

/** Checks an `--environment` value: `<appId>/<environment name>`. */
export function checkEnvironmentSeed(value: string): string | undefined {
  return ENVIRONMENT.test(value) ? undefined : 'use <appId>/<environment name>, e.g. d1abc2def3/dev.';
}

/** `d1/dev` → an environment the emulator starts with, as the console would have created it. */
export function environmentSeed(value: string): SeedEnvironment {
  const match = ENVIRONMENT.exec(value);
  if (!match) throw new Error(`Bug: --environment "${value}" was not checked.`);
  return { appId: match[1], backendEnvironmentName: match[2] };
}

/** Checks a `--bucket` value against S3's bucket naming rule (3 to 63 lowercase letters, digits, dots and hyphens). */
export function checkBucketName(value: string): string | undefined {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value) ? undefined : 'use an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens.';
}
