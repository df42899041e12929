import { FaultSpec, FatalFault, isFatal } from './faults';
import { API_SCHEMAS, ApiSpec, ConflictResolution, CreatedStorageSpec, EnvironmentMode, Permission, StackSpec, StorageSpec } from './stacks';
import { CloneJobsUnder, JobOrder, MutatingOperation, OperationName } from '../../local/emulator';
import { mix32, SeededRandom } from '../../local/emulator/prng';

/** Steps of storage (`permissions`, `rename`, `bucketSwap`) and of the API (`apiSchema`, `apiModes`, `apiConflict`), each changing that alone. */
export type StepKind = 'create' | 'permissions' | 'rename' | 'bucketSwap' | 'apiSchema' | 'apiModes' | 'apiConflict' | 'destroy';
const STORAGE_STEPS = ['permissions', 'rename', 'bucketSwap'] as const;
const API_STEPS = ['apiSchema', 'apiModes', 'apiConflict'] as const;
type ApiStepKind = typeof API_STEPS[number];
const isApiStep = (kind: StepKind): kind is ApiStepKind => (API_STEPS as readonly string[]).includes(kind);

/** One deployment (or stack delete) of a lifecycle, with the faults planned for it. */
export interface Step {
  readonly kind: StepKind;
  /** The stack this step deploys; for `destroy`, the stack being deleted. */
  readonly spec: StackSpec;
  /** The stack as it stands before the step; undefined before the first create. */
  readonly before?: StackSpec;
  readonly faults: readonly FaultSpec[];
  /** The console unlinks the storage just before this step (a stack delete then finds it gone). */
  readonly unlinkedOutside?: boolean;
}

/** A randomized lifecycle on an app and environment of its own. */
export interface Lifecycle {
  readonly index: number;
  readonly appId: string;
  readonly environmentName: string;
  readonly mode: EnvironmentMode;
  /** Buckets that exist before the lifecycle, for imports (never deleted by anyone). */
  readonly buckets: readonly string[];
  readonly steps: readonly Step[];
  /** How the service lists the app's jobs, and the jobs an existing environment has had before. */
  readonly jobList: JobListSpec;
  /** The environment name of the clone of the lifecycle's environment that its stack declares, if it does. */
  readonly clone?: string;
}

/** ListBackendJobs as a lifecycle's app meets it: the API documents neither page size nor order. */
export interface JobListSpec {
  /** Past jobs of an existing environment (0 for one the stack creates). */
  readonly history: number;
  readonly pageSize: number;
  readonly order: JobOrder;
  /** Which environment a clone's job is listed under (undocumented either way). */
  readonly cloneJobsUnder: CloneJobsUnder;
}

const JOB_ORDERS: readonly JobOrder[] = ['newest-first', 'oldest-first', 'unordered'];
const MAX_HISTORY = 2_000;

/** How often each fault is planned for a step (at most one fatal fault per step). */
export interface FaultRates {
  readonly throttle: number;
  readonly timeoutBeforeEffect: number;
  readonly timeoutAfterEffect: number;
  readonly externalJob: number;
  readonly handlerKilled: number;
  readonly jobFails: number;
  readonly jobNeverFinishes: number;
  readonly unlinkedOutside: number;
}

export const DEFAULT_RATES: FaultRates = {
  throttle: 0.3,
  timeoutBeforeEffect: 0.2,
  timeoutAfterEffect: 0.25,
  externalJob: 0.2,
  handlerKilled: 0.2,
  jobFails: 0.1,
  jobNeverFinishes: 0.035,
  unlinkedOutside: 0.1,
};

const ENVIRONMENT_NAMES = ['dev', 'prod', 'staging', 'test', 'main', 'qa'];
const CLONE_NAMES = ['rehearsal', 'copy', 'trial', 'qa'];
const RESOURCE_NAMES = ['photos', 'media', 'files', 'assets', 'docs', 'uploads'];
const BUCKET_PREFIXES = [undefined, 'team-files', 'media-store', 'raw-uploads'];
const PERMISSIONS: readonly Permission[] = ['READ', 'CREATE_AND_UPDATE', 'DELETE'];
const READS: readonly OperationName[] = ['GetBackendJob', 'ListBackendJobs'];
const API_NAMES = ['todos', 'notes', 'data'];
const KEY_DESCRIPTIONS = ['public', 'guests', 'web app'];
const CONFLICT_RESOLUTIONS: readonly ConflictResolution[] = [undefined, 'AUTOMERGE', 'OPTIMISTIC_CONCURRENCY'];
/** The share of lifecycles whose environment has an API. */
const API_SHARE = 0.4;

