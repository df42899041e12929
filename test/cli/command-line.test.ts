import { hermeticAwsEnvironment, runCli } from './harness';
import { APP_ID, createStorage, ENV, useEmulator } from '../emulator/harness';

hermeticAwsEnvironment();

/**
 * How the command line is read, seen through what the commands do with it. The refusals (exit 2)
 * are in main.test.ts; the AWS flags in its AWS configuration tests.
 */
describe('the command line', () => {
  const harness = useEmulator({ jobDurationMs: 1000 });
  const polls = () => harness.emulator.requests().filter((request) => request.operation === 'GetBackendJob');

  test('reads values given as --name value and --name=value, flags, and the positional wherever it stands', async () => {
    const { JobId } = await createStorage(harness.client);

    const result = await runCli(['jobs', 'show', `--app-id=${APP_ID}`, '--env', ENV, JobId!, '--json', `--endpoint-url=${harness.emulator.endpoint}`]);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject({ AppId: APP_ID, BackendEnvironmentName: ENV, JobId });
  });

  test('fills in the defaults, and leaves absent flags off', async () => {
    const { JobId } = await createStorage(harness.client);
    harness.clock.advance(1000);

    const result = await runCli(['jobs', 'wait', JobId!, '--app-id', APP_ID, '--env', ENV, '--endpoint-url', harness.emulator.endpoint], { clock: harness.clock });

    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(`Waiting for job ${JobId} (app ${APP_ID}, environment ${ENV}): polling every 5s, for up to 1h00m.`);
    const shown = await runCli(['jobs', 'show', JobId!, '--app-id', APP_ID, '--env', ENV, '--endpoint-url', harness.emulator.endpoint]);
    expect(shown.stdout).toMatch(/^Job {10}\S+\n/);
  });

  test('reads fractional numbers where the option allows them', async () => {
    const { JobId } = await createStorage(harness.client);
    const started = harness.clock.now;

    const result = await runCli(['jobs', 'wait', JobId!, '--app-id', APP_ID, '--env', ENV, '--endpoint-url', harness.emulator.endpoint, '--interval', '0.25'],
      { clock: harness.clock });

    expect(result.code).toBe(0);
    expect(polls().map((poll) => poll.time - started)).toEqual([0, 250, 500, 750, 1000]);
  });

  test('everything after -- is positional, even what looks like an option or asks for help', async () => {
    for (const jobId of ['--job', '--help']) {
      const result = await runCli(['jobs', 'show', '--app-id', APP_ID, '--env', ENV, '--endpoint-url', harness.emulator.endpoint, '--', jobId]);
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr).toMatch(new RegExp(`^GetBackendJob failed: NotFoundException: Job ${jobId} not found`));
    }
  });
});
