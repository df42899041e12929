import { randomInt } from 'node:crypto';
import { RandomFaultOptions } from './faults';
import { resolveHistory, SeedHistory } from './history';
import { JOB_ORDERS, JobOrder } from './job-listing';
import type { Mount } from './mount';
import { MutatingOperation } from './operation-names';
import { OtherCategories } from './state';
import { checkImage, WorldImage } from './world-image';

/** An environment that exists before the emulator starts (the console creates one per app). */
export interface SeedEnvironment {
  readonly appId: string;
  /** @default - the appId */
  readonly appName?: string;
  readonly backendEnvironmentName: string;
  /** Auth the environment already has (Amplify Studio adds it with one click). @default - none */
  readonly auth?: SeedAuth;
  /**
   * Resources of categories the emulator does not model (an AppSync API, Lambda functions, hosting), as the Amplify CLI
   * lists them in amplify-meta.json: `{ api: { photos: { service: 'AppSync', providerPlugin: 'awscloudformation' } } }`.
   * GetBackend reports them in amplifyMetaConfig as given; no operation changes them. `auth` and `storage` are not
   * taken here. @default - none
   */
  readonly otherCategories?: OtherCategories;
  /**
   * Finished jobs the environment has had before the emulator starts (a number: that many, with the
   * defaults of `SeedHistory`). They have no effect on the state and are never pending.
   * @default - none
   */
  readonly history?: number | SeedHistory;
}

/** A managed auth resource of a seeded environment: a user pool with email sign-in and an identity pool. */
export interface SeedAuth {
  /** @default 'userpool' */
  readonly resourceName?: string;
  /** Whether the identity pool allows unauthenticated (guest) logins. @default true */
  readonly allowGuests?: boolean;
}

/** How ListBackendJobs lists one app's jobs; a field left out falls back to the emulator-wide option. */
export interface JobListingOptions {
  /** The most jobs one page returns. @default - `EmulatorOptions.jobsPageSize` */
  readonly pageSize?: number;
  /** @default - `EmulatorOptions.jobsOrder` */
  readonly order?: JobOrder;
  /** @default - `EmulatorOptions.cloneJobsUnder` */
  readonly cloneJobsUnder?: CloneJobsUnder;
}

/**
 * The environment a CloneBackend job belongs to: the source (its path names it) or the target (its body names it).
 * The API documents neither; see the README.
 */
export type CloneJobsUnder = 'source' | 'target';
export const CLONE_JOBS_UNDER: readonly CloneJobsUnder[] = ['source', 'target'];

/** A bucket that exists in the emulated account before the emulator starts. */
export interface SeedBucket {
  readonly name: string;
  /** ISO 8601. @default - the clock's time at start */
  readonly creationDate?: string;
}

/** How to start the emulator. Every option has a default; `{}` gives an empty account. */
export interface EmulatorOptions {
  /** @default 0 - the OS picks a free port */
  readonly port?: number;
  /** Milliseconds since the epoch; inject one to decide in tests when jobs end. @default Date.now */
  readonly clock?: () => number;
  /** How long every job runs, in milliseconds; 0 ends it before the next request. @default 0 */
  readonly jobDurationMs?: number;
  /** Per-operation job durations, overriding `jobDurationMs`. @default - none */
  readonly jobDurations?: Partial<Record<MutatingOperation, number>>;
  /** The status a running job reports, e.g. `IN_PROGRESS` to test clients against an undocumented value. @default 'RUNNING' */
  readonly runningStatus?: string;
  /** Environments that already exist. @default - none */
  readonly environments?: readonly SeedEnvironment[];
  /** Buckets that already exist in the account (names or full entries). @default - none */
  readonly buckets?: ReadonlyArray<string | SeedBucket>;
  /** Reject storage without auth, and guest storage permissions without a guest-enabled identity pool. @default false */
  readonly requireAuthForStorage?: boolean;
  /** Region written into amplifyMetaConfig and generated Cognito ids. @default 'us-east-1' */
  readonly region?: string;
  /**
   * The most jobs one ListBackendJobs page returns: a caller's `maxResults` can lower it, not raise it,
   * as a real service caps its pages. The API documents no page size.
   * @default 10
   */
  readonly jobsPageSize?: number;
  /** The order ListBackendJobs lists an environment's jobs in; the API documents none. @default 'newest-first' */
  readonly jobsOrder?: JobOrder;
  /** Page size and order for some apps only (the soak runs many apps on one emulator). @default - none */
  readonly jobListingByApp?: Readonly<Record<string, JobListingOptions>>;
  /**
   * The environment whose jobs a CloneBackend job is listed, read, and pending with (the one-pending-job rule); the
   * API documents none. The answer to CloneBackend names it. @default 'source'
   */
  readonly cloneJobsUnder?: CloneJobsUnder;
  /** ListS3Buckets page size. @default 10 */
  readonly bucketsPageSize?: number;
  /** Seed for generated names (bucket suffixes, imported resource names, Cognito ids). @default - random */
  readonly seed?: number;
  /** Random faults. @default - none */
  readonly randomFaults?: RandomFaultOptions;
  /**
   * Start from a saved world (`AmplifyBackendEmulator.saveWorld()`) instead of an empty account: its apps,
   * environments, buckets, jobs, Region, seed and name generator. Seed more into it with `seedEnvironment`
   * and `seedBucket`; `environments`, `buckets`, `seed` and `region` cannot be given with it.
   * @default - an empty account, seeded from `environments` and `buckets`
   */
  readonly world?: WorldImage;
  /**
   * Called after each request has been answered, e.g. to save the world after a change (a server that
   * outlives one command). @default - nothing
   */
  readonly afterRequest?: () => void;
  /**
   * Other things served on the emulator's port, each under a path prefix no API route starts with (e.g. a page
   * about the emulator at `/_console`). Their requests are not the API's: not logged, no `afterRequest`. @default - none
   */
  readonly mounts?: readonly Mount[];
}

