import { createHash } from 'crypto';
import { BackendJobRespObj, ListBackendJobsCommand, ListBackendJobsCommandInput } from '@aws-sdk/client-amplifybackend';
import { amplify, T0 } from './harness';

/** The orders a service could list jobs in: the API documents none. */
export const ORDERS = ['newest-first', 'oldest-first', 'unordered'] as const;
export type Order = typeof ORDERS[number];

/**
 * Stubs ListBackendJobs with a list that filters, pages (at most `pageSize` a page, `MaxResults` only
 * lowers it) and orders `jobs` as a service might, and counts the calls.
 */
export function givenJobList(jobs: BackendJobRespObj[], order: Order, pageSize = 25): { calls: () => number } {
  const listed = ordered(jobs, order);
  let calls = 0;
  amplify.on(ListBackendJobsCommand).callsFake((input: ListBackendJobsCommandInput) => {
    calls++;
    const matching = listed.filter((job) => (input.Status === undefined || job.Status === input.Status)
      && (input.Operation === undefined || job.Operation === input.Operation)
      && (input.JobId === undefined || job.JobId === input.JobId));
    const start = input.NextToken === undefined ? 0 : Number(input.NextToken);
    const size = Math.min(pageSize, input.MaxResults ?? pageSize);
    const end = start + size;
    return { Jobs: matching.slice(start, end), NextToken: end < matching.length ? String(end) : undefined };
  });
  return { calls: () => calls };
}

/** `count` finished jobs of a few operations, one a minute, the newest a minute before T0; every tenth FAILED. */
export function history(count: number): BackendJobRespObj[] {
  const operations = ['CreateBackendStorage', 'UpdateBackendStorage', 'UpdateBackendAuth', 'UpdateBackendAPI'];
  return Array.from({ length: count }, (_, i) => ({
    AppId: 'd1',
    BackendEnvironmentName: 'dev',
    JobId: `past-${i}`,
    Operation: operations[i % operations.length],
    Status: i % 10 === 4 ? 'FAILED' : 'COMPLETED',
    Error: i % 10 === 4 ? 'an old failure' : undefined,
    CreateTime: String(T0 - (count - i) * 60_000),
  }));
}

/** The jobs in the order the list gives them. */
export function ordered(jobs: BackendJobRespObj[], order: Order): BackendJobRespObj[] {
  const time = (job: BackendJobRespObj) => Number(job.CreateTime);
  switch (order) {
    case 'newest-first': return [...jobs].sort((a, b) => time(b) - time(a));
    case 'oldest-first': return [...jobs].sort((a, b) => time(a) - time(b));
    case 'unordered': return [...jobs].sort((a, b) => hash(a.JobId!).localeCompare(hash(b.JobId!)));
  }
}

/** An order that has nothing to do with time. */
function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
