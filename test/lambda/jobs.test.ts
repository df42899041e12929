import { ListBackendJobsCommand } from '@aws-sdk/client-amplifybackend';
import { amplify, notFound, T0, testRuntime } from './harness';
import { Job, judgeJobs, listJobs } from '../../lambda/jobs';

const job = (jobId: string, status: string, createTime?: number): Job => ({ jobId, operation: 'CreateBackendStorage', status, createTime });

describe('judgeJobs', () => {
  test('every status but COMPLETED and FAILED is pending', () => {
    const verdict = judgeJobs([job('a', 'COMPLETED'), job('b', 'RUNNING'), job('c', 'FAILED'), job('d', 'QUEUED')], T0);
    expect(verdict.pending.map((j) => j.jobId)).toEqual(['b', 'd']);
  });

  test('the newest failure since the start counts; older ones and ones without a time do not', () => {
    const verdict = judgeJobs([job('old', 'FAILED', T0 - 1), job('a', 'FAILED', T0 + 5), job('b', 'FAILED', T0 + 9), job('untimed', 'FAILED')], T0);
    expect(verdict.failedSince?.jobId).toBe('b');
    expect(judgeJobs([job('old', 'FAILED', T0 - 1), job('untimed', 'FAILED')], T0).failedSince).toBeUndefined();
  });

  test('given an operation, only a failure of that operation counts', () => {
    const console = { ...job('console', 'FAILED', T0 + 9), operation: 'UpdateBackendAuth' };
    expect(judgeJobs([job('a', 'FAILED', T0 + 5), console], T0, 'CreateBackendStorage').failedSince?.jobId).toBe('a');
    expect(judgeJobs([console], T0, 'CreateBackendStorage').failedSince).toBeUndefined();
  });
});

describe('listJobs', () => {
  beforeEach(() => amplify.reset());

  test('reads every page and parses epoch-millisecond and ISO create times', async () => {
    amplify.on(ListBackendJobsCommand)
      .resolvesOnce({ Jobs: [{ AppId: 'd1', BackendEnvironmentName: 'dev', JobId: 'a', Status: 'RUNNING', CreateTime: String(T0) }], NextToken: 'p2' })
      .resolvesOnce({ Jobs: [{ AppId: 'd1', BackendEnvironmentName: 'dev', JobId: 'b', Status: 'FAILED', CreateTime: '2023-11-14T22:13:20.000Z', Error: 'e' }] });
    const jobs = await listJobs(testRuntime().client, { appId: 'd1', environmentName: 'dev' });
    expect(jobs).toEqual([
      { jobId: 'a', operation: '', status: 'RUNNING', error: undefined, createTime: T0 },
      { jobId: 'b', operation: '', status: 'FAILED', error: 'e', createTime: T0 },
    ]);
    expect(amplify.commandCalls(ListBackendJobsCommand)[1].args[0].input.NextToken).toBe('p2');
  });

  test('an environment that does not exist (404) has no jobs', async () => {
    amplify.on(ListBackendJobsCommand).rejects(notFound());
    expect(await listJobs(testRuntime().client, { appId: 'd1', environmentName: 'gone' })).toEqual([]);
  });
});
