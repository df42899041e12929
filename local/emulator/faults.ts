import { isMutating, OperationName } from './operation-names';
import { SeededRandom } from './prng';

/**
 * Which calls a planned fault may hit: those of one app, or of one app's environment. Concurrent
 * tests on different apps then each get their own faults. Account-level calls (ListS3Buckets) have no
 * app, so only untargeted plans reach them.
 */
export interface FaultTarget {
  readonly appId: string;
  /** @default - every environment of the app */
  readonly backendEnvironmentName?: string;
}

/** The app and environment a call is about, as far as its path or body names them. */
export interface CallTarget {
  readonly appId?: string;
  readonly backendEnvironmentName?: string;
}

/** The kinds of fault the emulator injects. */
export const FAULT_KINDS = ['throttle', 'timeoutBeforeEffect', 'timeoutAfterEffect', 'jobFails', 'jobNeverFinishes', 'externalJob'] as const;

/**
 * What each fault does:
 * - `throttle`: a 429 TooManyRequestsException (counted per response).
 * - `timeoutBeforeEffect`: a 504 GatewayTimeoutException; the call did nothing.
 * - `timeoutAfterEffect`: a 504 GatewayTimeoutException; the call took effect (a job started), the answer is lost.
 * - `jobFails`: the job the call starts ends FAILED with an error text and no effect.
 * - `jobNeverFinishes`: the job the call starts stays in the running status forever.
 * - `externalJob`: a job someone else started (the console) is pending on the environment.
 */
export type FaultKind = typeof FAULT_KINDS[number];

/** How many faults of each kind were injected. */
export type FaultCounts = Record<FaultKind, number>;

/** A fault planned for the next calls of one operation (`times` of them, default 1). */
export type PlannedFault =
  | { readonly kind: 'throttle'; readonly times?: number; readonly limitType?: string }
  | { readonly kind: 'timeoutBeforeEffect' | 'timeoutAfterEffect'; readonly times?: number }
  | { readonly kind: 'jobFails'; readonly times?: number; readonly error?: string }
  | { readonly kind: 'jobNeverFinishes'; readonly times?: number }
  /** A job someone else started arrives with the call, just before it is served: the call meets a pending job. */
  | { readonly kind: 'externalJob'; readonly times?: number; readonly durationMs?: number };

/** Random faults, replayable from the seed. */
export interface RandomFaultOptions {
  readonly seed: number;
  /** Per call (per started job for the job kinds), the chance of each kind; a `throttle` hit starts a burst. */
  readonly probabilities: Partial<Record<FaultKind, number>>;
  /**
   * Length of a 429 burst: consecutive 429s on the operation.
   * @default 3
   */
  readonly throttleBurst?: number;
  /**
   * Duration of a random external job; Infinity for one that never finishes.
   * @default - the global job duration
   */
  readonly externalJobDurationMs?: number;
  /**
   * The operations random faults hit.
   * @default - all
   */
  readonly operations?: readonly OperationName[];
}

/** What happens to a call around its handler. */
export type CallFault =
  | { readonly kind: 'throttle'; readonly limitType: string }
  | { readonly kind: 'timeoutBeforeEffect' | 'timeoutAfterEffect' }
  | { readonly kind: 'externalJob'; readonly durationMs?: number };

/** How a started job ends: as the emulator would have it, FAILED, or never. */
export type JobFate =
  | { readonly kind: 'normal' }
  | { readonly kind: 'jobFails'; readonly error: string }
  | { readonly kind: 'jobNeverFinishes' };

const DEFAULT_LIMIT_TYPE = 'Requests';
const DEFAULT_JOB_ERROR = 'Injected fault: the deployment of the backend environment failed.';

interface Planned<T> {
  readonly fault: T;
  readonly target?: FaultTarget;
  remaining: number;
}

/**
 * Decides the faults of each call: planned ones first (per operation, in order), then random
 * ones from the seeded generator. Every decision is counted by kind.
 */
export class FaultInjector {
  private readonly callPlans = new Map<OperationName, Planned<CallFault>[]>();
  private readonly jobPlans = new Map<OperationName, Planned<JobFate>[]>();
  private readonly counts = zeroCounts();
  private readonly countsByApp = new Map<string, FaultCounts>();
  private readonly random?: { readonly generator: SeededRandom; readonly options: RandomFaultOptions };

  constructor(options?: RandomFaultOptions) {
    this.random = options && { generator: new SeededRandom(options.seed), options };
  }

