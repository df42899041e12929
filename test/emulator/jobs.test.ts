import {
  BadRequestException,
  GetBackendJobCommand,
  ListBackendJobsCommand,
  NotFoundException,
  UpdateBackendJobCommand,
} from '@aws-sdk/client-amplifybackend';
import { APP_ID, ascending, createStorage, createTimes, descending, ENV, Harness, jobIds, listAllJobs, startFailure, useEmulator } from './harness';
import { JobOrder } from '../../local/emulator';

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

/** Starts `count` jobs on an environment, one second apart (each ends before the next starts); returns their ids. */
function runSpacedJobs(h: Harness, count: number, operations: readonly string[] = ['UpdateBackendAPI'], appId = APP_ID): string[] {
  return Array.from({ length: count }, (_, index) => {
    h.clock.advance(1000);
    return h.emulator.startExternalJob({ appId, backendEnvironmentName: ENV, durationMs: 0, operation: operations[index % operations.length] });
  });
}


describe('ListBackendJobs order', () => {
  describe('newest-first (the default)', () => {
    const h = useEmulator();

    test('paging through with nextToken lists every job once, createTime descending', async () => {
      const started = runSpacedJobs(h, 25);

      const { jobs, pageSizes } = await listAllJobs(h);

      expect(jobIds(jobs)).toEqual([...started].reverse());
      expect(createTimes(jobs)).toEqual(descending(createTimes(jobs)));
      expect(pageSizes).toEqual([10, 10, 5]);
    });
  });

  describe('oldest-first', () => {
    const h = useEmulator({ jobsOrder: 'oldest-first' });

    test('paging through with nextToken lists every job once, createTime ascending', async () => {
      const started = runSpacedJobs(h, 25);

      const { jobs } = await listAllJobs(h);

      expect(jobIds(jobs)).toEqual(started);
      expect(createTimes(jobs)).toEqual(ascending(createTimes(jobs)));
    });

    test('a job started between pages comes at the end', async () => {
      const started = runSpacedJobs(h, 12);

      const first = await h.client.send(new ListBackendJobsCommand({ AppId: APP_ID, BackendEnvironmentName: ENV }));
      const [later] = runSpacedJobs(h, 1);
      const rest = await listAllJobs(h, { NextToken: first.NextToken });

      expect([...jobIds(first.Jobs!), ...jobIds(rest.jobs)]).toEqual([...started, later]);
    });
  });

  describe('unordered', () => {
    const h = useEmulator({ jobsOrder: 'unordered' });

    test('paging through with nextToken lists every job once, sorted by createTime neither way, the same order each time', async () => {
      const started = runSpacedJobs(h, 100);

      const { jobs } = await listAllJobs(h);
      const again = await listAllJobs(h, { MaxResults: 7 });

      expect([...jobIds(jobs)].sort()).toEqual([...started].sort());
      expect(createTimes(jobs)).not.toEqual(ascending(createTimes(jobs)));
      expect(createTimes(jobs)).not.toEqual(descending(createTimes(jobs)));
      expect(jobIds(again.jobs)).toEqual(jobIds(jobs));
    });

    test('jobs started while a client pages through are listed at most once, and the token keeps working', async () => {
      const started = runSpacedJobs(h, 40);
      const listed: string[] = [];
      const added: string[] = [];

      let token: string | undefined;
      do {
        const page = await h.client.send(new ListBackendJobsCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, MaxResults: 4, NextToken: token }));
        listed.push(...jobIds(page.Jobs!));
        token = page.NextToken;
        added.push(...runSpacedJobs(h, 3));
      } while (token !== undefined);

      expect(new Set(listed).size).toBe(listed.length);
      expect(listed.filter((id) => started.includes(id)).sort()).toEqual([...started].sort());
      expect(listed.filter((id) => !started.includes(id)).every((id) => added.includes(id))).toBe(true);
      expect(listed.length).toBeGreaterThan(started.length);
    });
  });
});

