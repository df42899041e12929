import {
  BadRequestException,
  GetBackendJobCommand,
  ListBackendJobsCommand,
  NotFoundException,
  UpdateBackendJobCommand,
} from '@aws-sdk/client-amplifybackend';
import { APP_ID, createStorage, ENV, Harness, useEmulator } from './harness';

function getJob(h: Harness, jobId: string | undefined, environment = ENV) {
  return h.client.send(new GetBackendJobCommand({ AppId: APP_ID, BackendEnvironmentName: environment, JobId: jobId }));
}

describe('job lifecycle', () => {
  const h = useEmulator({ jobDurationMs: 5000 });

  test('a job reports RUNNING until its duration has elapsed, then COMPLETED with its effect applied', async () => {
    const { JobId } = await createStorage(h.client);

    h.clock.advance(4999);
    expect((await getJob(h, JobId)).Status).toBe('RUNNING');
    expect(h.emulator.inspect().environments[0].storage).toBeUndefined();

    h.clock.advance(1);
    const done = await getJob(h, JobId);
    expect(done).toMatchObject({ Status: 'COMPLETED', UpdateTime: String(h.clock.now) });
    expect(done.Error).toBeUndefined();
    expect(h.emulator.inspect().environments[0].storage).toMatchObject({ resourceName: 'photos' });
  });

  test('inspection settles due jobs without any request', async () => {
    await createStorage(h.client);
    h.clock.advance(5000);

    expect(h.emulator.inspect().jobs).toEqual([expect.objectContaining({ status: 'COMPLETED', pending: false })]);
  });

  test('a second mutating call while a job is pending is rejected with the service text', async () => {
    await createStorage(h.client);

    const second = createStorage(h.client, { ResourceName: 'other' });

    await expect(second).rejects.toBeInstanceOf(BadRequestException);
    await expect(second).rejects.toThrow(
      `ValidationException - An error occurred while processing your request: There is already a pending job for the requested appId ${APP_ID} ` +
      `and backendEnvironmentName ${ENV}, wait for it to complete before creating a new job.`,
    );
  });

  test('a pending job in one environment does not block another environment', async () => {
    h.emulator.startExternalJob({ appId: APP_ID, backendEnvironmentName: 'staging', durationMs: Infinity });

    await expect(createStorage(h.client)).resolves.toMatchObject({ Status: 'RUNNING' });
  });

  test('GetBackendJob of an unknown job is a NotFoundException for resource type Job', async () => {
    const missing = getJob(h, 'no-such-job');

    await expect(missing).rejects.toBeInstanceOf(NotFoundException);
    await expect(missing).rejects.toMatchObject({ ResourceType: 'Job' });
  });

  test('UpdateBackendJob records the given status without changing when the job ends', async () => {
    const { JobId } = await createStorage(h.client);

    await h.client.send(new UpdateBackendJobCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, JobId, Status: 'CANCELLED' }));
    expect((await getJob(h, JobId)).Status).toBe('CANCELLED');
    await expect(createStorage(h.client, { ResourceName: 'other' })).rejects.toBeInstanceOf(BadRequestException);

    h.clock.advance(5000);
    expect((await getJob(h, JobId)).Status).toBe('COMPLETED');
  });
});

describe('job durations and running status', () => {
  const h = useEmulator({ jobDurationMs: 0, jobDurations: { CreateBackendStorage: 2000 }, runningStatus: 'IN_PROGRESS' });

  test('the running status is configurable, e.g. IN_PROGRESS', async () => {
    const { JobId, Status } = await createStorage(h.client);

    expect(Status).toBe('IN_PROGRESS');
    expect((await getJob(h, JobId)).Status).toBe('IN_PROGRESS');
  });

  test('a per-operation duration overrides the global one, and 0 ends a job before the next request', async () => {
    const created = await createStorage(h.client);
    h.clock.advance(2000);
    const external = h.emulator.startExternalJob({ appId: APP_ID, backendEnvironmentName: ENV });

    expect((await getJob(h, created.JobId)).Status).toBe('COMPLETED');
    expect((await getJob(h, external)).Status).toBe('COMPLETED');
    expect(h.emulator.inspect().jobs.map((job) => job.endsAt - job.createTime)).toEqual([2000, 0]);
  });
});

describe('ListBackendJobs', () => {
  const h = useEmulator();

  /** Starts `count` jobs one after the other (each ends before the next starts). */
  function runJobs(count: number, operation = 'UpdateBackendAPI'): string[] {
    return Array.from({ length: count }, () => h.emulator.startExternalJob({ appId: APP_ID, backendEnvironmentName: ENV, durationMs: 0, operation }));
  }

  function listJobs(filters: { NextToken?: string; MaxResults?: number; Operation?: string; Status?: string; JobId?: string } = {}) {
    return h.client.send(new ListBackendJobsCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ...filters }));
  }

  test('lists newest first in pages of 10 by default, continuing from nextToken', async () => {
    const started = runJobs(12);

    const first = await listJobs();
    const second = await listJobs({ NextToken: first.NextToken });

    expect(first.Jobs).toHaveLength(10);
    expect(first.NextToken).toBeDefined();
    expect(second.NextToken).toBeUndefined();
    expect([...first.Jobs!, ...second.Jobs!].map((job) => job.JobId)).toEqual([...started].reverse());
  });

  test('a job started between pages does not shift the next page', async () => {
    const started = runJobs(4);

    const first = await listJobs({ MaxResults: 2 });
    runJobs(1);
    const second = await listJobs({ MaxResults: 2, NextToken: first.NextToken });

    expect(second.Jobs!.map((job) => job.JobId)).toEqual([started[1], started[0]]);
  });

  test('filters by operation, status and job id', async () => {
    const [upload] = runJobs(1, 'CreateBackendStorage');
    runJobs(2, 'UpdateBackendAPI');
    const running = h.emulator.startExternalJob({ appId: APP_ID, backendEnvironmentName: ENV, durationMs: Infinity, operation: 'UpdateBackendAPI' });

    expect((await listJobs({ Operation: 'CreateBackendStorage' })).Jobs!.map((job) => job.JobId)).toEqual([upload]);
    expect((await listJobs({ Status: 'RUNNING' })).Jobs!.map((job) => job.JobId)).toEqual([running]);
    expect((await listJobs({ JobId: upload })).Jobs!.map((job) => job.Operation)).toEqual(['CreateBackendStorage']);
    expect((await listJobs({ Operation: 'UpdateBackendAPI', Status: 'COMPLETED' })).Jobs).toHaveLength(2);
  });

  test('a token still continues the list after the job it names stopped matching the filter', async () => {
    const started = runJobs(3);

    const first = await listJobs({ Status: 'COMPLETED', MaxResults: 1 });
    await h.client.send(new UpdateBackendJobCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, JobId: started[2], Status: 'CANCELLED' }));
    const rest = await listJobs({ Status: 'COMPLETED', NextToken: first.NextToken });

    expect(first.Jobs!.map((job) => job.JobId)).toEqual([started[2]]);
    expect(rest.Jobs!.map((job) => job.JobId)).toEqual([started[1], started[0]]);
  });

  test('an unknown nextToken is a BadRequestException', async () => {
    await expect(listJobs({ NextToken: 'bm9wZQ' })).rejects.toBeInstanceOf(BadRequestException);
  });
});
