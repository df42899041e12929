import type { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { classifyError, serviceText } from './errors';
import { IsCompleteRequest, IsCompleteResponse, OnEventResponse, ResourceRequest, WAIT_STATE_KEY, WaitState } from './events';
import { deploymentFailure } from './failure';
import { describeJob, Environment, isFinished, Job, readJob } from './jobs';
import { logDecision } from './log';
import { InputError } from './properties';
import { isUnknown, RequestJobs, RUNNING_PAGES } from './request-jobs';

/** A mutating AmplifyBackend call: each one starts a job and answers with its id. */
export interface JobCall {
  /** The operation name, for logs and tests (class names do not survive minification). */
  readonly operation: string;
  /** The command input, so decisions can be asserted without sending anything. */
  readonly input: object;
  /**
   * The environments whose job lists may hold this call's job, when that is not only the plan's environment: the
   * service documents no environment for a CloneBackend job (its path names the source, its body the target).
   */
  readonly listedUnder?: readonly Environment[];
  readonly send: (client: AmplifyBackendClient) => Promise<StartedJob>;
}

/** What the service answers a mutating call with: the job it started, that job's status then, and the environment it names. */
export interface StartedJob {
  readonly jobId?: string;
  readonly status?: string;
  /** The environment the answer names the job under (GetBackendJob reads it there). */
  readonly environmentName?: string;
}

/** Builds a JobCall from an SDK command class and its input. */
export function jobCall<I extends object>(
  operation: string, Command: new (input: I) => object, input: I, listedUnder?: readonly Environment[],
): JobCall {
  type AnyCommand = Parameters<AmplifyBackendClient['send']>[0];
  return {
    operation,
    input,
    listedUnder,
    send: async (client) => {
      const response = (await client.send(new Command(input) as AnyCommand)) as { JobId?: string; Status?: string; BackendEnvironmentName?: string };
      return { jobId: response.JobId, status: response.Status, environmentName: response.BackendEnvironmentName };
    },
  };
}

/** Another environment whose running jobs hold a plan up: all of them, or those of one operation. */
export interface JobWatch {
  readonly environment: Environment;
  readonly operation?: string;
  /** What the environment is to the plan, for the wait's reason, e.g. `the source`. */
  readonly role: string;
}

/** The next step towards a plan, as a resource kind decides it from what it observed. */
export type Next =
  /** The plan holds: report these attributes (and the final physical id where only now known). */
  | { readonly kind: 'done'; readonly data: Record<string, string>; readonly physicalResourceId?: string }
  /** Send this mutating call once the environment has no pending job (onEvent reports `physicalResourceId` if given). */
  | { readonly kind: 'call'; readonly call: JobCall; readonly physicalResourceId?: string }
  /** The plan cannot be reached (a conflict, or a change the service cannot make); nothing is started. */
  | { readonly kind: 'refuse'; readonly reason: string };

/**
 * One resource type's story for the reconciler. `plan` and `decide` are pure; `observe` only reads.
 * A plan is what the request wants: what must exist, in what state, and what must be gone.
 */
export interface ResourceKind<Plan, Observed> {
  /** Reads the request into a plan; throws InputError for properties the service would refuse. */
  plan(request: ResourceRequest): Plan;
  /** The physical id onEvent reports for this plan. */
  physicalResourceId(plan: Plan): string;
  /** The environment whose job queue the plan uses; undefined when there is nothing to do. */
  environment(plan: Plan): Environment | undefined;
  /** Names the resource, app and environment, e.g. `storage "photos" (app d1, environment dev)`. */
  describe(plan: Plan): string;
  /**
   * Reads the state the decision needs; the first look may read more (a pre-check before anything
   * starts). A poll passes the request's jobs, for a kind whose state does not show everything it sent.
   */
  observe(client: AmplifyBackendClient, plan: Plan, firstLook: boolean, jobs?: RequestJobs): Promise<Observed>;
  /** The next step. `firstLook`: nothing has been started for this request yet (onEvent). */
  decide(plan: Plan, observed: Observed, firstLook: boolean): Next;
  /** Other environments whose running jobs hold the plan up (a clone waits while its source runs a job). */
  waitsFor?(plan: Plan): readonly JobWatch[];
  /** What the request asks for that the handler leaves undone, and why: logged with every decision, shown by `local diff`. */
  note?(plan: Plan): string | undefined;
}

/** What the handler needs from its surroundings; tests replace the clock and the settings. */
export interface Runtime {
  /** Reads, with the SDK's retries. */
  readonly client: AmplifyBackendClient;
  /** Calls that start jobs, sent once each (see lambda/client.ts). */
  readonly jobClient: AmplifyBackendClient;
  readonly now: () => number;
  /** The provider's total timeout: isComplete gives up with a clear message just before it. */
  readonly totalTimeoutMs: number;
  /** The provider's query interval. */
  readonly queryIntervalMs: number;
  /** Waits; tests make it instant. */
  readonly sleep: (ms: number) => Promise<void>;
  /** Time left before the invocation's timeout (Lambda's `getRemainingTimeInMillis`). */
  readonly timeLeftMs: () => number;
}

/**
 * Time kept back from the function's timeout whenever a pause or one more page is considered: one read's
 * worst case (the SDK's three tries of up to 20 s each), so an invocation always ends on its own.
 */
export const SPARE_MS = 65_000;
/** The longest pause after starting a job, whatever the query interval (up to 5 minutes). */
export const MAX_PAUSE_MS = 10_000;

/** Whether the invocation can pause `ms` and still keep SPARE_MS. */
function hasTimeFor(runtime: Runtime, ms: number): boolean {
  return runtime.timeLeftMs() - ms > SPARE_MS;
}

/** A pause shortened to what the invocation can spare. */
function pauseWithin(runtime: Runtime, ms: number): number {
  return Math.max(0, Math.min(ms, MAX_PAUSE_MS, runtime.timeLeftMs() - SPARE_MS));
}

type Outcome =
  | {
    readonly kind: 'wait';
    readonly reason: string;
    readonly jobId?: string;
    readonly jobStatus?: string;
    readonly physicalResourceId?: string;
    /** Waiting because a call failed transiently (throttling, 5xx, network): the state was not read. */
    readonly transient?: boolean;
    /** The job this poll started has already COMPLETED: the poll takes the next step at once. */
    readonly jobCompleted?: boolean;
  }
  | { readonly kind: 'done'; readonly data: Record<string, string>; readonly physicalResourceId?: string }
  | { readonly kind: 'fail'; readonly reason: string };

/**
 * onEvent: reads the request and looks at the state before anything is started, deciding conflicts
 * and adoption on it. It only reads: the first call that starts a job is sent by isComplete, which the
 * framework runs at once. So an onEvent run again after its container died (Lambda retries it) finds
 * nothing of its own making, and throwing, which on Create leaves CloudFormation a marker id whose
 * rollback Delete never reaches the handler, never leaves anything behind.
 */
export async function onEvent<P, O>(kind: ResourceKind<P, O>, request: ResourceRequest, runtime: Runtime): Promise<OnEventResponse> {
  const startedAt = runtime.now();
  const plan = planOf(kind, request);
  // A Delete decides nothing on a first look (no conflict, no adoption): it reads nothing here, so that
  // throttling or 5xx at this moment cannot fail it; isComplete reads and retries until the deadline.
  const outcome: Outcome = request.RequestType === 'Delete'
    ? { kind: 'wait', reason: 'the delete starts at the first poll' }
    : await firstLook(kind, plan, runtime);
  log(request, 'onEvent', outcome, kind.note?.(plan));
  if (outcome.kind === 'fail') throw deploymentFailure(failureOf(kind, plan, outcome.reason));
  const physicalResourceId = request.RequestType === 'Delete'
    ? request.PhysicalResourceId!
    : outcome.physicalResourceId || kind.physicalResourceId(plan);
  return { PhysicalResourceId: physicalResourceId, [WAIT_STATE_KEY]: { startedAt } };
}

/**
 * isComplete: called at once after onEvent and then every query interval with the same event. It
 * keeps no memory: each call reads the jobs and the resource and takes the next step. Throttling,
 * 5xx and network errors mean "not complete yet"; a failed job or a refusal fails the deployment.
 */
export async function isComplete<P, O>(kind: ResourceKind<P, O>, request: IsCompleteRequest, runtime: Runtime): Promise<IsCompleteResponse> {
  const plan = planOf(kind, request);
  const wait = request[WAIT_STATE_KEY];
  const note = kind.note?.(plan);
  let outcome = await step(kind, plan, wait, runtime);
  if (outcome.kind === 'wait' && outcome.jobCompleted) {
    log(request, 'isComplete', outcome, note);
    outcome = await step(kind, plan, wait, runtime);
  }
  log(request, 'isComplete', outcome, note);
  switch (outcome.kind) {
    case 'done':
      // An absent key, not an undefined one: the framework spreads this over the event.
      return outcome.physicalResourceId === undefined
        ? { IsComplete: true, Data: outcome.data }
        : { IsComplete: true, Data: outcome.data, PhysicalResourceId: outcome.physicalResourceId };
    case 'fail':
      throw deploymentFailure(failureOf(kind, plan, outcome.reason));
    case 'wait': {
      const now = runtime.now();
      // A poll at the deadline that could not read the state looks once more (the framework allows two
      // intervals after the deadline) rather than give up on a job that may have ended.
      const giveUpAt = deadline(wait.startedAt, runtime) + (outcome.transient ? runtime.queryIntervalMs : 0);
      if (now >= giveUpAt) {
        throw deploymentFailure(failureOf(kind, plan, `gave up after ${duration(now - wait.startedAt)}, still ${outcome.reason}`));
      }
      return { IsComplete: false };
    }
  }
}

/**
 * What onEvent decides first for a plan, from the state it reads (reads only): refuse it, start a call, or
 * nothing to do. The handler acts on it; `local diff` and `preview` predict with it what a deployment does.
 */
export async function firstDecision<P, O>(kind: ResourceKind<P, O>, plan: P, client: AmplifyBackendClient): Promise<Next> {
  if (!kind.environment(plan)) return { kind: 'done', data: {} };
  return kind.decide(plan, await kind.observe(client, plan, true), true);
}

/**
 * onEvent's look: conflicts and adoption are decided on the state before anything starts, even while a
 * job runs. It stops there: the framework runs isComplete at once, which reads the jobs and acts.
 */
async function firstLook<P, O>(kind: ResourceKind<P, O>, plan: P, runtime: Runtime): Promise<Outcome> {
  if (!kind.environment(plan)) return { kind: 'done', data: {} };
  try {
    const first = await patiently(runtime, () => firstDecision(kind, plan, runtime.client));
    if (first.kind === 'refuse') return { kind: 'fail', reason: first.reason };
    const reason = first.kind === 'call' ? `${first.call.operation} starts at the first poll` : 'nothing to change: the first poll confirms it';
    return { kind: 'wait', reason, physicalResourceId: first.physicalResourceId };
  } catch (error) {
    return outcomeOfError(error, undefined);
  }
}

/**
 * One poll: reads the running jobs, then (once the environment is idle) the state, and takes the next
 * step. Its reads do not depend on the environment's job history (see RequestJobs).
 */
async function step<P, O>(kind: ResourceKind<P, O>, plan: P, wait: WaitState, runtime: Runtime): Promise<Outcome> {
  const env = kind.environment(plan);
  if (!env) return { kind: 'done', data: {} };
  const { client } = runtime;
  // The id a decision asks to report (a new import's provisional one, say), kept when the poll goes on to wait.
  let physicalResourceId: string | undefined;
  try {
    if (wait.jobId) {
      // Earlier releases started the first job in onEvent and passed its id here: a request in flight
      // while the provider is updated still carries one.
      const job = await readJob(client, env, wait.jobId);
      if (!isFinished(job)) return { kind: 'wait', reason: `waiting: ${describeJob(job)}`, jobId: job.jobId };
      if (job.status === 'FAILED') return { kind: 'fail', reason: jobFailure(job) };
    }
    const options = { firstPoll: runtime.now() - wait.startedAt < runtime.queryIntervalMs, mayGoOn: () => hasTimeFor(runtime, 0) };
    const jobsByEnvironment = new Map<string, RequestJobs>();
    const jobsIn = (where: Environment): RequestJobs => {
      const key = `${where.appId}/${where.environmentName}`;
      if (!jobsByEnvironment.has(key)) jobsByEnvironment.set(key, new RequestJobs(client, where, wait.startedAt, options));
      return jobsByEnvironment.get(key)!;
    };
    const jobs = jobsIn(env);
    // Act, or call it done, only on a state read once the environment was seen idle: a job still running
    // (ours from an earlier poll, the one a rolled back update gave up on, the console's) may change it yet.
    // So the jobs come first: while one runs, a poll costs one call (and one per environment the plan waits for).
    const running = await jobs.running();
    if (!running.complete) return { kind: 'wait', reason: `waiting: more than ${RUNNING_PAGES} pages of RUNNING jobs are listed` };
    const young = running.jobs.filter((job) => !isStuck(job, runtime));
    if (young.length > 0) return { kind: 'wait', reason: `waiting: ${describeJob(young[0])}` };
    for (const watch of kind.waitsFor?.(plan) ?? []) {
      const theirs = await jobsIn(watch.environment).running(watch.operation);
      const where = `in environment "${watch.environment.environmentName}" (${watch.role})`;
      if (!theirs.complete) return { kind: 'wait', reason: `waiting: more than ${RUNNING_PAGES} pages of RUNNING jobs are listed ${where}` };
      const busy = theirs.jobs.filter((job) => !isStuck(job, runtime));
      if (busy.length > 0) return { kind: 'wait', reason: `waiting: ${describeJob(busy[0])} ${where}` };
    }
    const next = kind.decide(plan, await kind.observe(client, plan, false, jobs), false);
    if (next.kind === 'refuse') return { kind: 'fail', reason: next.reason };
    if (next.kind === 'done') return next;
    physicalResourceId = next.physicalResourceId;
    const holding = await jobs.holdingUp(running.jobs);
    if (holding.length > 0) return { kind: 'wait', reason: `waiting: ${describeJob(holding[0])}`, physicalResourceId };
    // A job of the call about to be sent that failed since this request started is this request's own.
    for (const where of next.call.listedUnder ?? [env]) {
      const failed = await jobsIn(where).latest(next.call.operation, 'FAILED');
      if (isUnknown(failed)) return { kind: 'fail', reason: `${failed.unknown}; nothing was started` };
      if (failed) return { kind: 'fail', reason: jobFailure(failed) };
    }
    const started = await next.call.send(runtime.jobClient);
    const jobEnvironment = started.environmentName ? { appId: env.appId, environmentName: started.environmentName } : env;
    return await follow(runtime, jobEnvironment, next.call.operation, started, physicalResourceId);
  } catch (error) {
    return outcomeOfError(error, physicalResourceId);
  }
}

/**
 * After starting a job, the poll that started it is the one that knows its id: it pauses an interval and
 * a half and reads that job with GetBackendJob, which tells a job that failed, in whatever status the
 * service reports, or that completed (then the poll takes the next step at once). The read stands in for
 * the poll that would have come an interval after the start, and the half puts later polls out of phase
 * with the job, so that a job lasting a whole number of intervals is not found running a moment before
 * its end. The pause is at most MAX_PAUSE_MS, whatever the interval, and keeps SPARE_MS.
 */
async function follow(
  runtime: Runtime, env: Environment, operation: string, started: StartedJob, physicalResourceId: string | undefined,
): Promise<Outcome> {
  const waiting = { kind: 'wait', reason: `started ${operation}`, jobId: started.jobId, jobStatus: started.status, physicalResourceId } as const;
  if (!started.jobId) return waiting;
  await runtime.sleep(pauseWithin(runtime, 1.5 * runtime.queryIntervalMs));
  try {
    const job = await readJob(runtime.client, env, started.jobId);
    if (job.status === 'FAILED') return { kind: 'fail', reason: jobFailure(job) };
    return { ...waiting, jobCompleted: job.status === 'COMPLETED' };
  } catch {
    // The job was started: later polls find it in the job list, whatever kept this read from it.
    return waiting;
  }
}

/** Throttling, 5xx, network errors and the service's "pending job" mean try again at the next poll; anything else fails. */
function outcomeOfError(error: unknown, physicalResourceId: string | undefined): Outcome {
  switch (classifyError(error)) {
    case 'transient':
      return { kind: 'wait', reason: `retrying after ${serviceText(error)}`, physicalResourceId, transient: true };
    case 'pending-job':
    case 'already-exists':
      return { kind: 'wait', reason: `retrying after ${serviceText(error)}`, physicalResourceId };
    default:
      return { kind: 'fail', reason: serviceText(error) };
  }
}

/**
 * Pauses between tries of the first look, in query intervals, each at most FIRST_LOOK_MAX_PAUSE_MS: with the
 * default 3 s interval 0.6, 1.2, 2.4, 4.8 s and then 8 s, up to FIRST_LOOK_TRIES tries, as long as the
 * invocation keeps SPARE_MS (about 50 s of pauses in a 2-minute handler).
 */
const FIRST_LOOK_TRIES = 12;
const FIRST_LOOK_MAX_PAUSE_MS = 8_000;

/**
 * The first look decides conflicts and adoption, so it must happen before anything is started. It is
 * tried again through throttling and 5xx while the invocation has time; if it still cannot be read,
 * onEvent fails having started nothing, rather than act on a guess.
 */
async function patiently<T>(runtime: Runtime, read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; attempt < FIRST_LOOK_TRIES; attempt++) {
    const ms = Math.min(0.1 * 2 ** Math.min(attempt, 5) * runtime.queryIntervalMs, FIRST_LOOK_MAX_PAUSE_MS);
    if (!hasTimeFor(runtime, ms)) break;
    try {
      return await read();
    } catch (error) {
      if (classifyError(error) !== 'transient') throw error;
      await runtime.sleep(ms);
    }
  }
  try {
    return await read();
  } catch (error) {
    if (classifyError(error) !== 'transient') throw error;
    throw new Error(`could not read the current state before starting (${serviceText(error)}); nothing was started, deploy again`);
  }
}

