import { BadRequestException, GetBackendJobCommand, ListBackendJobsCommand } from '@aws-sdk/client-amplifybackend';
import {
  APP_ID, ascending, createStorage, createTimes, descending, ENV, Harness, jobIds, listAllJobs, startFailure, startHarness, stopHarness, useEmulator,
} from './harness';
import { EmulatorOptions, EXTERNAL_JOB_OPERATION, JobOrder, JobSnapshot, MUTATING_OPERATIONS, PAST_JOB_ERROR, SeedEnvironment } from '../../local/emulator';

/** The app and environment of the harness, with a history. */
function withHistory(history: SeedEnvironment['history'], options: EmulatorOptions = {}): EmulatorOptions {
  return { environments: [{ appId: APP_ID, backendEnvironmentName: ENV, history }], ...options };
}

const failedOf = (jobs: readonly JobSnapshot[]) => jobs.filter((job) => job.status === 'FAILED');

describe('seeded job history', () => {
  describe('with every field given', () => {
    const h = useEmulator(withHistory({ jobs: 50, failedShare: 0.2, operations: ['CreateBackendStorage', 'UpdateBackendAPI'], spacingMs: 1000 }, {
      jobDurationMs: 5000,
    }));

    test('inspect() shows the given number of past jobs, the given share FAILED with an error, the operations in turn', () => {
      const { jobs } = h.emulator.inspect();

      expect(jobs).toHaveLength(50);
      expect(failedOf(jobs)).toHaveLength(10);
      expect(failedOf(jobs).every((job) => job.error === PAST_JOB_ERROR)).toBe(true);
      expect(jobs.filter((job) => job.status === 'COMPLETED').every((job) => job.error === undefined)).toBe(true);
      expect(jobs.map((job) => job.operation).slice(0, 4)).toEqual(['CreateBackendStorage', 'UpdateBackendAPI', 'CreateBackendStorage', 'UpdateBackendAPI']);
      expect(jobs.every((job) => !job.pending && job.external)).toBe(true);
      expect(jobs.map((job) => job.createTime)).toEqual(
        Array.from({ length: 50 }, (_, index) => h.clock.now - (50 - index) * 1000),
      );
      expect(jobs.every((job) => job.updateTime < h.clock.now && job.createTime < job.updateTime)).toBe(true);
    });

    test('pendingJobs() shows only the job still running, not the history', async () => {
      expect(h.emulator.pendingJobs({ appId: APP_ID })).toEqual([]);
      await createStorage(h.client);
      expect(h.emulator.pendingJobs({ appId: APP_ID }).map((job) => [job.operation, job.pending])).toEqual([['CreateBackendStorage', true]]);
      expect(h.emulator.pendingJobs({ appId: 'another' })).toEqual([]);
      h.clock.now += 5000;
      expect(h.emulator.pendingJobs()).toEqual([]);
    });

    test('ListBackendJobs and GetBackendJob report them, with filters', async () => {
      const { jobs } = h.emulator.inspect();
      const failed = failedOf(jobs)[0];

      expect(jobIds((await listAllJobs(h)).jobs)).toEqual(jobs.map((job) => job.jobId).reverse());
      expect((await listAllJobs(h, { Status: 'FAILED' })).jobs).toHaveLength(10);
      expect((await listAllJobs(h, { Operation: 'UpdateBackendAPI' })).jobs).toHaveLength(25);
      expect(await h.client.send(new GetBackendJobCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, JobId: failed.jobId }))).toMatchObject({
        JobId: failed.jobId,
        Status: 'FAILED',
        Error: PAST_JOB_ERROR,
        Operation: failed.operation,
        CreateTime: String(failed.createTime),
        UpdateTime: String(failed.updateTime),
      });
    });

    test('past jobs are never pending: a mutating call is accepted and the new job is the only pending one', async () => {
      await expect(createStorage(h.client)).resolves.toMatchObject({ Status: 'RUNNING' });

      expect(h.emulator.requests().at(-1)).toMatchObject({ jobPendingOnArrival: false, status: 200 });
      expect(h.emulator.inspect().jobs.filter((job) => job.pending)).toHaveLength(1);
      expect((await listAllJobs(h, { Status: 'RUNNING' })).jobs).toHaveLength(1);
    });

    test('past jobs have no effect on the environment', () => {
      expect(h.emulator.inspect().environments).toEqual([expect.objectContaining({ appId: APP_ID, storage: undefined, auth: undefined })]);
    });
  });

  describe('given as a number', () => {
    const h = useEmulator(withHistory(33));

    test('a tenth FAILED, every mutating operation (UpdateBackendAPI among them) in turn, a minute apart, the newest ending before the start', () => {
      const { jobs } = h.emulator.inspect();
      const operations = [...MUTATING_OPERATIONS];
      expect(operations).toContain(EXTERNAL_JOB_OPERATION);

      expect(jobs).toHaveLength(33);
      expect(failedOf(jobs)).toHaveLength(3);
      expect(jobs.map((job) => job.operation)).toEqual(Array.from({ length: 33 }, (_, index) => operations[index % operations.length]));
      expect(jobs.slice(1).map((job, index) => job.createTime - jobs[index].createTime)).toEqual(Array(32).fill(60_000));
      expect(jobs.at(-1)!.updateTime).toBeLessThan(h.clock.now);
    });
  });

  test('the same seed gives the same history, another seed another one, and reset() seeds it again', async () => {
    const first = await startHarness(withHistory(100, { seed: 7 }));
    const same = await startHarness(withHistory(100, { seed: 7 }));
    const other = await startHarness(withHistory(100, { seed: 8 }));
    try {
      const history = first.emulator.inspect().jobs;
      const failedIds = (harness: Harness) => failedOf(harness.emulator.inspect().jobs).map((job) => job.jobId);
      await createStorage(first.client);
      first.clock.advance(60_000);
      first.emulator.reset();

      expect(same.emulator.inspect().jobs).toEqual(history);
      expect(first.emulator.inspect().jobs).toEqual(history);
      expect(failedIds(other)).toHaveLength(10);
      expect(failedIds(other)).not.toEqual(failedIds(first));
      expect(other.emulator.inspect().jobs.map((job) => job.status)).not.toEqual(history.map((job) => job.status));
    } finally {
      await Promise.all([first, same, other].map(stopHarness));
    }
  });

  describe('in several environments', () => {
    const h = useEmulator({
      environments: [
        { appId: APP_ID, backendEnvironmentName: ENV, history: 30 },
        { appId: APP_ID, backendEnvironmentName: 'prod', history: { jobs: 20, failedShare: 0 } },
        { appId: APP_ID, backendEnvironmentName: 'test' },
      ],
    });

    test('each environment lists its own history only, and inspect() lists them all oldest first', async () => {
      expect((await listAllJobs(h)).jobs).toHaveLength(30);
      expect((await listAllJobs(h, {}, APP_ID, 'prod')).jobs.map((job) => job.Status)).toEqual(Array(20).fill('COMPLETED'));
      expect((await listAllJobs(h, {}, APP_ID, 'test')).jobs).toEqual([]);
      const all = h.emulator.inspect().jobs.map((job) => job.createTime);
      expect(all).toHaveLength(50);
      expect(all).toEqual(ascending(all));
    });
  });

  test('a history that cannot work, or an environment seeded twice, is refused at start', async () => {
    const history = (value: SeedEnvironment['history']) => startFailure(withHistory(value));

    expect(await history(-1)).toBe(`Invalid history.jobs -1 for ${APP_ID}/${ENV}: use a whole number, 0 or more.`);
    expect(await history({ jobs: 5, failedShare: 1.5 })).toBe(`Invalid history.failedShare 1.5 for ${APP_ID}/${ENV}: use a number from 0 to 1.`);
    expect(await history({ jobs: 5, operations: [] })).toBe(`Invalid history.operations for ${APP_ID}/${ENV}: name at least one operation.`);
    expect(await history({ jobs: 5, spacingMs: 0 })).toBe(`Invalid history.spacingMs 0 for ${APP_ID}/${ENV}: use a whole number of milliseconds, 1 or more.`);
    expect(await startFailure({ environments: [{ appId: 'a1', backendEnvironmentName: 'dev' }, { appId: 'a1', backendEnvironmentName: 'dev', history: 3 }] }))
      .toBe('Environment a1/dev is seeded twice: list each environment once.');
  });
});

