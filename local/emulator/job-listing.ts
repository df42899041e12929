import { EnvironmentJobs, Job } from './jobs';
import { decodeToken, encodeToken, invalidToken, Page } from './pagination';

/** The orders the emulator can list an environment's jobs in (the API documents none). */
export const JOB_ORDERS = ['newest-first', 'oldest-first', 'unordered'] as const;

/**
 * The order ListBackendJobs lists an environment's jobs in: by createTime, newest or oldest first,
 * or `unordered`, a stable order unrelated to time (a seeded hash of the job id) in which a new job
 * lands anywhere, not at either end.
 */
export type JobOrder = typeof JOB_ORDERS[number];

/** ListBackendJobs' filters; a job is listed when it matches every one given. */
export interface JobFilter {
  readonly jobId?: string;
  readonly operation?: string;
  readonly status?: string;
}

/** How to cut the page: the order, the most jobs it may hold, and the token of the previous page. */
export interface JobPageRequest {
  readonly order: JobOrder;
  readonly pageSize: number;
  readonly nextToken?: string;
}

/** An environment's jobs in one listing order: rank 0 comes first. */
interface Sequence {
  readonly size: number;
  at(rank: number): Job;
  rankOf(jobId: string): number | undefined;
}

/**
 * One page of an environment's jobs that match the filter, in the requested order. The token names
 * the last job returned and is looked up among all the environment's jobs (a job that stopped
 * matching, e.g. RUNNING became COMPLETED, still marks the place), so a page costs the jobs it passes
 * over plus a lookup, not the whole history; with a `jobId` filter it costs one lookup. Jobs started
 * while a client pages through land before or after the token's place: they are listed once or not
 * at all, and the token stays valid.
 */
export function listJobs(environment: EnvironmentJobs | undefined, filter: JobFilter, request: JobPageRequest): Page<Job> {
  if (!environment) {
    if (request.nextToken !== undefined) throw invalidToken(request.nextToken);
    return { items: [] };
  }
  const sequence = sequenceOf(environment, request.order);
  const after = request.nextToken === undefined ? -1 : rankOfToken(sequence, request.nextToken);
  const matches = (job: Job): boolean =>
    (filter.operation === undefined || job.operation === filter.operation) &&
    (filter.status === undefined || job.status === filter.status);

  if (filter.jobId !== undefined) {
    const rank = sequence.rankOf(filter.jobId);
    if (rank === undefined || rank <= after) return { items: [] };
    const job = sequence.at(rank);
    return { items: matches(job) ? [job] : [] };
  }

  const items: Job[] = [];
  for (let rank = after + 1; rank < sequence.size; rank++) {
    const job = sequence.at(rank);
    if (!matches(job)) continue;
    if (items.length === request.pageSize) return { items, nextToken: encodeToken(items[items.length - 1].jobId) };
    items.push(job);
  }
  return { items };
}

function sequenceOf(environment: EnvironmentJobs, order: JobOrder): Sequence {
  const size = environment.size;
  switch (order) {
    case 'newest-first':
      return {
        size,
        at: (rank) => environment.at(size - 1 - rank),
        rankOf: (jobId) => {
          const position = environment.positionOf(jobId);
          return position === undefined ? undefined : size - 1 - position;
        },
      };
    case 'oldest-first':
      return { size, at: (rank) => environment.at(rank), rankOf: (jobId) => environment.positionOf(jobId) };
    case 'unordered':
      return environment.scrambled();
  }
}

/** Where the job a token names stands in the listing order; a 400 if the environment has no such job. */
function rankOfToken(sequence: Sequence, token: string): number {
  const rank = sequence.rankOf(decodeToken(token));
  if (rank === undefined) throw invalidToken(token);
  return rank;
}
