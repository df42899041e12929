import type { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { Environment, isFinished, Job, JobRead, newestSince, reachesBackTo, readJobs, RUNNING } from './jobs';

/**
 * Most pages of jobs in the RUNNING status a poll reads. The service runs one job per environment at a
 * time, so one page is the norm; more than this many means the list cannot be trusted to be read whole.
 */
export const RUNNING_PAGES = 4;
/**
 * Most pages a search for this request's own job reads when the list is not newest first: that many
 * pages of FAILED (or COMPLETED) jobs of one operation, thousands of them.
 */
export const SEARCH_PAGES = 100;

/** A search for this request's job that stopped at its bound: what it read cannot tell. */
export interface UnknownOutcome {
  readonly unknown: string;
}

/** How a request's reads of its environment's jobs may go on. */
export interface RequestJobsOptions {
  /**
   * The request's first poll: it has started nothing yet, so there is no job of its own to look for
   * (the framework runs isComplete at once after onEvent, a query interval before any later poll).
   */
  readonly firstPoll: boolean;
  /** Whether the invocation has time for another page. */
  readonly mayGoOn: () => boolean;
}

/**
 * An environment's jobs as one request sees them, read at a cost that does not grow with the
 * environment's history, which only grows. ListBackendJobs' order is undocumented, so no read relies
 * on it: the running jobs are read with the status filter; the request's own finished job with the
 * operation and status filters, on the newest page alone when that page shows, by its createTimes, that
 * it is newest first and reaches back past the request's start.
 */
export class RequestJobs {
  private recentRead?: Promise<JobRead>;

  constructor(
    private readonly client: AmplifyBackendClient,
    private readonly env: Environment,
    /** When the request started: its own jobs were created since. */
    private readonly since: number,
    private readonly options: RequestJobsOptions,
  ) {}

  /**
   * The jobs in the RUNNING status (a poll's one read while a job runs), of one operation if given; `complete` is
   * false past RUNNING_PAGES.
   */
  async running(operation?: string): Promise<JobRead> {
    const read = await readJobs(this.client, this.env, { status: RUNNING, operation }, { maxPages: RUNNING_PAGES, mayGoOn: this.options.mayGoOn });
    // The filter narrows the read; the status each job reports decides.
    return { ...read, jobs: read.jobs.filter((job) => !isFinished(job)) };
  }

  /**
   * The newest page of the whole list, before a later poll starts a job: a job still running in a status
   * that is not documented is seen here when it is among the newest, and when the page is newest first
   * and reaches back past the request's start, it holds every job of this request.
   */
  async recent(): Promise<JobRead> {
    this.recentRead ??= readJobs(this.client, this.env, {}, {
      maxPages: 1,
      mayGoOn: this.options.mayGoOn,
      enough: (jobs) => reachesBackTo(jobs, this.since),
    });
    return this.recentRead;
  }

  /**
   * The jobs that hold up a call: every running one (one older than the total timeout will not end while
   * this request waits, yet the service still refuses calls while it runs) and, on a later poll, any job
   * the newest page shows in a status that is not documented. The first poll skips that page: a read
   * less where one resource hands the environment over to the next; the service itself refuses a call
   * while a job is pending, which the reconciler takes as "wait".
   */
  async holdingUp(running: readonly Job[]): Promise<Job[]> {
    if (this.options.firstPoll) return [...running];
    return [...running, ...(await this.recent()).jobs.filter((job) => !isFinished(job) && !running.some((r) => r.jobId === job.jobId))];
  }

  /** The newest job of `operation` in `status` created since the request started, or why that cannot be told. */
  async latest(operation: string, status: string): Promise<Job | undefined | UnknownOutcome> {
    if (this.options.firstPoll) return undefined;
    const matches = (job: Job) => job.operation === operation && job.status === status;
    const recent = await this.recent();
    if (recent.complete) return newestSince(recent.jobs.filter(matches), this.since);
    const found = await readJobs(this.client, this.env, { operation, status }, {
      maxPages: SEARCH_PAGES,
      mayGoOn: this.options.mayGoOn,
      enough: (jobs) => reachesBackTo(jobs, this.since),
    });
    if (!found.complete) {
      return {
        unknown: `could not tell whether this deployment's ${operation} job is ${status}: the environment lists more ${status} ${operation} jobs `
          + `than ${found.jobs.length}, not newest first, and the search stopped there`,
      };
    }
    return newestSince(found.jobs.filter(matches), this.since);
  }
}

/** Whether a search gave up. */
export function isUnknown<T>(outcome: T | UnknownOutcome): outcome is UnknownOutcome {
  return typeof outcome === 'object' && outcome !== null && 'unknown' in outcome;
}