/** The app ids of a run: `d` and digits, one app per lifecycle. */
export function appIdOf(index: number): string {
  return `dsoak${String(index).padStart(4, '0')}`;
}

/** Generates lifecycle `index` of the run with `seed`: the same pair always gives the same lifecycle. */
export function generateLifecycle(seed: number, index: number, rates: FaultRates = DEFAULT_RATES): Lifecycle {
  const random = new SeededRandom(seed * 100_003 + index + 1);
  const pick = <T>(values: readonly T[]): T => values[random.below(values.length)];
  const appId = appIdOf(index);
  const environmentName = pick(ENVIRONMENT_NAMES);
  const mode = pick(['owned', 'retained', 'existing'] as const);
  const imported = random.chance(0.3);
  const buckets = ['a', 'b', 'c'].map((suffix) => `soak-${appId}-${suffix}`);
  const clone = cloneOf(seed, index, environmentName);
  const base = { stackName: `Soak${String(index).padStart(4, '0')}`, appId, environmentName, environment: mode, clone };

  const firstStorage: StorageSpec = imported ? { kind: 'imported', bucketName: pick(buckets) } : {
    kind: 'created', resourceName: pick(RESOURCE_NAMES), bucketPrefix: pick(BUCKET_PREFIXES), ...permissions(random),
  };
  const steps: Step[] = [];
  const faults = new FaultPlanner(random, rates, index);

  // Create, once more after a create that failed by design (as a user deploys again).
  let current: StackSpec | undefined;
  const create: StackSpec = { ...base, storage: firstStorage, api: apiOf(seed, index) };
  for (let attempt = 0; current === undefined; attempt++) {
    const planned = faults.plan(operationsOf('create', create, undefined), attempt === 0);
    steps.push({ kind: 'create', spec: create, faults: planned });
    if (!planned.some(isFatal)) current = create;
  }

  const updates = random.below(4);
  for (let n = 0; n < updates; n++) {
    const kind: StepKind = current.api && random.chance(0.5) ? pick(API_STEPS)
      : current.storage.kind === 'imported' ? 'bucketSwap' : pick(STORAGE_STEPS);
    const spec: StackSpec = isApiStep(kind)
      ? { ...current, api: changedApi(kind, current.api!, random) }
      : { ...current, storage: changed(kind, current.storage, buckets, random) };
    const planned = faults.plan(operationsOf(kind, spec, current), true);
    steps.push({ kind, spec, before: current, faults: planned });
    if (!planned.some(isFatal)) current = spec;
  }

  // The console may unlink the storage first: the stack delete then finds it gone (and sends no unlink).
  const unlinkedOutside = random.chance(rates.unlinkedOutside);
  const destroyCalls = operationsOf('destroy', current, current).filter((operation) => !unlinkedOutside || operation !== 'DeleteBackendStorage');
  steps.push({ kind: 'destroy', spec: current, before: current, faults: destroyCalls.length ? faults.plan(destroyCalls, true) : [], unlinkedOutside });
  return { index, appId, environmentName, mode, buckets, steps, jobList: jobListOf(seed, index, mode), clone };
}

/** Share of lifecycles whose stack also declares a clone of their environment. */
const CLONE_SHARE = 0.35;

/** A clone's name, for some lifecycles; drawn from a stream of its own, so that the rest of a lifecycle is what the seed gave before clones. */
function cloneOf(seed: number, index: number, environmentName: string): string | undefined {
  const random = new SeededRandom(mix32(seed * 7_927 + index + 1));
  if (!random.chance(CLONE_SHARE)) return undefined;
  const others = CLONE_NAMES.filter((name) => name !== environmentName);
  return others[random.below(others.length)];
}

