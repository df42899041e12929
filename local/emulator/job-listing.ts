import { EnvironmentJobs, Job } from './jobs';
import { decodeToken, encodeToken, invalidToken, Page } from './pagination';

/** ListBackendJobs' filters; a job is listed when it matches every one given. */
export interface JobFilter {
  readonly jobId?: string;
  readonly operation?: string;
  readonly status?: string;
}

/**
 * One page of an environment's jobs, newest first, that match the filter. The token names the last
 * job returned and is looked up among all the environment's jobs (a job that stopped matching, e.g.
 * RUNNING became COMPLETED, still marks the place), so a page costs the jobs it passes over, not the
 * whole history; with a `jobId` filter it costs one lookup.
 */
export function listJobs(environment: EnvironmentJobs | undefined, filter: JobFilter, pageSize: number, nextToken?: string): Page<Job> {
  const size = environment?.size ?? 0;
  const after = nextToken === undefined ? -1 : rankOfToken(environment, nextToken);
  const matches = (job: Job): boolean =>
    (filter.operation === undefined || job.operation === filter.operation) &&
    (filter.status === undefined || job.status === filter.status);

  if (filter.jobId !== undefined) {
    const position = environment?.positionOf(filter.jobId);
    if (position === undefined || size - 1 - position <= after) return { items: [] };
    const job = environment!.at(position);
    return { items: matches(job) ? [job] : [] };
  }

  const items: Job[] = [];
  for (let rank = after + 1; rank < size; rank++) {
    const job = environment!.at(size - 1 - rank);
    if (!matches(job)) continue;
    if (items.length === pageSize) return { items, nextToken: encodeToken(items[items.length - 1].jobId) };
    items.push(job);
  }
  return { items };
}

/** Where the job a token names stands in the listing order; a 400 if the environment has no such job. */
function rankOfToken(environment: EnvironmentJobs | undefined, token: string): number {
  const position = environment?.positionOf(decodeToken(token));
  if (position === undefined) throw invalidToken(token);
  return environment!.size - 1 - position;
}
