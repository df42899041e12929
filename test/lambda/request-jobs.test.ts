import { BackendJobRespObj, CreateBackendStorageCommand, GetBackendJobCommand, GetBackendStorageCommand } from '@aws-sdk/client-amplifybackend';
import { amplify, notFound, pollOf, request, START, T0, testRuntime } from './harness';
import { givenJobList, history, ordered, ORDERS } from './job-list';
import { amplifyBackendStorage } from '../../lambda/amplify-backend-storage';
import { isComplete } from '../../lambda/reconcile';
import { RequestJobs, SEARCH_PAGES } from '../../lambda/request-jobs';
import { STORAGE_RESOURCE_TYPE } from '../../src/private/contract';

const ENV = { appId: 'd1', environmentName: 'dev' };
const PROPS = { AppId: 'd1', EnvironmentName: 'dev', ResourceName: 'photos', AuthenticatedPermissions: ['READ'], UnauthenticatedPermissions: [] };
const ID = 'd1/dev/photos';
/** A later poll of a Create that started at T0 (the harness's clock is a minute on). */
const laterPoll = () => pollOf(request('Create', STORAGE_RESOURCE_TYPE, PROPS), ID, { startedAt: T0 });
const ours = (jobId: string, status: string, error?: string): BackendJobRespObj => ({
  AppId: 'd1', BackendEnvironmentName: 'dev', JobId: jobId, Operation: 'CreateBackendStorage', Status: status, Error: error, CreateTime: String(T0 + 1_000),
});
const jobs = (firstPoll = false) => new RequestJobs(testRuntime().client, ENV, T0, { firstPoll, mayGoOn: () => true });

beforeEach(() => {
  amplify.reset();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  amplify.on(GetBackendStorageCommand).rejects(notFound());
  amplify.on(CreateBackendStorageCommand).resolves({ JobId: 'new', Status: 'RUNNING' });
});

describe.each(ORDERS)('a job list given %s', (order) => {
  test('a job still running on the last page of 2,000 is seen: the poll waits and starts nothing', async () => {
    const past = history(2_000);
    const last = ordered(past, order)[past.length - 1];
    last.Status = 'RUNNING';
    last.Error = undefined;
    const list = givenJobList(past, order);

    expect(await isComplete(amplifyBackendStorage, laterPoll(), testRuntime())).toEqual({ IsComplete: false });
    expect(amplify.commandCalls(CreateBackendStorageCommand)).toHaveLength(0);
    expect(list.calls()).toBeLessThanOrEqual(2);
  });

  test("this request's FAILED job among 2,000 past ones fails it with the service's text", async () => {
    givenJobList([...history(2_000), ours('mine', 'FAILED', 'Bucket name already taken')], order);
    await expect(isComplete(amplifyBackendStorage, laterPoll(), testRuntime()))
      .rejects.toThrow('Storage "photos" (app d1, environment dev): CreateBackendStorage job mine FAILED: Bucket name already taken');
    expect(amplify.commandCalls(CreateBackendStorageCommand)).toHaveLength(0);
  });

  test('while a job runs, a poll reads the job list once, with 0 past jobs as with 5,000', async () => {
    for (const past of [0, 5_000]) {
      amplify.resetHistory();
      const list = givenJobList([...history(past), ours('running', 'RUNNING')], order);
      expect(await isComplete(amplifyBackendStorage, laterPoll(), testRuntime())).toEqual({ IsComplete: false });
      expect([past, list.calls(), amplify.calls().length]).toEqual([past, 1, 1]);
    }
  });
});

