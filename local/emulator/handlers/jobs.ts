import { badRequest, notFound } from '../errors';
import { listJobs as listPage } from '../job-listing';
import { Job } from '../jobs';
import { OperationHandler, OperationRequest, OperationSpec, targetOf } from '../operation';
import { World } from '../world';

/** A job as GetBackendJob, UpdateBackendJob and ListBackendJobs report it (times as epoch-ms strings). */
function jobResponse(job: Job): Record<string, unknown> {
  return {
    appId: job.appId,
    backendEnvironmentName: job.backendEnvironmentName,
    createTime: String(job.createTime),
    error: job.error,
    jobId: job.jobId,
    operation: job.operation,
    status: job.status,
    updateTime: String(job.updateTime),
  };
}

function requireJob(request: OperationRequest, world: World): Job {
  const job = world.jobs.find(targetOf(request), request.params.jobId);
  if (!job) throw notFound('Job', `Job ${request.params.jobId} not found in backend environment ${request.backendEnvironmentName} of app ${request.appId}.`);
  return job;
}

/** GetBackendJob: the job's status, `error` once it failed. */
const getJob: OperationHandler = (request, world) => jobResponse(requireJob(request, world));

/**
 * UpdateBackendJob: its real effect is undocumented, so the emulator only records the given
 * `operation` and `status` on the job; when and how the job ends does not change.
 */
const updateJob: OperationHandler = (request, world) => {
  const job = requireJob(request, world);
  const { operation, status } = request.body as { operation?: string; status?: string };
  if (operation !== undefined) job.operation = operation;
  if (status !== undefined) job.status = status;
  job.updateTime = world.now();
  return jobResponse(job);
};

/**
 * ListBackendJobs: the environment's jobs in the app's listing order, filtered, a page at a time;
 * `maxResults` can lower the page size, not raise it.
 */
const listJobs: OperationHandler = (request, world) => {
  const { jobId, operation, status, maxResults, nextToken } = request.body as {
    jobId?: string; operation?: string; status?: string; maxResults?: number; nextToken?: string;
  };
  if (maxResults !== undefined && !(Number.isInteger(maxResults) && maxResults >= 1)) {
    throw badRequest(`maxResults must be a whole number of at least 1, got ${maxResults}.`);
  }
  const target = targetOf(request);
  const { pageSize, order } = world.jobListing(target.appId);
  const page = listPage(world.jobs.environment(target), { jobId, operation, status }, {
    order,
    pageSize: Math.min(maxResults ?? pageSize, pageSize),
    nextToken,
  });
  return { jobs: page.items.map(jobResponse), nextToken: page.nextToken };
};

/** The job operations. */
export const JOB_OPERATIONS: readonly OperationSpec[] = [
  { name: 'GetBackendJob', handle: getJob },
  { name: 'UpdateBackendJob', handle: updateJob },
  { name: 'ListBackendJobs', handle: listJobs },
];
