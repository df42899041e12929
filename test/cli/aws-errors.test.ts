import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { hermeticAwsEnvironment, runCli } from './harness';
import { AmplifyBackendEmulator } from '../../local/emulator';
import { APP_ID, ENV, useEmulator } from '../emulator/harness';

hermeticAwsEnvironment();

/**
 * What the jobs commands say when the AWS configuration is incomplete: the problem in the SDK's words
 * too, and the settings that fix it; exit 4, and nothing sent.
 */
describe('AWS configuration problems: exit 4 before the first call, naming what fixes them', () => {
  const harness = useEmulator();
  const jobs = (command: string[], ...flags: string[]) =>
    runCli(['jobs', ...command, '--app-id', APP_ID, '--env', ENV, '--endpoint-url', harness.emulator.endpoint, ...flags]);
  afterEach(() => expect(harness.emulator.requests()).toEqual([]));

  test('no Region anywhere: --region, AWS_REGION or the profile\'s region', async () => {
    delete process.env.AWS_REGION;
    expect(await jobs(['list'])).toEqual({
      code: 4,
      stdout: '',
      stderr: 'No AWS Region is set (Region is missing).\n'
        + 'Give --region (for example --region us-east-1), set AWS_REGION, or set region in profile "default" of /nonexistent/aws/config.\n',
    });
  });

  test('no credentials anywhere: the environment variables, --profile or AWS_PROFILE, or aws configure', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    expect(await jobs(['show', 'job-1'])).toEqual({
      code: 4,
      stdout: '',
      stderr: 'No AWS credentials were found (CredentialsProviderError: Could not load credentials from any providers).\n'
        + 'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, name a profile that has credentials with --profile or AWS_PROFILE, '
        + 'or run "aws configure" to give the default profile some.\n',
    });
  });

  test('a named profile when neither shared file exists: says where it looked', async () => {
    expect(await jobs(['wait', 'job-1'], '--profile', 'prod')).toEqual({
      code: 4,
      stdout: '',
      stderr: 'Profile "prod" (named by --profile) was not found: neither /nonexistent/aws/config nor /nonexistent/aws/credentials exists.\n'
        + 'Create it with "aws configure --profile prod", or point AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE at the files that have it.\n',
    });
  });

  describe('with shared config and credentials files', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-aws-errors-'));
      process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
      fs.writeFileSync(process.env.AWS_CONFIG_FILE, '[profile staging]\nregion = eu-west-1\n[profile bare]\noutput = json\n[sso-session corp]\nsso_region = eu-west-1\n');
      fs.writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, '[ci]\naws_access_key_id = c\naws_secret_access_key = c\n');
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('a profile that neither file has, named by --profile: its name, the files and the profiles they have', async () => {
      expect(await jobs(['list'], '--profile', 'stagign')).toEqual({
        code: 4,
        stdout: '',
        stderr: `Profile "stagign" (named by --profile) is in neither ${dir}/config nor ${dir}/credentials; their profiles: bare, ci, staging.\n`
          + 'Give the name of one of them, or create it with "aws configure --profile stagign".\n',
      });
    });

    test('named by AWS_PROFILE, the same, saying so', async () => {
      process.env.AWS_PROFILE = 'prod';
      const result = await jobs(['show', 'job-1']);
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(/^Profile "prod" \(named by AWS_PROFILE\) is in neither /);
    });

    test('a profile without a region: that profile\'s region, in the config file', async () => {
      delete process.env.AWS_REGION;
      const result = await jobs(['list'], '--profile', 'bare');
      expect(result.code).toBe(4);
      expect(result.stderr).toBe('No AWS Region is set (Region is missing).\n'
        + `Give --region (for example --region us-east-1), set AWS_REGION, or set region in profile "bare" of ${dir}/config.\n`);
    });

    test('a profile without credentials: aws configure, or aws sso login, for that profile', async () => {
      // Only the profile's credentials (none): the SDK warns when the environment has some too.
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      const result = await jobs(['list'], '--profile', 'staging');
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(/^Profile "staging" \(named by --profile\) gave no AWS credentials \(.+\)\.\n/);
      expect(result.stderr.split('\n')[1]).toBe('Add them with "aws configure --profile staging" '
        + '(or sign in with "aws sso login --profile staging" if it is an SSO profile), or name another profile.');
    });
  });
});

