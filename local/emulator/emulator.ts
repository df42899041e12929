import { dispatch, Session } from './dispatcher';
import { FaultCounts, FaultInjector, FaultTarget, PlannedFault } from './faults';
import { listen, Listener } from './http';
import { EXTERNAL_JOB_OPERATION, OperationName } from './operation-names';
import { EmulatorOptions, resolveSettings, SeedEnvironment, Settings } from './options';
import { RecordedRequest, RequestFilter, RequestLog } from './request-log';
import { EmulatorSnapshot, JobSnapshot, jobSnapshot, snapshotOf } from './snapshot';
import { World } from './world';
import { imageOf, WorldImage } from './world-image';

/** How often `jobsEnded` looks again. */
const JOBS_ENDED_LOOK_MS = 20;

/** A job someone else (the console) starts on an environment. */
export interface ExternalJobOptions {
  readonly appId: string;
  readonly backendEnvironmentName: string;
  /** Infinity for a job that never finishes. @default - the global job duration */
  readonly durationMs?: number;
  /** The operation the job reports. @default 'UpdateBackendAPI' */
  readonly operation?: string;
}

/** What an SDK client needs to talk to the emulator (signatures are not checked). */
export interface EmulatorClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/**
 * An HTTP emulator of the AmplifyBackend API on 127.0.0.1 for the unmodified SDK client: state per
 * app and environment, lazily settled jobs, fault injection and a log of every request.
 */
export class AmplifyBackendEmulator {
  /** Starts the server; the OS picks the port unless `options.port` is given. */
  static async start(options: EmulatorOptions = {}): Promise<AmplifyBackendEmulator> {
    const emulator = new AmplifyBackendEmulator(resolveSettings(options));
    emulator.listener = await listen((method, url, body) => {
      const reply = dispatch(emulator.session, method, url, body);
      options.afterRequest?.();
      return reply;
    }, options.port ?? 0, options.mounts);
    return emulator;
  }

  private session: Session;
  private listener!: Listener;

  private constructor(private readonly settings: Settings) {
    this.session = freshSession(settings);
  }

  /** The base URL, `http://127.0.0.1:PORT`: the client's `endpoint` or `AWS_ENDPOINT_URL_AMPLIFYBACKEND`. */
  get endpoint(): string {
    return this.listener.endpoint;
  }

  /** Endpoint, region and dummy credentials for `new AmplifyBackendClient({ ...emulator.clientConfig() })`. */
  clientConfig(): EmulatorClientConfig {
    return { endpoint: this.endpoint, region: this.settings.region, credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' } };
  }

  /**
   * Plans a fault for the next calls of an operation (job fates: for the next jobs it starts), of any
   * app, or only of the app (and environment) `target` names.
   */
  injectFault(operation: OperationName, fault: PlannedFault, target?: FaultTarget): void {
    this.session.world.faults.plan(operation, fault, target);
  }

  /** Drops an app's planned faults that no call has taken; returns how many uses were left. */
  discardFaults(appId: string): number {
    return this.session.world.faults.discard(appId);
  }

  /** How many faults of each kind were injected since start or reset: in all, or into one app's calls and jobs. */
  faultCounts(appId?: string): FaultCounts {
    return this.session.world.faults.countsByKind(appId);
  }

  /** Starts a job with no effect on the environment, as the console would; returns its id. */
  startExternalJob(options: ExternalJobOptions): string {
    const { world } = this.session;
    world.settle();
    const target = { appId: options.appId, backendEnvironmentName: options.backendEnvironmentName };
    if (world.jobs.pendingOn(target)) {
      throw new Error(`A job is already pending on ${target.appId}/${target.backendEnvironmentName}; the console could not start another.`);
    }
    world.faults.count('externalJob', target.appId);
    return world.startExternalJob(target, options.operation ?? EXTERNAL_JOB_OPERATION, options.durationMs).jobId;
  }

  /**
   * Ends the jobs planned never to finish that are still running on an environment, as the service
   * would some time after a caller gave up on them: COMPLETED with their effect, or FAILED with `error`.
   * Returns their ids.
   */
  endNeverFinishingJobs(target: { readonly appId: string; readonly backendEnvironmentName: string }, error?: string): string[] {
    const { world } = this.session;
    world.settle();
    const ended = world.jobs.endNeverFinishing(target, world.now(), error).map((job) => job.jobId);
    world.settle();
    return ended;
  }

  /** Every request so far, oldest first; or only those about one app (or one app's environment). */
  requests(filter?: RequestFilter): RecordedRequest[] {
    return this.session.log.all(filter);
  }

  /** How many requests about an app have arrived so far. */
  requestCount(appId: string): number {
    return this.session.log.countFor(appId);
  }

  /** The state after settling every job whose time is up: all of it, or one app's environments and jobs (buckets are the account's). */
  inspect(filter?: { readonly appId: string }): EmulatorSnapshot {
    this.session.world.settle();
    return snapshotOf(this.session.world, filter?.appId);
  }

  /** The jobs still running after settling every job whose time is up: a cheap look where `inspect()` would copy whole histories. */
  pendingJobs(filter?: { readonly appId: string }): JobSnapshot[] {
    this.session.world.settle();
    return this.session.world.jobs.pending(filter?.appId).map(jobSnapshot);
  }

  /** Waits, at most `maxWaitMs`, until no job is running; returns the jobs still running then (none if they all ended). */
  async jobsEnded(maxWaitMs: number): Promise<JobSnapshot[]> {
    const deadline = Date.now() + maxWaitMs;
    let pending = this.pendingJobs();
    while (pending.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, JOBS_ENDED_LOOK_MS));
      pending = this.pendingJobs();
    }
    return pending;
  }

  /**
   * Adds an environment, as the console creates it (`seed.auth`: with auth, as Amplify Studio adds it);
   * throws if it exists. A seeded history is for the start only (`EmulatorOptions.environments`).
   */
  seedEnvironment(seed: Omit<SeedEnvironment, 'history'>): void {
    this.session.world.settle();
    this.session.world.seedEnvironment(seed);
  }

  /** Adds a bucket to the account, as if created outside Amplify; throws if it exists. */
  seedBucket(name: string): void {
    this.session.world.settle();
    this.session.world.seedBucket({ name });
  }

  /**
   * Deletes a bucket of the account, as S3 would for a stack that created it (DeleteBucket); throws if the
   * account has none of that name. Storage that still links it is not unlinked: the service does not know.
   */
  deleteBucket(name: string): void {
    this.session.world.settle();
    if (!this.session.world.state.removeBucket(name)) throw new Error(`The account has no bucket ${name}.`);
  }

  /** Whether the account has a bucket of that name. */
  hasBucket(name: string): boolean {
    return this.session.world.state.hasBucket(name);
  }

  /**
   * Everything the account holds, as JSON for `EmulatorOptions.world`: a later emulator started from it goes on
   * where this one stopped. Throws while a job is still running (its effect is not data).
   */
  saveWorld(): WorldImage {
    this.session.world.settle();
    return imageOf(this.session.world);
  }

  /**
   * Back to the state at start: the saved world it started from, if any, seeded environments (with the same
   * past jobs, timed from the clock at start) and buckets; no other jobs, requests, planned faults or counts.
   */
  reset(): void {
    this.session = freshSession(this.settings);
  }

  /** Stops the server and drops open connections. */
  async close(): Promise<void> {
    await this.listener.close();
  }
}

function freshSession(settings: Settings): Session {
  return { world: new World(settings, new FaultInjector(settings.randomFaults)), log: new RequestLog() };
}
