import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { Command } from 'commander';
import { hermeticAwsEnvironment, runCli } from './harness';
import { CliIo } from '../../cli';
import { clientConfig } from '../../cli/aws-client';
import { createProgram } from '../../cli/program';
import { AmplifyBackendEmulator } from '../../local/emulator';
import { APP_ID, createStorage, ENV, useEmulator } from '../emulator/harness';

hermeticAwsEnvironment();

const ROOT = path.join(__dirname, '..', '..');

/** Every command that runs, by its path, with its options' long names. */
function leaves(command: Command, prefix: string[] = []): Array<{ path: string[]; options: string[] }> {
  if (command.commands.length === 0) return [{ path: prefix, options: command.options.map((option) => option.long!) }];
  return command.commands.flatMap((child) => leaves(child, [...prefix, child.name()]));
}
// Only read, never run: it needs no input or output.
const EVERY_COMMAND = leaves(createProgram({} as CliIo, [], () => undefined));

describe('help and version', () => {
  test('--help lists every command, the AWS configuration and the exit codes', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const commands = ['jobs list', 'jobs show', 'jobs wait', 'jobs update', 'drift', 'adopt', 'preview', 'local deploy', 'local diff', 'local destroy',
      'local try', 'local serve', 'local drift', 'local adopt', 'local preview'];
    for (const name of commands) expect(result.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(result.stdout).toContain('AWS_ENDPOINT_URL_AMPLIFYBACKEND');
    expect(result.stdout).toContain('AWS_ENDPOINT_URL_CLOUDFORMATION');
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('Exit codes: 0 success; 1 service error, FAILED job, failed deployment or drift (adopt: its '
      + 'check found a change, nothing written; preview: something would change); 2 bad arguments; '
      + '3 jobs wait timed out (the job still running); 4 incomplete AWS configuration (no Region, no credentials, unknown profile); '
      + '5 endpoint unreachable (host name does not resolve, connection refused, timed out).');
    expect((await runCli(['-h'])).stdout).toBe(result.stdout);
  });

  test('jobs --help lists the jobs commands', async () => {
    const result = await runCli(['jobs', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: cdk-amplify-backend jobs <command> \[options\]\n/);
    for (const name of ['list', 'show', 'wait', 'update']) expect(result.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  });

  test.each(EVERY_COMMAND.map(({ path: commandPath, options }) => [commandPath.join(' '), commandPath, options] as const))(
    '%s --help and -h print its usage and every option',
    async (_name, commandPath, options) => {
      const result = await runCli([...commandPath, '--help']);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(new RegExp(`^Usage: cdk-amplify-backend ${commandPath.join(' ')} `));
      for (const option of options) expect(result.stdout).toMatch(new RegExp(`^  (-\\w, )?${option}\\b.* {2,}\\S`, 'm'));
      expect(result.stdout).toMatch(/^ {2}-h, --help +Show this help$/m);
      expect((await runCli([...commandPath, '-h'])).stdout).toBe(result.stdout);
    },
  );

  test('the usage line shows the positional and the required options', async () => {
    expect((await runCli(['jobs', 'wait', '--help'])).stdout.split('\n')[0])
      .toBe('Usage: cdk-amplify-backend jobs wait <jobId> --app-id <id> --env <name> [options]');
    expect((await runCli(['local', 'deploy', '--help'])).stdout.split('\n')[0]).toBe('Usage: cdk-amplify-backend local deploy [options]');
  });

  test.each(['list', 'show', 'wait', 'update'])('jobs %s --help lists its exit codes, 4 (AWS configuration) and 5 (unreachable) among them', async (name) => {
    const help = (await runCli(['jobs', name, '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(/Exit codes: 0 [^;]+; 1 [^;]+; 2 bad arguments; (3 timed out with the job still running; )?4 the AWS configuration is incomplete: /);
    expect(help).toContain('; 5 the endpoint did not answer: its host name does not resolve, the connection was refused, or it timed out.');
    expect(help.includes('3 timed out')).toBe(name === 'wait');
  });

  test('jobs update --help says what the service documents: values and effect undocumented, nothing guaranteed, never relied on', async () => {
    const help = (await runCli(['jobs', 'update', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('the allowed values of --status and --operation and the effect of the call are undocumented');
    expect(help).toContain('Nothing guarantees that it changes, stops or cancels a running job');
    expect(help).toContain('The cdk-amplify-backend library never relies on it');
  });

  test.each([
    [['jobs', 'wait', '--interval', 'soon', '--help']],
    [['jobs', 'wait', '--nope', '-h']],
    [['jobs', 'wait', '--help', '--app-id']],
    [['jobs', 'wait', 'j1', 'j2', '--app-id', '--help']],
  ])('help anywhere before -- wins over bad arguments: %j', async (argv) => {
    const result = await runCli(argv);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Usage: cdk-amplify-backend jobs wait/);
  });

  test('--version prints the package\'s version', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('bad arguments exit 2, naming what is wrong and what is allowed', () => {
  test.each([
    [[], 'cdk-amplify-backend: Missing command.\n'],
    [['deploy'], 'cdk-amplify-backend: Unknown command "deploy". Commands: jobs, drift, adopt, preview, local.\n'],
    [['--verbose'], 'cdk-amplify-backend: Unknown option --verbose. Options: --version, --help.\n'],
    [['jobs'], 'cdk-amplify-backend jobs: Missing jobs command.\n'],
    [['jobs', 'cancel'], 'cdk-amplify-backend jobs: Unknown jobs command "cancel". Commands: list, show, wait, update.\n'],
    [['jobs', 'list', '--app-id', 'd1'], 'cdk-amplify-backend jobs list: Missing required option: --env <name>.\n'],
    [['jobs', 'list', '--app-id', 'd1', '--env', 'dev', '--limit', '3'], 'cdk-amplify-backend jobs list: Unknown option --limit. Options: --app-id, --env, --status, '
      + '--operation, --max-items, --json, --profile, --region, --endpoint-url, --help.\n'],
    [['jobs', 'list', '--app-id', 'd1', '--env', 'dev', '--max-items', '0'], 'cdk-amplify-backend jobs list: Invalid --max-items "0": use a whole number of 1 or more.\n'],
    [['jobs', 'show', '--app-id', 'd1', '--env', 'dev'], 'cdk-amplify-backend jobs show: Missing <jobId>: the job id, as returned by the call that started the job or by "jobs list".\n'],
    [['jobs', 'wait', 'j1', '--app-id', 'd1', '--env', 'dev', '--timeout', 'never'], 'cdk-amplify-backend jobs wait: Invalid --timeout "never": use a number greater than 0.\n'],
    [['jobs', 'update', 'j1', '--app-id', 'd1', '--env', 'dev'], 'cdk-amplify-backend jobs update: Missing required options: --status <status>, --operation <operation>.\n'],
    [['jobs', 'show', 'j1', '--app-id', 'd1', '--env', 'dev', '--endpoint-url', 'localhost:4566'],
      'cdk-amplify-backend jobs show: Invalid --endpoint-url "localhost:4566": use an http:// or https:// URL, e.g. http://127.0.0.1:4566.\n'],
    [['jobs', 'show', 'j1', '--app-id', 'd1', '--env', 'dev', '--region', 'US East'], 'cdk-amplify-backend jobs show: Invalid --region "US East": use a Region name such as us-east-1.\n'],
    [['local'], 'cdk-amplify-backend local: Missing local command.\n'],
    [['local', 'try', '--app', 'node app.js', '--environment', 'dev'], 'cdk-amplify-backend local try: Invalid --environment "dev": use <appId>/<environment name>, e.g. d1abc2def3/dev, '
      + 'and d1abc2def3/dev+auth for one that has auth.\n'],
    [['local', 'try', '--app', 'node app.js', '--bucket', 'Team_Files'],
      'cdk-amplify-backend local try: Invalid --bucket "Team_Files": use an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens.\n'],
    [['local', 'try', '--app', 'node app.js', '--time-scale', '-1'], 'cdk-amplify-backend local try: Invalid --time-scale "-1": use a number greater than 0.\n'],
    [['local', 'try', '--app', 'node app.js', '--job-duration', '1.5'], 'cdk-amplify-backend local try: Invalid --job-duration "1.5": use a whole number of 0 or more.\n'],
    [['local', 'try', '--app', 'node app.js', '--region', 'us-east-1'], 'cdk-amplify-backend local try: Unknown option --region. Options: --app, --context, --output, --keep, --time-scale, '
      + '--job-duration, --seed, --bucket, --environment, --secret, --secrets-file, --help.\n'],
    [['local', 'try', '--app', 'node app.js', '-x'], 'cdk-amplify-backend local try: Unknown option -x. Options: --app, --context, --output, --keep, --time-scale, '
      + '--job-duration, --seed, --bucket, --environment, --secret, --secrets-file, --help.\n'],
    [['local', 'deploy', '-c', 'stage'], 'cdk-amplify-backend local deploy: Invalid --context "stage": use <key>=<value>, e.g. -c stage=dev '
      + '(the value is a string; the key ends at the first "=").\n'],
    [['local', 'diff', '--context', '=dev'], 'cdk-amplify-backend local diff: Invalid --context "=dev": use <key>=<value>, e.g. -c stage=dev '
      + '(the value is a string; the key ends at the first "=").\n'],
    [['local', 'try', '-c', 'aws:cdk:enable-path-metadata=false'], 'cdk-amplify-backend local try: Invalid --context "aws:cdk:enable-path-metadata=false": '
      + 'keys that start with "aws:" are the CDK\'s own; name yours otherwise, e.g. "cdk:enable-path-metadata".\n'],
    [['jobs', 'show', '--', '--help'], 'cdk-amplify-backend jobs show: Missing required options: --app-id <id>, --env <name>.\n'],
    [['jobs', 'show', 'j1', 'j2', '--app-id', 'd1', '--env', 'dev'], 'cdk-amplify-backend jobs show: Unexpected argument "j2": this command takes <jobId> only.\n'],
    [['jobs', 'list', 'j1', '--app-id', 'd1', '--env', 'dev'], 'cdk-amplify-backend jobs list: Unexpected argument "j1": this command takes no arguments.\n'],
    [['jobs', 'show', '', '--app-id', 'd1', '--env', 'dev'], 'cdk-amplify-backend jobs show: <jobId> must not be empty.\n'],
    [['jobs', 'show', 'j1', '--env', 'dev', '--app-id'], 'cdk-amplify-backend jobs show: --app-id needs a value: --app-id <id>.\n'],
    [['jobs', 'show', 'j1', '--app-id', '--json', '--env', 'dev'], 'cdk-amplify-backend jobs show: --app-id needs a value: --app-id <id>.\n'],
    [['jobs', 'show', 'j1', '--app-id', 'd1', '--app-id=d2', '--env', 'dev'], 'cdk-amplify-backend jobs show: --app-id was given more than once; give it once.\n'],
    [['jobs', 'show', 'j1', '--app-id', 'd1', '--env', 'dev', '--json=yes'], 'cdk-amplify-backend jobs show: --json takes no value; got "--json=yes".\n'],
    [['jobs', 'show', 'j1', '--app-id', '', '--env', 'dev'], 'cdk-amplify-backend jobs show: --app-id must not be empty.\n'],
    [['jobs', 'wait', 'j1', '--app-id', 'd1', '--env', 'dev', '--interval', '0'], 'cdk-amplify-backend jobs wait: Invalid --interval "0": use a number greater than 0.\n'],
    [['jobs', 'wait', 'j1', '--app-id', 'd1', '--env', 'dev', '--interval', '-2'], 'cdk-amplify-backend jobs wait: Invalid --interval "-2": use a number greater than 0.\n'],
    [['jobs', 'list', '--app-id', 'd1', '--env', 'dev', '--max-items', '1.5'], 'cdk-amplify-backend jobs list: Invalid --max-items "1.5": use a whole number of 1 or more.\n'],
    [['jobs', 'list', '--app-id', 'd1', '--env', 'dev', '--max-items', '0x10'], 'cdk-amplify-backend jobs list: Invalid --max-items "0x10": use a whole number of 1 or more.\n'],
    [['local', 'try', '--app', 'node app.js', '--bucket', 'team-files', '--bucket', 'Team_Files'],
      'cdk-amplify-backend local try: Invalid --bucket "Team_Files": use an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens.\n'],
  ])('%j', async (argv, firstLine) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.slice(0, firstLine.length)).toBe(firstLine);
    expect(result.stderr.length).toBeGreaterThan(firstLine.length); // followed by the usage or the commands
  });

  test('a command\'s usage problem is followed by its usage line and where to find every option', async () => {
    const result = await runCli(['jobs', 'show', 'j1']);
    expect(result.stderr).toBe([
      'cdk-amplify-backend jobs show: Missing required options: --app-id <id>, --env <name>.',
      'Usage: cdk-amplify-backend jobs show <jobId> --app-id <id> --env <name> [options]',
      'Run "cdk-amplify-backend jobs show --help" for every option.',
      '',
    ].join('\n'));
  });

  test('the installed entry point sets the exit code and prints to stderr', () => {
    const bin = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'cli/bin.ts', 'jobs', 'list', '--app-id', 'd1'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(bin.status).toBe(2);
    expect(bin.stdout).toBe('');
    expect(bin.stderr).toMatch(/^cdk-amplify-backend jobs list: Missing required option: --env <name>\.\n/);
  });
});

describe('AWS configuration: the SDK\'s defaults, overridden by the flags', () => {
  const harness = useEmulator();
  const show = (jobId: string, ...flags: string[]) => runCli(['jobs', 'show', jobId, '--app-id', APP_ID, '--env', ENV, '--json', ...flags]);
  let closedEndpoint: string;
  beforeAll(async () => {
    const closed = await AmplifyBackendEmulator.start();
    closedEndpoint = closed.endpoint;
    await closed.close();
  });

  test('AWS_ENDPOINT_URL_AMPLIFYBACKEND applies, and --endpoint-url overrides it', async () => {
    const { JobId } = await createStorage(harness.client);
    process.env.AWS_ENDPOINT_URL_AMPLIFYBACKEND = harness.emulator.endpoint;
    expect((await show(JobId!)).code).toBe(0);

    process.env.AWS_ENDPOINT_URL_AMPLIFYBACKEND = closedEndpoint;
    expect((await show(JobId!)).stderr).toMatch(/^GetBackendJob failed: .*ECONNREFUSED/);
    expect((await show(JobId!, '--endpoint-url', harness.emulator.endpoint)).code).toBe(0);
  });

  describe('with a shared config file', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-profile-'));
      process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
      fs.writeFileSync(process.env.AWS_CONFIG_FILE, [
        '[profile emulator]', 'region = eu-west-1', `endpoint_url = ${harness.emulator.endpoint}`, 'aws_access_key_id = p1', 'aws_secret_access_key = p1',
        '[profile other]', 'region = ap-south-1', 'aws_access_key_id = p2', 'aws_secret_access_key = p2',
        '',
      ].join('\n'));
      for (const name of ['AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) delete process.env[name];
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('AWS_PROFILE applies: Region, credentials and endpoint_url come from that profile', async () => {
      const { JobId } = await createStorage(harness.client);
      expect((await show(JobId!)).code).toBe(4); // the default profile has no Region
      process.env.AWS_PROFILE = 'emulator';
      expect(await show(JobId!)).toMatchObject({ code: 0, stderr: '' });
    });

    test('--profile applies, and overrides AWS_PROFILE, for the Region and the credentials', async () => {
      const { JobId } = await createStorage(harness.client);
      expect(await show(JobId!, '--profile', 'emulator', '--endpoint-url', harness.emulator.endpoint)).toMatchObject({ code: 0, stderr: '' });

      process.env.AWS_PROFILE = 'emulator';
      const client = new AmplifyBackendClient(clientConfig({ profile: 'other' }));
      try {
        expect(await client.config.region()).toBe('ap-south-1');
        expect(await client.config.credentials()).toMatchObject({ accessKeyId: 'p2', secretAccessKey: 'p2' });
      } finally {
        client.destroy();
      }
    });
  });

  test('--region overrides AWS_REGION', async () => {
    process.env.AWS_REGION = 'us-east-1';
    const withFlag = new AmplifyBackendClient(clientConfig({ region: 'eu-west-3' }));
    const withoutFlag = new AmplifyBackendClient(clientConfig({}));
    try {
      expect(await withFlag.config.region()).toBe('eu-west-3');
      expect(await withoutFlag.config.region()).toBe('us-east-1');
    } finally {
      withFlag.destroy();
      withoutFlag.destroy();
    }
  });

  test('AWS_MAX_ATTEMPTS applies: one attempt fails on a 429, two ride it out', async () => {
    const { JobId } = await createStorage(harness.client);
    harness.emulator.injectFault('GetBackendJob', { kind: 'throttle' });
    expect(await show(JobId!, '--endpoint-url', harness.emulator.endpoint)).toMatchObject({ code: 1, stderr: 'GetBackendJob failed: TooManyRequestsException: Rate exceeded\n' });

    process.env.AWS_MAX_ATTEMPTS = '2';
    harness.emulator.injectFault('GetBackendJob', { kind: 'throttle' });
    expect(await show(JobId!, '--endpoint-url', harness.emulator.endpoint)).toMatchObject({ code: 0 });
    expect(harness.emulator.requests().filter((request) => request.operation === 'GetBackendJob').map((request) => request.status)).toEqual([429, 429, 200]);
  });
});