/**
 * What the jobs commands say when the endpoint does not answer: the problem in words with the SDK's
 * text in parentheses, and the setting that chose the endpoint; exit 5. No real network: a closed
 * local port, a `.invalid` host name (never resolves), and a local server that never answers.
 */
describe('an unreachable endpoint: exit 5, naming the setting that chose the endpoint', () => {
  let closedEndpoint: string;
  beforeAll(async () => {
    const gone = await AmplifyBackendEmulator.start();
    await gone.close();
    closedEndpoint = gone.endpoint;
  });
  const jobs = (command: string[], ...flags: string[]) => runCli(['jobs', ...command, '--app-id', APP_ID, '--env', ENV, ...flags]);

  test('a connection refused, --endpoint-url given: that flag', async () => {
    expect(await jobs(['show', 'job-1'], '--endpoint-url', closedEndpoint)).toEqual({
      code: 5,
      stdout: '',
      stderr: `GetBackendJob failed: the endpoint refused the connection (connect ECONNREFUSED ${new URL(closedEndpoint).host})\n`
        + `Check that --endpoint-url ${closedEndpoint} is right and that the service runs there.\n`,
    });
  });

  test('a host name that does not resolve, from AWS_ENDPOINT_URL_AMPLIFYBACKEND: that variable', async () => {
    process.env.AWS_ENDPOINT_URL_AMPLIFYBACKEND = 'http://amplifybackend.invalid';
    const result = await jobs(['list']);
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ListBackendJobs failed: the endpoint's host name does not resolve \(getaddrinfo (ENOTFOUND|EAI_AGAIN) amplifybackend\.invalid\)\n/);
    expect(result.stderr.split('\n')[1]).toBe('Check that AWS_ENDPOINT_URL_AMPLIFYBACKEND=http://amplifybackend.invalid is right and that the service runs there.');
  });

  test('from AWS_ENDPOINT_URL, when the service\'s own variable is not set: that variable', async () => {
    process.env.AWS_ENDPOINT_URL = closedEndpoint;
    const result = await jobs(['update', 'job-1'], '--status', 'CANCELLED', '--operation', 'CreateBackendStorage');
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/^UpdateBackendJob failed: the endpoint refused the connection \(.*ECONNREFUSED.*\)\n/);
    expect(result.stderr.split('\n')[1]).toBe(`Check that AWS_ENDPOINT_URL=${closedEndpoint} is right and that the service runs there.`);
  });

  describe('a server that accepts connections and never answers', () => {
    let silent: net.Server;
    let silentEndpoint: string;
    const sockets = new Set<net.Socket>();
    beforeAll(async () => {
      silent = net.createServer((socket) => sockets.add(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      silentEndpoint = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });

    test('jobs wait: no request outlasts --timeout; the job could not be read, exit 5, and no "the job itself goes on"', async () => {
      const started = Date.now();
      const result = await jobs(['wait', 'job-1'], '--endpoint-url', silentEndpoint, '--interval', '0.2', '--timeout', '0.5');
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(result.code).toBe(5);
      expect(result.stderr).toMatch(new RegExp(`^Could not read job job-1 \\(app ${APP_ID}, environment ${ENV}\\) in \\d+s \\(--timeout 0\\.5\\): `
        + 'GetBackendJob failed: the endpoint did not answer in time \\(TimeoutError: .*500 ms requestTimeout\\.\\)\n'));
      expect(result.stderr.split('\n')[1]).toBe(`Check that --endpoint-url ${silentEndpoint} is right and that the service runs there.`);
      expect(result.stderr).not.toContain('goes on');
    });
  });
});
