import { appReferences, environmentKey, ReferencedEnvironment } from './app-references';
import { SeedEnvironment } from '../../local/emulator';
import { StackArtifact } from '../../local/runner';

/** `<appId>/<environment name>`, with `+auth` for an environment that already has auth. */
const ENVIRONMENT = /^([^/\s+]+)\/([^/\s+]+)(\+auth)?$/;

/** What `--seed` accepts: `auto` seeds what the app references but does not create; `none` only what is given. */
export const SEED_MODES = ['auto', 'none'] as const;

/** What the command line says to seed (`--seed`, `--environment`, `--bucket`), for the world the first deployment creates. */
export interface SeedOptions {
  readonly seed: typeof SEED_MODES[number];
  /** `--environment` values, checked with `checkEnvironmentSeed`. */
  readonly environment: readonly string[];
  /** `--bucket` values, checked with `checkBucketName`. */
  readonly bucket: readonly string[];
}

/** What the emulated account starts with, and why, one line per seeded or skipped thing. */
export interface AppSeeds {
  readonly environments: SeedEnvironment[];
  readonly buckets: string[];
  readonly described: string[];
}

/** Checks a `--seed` value. */
export function checkSeedMode(value: string): string | undefined {
  return (SEED_MODES as readonly string[]).includes(value) ? undefined
    : 'use auto (seed the environments and buckets the app references but does not create) or none (seed only --environment and --bucket).';
}

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


/** Checks a `--bucket` value against S3's bucket naming rule (3 to 63 lowercase letters, digits, dots and hyphens). */
export function checkBucketName(value: string): string | undefined {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value) ? undefined : 'use an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens.';
}

/** An environment to seed, with what asked for it. */
interface PlannedEnvironment {
  seed: SeedEnvironment;
  given: boolean;
  readonly referenced?: ReferencedEnvironment;
}

/**
 * The world the app needs before its stacks deploy: with `seed: 'auto'`, every environment that the app's
 * storage or auth lives in and no `AmplifyBackend` of the app creates (with auth, as Amplify Studio adds
 * it, when the app puts storage in it and declares no auth for it: the service refuses storage without
 * auth), and every bucket imported storage links; then the `--environment` and `--bucket` values, each
 * thing once (an environment has auth if either asks for it). Only literal values are read.
 */
export function seedsFromApp(stacks: readonly StackArtifact[], choices: SeedOptions): AppSeeds {
  const references = choices.seed === 'auto' ? appReferences(stacks) : undefined;
  const planned = new Map<string, PlannedEnvironment>();
  for (const [key, referenced] of references?.environments ?? []) {
    if (references!.createdEnvironments.has(key)) continue;
    const { appId, environmentName, hasStorage, hasAuth } = referenced;
    const seed: SeedEnvironment = {
      appId, backendEnvironmentName: environmentName, appName: references!.appNames.get(appId), auth: hasStorage && !hasAuth ? {} : undefined,
    };
    planned.set(key, { seed, given: false, referenced });
  }
  for (const given of choices.environment.map(environmentSeed)) {
    const key = environmentKey(given.appId, given.backendEnvironmentName);
    const known = planned.get(key);
    if (!known) {
      planned.set(key, { seed: given, given: true });
      continue;
    }
    known.given = true;
    if (given.auth) known.seed = { ...known.seed, auth: {} };
  }

  const imported = references?.importedBuckets ?? new Map<string, string[]>();
  const buckets = [...new Set([...imported.keys(), ...choices.bucket])];
  return {
    environments: [...planned.values()].map((plan) => plan.seed),
    buckets,
    described: [
      ...[...planned.values()].map(describePlannedEnvironment),
      ...buckets.map((bucket) => describeBucket(bucket, choices.bucket.includes(bucket), imported.get(bucket))),
      ...references?.stackBuckets ?? [],
      ...references?.skipped ?? [],
    ],
  };
}

function describePlannedEnvironment({ seed, given, referenced }: PlannedEnvironment): string {
  const why = [
    given && 'given with --environment',
    referenced && `referenced by ${referenced.referencedBy.join(', ')}, not created by the app`,
  ].filter(Boolean).join('; ');
  const name = `environment ${environmentKey(seed.appId, seed.backendEnvironmentName)} (${why})`;
  if (seed.auth) return `${name} with auth, as the console and Studio would have made it`;
  return `${name}, as the console would have made it${referenced?.hasAuth ? '; its auth comes from the app' : ''}`;
}

function describeBucket(bucket: string, given: boolean, importedBy: readonly string[] | undefined): string {
  const why = [given && 'given with --bucket', importedBy && `imported by ${importedBy.join(', ')}`].filter(Boolean).join('; ');
  return `bucket ${bucket} (${why}), as a bucket the account already has`;
}