describe('RequestJobs', () => {
  test('newest first, the newest page answers for the whole request: one read', async () => {
    const list = givenJobList([...history(5_000), ours('mine', 'FAILED')], 'newest-first');
    expect(await jobs().latest('CreateBackendStorage', 'FAILED')).toMatchObject({ jobId: 'mine' });
    expect(list.calls()).toBe(1);
  });

  test('in another order the filtered list is searched, and a job of the console before the request does not count', async () => {
    const list = givenJobList(history(5_000), 'oldest-first');
    expect(await jobs().latest('CreateBackendStorage', 'FAILED')).toBeUndefined();
    // The newest page, then the 250 FAILED CreateBackendStorage jobs of the history: 10 pages of 25.
    expect(list.calls()).toBe(1 + 10);
  });

  test('the first poll has started nothing: it looks for no job of its own', async () => {
    const list = givenJobList([ours('mine', 'FAILED')], 'newest-first');
    expect(await jobs(true).latest('CreateBackendStorage', 'FAILED')).toBeUndefined();
    expect(list.calls()).toBe(0);
  });

  test('a search that reaches its bound says so instead of answering "none"', async () => {
    // One job in 20 is a FAILED CreateBackendStorage: one page of 5 more than the search reads.
    givenJobList(history((SEARCH_PAGES + 1) * 5 * 20), 'unordered', 5);
    expect(await jobs().latest('CreateBackendStorage', 'FAILED')).toEqual({
      unknown: expect.stringMatching(/^could not tell whether this deployment's CreateBackendStorage job is FAILED: the environment lists more FAILED CreateBackendStorage jobs than 500, not newest first/),
    });
  });

  test('a job in a status that is not documented, among the newest, holds up a call on a later poll', async () => {
    givenJobList([...history(100), ours('console', 'IN_PROGRESS')], 'newest-first');
    const later = jobs();
    const running = await later.running();
    expect(running.jobs).toEqual([]);
    expect((await later.holdingUp(running.jobs)).map((job) => job.jobId)).toEqual(['console']);
  });
});

describe('a poll that starts a job', () => {
  test('follows it with GetBackendJob and fails at once when it FAILED at once', async () => {
    givenJobList(history(10), 'newest-first');
    amplify.on(GetBackendJobCommand).resolves({ JobId: 'new', Operation: 'CreateBackendStorage', Status: 'FAILED', Error: 'AccessDenied on the bucket' });
    await expect(isComplete(amplifyBackendStorage, laterPoll(), testRuntime()))
      .rejects.toThrow('CreateBackendStorage job new FAILED: AccessDenied on the bucket');
  });

  test('takes the next step at once when the job it follows has COMPLETED', async () => {
    givenJobList([], 'newest-first');
    amplify.on(GetBackendStorageCommand).rejectsOnce(notFound()).resolves({
      ResourceName: 'photos',
      ResourceConfig: { Imported: false, ServiceName: 'S3', BucketName: 'photos12345-dev', Permissions: { Authenticated: ['READ'] } },
    });
    amplify.on(GetBackendJobCommand).resolves({ JobId: 'new', Operation: 'CreateBackendStorage', Status: 'COMPLETED' });
    expect(await isComplete(amplifyBackendStorage, laterPoll(), testRuntime()))
      .toEqual({ IsComplete: true, Data: { BucketName: 'photos12345-dev', ResourceName: 'photos' } });
    expect(amplify.commandCalls(CreateBackendStorageCommand)).toHaveLength(1);
  });

  test.each([
    ['the default 3 s interval', 3_000, 4_500],
    ['the longest allowed interval, 5 minutes', 300_000, 10_000],
  ])('pauses within the handler after the start, with %s', async (_, queryIntervalMs, pause) => {
    givenJobList([], 'newest-first');
    const runtime = { ...testRuntime(START), queryIntervalMs };
    const before = runtime.clock.now;
    await isComplete(amplifyBackendStorage, pollOf(request('Create', STORAGE_RESOURCE_TYPE, PROPS), ID, { startedAt: START }), runtime);
    expect(runtime.clock.now - before).toBe(pause);
  });

  test('pauses no longer than the invocation can spare', async () => {
    givenJobList([], 'newest-first');
    const runtime = { ...testRuntime(START), queryIntervalMs: 300_000, timeLeftMs: () => 70_000 };
    const before = runtime.clock.now;
    await isComplete(amplifyBackendStorage, pollOf(request('Create', STORAGE_RESOURCE_TYPE, PROPS), ID, { startedAt: START }), runtime);
    expect(runtime.clock.now - before).toBe(5_000);
  });
});