/**
 * Drawn from a stream of its own, so that the rest of a lifecycle is what the seed gave before job
 * lists varied: page sizes 10 to 100, each order in turn, up to 2,000 past jobs.
 */
function jobListOf(seed: number, index: number, mode: EnvironmentMode): JobListSpec {
  const random = new SeededRandom(mix32(seed * 7_919 + index + 1));
  return {
    history: mode === 'existing' ? random.below(MAX_HISTORY + 1) : 0,
    pageSize: 10 + random.below(91),
    order: JOB_ORDERS[index % JOB_ORDERS.length],
    cloneJobsUnder: random.chance(0.5) ? 'source' : 'target',
  };
}

/**
 * Drawn from a stream of its own, so that lifecycles without an API are what the seed gave before APIs: whether the
 * environment has one, and its first settings.
 */
function apiOf(seed: number, index: number): ApiSpec | undefined {
  const random = new SeededRandom(mix32(seed * 104_729 + index + 1));
  if (!random.chance(API_SHARE)) return undefined;
  return {
    resourceName: API_NAMES[random.below(API_NAMES.length)],
    schema: random.below(API_SCHEMAS.length),
    keyDescription: KEY_DESCRIPTIONS[random.below(KEY_DESCRIPTIONS.length)],
    iam: random.chance(0.5),
    conflictResolution: CONFLICT_RESOLUTIONS[random.below(CONFLICT_RESOLUTIONS.length)],
  };
}

/** The calls that start jobs in a step, in the order the handlers send them (the API is declared after storage;
 * a clone follows its source: made last, removed first). */
export function operationsOf(kind: StepKind, spec: StackSpec, before: StackSpec | undefined): MutatingOperation[] {
  const storageCreate: MutatingOperation = spec.storage.kind === 'imported' ? 'ImportBackendStorage' : 'CreateBackendStorage';
  // Every create or update of the API is followed by a generation of its models.
  const apiCreate: MutatingOperation[] = spec.api ? ['CreateBackendAPI', 'GenerateBackendAPIModels'] : [];
  const cloned = spec.clone !== undefined;
  switch (kind) {
    case 'create':
      return [...(spec.environment === 'existing' ? [] : ['CreateBackend' as const]), storageCreate, ...apiCreate, ...(cloned ? ['CloneBackend' as const] : [])];
    case 'permissions':
      return ['UpdateBackendStorage'];
    case 'rename':
    case 'bucketSwap':
      // One storage per environment: the old one is unlinked before the new one is created or imported.
      return ['DeleteBackendStorage', storageCreate];
    case 'apiSchema':
    case 'apiModes':
    case 'apiConflict':
      return ['UpdateBackendAPI', 'GenerateBackendAPIModels'];
    case 'destroy':
      // Deleted in the reverse order: the API first, the environment last.
      return [...(cloned ? ['DeleteBackend' as const] : []), ...(before?.api ? ['DeleteBackendAPI' as const] : []), 'DeleteBackendStorage', ...(before?.environment === 'owned' ? ['DeleteBackend' as const] : [])];
  }
}

/** The API after an API step: another schema, another mode setting (IAM added or removed, or the key's description), or conflict resolution. */
function changedApi(kind: ApiStepKind, api: ApiSpec, random: SeededRandom): ApiSpec {
  const other = <T>(values: readonly T[], not: T): T => {
    const choices = values.filter((value) => value !== not);
    return choices[random.below(choices.length)];
  };
  switch (kind) {
    case 'apiSchema':
      return { ...api, schema: other(API_SCHEMAS.map((_, index) => index), api.schema) };
    case 'apiModes':
      return random.chance(0.5) ? { ...api, iam: !api.iam } : { ...api, keyDescription: other(KEY_DESCRIPTIONS, api.keyDescription) };
    case 'apiConflict':
      return { ...api, conflictResolution: other(CONFLICT_RESOLUTIONS, api.conflictResolution) };
  }
}

/**
 * The calls that may change the lifecycle's own environment: those its declared resources send. A clone's calls change
 * the clone (CloneBackend's path names the source, its body the target it makes); the console's unlink is a storage call;
 * the API's calls are its declared API's.
 */
