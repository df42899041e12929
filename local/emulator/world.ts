import { badRequest } from './errors';
import { FaultInjector } from './faults';
import { pastJobs, resolveHistory } from './history';
import { JobOrder } from './job-listing';
import { Job, JobBook, JobOutcome, Target } from './jobs';
import { seededAuth } from './managed-auth';
import { NameGenerator } from './names';
import { EXTERNAL_JOB_OPERATION, MutatingOperation } from './operation-names';
import { checkOtherCategories, CloneJobsUnder, SeedBucket, SeedEnvironment, Settings } from './options';
import { SeededRandom } from './prng';
import { BackendState } from './state';
import { restoreImage } from './world-image';

/**
 * Everything a handler works with: the state, the jobs, the name generator, the settings, and the
 * way to start a job (its duration and fate come from the settings and the faults).
 */
export class World {
  readonly state = new BackendState();
  readonly jobs: JobBook;
  readonly names: NameGenerator;

  constructor(readonly settings: Settings, readonly faults: FaultInjector) {
    this.jobs = new JobBook(settings.seed);
    const saved = settings.world;
    this.names = new NameGenerator(saved ? SeededRandom.resume(saved.namesPosition) : new SeededRandom(settings.seed), settings.region);
    if (saved) restoreImage(saved, this);
    for (const seed of settings.environments) this.seedEnvironment(seed);
    this.jobs.addPast(this.pastJobs());
    for (const seed of settings.environments) {
      // Build the unordered listing order now rather than on the first page (about 2 ms per 5,000 jobs).
      if (this.jobListing(seed.appId).order === 'unordered') this.jobs.environment(seed)?.scrambled();
    }
    for (const bucket of settings.buckets) this.seedBucket(bucket);
  }

  /** Adds an environment as the console creates it (with auth, as Amplify Studio adds it, if `seed.auth`); its history is seeded at start only. */
  seedEnvironment(seed: SeedEnvironment): void {
    if (this.state.findEnvironment(seed.appId, seed.backendEnvironmentName)) {
      throw new Error(`Environment ${seed.appId}/${seed.backendEnvironmentName} exists already: seed an environment once.`);
    }
    checkOtherCategories(seed.otherCategories, `${seed.appId}/${seed.backendEnvironmentName}`);
    this.state.addEnvironment(seed.appId, seed.appName ?? seed.appId, seed.backendEnvironmentName);
    const environment = this.state.requireEnvironment(seed.appId, seed.backendEnvironmentName);
    if (seed.auth) environment.auth = seededAuth(this.names, seed.auth);
    if (seed.otherCategories) environment.otherCategories = structuredClone(seed.otherCategories);
  }

  /** Adds a bucket to the account, created now unless it says when. */
  seedBucket(bucket: SeedBucket): void {
    if (this.state.hasBucket(bucket.name)) throw new Error(`Bucket ${bucket.name} exists already: seed a bucket once.`);
    this.state.addBucket({ name: bucket.name, creationDate: bucket.creationDate ?? new Date(this.now()).toISOString(), createdByEmulator: false });
  }

  /** Every seeded environment's past jobs, oldest first across environments (the order `inspect()` promises). */
  private pastJobs(): Job[] {
    const past = this.settings.environments.flatMap((seed) => {
      const history = resolveHistory(seed.history, `${seed.appId}/${seed.backendEnvironmentName}`);
      return history ? pastJobs(seed, history, this.settings.seed, this.settings.startedAt) : [];
    });
    // A stable sort: each environment's jobs are already oldest first and keep their order.
    return past.sort((a, b) => a.createTime - b.createTime);
  }

  /** The clock's time. */
  now(): number {
    return this.settings.clock();
  }

  /** How the app's jobs are listed: pages, order and where a clone's job goes; its own settings, else the emulator-wide ones. */
  jobListing(appId: string): { readonly pageSize: number; readonly order: JobOrder; readonly cloneJobsUnder: CloneJobsUnder } {
    const own = Object.prototype.hasOwnProperty.call(this.settings.jobListingByApp, appId) ? this.settings.jobListingByApp[appId] : undefined;
    return {
      pageSize: own?.pageSize ?? this.settings.jobsPageSize,
      order: own?.order ?? this.settings.jobsOrder,
      cloneJobsUnder: own?.cloneJobsUnder ?? this.settings.cloneJobsUnder,
    };
  }

  /** Ends every job whose time is up; run before each request and each inspection. */
  settle(): void {
    this.jobs.settle(this.now());
  }

  /** Rejects a mutating call on an environment that has a job running, with the service's text. */
  assertNoPendingJob(target: Target): void {
    if (this.jobs.pendingOn(target)) {
      throw badRequest(
        `There is already a pending job for the requested appId ${target.appId} and backendEnvironmentName ${target.backendEnvironmentName}, ` +
        'wait for it to complete before creating a new job.',
      );
    }
  }

  /**
   * Starts the job of a mutating call on `target`'s job list; `effect` runs when (and if) it completes. `calledOn`: the
   * environment the call names, which planned faults aim at, when the job goes elsewhere (a clone's job).
   */
  startJob(operation: MutatingOperation, target: Target, effect: () => void, calledOn: Target = target): Job {
    const fate = this.faults.jobFate(operation, calledOn);
    const durationMs = fate.kind === 'jobNeverFinishes' ? Infinity : this.settings.jobDurations[operation] ?? this.settings.jobDurationMs;
    const outcome: JobOutcome = fate.kind === 'jobFails' ? { kind: 'fail', error: fate.error } : { kind: 'apply', effect };
    return this.begin(target, operation, durationMs, outcome, false);
  }

  /** Starts a job with no effect, as the console does on the environment behind the caller's back. */
  startExternalJob(target: Target, operation = EXTERNAL_JOB_OPERATION, durationMs = this.settings.jobDurationMs): Job {
    return this.begin(target, operation, durationMs, { kind: 'apply', effect: () => undefined }, true);
  }

  private begin(target: Target, operation: string, durationMs: number, outcome: JobOutcome, external: boolean): Job {
    return this.jobs.start({ ...target, operation, now: this.now(), durationMs, runningStatus: this.settings.runningStatus, outcome, external });
  }
}