/** The options with every default filled in. */
export interface Settings {
  readonly clock: () => number;
  readonly jobDurationMs: number;
  readonly jobDurations: Partial<Record<MutatingOperation, number>>;
  readonly runningStatus: string;
  readonly environments: readonly SeedEnvironment[];
  readonly buckets: readonly SeedBucket[];
  readonly requireAuthForStorage: boolean;
  readonly region: string;
  readonly jobsPageSize: number;
  readonly jobsOrder: JobOrder;
  readonly jobListingByApp: Readonly<Record<string, JobListingOptions>>;
  readonly cloneJobsUnder: CloneJobsUnder;
  readonly bucketsPageSize: number;
  readonly seed: number;
  readonly randomFaults?: RandomFaultOptions;
  readonly world?: WorldImage;
  /** The clock's time when the emulator started: seeded histories end before it, on every reset too. */
  readonly startedAt: number;
}

/** Fills in the defaults; the name seed is drawn once so that a reset replays the same names. Throws on a setting that cannot work. */
export function resolveSettings(options: EmulatorOptions): Settings {
  checkPageSize(options.jobsPageSize, 'jobsPageSize');
  checkOrder(options.jobsOrder, 'jobsOrder');
  checkCloneJobsUnder(options.cloneJobsUnder, 'cloneJobsUnder');
  for (const [appId, listing] of Object.entries(options.jobListingByApp ?? {})) {
    checkPageSize(listing.pageSize, `jobListingByApp.${appId}.pageSize`);
    checkOrder(listing.order, `jobListingByApp.${appId}.order`);
    checkCloneJobsUnder(listing.cloneJobsUnder, `jobListingByApp.${appId}.cloneJobsUnder`);
  }
  const seeded = new Set<string>();
  for (const environment of options.environments ?? []) {
    const name = `${environment.appId}/${environment.backendEnvironmentName}`;
    if (seeded.has(name)) throw new Error(`Environment ${name} is seeded twice: list each environment once.`);
    seeded.add(name);
    resolveHistory(environment.history, name);
    checkOtherCategories(environment.otherCategories, name);
  }
  if (options.world) checkRestore(options);
  const clock = options.clock ?? Date.now;
  return {
    clock,
    jobDurationMs: options.jobDurationMs ?? 0,
    jobDurations: options.jobDurations ?? {},
    runningStatus: options.runningStatus ?? 'RUNNING',
    environments: options.environments ?? [],
    buckets: (options.buckets ?? []).map((bucket) => (typeof bucket === 'string' ? { name: bucket } : bucket)),
    requireAuthForStorage: options.requireAuthForStorage ?? false,
    region: options.world?.region ?? options.region ?? 'us-east-1',
    jobsPageSize: options.jobsPageSize ?? 10,
    jobsOrder: options.jobsOrder ?? 'newest-first',
    jobListingByApp: options.jobListingByApp ?? {},
    cloneJobsUnder: options.cloneJobsUnder ?? 'source',
    bucketsPageSize: options.bucketsPageSize ?? 10,
    seed: options.world?.seed ?? options.seed ?? randomInt(1, 2 ** 31 - 1),
    randomFaults: options.randomFaults,
    world: options.world,
    startedAt: clock(),
  };
}

/** A saved world brings its own account, Region and seed: options that would set them too are refused. */
function checkRestore(options: EmulatorOptions): void {
  checkImage(options.world!);
  const clashing = (['environments', 'buckets', 'seed', 'region'] as const).filter((name) => options[name] !== undefined);
  if (clashing.length > 0) {
    throw new Error(`Give ${clashing.join(', ')} or world, not both: a saved world brings its own; `
      + 'seed environments and buckets into it with seedEnvironment() and seedBucket().');
  }
}

/** Categories the emulator models are seeded with their own options (`auth`) or operations, not as other categories. */
export function checkOtherCategories(categories: OtherCategories | undefined, environment: string): void {
  const modelled = Object.keys(categories ?? {}).filter((category) => category === 'auth' || category === 'storage' || category === 'providers');
  if (modelled.length > 0) {
    throw new Error(`Environment ${environment} seeds ${modelled.join(', ')} as other categories: seed auth with \`auth\`, create storage with `
      + 'CreateBackendStorage or ImportBackendStorage; otherCategories are for categories the emulator does not model (api, function, hosting, ...).');
  }
}

function checkPageSize(value: number | undefined, name: string): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
    throw new Error(`Invalid ${name} ${value}: use a whole number of at least 1.`);
  }
}

function checkCloneJobsUnder(value: string | undefined, name: string): void {
  if (value !== undefined && !(CLONE_JOBS_UNDER as readonly string[]).includes(value)) {
    throw new Error(`Invalid ${name} "${value}": use one of ${CLONE_JOBS_UNDER.join(', ')}.`);
  }
}

function checkOrder(value: string | undefined, name: string): void {
  if (value !== undefined && !(JOB_ORDERS as readonly string[]).includes(value)) {
    throw new Error(`Invalid ${name} "${value}": use one of ${JOB_ORDERS.join(', ')}.`);
  }
}
