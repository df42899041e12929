import { randomUUID } from 'node:crypto';
import { ApiError } from './errors';
import { hash32 } from './prng';

/** The app and environment a call or job is about. */
export interface Target {
  readonly appId: string;
  readonly backendEnvironmentName: string;
}

/** How a job ends once its time is up: apply the effect, or fail with an error text. */
export type JobOutcome =
  | { readonly kind: 'apply'; readonly effect: () => void }
  | { readonly kind: 'fail'; readonly error: string };

/** What it takes to start a job. */
export interface JobSpec extends Target {
  readonly operation: string;
  readonly now: number;
  /** Infinity for a job that never finishes. */
  readonly durationMs: number;
  readonly runningStatus: string;
  readonly outcome: JobOutcome;
  /** Started by someone else (the console), not by a call to the emulator. */
  readonly external: boolean;
}

/** A job as the service reports it, plus the emulator's bookkeeping. */
export interface Job extends Target {
  readonly jobId: string;
  operation: string;
  status: string;
  error?: string;
  readonly createTime: number;
  updateTime: number;
  endsAt: number;
  outcome: JobOutcome;
  readonly external: boolean;
  settled: boolean;
}

/** The statuses a job ends in. */
export const COMPLETED = 'COMPLETED';
export const FAILED = 'FAILED';

/**
 * One environment's jobs: in creation order (oldest first), their positions by id, the ones still
 * pending, and, once a listing asks for it, the `unordered` listing order. Lookups by id and the
 * pending job cost the same however long the history is.
 */
export class EnvironmentJobs {
  private readonly jobs: Job[] = [];
  private readonly positions = new Map<string, number>();
  private scrambledOrder?: ScrambledOrder;
  /** At most one by the service's rule; a Set so that settling removes a job in O(1). */
  readonly pending = new Set<Job>();

  /** `orderSeed` seeds the hash of the `unordered` listing order. */
  constructor(private readonly orderSeed: number) {}

  /** Appends a job (the newest). */
  add(job: Job): void {
    this.positions.set(job.jobId, this.jobs.length);
    this.jobs.push(job);
    if (!job.settled) this.pending.add(job);
    this.scrambledOrder?.insert(job);
  }

  /** How many jobs the environment has had. */
  get size(): number {
    return this.jobs.length;
  }

  /** The job at a position in creation order (0 is the oldest). */
  at(position: number): Job {
    return this.jobs[position];
  }

  /** The position of a job in creation order, if the environment has it. */
  positionOf(jobId: string): number | undefined {
    return this.positions.get(jobId);
  }

  /** The job with this id, if the environment has it. */
  find(jobId: string): Job | undefined {
    const position = this.positions.get(jobId);
    return position === undefined ? undefined : this.jobs[position];
  }

  /** The jobs ordered by a seeded hash of their id; built on first use, then kept up to date. */
  scrambled(): ScrambledOrder {
    this.scrambledOrder ??= new ScrambledOrder(this.orderSeed, this.jobs);
    return this.scrambledOrder;
  }
}

/**
 * Jobs ordered by a seeded hash of their id (ties by id): stable, unrelated to time, and a new job
 * lands wherever its hash puts it. Finding a job's rank is a binary search; adding one moves the
 * jobs after it (O(n) of one environment, a memory move).
 */
export class ScrambledOrder {
  private readonly keys: number[] = [];
  private readonly jobs: Job[] = [];

  constructor(private readonly seed: number, jobs: readonly Job[]) {
    const keyed = jobs.map((job) => ({ key: hash32(job.jobId, seed), job }));
    keyed.sort((a, b) => compareKeys(a.key, a.job.jobId, b.key, b.job.jobId));
    for (const { key, job } of keyed) {
      this.keys.push(key);
      this.jobs.push(job);
    }
  }

  get size(): number {
    return this.jobs.length;
  }

  at(rank: number): Job {
    return this.jobs[rank];
  }

  rankOf(jobId: string): number | undefined {
    const rank = this.firstRankNotBefore(hash32(jobId, this.seed), jobId);
    return this.jobs[rank]?.jobId === jobId ? rank : undefined;
  }

  insert(job: Job): void {
    const key = hash32(job.jobId, this.seed);
    const rank = this.firstRankNotBefore(key, job.jobId);
    this.keys.splice(rank, 0, key);
    this.jobs.splice(rank, 0, job);
  }

