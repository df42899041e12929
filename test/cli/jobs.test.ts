import { AmplifyBackendClient, ListBackendJobsCommand } from '@aws-sdk/client-amplifybackend';
import { AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { hermeticAwsEnvironment, runCli } from './harness';
import { APP_ID, createStorage, ENV, Harness, useEmulator } from '../emulator/harness';

hermeticAwsEnvironment();

/** `jobs <command> ... --app-id APP_ID --env ENV --endpoint-url <emulator>` */
const jobs = (harness: Harness, ...args: string[]) =>
  runCli(['jobs', ...args, '--app-id', APP_ID, '--env', ENV, '--endpoint-url', harness.emulator.endpoint]);

const rowsOf = (table: string) => table.trimEnd().split('\n').slice(1);
const listCalls = (harness: Harness) => harness.emulator.requests().filter((request) => request.operation === 'ListBackendJobs');

describe('jobs list', () => {
  const harness = useEmulator();

  /**
   * 25 jobs, oldest first: 22 COMPLETED external jobs (alternating operations), 2 CreateBackendStorage
   * jobs that FAILED, and one RUNNING external job. The emulator pages 10 at a time.
   */
  async function seedAll(): Promise<string[]> {
    const { emulator, client, clock } = harness;
    for (let i = 0; i < 22; i++) {
      emulator.startExternalJob({ appId: APP_ID, backendEnvironmentName: ENV, durationMs: 0, operation: i % 2 ? 'UpdateBackendAuth' : 'UpdateBackendAPI' });
      clock.advance(1000);
    }
    emulator.injectFault('CreateBackendStorage', { kind: 'jobFails', times: 2, error: 'S3 bucket limit reached' });
    await createStorage(client);
    clock.advance(1000);
    await createStorage(client);
    clock.advance(1000);
    emulator.startExternalJob({ appId: APP_ID, backendEnvironmentName: ENV, durationMs: Infinity, operation: 'UpdateBackendAPI' });
    return emulator.inspect().jobs.map((job) => job.jobId).reverse();
  }

  test('follows every page and prints every job, newest first, as the service returns them', async () => {
    const newestFirst = await seedAll();
    expect(newestFirst).toHaveLength(25);

    const result = await jobs(harness, 'list');

    expect(result).toMatchObject({ code: 0, stderr: '' });
    const rows = rowsOf(result.stdout);
    expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(newestFirst);
    expect(result.stdout.split('\n')[0]).toMatch(/^JOB ID\s+OPERATION\s+STATUS\s+CREATED\s+UPDATED\s+ERROR$/);
    expect(rows[0]).toMatch(/UpdateBackendAPI\s+RUNNING\s+2023-11-14T22:13:44Z\s+2023-11-14T22:13:44Z$/);
    expect(rows[1]).toMatch(/CreateBackendStorage\s+FAILED\s+2023-11-14T22:13:43Z\s+\S+\s+S3 bucket limit reached$/);
    const calls = listCalls(harness);
    expect(calls).toHaveLength(3);
    expect(calls.map((call) => typeof (call.body as { nextToken?: string }).nextToken)).toEqual(['undefined', 'string', 'string']);
  });

  test('--status and --operation are sent as the service\'s filters', async () => {
    await seedAll();

    const failed = await jobs(harness, 'list', '--status', 'FAILED');
    const auth = await jobs(harness, 'list', '--operation', 'UpdateBackendAuth', '--status', 'COMPLETED');

    expect(failed.code).toBe(0);
    expect(rowsOf(failed.stdout)).toHaveLength(2);
    expect(rowsOf(failed.stdout).every((row) => /CreateBackendStorage\s+FAILED/.test(row))).toBe(true);
    expect(rowsOf(auth.stdout)).toHaveLength(11);
    expect(rowsOf(auth.stdout).every((row) => /UpdateBackendAuth\s+COMPLETED/.test(row))).toBe(true);
    expect(listCalls(harness).map((call) => call.body)).toEqual([
      { status: 'FAILED' },
      { operation: 'UpdateBackendAuth', status: 'COMPLETED' },
      expect.objectContaining({ operation: 'UpdateBackendAuth', status: 'COMPLETED', nextToken: expect.any(String) }),
    ]);
  });

  test('--max-items stops reading pages once it has that many jobs, and says there are more', async () => {
    const newestFirst = await seedAll();

    const result = await jobs(harness, 'list', '--max-items', '12');

    expect(result.code).toBe(0);
    expect(rowsOf(result.stdout).map((row) => row.split(/\s+/)[0])).toEqual(newestFirst.slice(0, 12));
    expect(listCalls(harness)).toHaveLength(2);
    expect(result.stderr).toBe('Stopped at --max-items 12: the environment has more jobs.\n');
  });

  test('--json prints every job with the service\'s members and values', async () => {
    const newestFirst = await seedAll();

    const result = await jobs(harness, 'list', '--json');

    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(Object.keys(parsed)).toEqual(['Jobs']);
    expect(parsed.Jobs.map((job: { JobId: string }) => job.JobId)).toEqual(newestFirst);
    expect(parsed.Jobs[1]).toEqual({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      JobId: newestFirst[1],
      Operation: 'CreateBackendStorage',
      Status: 'FAILED',
      Error: 'S3 bucket limit reached',
      CreateTime: '1700000023000',
      UpdateTime: '1700000023000',
    });
  });

  test('an environment without jobs says so', async () => {
    const result = await jobs(harness, 'list', '--status', 'FAILED');
    expect(result).toEqual({ code: 0, stdout: `No jobs in app ${APP_ID}, environment ${ENV} matching status FAILED.\n`, stderr: '' });
  });

  test('an app or environment that does not exist lists no jobs, which GetBackend tells from an environment without jobs: exit 1 naming it', async () => {
    const list = (appId: string, env: string) => runCli(['jobs', 'list', '--app-id', appId, '--env', env, '--endpoint-url', harness.emulator.endpoint]);
    const hint = 'Check --app-id and --env: the Amplify console lists an app\'s backend environments.\n';

    expect(await list(APP_ID, 'prod')).toEqual({ code: 1, stdout: '', stderr: `App ${APP_ID} has no backend environment prod (GetBackend found none).\n${hint}` });
    expect(await list('d9none', ENV)).toEqual({ code: 1, stdout: '', stderr: `App d9none has no backend environment ${ENV} (GetBackend found none).\n${hint}` });
    expect(harness.emulator.requests().map((request) => request.operation)).toEqual(['ListBackendJobs', 'GetBackend', 'ListBackendJobs', 'GetBackend']);
  });

  test('a service error prints the operation, the error\'s name and the service\'s message, exit 1', async () => {
    harness.emulator.injectFault('ListBackendJobs', { kind: 'throttle' });
    const result = await jobs(harness, 'list');
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'ListBackendJobs failed: TooManyRequestsException: Rate exceeded\n' });
  });
});