describe.each<JobOrder>(['newest-first', 'oldest-first', 'unordered'])('a 100-job history listed %s', (order) => {
  const h = useEmulator(withHistory(100, { jobsOrder: order }));

  test('paging through with nextToken lists every job exactly once, in the promised order', async () => {
    const history = h.emulator.inspect().jobs.map((job) => job.jobId);

    const { jobs, pageSizes } = await listAllJobs(h, { MaxResults: 100 });
    const times = createTimes(jobs);

    expect(pageSizes).toEqual(Array(10).fill(10));
    expect([...jobIds(jobs)].sort()).toEqual([...history].sort());
    if (order === 'newest-first') expect(times).toEqual(descending(times));
    if (order === 'oldest-first') expect(times).toEqual(ascending(times));
    if (order === 'unordered') {
      expect(times).not.toEqual(ascending(times));
      expect(times).not.toEqual(descending(times));
    }
  });

  test('status and operation filters page through the matching past jobs only', async () => {
    const failed = failedOf(h.emulator.inspect().jobs).map((job) => job.jobId);

    const { jobs, pageSizes } = await listAllJobs(h, { Status: 'FAILED', MaxResults: 4 });
    const storage = await listAllJobs(h, { Operation: 'CreateBackendStorage', Status: 'COMPLETED', MaxResults: 3 });

    expect(pageSizes).toEqual([4, 4, 2]);
    expect([...jobIds(jobs)].sort()).toEqual([...failed].sort());
    expect(storage.jobs.length).toBeGreaterThan(0);
    expect(storage.jobs.every((job) => job.Operation === 'CreateBackendStorage' && job.Status === 'COMPLETED')).toBe(true);
  });
});

describe('a 5,000-job history', () => {
  const h = useEmulator(withHistory(5000, { jobsPageSize: 25 }));

  test('a filtered listing pages through the FAILED jobs only, 25 at a time however large maxResults is', async () => {
    const { jobs, pageSizes } = await listAllJobs(h, { Status: 'FAILED', MaxResults: 1000 });

    expect(jobs).toHaveLength(500);
    expect(pageSizes).toEqual(Array(20).fill(25));
    expect(new Set(jobIds(jobs)).size).toBe(500);
  });

  test('a jobId filter finds a job deep in the history, and a token from another environment is refused', async () => {
    const oldest = h.emulator.inspect().jobs[0];
    const found = await h.client.send(new ListBackendJobsCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, JobId: oldest.jobId }));
    const page = await h.client.send(new ListBackendJobsCommand({ AppId: APP_ID, BackendEnvironmentName: ENV }));

    expect(jobIds(found.Jobs!)).toEqual([oldest.jobId]);
    await expect(h.client.send(new ListBackendJobsCommand({ AppId: APP_ID, BackendEnvironmentName: 'prod', NextToken: page.NextToken })))
      .rejects.toBeInstanceOf(BadRequestException);
  });
});