  private firstRankNotBefore(key: number, jobId: string): number {
    let low = 0;
    let high = this.jobs.length;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (compareKeys(this.keys[middle], this.jobs[middle].jobId, key, jobId) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function compareKeys(keyA: number, idA: string, keyB: number, idB: string): number {
  if (keyA !== keyB) return keyA - keyB;
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}

/**
 * Every job ever started. Jobs settle lazily: `settle(now)` ends every job whose time is up, in
 * order of end time, so there are no timers and a test clock decides what has happened.
 */
export class JobBook {
  private readonly jobs: Job[] = [];
  /**
   * The same jobs by app, by app and environment, and the ones not yet settled: many apps with long
   * histories must not make each request slower.
   */
  private readonly byApp = new Map<string, Job[]>();
  private readonly byEnvironment = new Map<string, Map<string, EnvironmentJobs>>();
  private readonly unsettled = new Set<Job>();

  /** `orderSeed` seeds the hash of the `unordered` listing order. */
  constructor(private readonly orderSeed: number) {}

  /** Starts a job; it reports the running status until it settles. */
  start(spec: JobSpec): Job {
    const job: Job = {
      jobId: randomUUID(),
      appId: spec.appId,
      backendEnvironmentName: spec.backendEnvironmentName,
      operation: spec.operation,
      status: spec.runningStatus,
      createTime: spec.now,
      updateTime: spec.now,
      endsAt: spec.now + spec.durationMs,
      outcome: spec.outcome,
      external: spec.external,
      settled: false,
    };
    this.add(job);
    return job;
  }

  /** Records jobs that ended before the emulator started (seeded history), oldest first. */
  addPast(jobs: readonly Job[]): void {
    for (const job of jobs) {
      if (!job.settled) throw new Error(`Past job ${job.jobId} must be settled.`);
      this.add(job);
    }
  }

  /** Ends every job whose end time has passed: COMPLETED with its effect applied, or FAILED. */
  settle(now: number): void {
    const due = [...this.unsettled].filter((job) => job.endsAt <= now);
    due.sort((a, b) => a.endsAt - b.endsAt);
    for (const job of due) {
      job.settled = true;
      this.unsettled.delete(job);
      this.environment(job)?.pending.delete(job);
      job.updateTime = job.endsAt;
      const error = job.outcome.kind === 'fail' ? job.outcome.error : applyEffect(job.outcome.effect);
      job.status = error === undefined ? COMPLETED : FAILED;
      job.error = error;
    }
  }

  /**
   * Gives every never-finishing job still running on the environment an end at `now`: COMPLETED with
   * its effect, or FAILED with `error` when one is given. Returns the jobs changed.
   */
  endNeverFinishing(target: Target, now: number, error?: string): Job[] {
    const stuck = [...this.environment(target)?.pending ?? []].filter((job) => job.endsAt === Infinity);
    for (const job of stuck) {
      job.endsAt = now;
      if (error !== undefined) job.outcome = { kind: 'fail', error };
    }
    return stuck;
  }

  /** The job still running on the environment, if any (at most one, by the service's rule). */
  pendingOn(target: Target): Job | undefined {
    const pending = this.environment(target)?.pending;
    return pending && pending.size > 0 ? pending.values().next().value : undefined;
  }

  /** The jobs still running, of every app or of one. */
  pending(appId?: string): Job[] {
    return [...this.unsettled].filter((job) => appId === undefined || job.appId === appId);
  }

  /** The job with this id on the environment, if any. */
  find(target: Target, jobId: string): Job | undefined {
    return this.environment(target)?.find(jobId);
  }

  /** The environment's jobs, or undefined if it never had any. */
  environment(target: Target): EnvironmentJobs | undefined {
    return this.byEnvironment.get(target.appId)?.get(target.backendEnvironmentName);
  }

  /** Every job, oldest first, for inspection. */
  all(): readonly Job[] {
    return this.jobs;
  }

  /** One app's jobs, oldest first. */
  ofApp(appId: string): readonly Job[] {
    return this.byApp.get(appId) ?? [];
  }

  private add(job: Job): void {
    this.jobs.push(job);
    if (!job.settled) this.unsettled.add(job);
    let appJobs = this.byApp.get(job.appId);
    if (!appJobs) {
      appJobs = [];
      this.byApp.set(job.appId, appJobs);
    }
    appJobs.push(job);
    let environments = this.byEnvironment.get(job.appId);
    if (!environments) {
      environments = new Map();
      this.byEnvironment.set(job.appId, environments);
    }
    let environment = environments.get(job.backendEnvironmentName);
    if (!environment) {
      environment = new EnvironmentJobs(this.orderSeed);
      environments.set(job.backendEnvironmentName, environment);
    }
    environment.add(job);
  }
}

/** Runs a job's effect; a rule it breaks (the state moved on) fails the job with that message. */
function applyEffect(effect: () => void): string | undefined {
  try {
    effect();
    return undefined;
  } catch (error) {
    if (error instanceof ApiError) return error.message;
    throw error;
  }
}