describe('jobs show', () => {
  const harness = useEmulator();

  async function failedJob(): Promise<string> {
    harness.emulator.injectFault('CreateBackendStorage', { kind: 'jobFails', error: 'S3 bucket limit reached' });
    const { JobId } = await createStorage(harness.client);
    harness.clock.advance(5000);
    return JobId!;
  }

  test('prints the job as a block: operation, status, times in UTC, error', async () => {
    const jobId = await failedJob();

    const result = await jobs(harness, 'show', jobId);

    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `Job          ${jobId}`,
        `App          ${APP_ID}`,
        `Environment  ${ENV}`,
        'Operation    CreateBackendStorage',
        'Status       FAILED',
        'Created      2023-11-14T22:13:20Z',
        'Updated      2023-11-14T22:13:20Z',
        'Error        S3 bucket limit reached',
        '',
      ].join('\n'),
    });
  });

  test('--json prints GetBackendJob\'s answer without the SDK\'s metadata', async () => {
    const jobId = await failedJob();

    const result = await jobs(harness, 'show', jobId, '--json');

    expect(JSON.parse(result.stdout)).toEqual({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      JobId: jobId,
      Operation: 'CreateBackendStorage',
      Status: 'FAILED',
      Error: 'S3 bucket limit reached',
      CreateTime: '1700000000000',
      UpdateTime: '1700000000000',
    });
  });

  test('a job that does not exist prints the service\'s error name and message, and what to check, exit 1', async () => {
    const result = await jobs(harness, 'show', 'no-such-job');
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `GetBackendJob failed: NotFoundException: Job no-such-job not found in backend environment ${ENV} of app ${APP_ID}.\n`
        + 'Check the job id, --app-id and --env: "jobs list" with the same --app-id and --env prints the environment\'s job ids.\n',
    });
  });
});

describe('jobs update', () => {
  const harness = useEmulator({ jobDurationMs: 60_000 });

  test('sends UpdateBackendJob with the status and operation and prints the answer, warning that its effect is undocumented', async () => {
    const { JobId } = await createStorage(harness.client);

    const result = await jobs(harness, 'update', JobId!, '--status', 'CANCELLED', '--operation', 'CreateBackendStorage');

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Job +${JobId}\n(.*\n)*Status +CANCELLED\n`));
    expect(result.stderr).toBe('UpdateBackendJob\'s effect is undocumented: the answer above does not show that the job itself changed.\n');
    const call = harness.emulator.requests().find((request) => request.operation === 'UpdateBackendJob');
    expect(call).toMatchObject({ method: 'POST', path: `/backend/${APP_ID}/job/${ENV}/${JobId}`, body: { status: 'CANCELLED', operation: 'CreateBackendStorage' } });
  });

  test('--json prints the answer as JSON', async () => {
    const { JobId } = await createStorage(harness.client);

    const result = await jobs(harness, 'update', JobId!, '--status', 'STOPPING', '--operation', 'CreateBackendStorage', '--json');

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ JobId, Status: 'STOPPING', Operation: 'CreateBackendStorage' });
  });

  test('an unknown job is the service\'s NotFoundException, exit 1', async () => {
    const result = await jobs(harness, 'update', 'no-such-job', '--status', 'CANCELLED', '--operation', 'CreateBackendStorage');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^UpdateBackendJob failed: NotFoundException: Job no-such-job not found/);
  });
});

describe('jobs list against a service that hands out a page token again', () => {
  // Every AmplifyBackendClient answers from the stub while this describe runs.
  let service: AwsClientStub<AmplifyBackendClient>;
  beforeAll(() => {
    service = mockClient(AmplifyBackendClient);
  });
  afterAll(() => service.restore());

  test('stops instead of reading the same pages forever: exit 1 naming the token', async () => {
    // Answered a moment later, as over the network: a command that loops then still lets the test time out.
    service.on(ListBackendJobsCommand).callsFake(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return { Jobs: [{ AppId: APP_ID, BackendEnvironmentName: ENV, JobId: 'j1', Status: 'COMPLETED' }], NextToken: 'page-2' };
    });

    const result = await runCli(['jobs', 'list', '--app-id', APP_ID, '--env', ENV]);

    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: ListBackendJobs returned the nextToken page-2 a second time; stopped to avoid reading the same pages forever.\n',
    });
    expect(service.commandCalls(ListBackendJobsCommand)).toHaveLength(2);
  });
});