export function sourceOperations(lifecycle: Lifecycle): ReadonlySet<string> {
  const environment = lifecycle.mode === 'existing' ? [] : ['CreateBackend', ...lifecycle.mode === 'owned' ? ['DeleteBackend'] : []];
  const api = ['CreateBackendAPI', 'UpdateBackendAPI', 'DeleteBackendAPI', 'GenerateBackendAPIModels'];
  return new Set([...environment, 'CreateBackendStorage', 'UpdateBackendStorage', 'DeleteBackendStorage', 'ImportBackendStorage', ...api]);
}

function permissions(random: SeededRandom): Pick<CreatedStorageSpec, 'authenticated' | 'unauthenticated'> {
  const authenticated = PERMISSIONS.filter(() => random.chance(0.6));
  if (authenticated.length === 0) authenticated.push('READ');
  const unauthenticated = authenticated.filter((permission) => permission === 'READ' && random.chance(0.4));
  return { authenticated, unauthenticated };
}

function changed(kind: StepKind, storage: StorageSpec, buckets: readonly string[], random: SeededRandom): StorageSpec {
  const other = <T>(values: readonly T[], not: T): T => {
    const choices = values.filter((value) => value !== not);
    return choices[random.below(choices.length)];
  };
  if (storage.kind === 'imported') return { kind: 'imported', bucketName: other(buckets, storage.bucketName) };
  switch (kind) {
    case 'permissions': {
      let next = permissions(random);
      while (sameSet(next.authenticated, storage.authenticated) && sameSet(next.unauthenticated, storage.unauthenticated)) next = permissions(random);
      return { ...storage, ...next };
    }
    case 'rename':
      return { ...storage, resourceName: other(RESOURCE_NAMES, storage.resourceName) };
    default:
      // A new bucket needs a new resource name too: in place, the service cannot change the bucket.
      return { ...storage, resourceName: other(RESOURCE_NAMES, storage.resourceName), bucketPrefix: other(BUCKET_PREFIXES, storage.bucketPrefix) };
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}

/** Draws the faults of each step from the rates. */
class FaultPlanner {
  private failures = 0;

  constructor(private readonly random: SeededRandom, private readonly rates: FaultRates, private readonly index: number) {}

  plan(operations: MutatingOperation[], fatalAllowed: boolean): FaultSpec[] {
    const { random, rates } = this;
    const pick = <T>(values: readonly T[]): T => values[random.below(values.length)];
    const faults: FaultSpec[] = [];
    if (random.chance(rates.throttle)) faults.push({ kind: 'throttle', operation: pick([...operations, ...READS]), times: 2 + random.below(2) });
    if (random.chance(rates.timeoutBeforeEffect)) faults.push({ kind: 'timeoutBeforeEffect', operation: pick(operations) });
    if (random.chance(rates.timeoutAfterEffect)) faults.push({ kind: 'timeoutAfterEffect', operation: pick(operations) });
    if (random.chance(rates.externalJob)) {
      const durationMs = 20 + random.below(60);
      faults.push(random.chance(0.5) ? { kind: 'externalJob', durationMs } : { kind: 'externalJob', operation: pick(operations), durationMs });
    }
    if (random.chance(rates.handlerKilled)) faults.push({ kind: 'handlerKilled', when: random.chance(0.8) ? 'afterCall' : 'beforeStart' });
    const fatal = fatalAllowed ? this.fatal(operations) : undefined;
    if (fatal) faults.push(fatal);
    return faults;
  }

  private fatal(operations: MutatingOperation[]): FatalFault | undefined {
    const { random, rates } = this;
    const operation = operations[random.below(operations.length)];
    if (random.chance(rates.jobFails)) {
      // The service's text must not name the app: the handler's message has to.
      return { kind: 'jobFails', operation, error: `Quota exceeded (injected failure ${this.index}.${++this.failures})` };
    }
    if (random.chance(rates.jobNeverFinishes)) {
      return { kind: 'jobNeverFinishes', operation, endAs: random.chance(0.5) ? 'COMPLETED' : 'FAILED', endAfterMs: random.below(40) };
    }
    return undefined;
  }
}
