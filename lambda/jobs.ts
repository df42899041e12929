import { AmplifyBackendClient, GetBackendJobCommand, ListBackendJobsCommand } from '@aws-sdk/client-amplifybackend';
import { classifyError } from './errors';

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

/** Upper bound on ListBackendJobs pages read per look, so a huge history cannot use up the function's time. */
const MAX_PAGES = 50;

/** Reads every job of an environment (ListBackendJobs, all pages); an environment that does not exist has none. */
export async function listJobs(client: AmplifyBackendClient, env: Environment): Promise<Job[]> {
  const jobs: Job[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let response;
    try {
      response = await client.send(new ListBackendJobsCommand({
        AppId: env.appId,
        BackendEnvironmentName: env.environmentName,
        NextToken: nextToken,
      }));
    } catch (error) {
      if (classifyError(error) === 'not-found') return jobs;
      throw error;
    }
    jobs.push(...(response.Jobs ?? []).map(toJob));
    nextToken = response.NextToken;
    if (!nextToken) break;
  }
  return jobs;
}

/** What the jobs of an environment say about acting on it now. */
export interface JobsVerdict {
  /** Jobs still running on the environment; no mutating call may be sent while there is one. */
  readonly pending: Job[];
  /** The newest job that failed since `since`: the outcome of a step this request started. */
  readonly failedSince?: Job;
}

/**
 * Sorts an environment's jobs into the ones still pending and the newest one that failed since a time
 * (of one operation, when given: a failed job of the console's is not the request's).
 * A job without a readable createTime never counts as failed-since: at worst a step is tried once more.
 */
export function judgeJobs(jobs: Job[], since: number, operation?: string): JobsVerdict {
  const pending = jobs.filter((job) => !isFinished(job));
  const failed = jobs
    .filter((job) => job.status === 'FAILED' && job.createTime !== undefined && job.createTime >= since)
    .filter((job) => operation === undefined || job.operation === operation)
    .sort((a, b) => (b.createTime ?? 0) - (a.createTime ?? 0));
  return { pending, failedSince: failed[0] };
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
