import { hermeticAwsEnvironment, runCli, RunOptions } from './harness';
import { AmplifyBackendEmulator } from '../../local/emulator';
import { APP_ID, createStorage, ENV, Harness, startHarness, useEmulator } from '../emulator/harness';

hermeticAwsEnvironment();

/** `jobs wait <jobId> ...` on the harness's emulator, with the harness's clock: sleeping moves it, nothing waits for real. */
const wait = (harness: Harness, jobId: string, flags: string[], options: RunOptions = {}) =>
  runCli(['jobs', 'wait', jobId, '--app-id', APP_ID, '--env', ENV, '--endpoint-url', harness.emulator.endpoint, ...flags], { clock: harness.clock, ...options });
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const polls = (harness: Harness) => harness.emulator.requests().filter((request) => request.operation === 'GetBackendJob');

describe('jobs wait', () => {
  // Every job takes 10 s of the test clock.
  const harness = useEmulator({ jobDurationMs: 10_000 });

  async function startJob(): Promise<string> {
    const { JobId } = await createStorage(harness.client);
    return JobId!;
  }

  test('a job that completes: one line per status change, then exit 0', async () => {
    const jobId = await startJob();

    const result = await wait(harness, jobId, ['--interval', '2']);

    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `Waiting for job ${jobId} (app ${APP_ID}, environment ${ENV}): polling every 2s, for up to 1h00m.`,
        '[0s] RUNNING (CreateBackendStorage)',
        '[10s] COMPLETED (CreateBackendStorage)',
        `Job ${jobId} (CreateBackendStorage) COMPLETED after 10s.`,
        '',
      ].join('\n'),
    });
    expect(polls(harness).map((poll) => poll.time - harness.clock.now)).toEqual([-10_000, -8000, -6000, -4000, -2000, 0]);
  });

  test('on a terminal the progress line is rewritten in place at every poll, and ended before the result', async () => {
    const jobId = await startJob();

    const result = await wait(harness, jobId, ['--interval', '5'], { isTTY: true });

    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(1)).toEqual([
      '\r[0s] RUNNING (CreateBackendStorage)\u001b[K\r[5s] RUNNING (CreateBackendStorage)\u001b[K\r[10s] COMPLETED (CreateBackendStorage)\u001b[K',
      `Job ${jobId} (CreateBackendStorage) COMPLETED after 10s.`,
      '',
    ]);
  });

  test('a job that FAILS: exit 1 with the job\'s error', async () => {
    harness.emulator.injectFault('CreateBackendStorage', { kind: 'jobFails', error: 'S3 bucket limit reached' });
    const jobId = await startJob();

    const result = await wait(harness, jobId, ['--interval', '5']);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[0s] RUNNING (CreateBackendStorage)\n[10s] FAILED (CreateBackendStorage)\n');
    expect(result.stderr).toBe(`Job ${jobId} (CreateBackendStorage) FAILED after 10s: S3 bucket limit reached\n`);
  });

  test('a job that never finishes: --timeout ends the wait with exit 3, naming the job and its last status', async () => {
    harness.emulator.injectFault('CreateBackendStorage', { kind: 'jobNeverFinishes' });
    const jobId = await startJob();

    const result = await wait(harness, jobId, ['--interval', '5', '--timeout', '30']);

    expect(result.code).toBe(3);
    expect(result.stdout.split('\n').slice(1)).toEqual(['[0s] RUNNING (CreateBackendStorage)', '']);
    expect(result.stderr).toBe(`Timed out after 30s (--timeout 30): job ${jobId} (app ${APP_ID}, environment ${ENV}) is still RUNNING. The job itself goes on.\n`);
    expect(polls(harness)).toHaveLength(7); // at 0, 5, ..., 30 s: the last one at the deadline
  });

  test('--timeout cuts the last sleep short: it is kept to the second, not rounded up to the interval', async () => {
    harness.emulator.injectFault('CreateBackendStorage', { kind: 'jobNeverFinishes' });
    const jobId = await startJob();
    const started = harness.clock.now;

    const result = await wait(harness, jobId, ['--interval', '20', '--timeout', '30']);

    expect(result.code).toBe(3);
    expect(polls(harness).map((poll) => poll.time - started)).toEqual([0, 20_000, 30_000]);
  });

  test('throttling and 504s while polling are retried at the next poll, not fatal', async () => {
    const jobId = await startJob();
    harness.emulator.injectFault('GetBackendJob', { kind: 'throttle', times: 3 });
    harness.emulator.injectFault('GetBackendJob', { kind: 'timeoutBeforeEffect' });

    const result = await wait(harness, jobId, ['--interval', '2']);

    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(1)).toEqual([
      '[0s] retrying after GetBackendJob failed: TooManyRequestsException: Rate exceeded',
      '[6s] retrying after GetBackendJob failed: GatewayTimeoutException: Endpoint request timed out',
      '[8s] RUNNING (CreateBackendStorage)',
      '[10s] COMPLETED (CreateBackendStorage)',
      `Job ${jobId} (CreateBackendStorage) COMPLETED after 10s.`,
      '',
    ]);
    expect(polls(harness).map((poll) => poll.status)).toEqual([429, 429, 429, 504, 200, 200]);
  });

  test('on a terminal a retry shows on the progress line with the last status read', async () => {
    const jobId = await startJob();
    harness.emulator.injectFault('GetBackendJob', { kind: 'throttle', times: 1 });

    const result = await wait(harness, jobId, ['--interval', '5'], { isTTY: true });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('\r[0s] status unknown · retrying after GetBackendJob failed: TooManyRequestsException: Rate exceeded\u001b[K\r[5s] RUNNING');
  });

  test('an endpoint that never answers is retried until --timeout, then the job could not be read: exit 5, and no "the job goes on"', async () => {
    const gone = await AmplifyBackendEmulator.start();
    await gone.close();

    const result = await runCli(['jobs', 'wait', 'job-1', '--app-id', APP_ID, '--env', ENV, '--endpoint-url', gone.endpoint, '--interval', '5', '--timeout', '10'],
      { clock: harness.clock });

    const refused = `GetBackendJob failed: the endpoint refused the connection (connect ECONNREFUSED ${new URL(gone.endpoint).host})`;
    expect(result).toEqual({
      code: 5,
      stdout: `Waiting for job job-1 (app ${APP_ID}, environment ${ENV}): polling every 5s, for up to 10s.\n[0s] retrying after ${refused}\n`,
      stderr: `Could not read job job-1 (app ${APP_ID}, environment ${ENV}) in 10s (--timeout 10): ${refused}\n`
        + `Check that --endpoint-url ${gone.endpoint} is right and that the service runs there.\n`,
    });
  });

  test('a host name that does not resolve, before the job was ever read, ends the wait at once: exit 5, not an hour of retries', async () => {
    const result = await runCli(['jobs', 'wait', 'job-1', '--app-id', APP_ID, '--env', ENV, '--endpoint-url', 'http://amplifybackend.invalid'],
      { clock: harness.clock });

    expect(result.code).toBe(5);
    expect(result.stdout).toBe(`Waiting for job job-1 (app ${APP_ID}, environment ${ENV}): polling every 5s, for up to 1h00m.\n`);
    expect(result.stderr).toMatch(new RegExp(`^Could not read job job-1 \\(app ${APP_ID}, environment ${ENV}\\): GetBackendJob failed: `
      + 'the endpoint\'s host name does not resolve \\(getaddrinfo (ENOTFOUND|EAI_AGAIN) amplifybackend\\.invalid\\)\n'
      + 'Check that --endpoint-url http://amplifybackend.invalid is right and that the service runs there.\n$'));
  });

  test('an endpoint that stops answering after the job was read: --timeout says the job is still running and goes on, exit 3', async () => {
    const own = await startHarness({ clock: harness.clock.read });
    own.emulator.injectFault('CreateBackendStorage', { kind: 'jobNeverFinishes' });
    const { JobId: jobId } = await createStorage(own.client);
    own.client.destroy();
    let stopped: Promise<void> | undefined;

    // The emulator stops listening as soon as the first poll has read the job.
    const result = await runCli(['jobs', 'wait', jobId!, '--app-id', APP_ID, '--env', ENV, '--endpoint-url', own.emulator.endpoint, '--interval', '5', '--timeout', '10'],
      { clock: harness.clock, onStdout: (text) => (stopped ??= text.includes('RUNNING') ? own.emulator.close() : undefined) });
    await stopped;

    const refused = `GetBackendJob failed: the endpoint refused the connection (connect ECONNREFUSED ${new URL(own.emulator.endpoint).host})`;
    expect(result.code).toBe(3);
    const lines = result.stdout.split('\n').slice(1, -1);
    expect(lines[0]).toBe('[0s] RUNNING (CreateBackendStorage)');
    // The first poll after the stop may meet the keep-alive socket the server dropped ("socket hang up") before a refused connection.
    expect(lines[lines.length - 1]).toMatch(new RegExp(`^\\[(5|10)s\\] retrying after ${escape(refused)}$`));
    expect(result.stderr).toBe(`Timed out after 10s (--timeout 10): job ${jobId} (app ${APP_ID}, environment ${ENV}) is still RUNNING `
      + `(the last poll failed: ${refused}). The job itself goes on.\n`);
  });

  test('a job throttled at every poll until --timeout was never read: exit 1 saying so, and no "the job itself goes on"', async () => {
    const jobId = await startJob();
    harness.emulator.injectFault('GetBackendJob', { kind: 'throttle', times: 100 });

    const result = await wait(harness, jobId, ['--interval', '5', '--timeout', '10']);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`Could not read job ${jobId} (app ${APP_ID}, environment ${ENV}) in 10s (--timeout 10): `
      + 'GetBackendJob failed: TooManyRequestsException: Rate exceeded\n');
    expect(polls(harness).map((poll) => poll.status)).toEqual([429, 429, 429]);
  });

  test('an error that retrying cannot fix (no such job) ends the wait at once: exit 1, the job could not be read, what to check', async () => {
    const result = await wait(harness, 'no-such-job', ['--interval', '5']);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`Could not read job no-such-job (app ${APP_ID}, environment ${ENV}): `
      + `GetBackendJob failed: NotFoundException: Job no-such-job not found in backend environment ${ENV} of app ${APP_ID}.\n`
      + 'Check the job id, --app-id and --env: "jobs list" with the same --app-id and --env prints the environment\'s job ids.\n');
    expect(polls(harness)).toHaveLength(1);
  });
});

describe('jobs wait on a job reporting a status the service does not document', () => {
  const harness = useEmulator({ runningStatus: 'IN_PROGRESS' });

  test('the status counts as still running until COMPLETED', async () => {
    const jobId = harness.emulator.startExternalJob({ appId: APP_ID, backendEnvironmentName: ENV, durationMs: 10_000 });

    const result = await wait(harness, jobId, ['--interval', '5']);

    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(1, 3)).toEqual(['[0s] IN_PROGRESS (UpdateBackendAPI)', '[10s] COMPLETED (UpdateBackendAPI)']);
  });

  test('a console job that never finishes times out with exit 3, naming that status', async () => {
    const jobId = harness.emulator.startExternalJob({ appId: APP_ID, backendEnvironmentName: ENV, durationMs: Infinity });

    const result = await wait(harness, jobId, ['--interval', '10', '--timeout', '20']);

    expect(result.code).toBe(3);
    expect(result.stderr).toBe(`Timed out after 20s (--timeout 20): job ${jobId} (app ${APP_ID}, environment ${ENV}) is still IN_PROGRESS. The job itself goes on.\n`);
  });
});