  /**
   * Plans a fault for the next calls (or, for job fates, the next started jobs) of the operation,
   * of any app or only of `target`'s.
   */
  plan(operation: OperationName, fault: PlannedFault, target?: FaultTarget): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error(`Fault times must be a positive integer, got ${times}.`);
    if (fault.kind === 'jobFails' || fault.kind === 'jobNeverFinishes' || fault.kind === 'externalJob') {
      if (!isMutating(operation)) throw new Error(`${operation} starts no job, so it cannot get the fault ${fault.kind}.`);
    }
    if (fault.kind === 'jobFails' || fault.kind === 'jobNeverFinishes') {
      const fate: JobFate = fault.kind === 'jobFails' ? { kind: 'jobFails', error: fault.error ?? DEFAULT_JOB_ERROR } : { kind: fault.kind };
      enqueue(this.jobPlans, operation, fate, times, target);
    } else {
      const callFault: CallFault = fault.kind === 'throttle' ? { kind: 'throttle', limitType: fault.limitType ?? DEFAULT_LIMIT_TYPE }
        : fault.kind === 'externalJob' ? { kind: 'externalJob', durationMs: fault.durationMs }
          : { kind: fault.kind };
      enqueue(this.callPlans, operation, callFault, times, target);
    }
  }

  /**
   * The fault for a call that just arrived, if any. `externalJob` only when one could start: a planned
   * one waits for a call that finds the environment idle.
   */
  onCall(operation: OperationName, externalJobPossible: boolean, target: CallTarget = {}): CallFault | undefined {
    const fault = dequeue(this.callPlans, operation, target, (planned) => planned.kind !== 'externalJob' || externalJobPossible)
      ?? this.randomCallFault(operation, externalJobPossible);
    if (fault) this.count(fault.kind, target.appId);
    return fault;
  }

  /** How the job a call is starting ends. */
  jobFate(operation: OperationName, target: CallTarget = {}): JobFate {
    const fate = dequeue(this.jobPlans, operation, target) ?? this.randomJobFate(operation) ?? { kind: 'normal' };
    if (fate.kind !== 'normal') this.count(fate.kind, target.appId);
    return fate;
  }

  /** Counts a fault injected from outside the call path (an explicitly started external job). */
  count(kind: FaultKind, appId?: string): void {
    this.counts[kind] += 1;
    if (appId === undefined) return;
    const counts = this.countsByApp.get(appId) ?? zeroCounts();
    counts[kind] += 1;
    this.countsByApp.set(appId, counts);
  }

  /** The counts so far, of every app or of one. */
  countsByKind(appId?: string): FaultCounts {
    return { ...(appId === undefined ? this.counts : this.countsByApp.get(appId) ?? zeroCounts()) };
  }

  /** Drops the planned faults of an app that no call has taken yet; returns how many uses were left. */
  discard(appId: string): number {
    let dropped = 0;
    for (const plans of [this.callPlans, this.jobPlans] as Array<Map<OperationName, Planned<unknown>[]>>) {
      for (const [operation, queue] of plans) {
        dropped += queue.filter((planned) => planned.target?.appId === appId).reduce((sum, planned) => sum + planned.remaining, 0);
        plans.set(operation, queue.filter((planned) => planned.target?.appId !== appId));
      }
    }
    return dropped;
  }

  /** Draws the same number of values on every call, so the sequence depends only on the calls made. */
  private randomCallFault(operation: OperationName, externalJobPossible: boolean): CallFault | undefined {
    if (!this.random || !this.hits(operation)) return undefined;
    const { options } = this.random;
    const [throttle, before, after, external] = this.draw('throttle', 'timeoutBeforeEffect', 'timeoutAfterEffect', 'externalJob');
    if (throttle) {
      const fault: CallFault = { kind: 'throttle', limitType: DEFAULT_LIMIT_TYPE };
      const burst = options.throttleBurst ?? 3;
      if (burst > 1) enqueue(this.callPlans, operation, fault, burst - 1);
      return fault;
    }
    if (before) return { kind: 'timeoutBeforeEffect' };
    if (after) return { kind: 'timeoutAfterEffect' };
    if (external && externalJobPossible) return { kind: 'externalJob', durationMs: options.externalJobDurationMs };
    return undefined;
  }

  private randomJobFate(operation: OperationName): JobFate | undefined {
    if (!this.random || !this.hits(operation)) return undefined;
    const [fails, neverFinishes] = this.draw('jobFails', 'jobNeverFinishes');
    if (fails) return { kind: 'jobFails', error: DEFAULT_JOB_ERROR };
    if (neverFinishes) return { kind: 'jobNeverFinishes' };
    return undefined;
  }

  private hits(operation: OperationName): boolean {
    return this.random?.options.operations?.includes(operation) ?? true;
  }

  private draw(...kinds: FaultKind[]): boolean[] {
    const random = this.random;
    return kinds.map((kind) => random !== undefined && random.generator.chance(random.options.probabilities[kind] ?? 0));
  }
}

function zeroCounts(): FaultCounts {
  return Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as FaultCounts;
}

function enqueue<T>(plans: Map<OperationName, Planned<T>[]>, operation: OperationName, fault: T, times: number, target?: FaultTarget): void {
  const queue = plans.get(operation) ?? [];
  queue.push({ fault, target, remaining: times });
  plans.set(operation, queue);
}

/** Takes one use of the oldest plan of the operation that the call's target matches (and `usable` accepts). */
function dequeue<T>(
  plans: Map<OperationName, Planned<T>[]>, operation: OperationName, target: CallTarget = {}, usable: (fault: T) => boolean = () => true,
): T | undefined {
  const queue = plans.get(operation);
  const index = queue?.findIndex((planned) => matches(planned.target, target) && usable(planned.fault)) ?? -1;
  if (!queue || index < 0) return undefined;
  const planned = queue[index];
  planned.remaining -= 1;
  if (planned.remaining === 0) queue.splice(index, 1);
  return planned.fault;
}

function matches(planned: FaultTarget | undefined, call: CallTarget): boolean {
  if (!planned) return true;
  if (planned.appId !== call.appId) return false;
  return planned.backendEnvironmentName === undefined || planned.backendEnvironmentName === call.backendEnvironmentName;
}
