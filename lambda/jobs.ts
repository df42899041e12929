import { AmplifyBackendClient, GetBackendJobCommand } from '@aws-sdk/client-amplifybackend';
import { classifyError } from './errors';
import { paginateJobs } from './paginators';

/** An app id and backend environment name: the unit on which the service runs one job at a time. */
export interface Environment {
  readonly appId: string;
  readonly environmentName: string;
}

/** A backend job as the handlers use it. */
export interface Job {
  readonly jobId: string;
  readonly operation: string;
  readonly status: string;
  readonly error?: string;
  /** Epoch milliseconds, when the service reported a readable time. */
  readonly createTime?: number;
}

/** The one in-progress status the service is known to report; the list of running jobs is read with it as filter. */
export const RUNNING = 'RUNNING';

/** Only these two statuses end a job; every other value (RUNNING, or anything undocumented) is still running. */
export function isFinished(job: Job): boolean {
  return job.status === 'COMPLETED' || job.status === 'FAILED';
}

/** Reads one job (GetBackendJob). */
export async function readJob(client: AmplifyBackendClient, env: Environment, jobId: string): Promise<Job> {
  const job = await client.send(new GetBackendJobCommand({
    AppId: env.appId,
    BackendEnvironmentName: env.environmentName,
    JobId: jobId,
  }));
  return toJob({ ...job, JobId: job.JobId ?? jobId });
}

/** A filter ListBackendJobs applies on the service's side. */
export interface JobFilter {
  readonly operation?: string;
  readonly status?: string;
}

/** What a bounded read of a job list found. */
export interface JobRead {
  readonly jobs: Job[];
  /** False when the read stopped at its bound (pages or the invocation's time) before the list said it was complete. */
  readonly complete: boolean;
}

/**
 * Reads every page of a filtered job list, at most `maxPages` and only while `mayGoOn()` allows;
 * an environment that does not exist has no jobs. `enough` ends the read early once what was read
 * answers the question.
 */
export async function readJobs(
  client: AmplifyBackendClient,
  env: Environment,
  filter: JobFilter,
  bound: { readonly maxPages: number; readonly mayGoOn: () => boolean; readonly enough?: (jobs: Job[]) => boolean },
): Promise<JobRead> {
  const jobs: Job[] = [];
  const pages = paginateJobs({ client }, {
    AppId: env.appId,
    BackendEnvironmentName: env.environmentName,
    Operation: filter.operation,
    Status: filter.status,
  });
  let read = 0;
  try {
    for await (const page of pages) {
      read++;
      jobs.push(...(page.Jobs ?? []).map(toJob));
      if (!page.NextToken || bound.enough?.(jobs)) return { jobs, complete: true };
      if (read >= bound.maxPages || !bound.mayGoOn()) return { jobs, complete: false };
    }
  } catch (error) {
    if (classifyError(error) === 'not-found') return { jobs, complete: true };
    throw error;
  }
  return { jobs, complete: true };
}

/**
 * Whether jobs read in the list's order show it newest first and reach back past `since`: then every
 * job created since then is among them. The order is undocumented, so it is checked on what was read:
 * at least three times, none newer than the one before it, the last one older than `since`.
 */
export function reachesBackTo(jobs: readonly Job[], since: number): boolean {
  const times = jobs.map((job) => job.createTime);
  if (times.length < 3 || times.some((time) => time === undefined)) return false;
  for (let i = 1; i < times.length; i++) if (times[i]! > times[i - 1]!) return false;
  return times[times.length - 1]! < since;
}

/** The newest of some jobs that were created since a time (a job without a readable createTime never counts). */
export function newestSince(jobs: readonly Job[], since: number): Job | undefined {
  return jobs
    .filter((job) => job.createTime !== undefined && job.createTime >= since)
    .sort((a, b) => b.createTime! - a.createTime!)[0];
}

/** One line about a job for logs and messages: `CreateBackendStorage job 1234 is RUNNING`. */
export function describeJob(job: Job): string {
  return `${job.operation || 'job'} job ${job.jobId} is ${job.status}`;
}

interface WireJob {
  readonly JobId?: string;
  readonly Operation?: string;
  readonly Status?: string;
  readonly Error?: string;
  readonly CreateTime?: string;
}

function toJob(job: WireJob): Job {
  return {
    jobId: job.JobId ?? '',
    operation: job.Operation ?? '',
    status: job.Status ?? '',
    error: job.Error || undefined,
    createTime: parseTime(job.CreateTime),
  };
}

/** createTime is reported as epoch milliseconds in a string; an ISO date is accepted too. */
function parseTime(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const time = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(time) ? time : undefined;
}
