import { ListBackendJobsCommand } from '@aws-sdk/client-amplifybackend';
import { amplify, notFound, T0, testRuntime } from './harness';
import { givenJobList, history } from './job-list';
import { isFinished, Job, newestSince, reachesBackTo, readJobs } from '../../lambda/jobs';

const ENV = { appId: 'd1', environmentName: 'dev' };
const job = (jobId: string, status: string, createTime?: number): Job => ({ jobId, operation: 'CreateBackendStorage', status, createTime });
const atTimes = (...times: Array<number | undefined>) => times.map((time, i) => job(`j${i}`, 'COMPLETED', time));
const unbounded = { maxPages: 1000, mayGoOn: () => true };

beforeEach(() => amplify.reset());

describe('isFinished', () => {
  test('only COMPLETED and FAILED end a job; every other status, undocumented ones too, is still running', () => {
    expect(['COMPLETED', 'FAILED', 'RUNNING', 'IN_PROGRESS', 'QUEUED', ''].map((status) => isFinished(job('a', status))))
      .toEqual([true, true, false, false, false, false]);
  });
});

describe('readJobs', () => {
  test('reads every page with the filters and parses epoch-millisecond and ISO create times', async () => {
    const pages = [
      { Jobs: [{ AppId: 'd1', BackendEnvironmentName: 'dev', JobId: 'a', Status: 'RUNNING', CreateTime: String(T0) }], NextToken: 'p2' },
      { Jobs: [{ AppId: 'd1', BackendEnvironmentName: 'dev', JobId: 'b', Status: 'RUNNING', CreateTime: '2023-11-14T22:13:20.000Z', Error: 'e' }] },
    ];
    // The paginator reuses one input object, so each call's filters and token are noted as it is made.
    const sent: Array<[string | undefined, string | undefined]> = [];
    amplify.on(ListBackendJobsCommand).callsFake((input) => {
      sent.push([input.Status, input.NextToken]);
      return pages[sent.length - 1];
    });
    const read = await readJobs(testRuntime().client, ENV, { status: 'RUNNING' }, unbounded);
    expect(read).toEqual({
      complete: true,
      jobs: [
        { jobId: 'a', operation: '', status: 'RUNNING', error: undefined, createTime: T0 },
        { jobId: 'b', operation: '', status: 'RUNNING', error: 'e', createTime: T0 },
      ],
    });
    expect(sent).toEqual([['RUNNING', undefined], ['RUNNING', 'p2']]);
  });

  test('stops at its page bound and says the read is not complete', async () => {
    const list = givenJobList(history(100), 'newest-first', 10);
    const read = await readJobs(testRuntime().client, ENV, {}, { maxPages: 3, mayGoOn: () => true });
    expect(read.complete).toBe(false);
    expect(read.jobs).toHaveLength(30);
    expect(list.calls()).toBe(3);
  });

  test('stops when the invocation has no time for another page', async () => {
    const list = givenJobList(history(100), 'newest-first', 10);
    let pages = 0;
    const read = await readJobs(testRuntime().client, ENV, {}, { maxPages: 100, mayGoOn: () => ++pages < 2 });
    expect(read.complete).toBe(false);
    expect(list.calls()).toBe(2);
  });

  test('ends early, complete, once what was read is enough', async () => {
    const list = givenJobList(history(100), 'newest-first', 10);
    const read = await readJobs(testRuntime().client, ENV, {}, { ...unbounded, enough: (jobs) => jobs.length >= 20 });
    expect(read).toMatchObject({ complete: true });
    expect(list.calls()).toBe(2);
  });

  test('an environment that does not exist (404) has no jobs', async () => {
    amplify.on(ListBackendJobsCommand).rejects(notFound());
    expect(await readJobs(testRuntime().client, { appId: 'd1', environmentName: 'gone' }, {}, unbounded)).toEqual({ jobs: [], complete: true });
  });
});

describe('reachesBackTo', () => {
  test('newest first, reaching back past the time: every job since then was read', () => {
    expect(reachesBackTo(atTimes(T0 + 30, T0 + 20, T0 + 20, T0 - 5), T0)).toBe(true);
  });

  test.each([
    ['oldest first', atTimes(T0 - 30, T0 - 20, T0 + 5)],
    ['in no order', atTimes(T0 + 30, T0 - 20, T0 + 5, T0 - 40)],
    ['not reaching back past the time', atTimes(T0 + 30, T0 + 20, T0)],
    ['too few to show an order', atTimes(T0 + 30, T0 - 5)],
    ['a time that cannot be read', atTimes(T0 + 30, undefined, T0 - 5)],
  ])('%s: cannot tell', (_, jobs) => {
    expect(reachesBackTo(jobs, T0)).toBe(false);
  });
});

describe('newestSince', () => {
  test('the newest job created since the time; older ones and ones without a time do not count', () => {
    expect(newestSince([job('old', 'FAILED', T0 - 1), job('a', 'FAILED', T0 + 5), job('b', 'FAILED', T0 + 9), job('untimed', 'FAILED')], T0)?.jobId).toBe('b');
    expect(newestSince([job('old', 'FAILED', T0 - 1), job('untimed', 'FAILED')], T0)).toBeUndefined();
  });
});