function planOf<P, O>(kind: ResourceKind<P, O>, request: ResourceRequest): P {
  try {
    return kind.plan(request);
  } catch (error) {
    if (error instanceof InputError) throw new Error(`${request.ResourceType} ${request.LogicalResourceId}: ${error.message}`);
    throw error;
  }
}

/** isComplete gives up two query intervals before the framework would time out without a reason. */
function deadline(startedAt: number, runtime: Runtime): number {
  return startedAt + runtime.totalTimeoutMs - 2 * runtime.queryIntervalMs;
}

/** A job older than the total timeout will not finish while this deployment waits. */
function isStuck(job: Job, runtime: Runtime): boolean {
  return job.createTime !== undefined && runtime.now() - job.createTime > runtime.totalTimeoutMs;
}

function duration(ms: number): string {
  return ms < 120_000 ? `${Math.round(ms / 1000)} seconds` : `${Math.round(ms / 60_000)} minutes`;
}

function jobFailure(job: Job): string {
  return `${job.operation || 'the'} job ${job.jobId} FAILED: ${job.error ?? '(the service gave no reason)'}`;
}

/** A failure's reason as the deployment shows it: the resource, its app and environment, then why. */
export function failureOf<P, O>(kind: ResourceKind<P, O>, plan: P, reason: string): string {
  const subject = kind.describe(plan);
  return `${subject.charAt(0).toUpperCase()}${subject.slice(1)}: ${reason}`;
}

function log(request: ResourceRequest, phase: string, outcome: Outcome, note: string | undefined): void {
  logDecision({
    resourceType: request.ResourceType,
    logicalResourceId: request.LogicalResourceId,
    physicalResourceId: request.PhysicalResourceId,
    requestType: request.RequestType,
    phase,
    decision: outcome.kind,
    reason: outcome.kind === 'done' ? undefined : outcome.reason,
    jobId: outcome.kind === 'wait' ? outcome.jobId : undefined,
    jobStatus: outcome.kind === 'wait' ? outcome.jobStatus : undefined,
    note,
  });
}