describe('ListBackendJobs page size', () => {
  const h = useEmulator({ jobsPageSize: 10 });

  test('maxResults larger than the page size is capped at the page size', async () => {
    runSpacedJobs(h, 30);

    const { pageSizes } = await listAllJobs(h, { MaxResults: 25 });

    expect(pageSizes).toEqual([10, 10, 10]);
  });

  test('maxResults smaller than the page size lowers it', async () => {
    runSpacedJobs(h, 7);

    expect((await listAllJobs(h, { MaxResults: 3 })).pageSizes).toEqual([3, 3, 1]);
  });

  test('maxResults below 1 is a BadRequestException', async () => {
    const zero = h.client.send(new ListBackendJobsCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, MaxResults: 0 }));

    await expect(zero).rejects.toBeInstanceOf(BadRequestException);
  });

  test('a page size or order that cannot work is refused at start', async () => {
    expect(await startFailure({ jobsPageSize: 0 })).toBe('Invalid jobsPageSize 0: use a whole number of at least 1.');
    expect(await startFailure({ jobListingByApp: { a1: { order: 'random' as JobOrder } } }))
      .toBe('Invalid jobListingByApp.a1.order "random": use one of newest-first, oldest-first, unordered.');
  });
});

describe.each<JobOrder>(['newest-first', 'oldest-first', 'unordered'])('ListBackendJobs filters in order %s', (order) => {
  const h = useEmulator({ jobsOrder: order });

  test('operation and status filters combine with the order and paging', async () => {
    runSpacedJobs(h, 30, ['CreateBackendStorage', 'UpdateBackendAPI', 'UpdateBackendAuth']);
    const running = h.emulator.startExternalJob({ appId: APP_ID, backendEnvironmentName: ENV, durationMs: Infinity, operation: 'CreateBackendStorage' });
    const everything = jobIds((await listAllJobs(h)).jobs);

    const storage = await listAllJobs(h, { Operation: 'CreateBackendStorage', Status: 'COMPLETED', MaxResults: 3 });

    expect(storage.pageSizes).toEqual([3, 3, 3, 1]);
    expect(storage.jobs.every((job) => job.Operation === 'CreateBackendStorage' && job.Status === 'COMPLETED')).toBe(true);
    expect(jobIds(storage.jobs)).toEqual(everything.filter((id) => jobIds(storage.jobs).includes(id)));
    expect(jobIds((await listAllJobs(h, { Status: 'RUNNING', MaxResults: 2 })).jobs)).toEqual([running]);
  });

  test('a jobId filter lists that job only, whatever its place', async () => {
    const started = runSpacedJobs(h, 30);

    for (const jobId of [started[0], started[17], started[29]]) {
      expect(jobIds((await listAllJobs(h, { JobId: jobId, MaxResults: 1 })).jobs)).toEqual([jobId]);
    }
    expect((await listAllJobs(h, { JobId: started[3], Operation: 'CreateBackend' })).jobs).toEqual([]);
  });
});

describe('ListBackendJobs settings per app', () => {
  const OTHER_APP = 'd9other';
  const h = useEmulator({
    jobsPageSize: 5,
    environments: [{ appId: APP_ID, backendEnvironmentName: ENV }, { appId: OTHER_APP, backendEnvironmentName: ENV }],
    jobListingByApp: { [OTHER_APP]: { pageSize: 3, order: 'oldest-first' } },
  });

  test('an app with its own page size and order gets them; the others keep the emulator-wide ones', async () => {
    const mine = runSpacedJobs(h, 7);
    const theirs = runSpacedJobs(h, 7, ['UpdateBackendAPI'], OTHER_APP);

    const own = await listAllJobs(h, {}, OTHER_APP);
    const rest = await listAllJobs(h, { MaxResults: 50 });

    expect(own.pageSizes).toEqual([3, 3, 1]);
    expect(jobIds(own.jobs)).toEqual(theirs);
    expect(rest.pageSizes).toEqual([5, 2]);
    expect(jobIds(rest.jobs)).toEqual([...mine].reverse());
  });
});
