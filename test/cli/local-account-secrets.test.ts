import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import { CliResult, hermeticAwsEnvironment, runCli } from './harness';
import { secretFingerprint } from '../../local/emulator';
import { LocalDeployment } from '../../local/local-deployment';
import { AmplifyBackend } from '../../src';

hermeticAwsEnvironment();
jest.setTimeout(60_000);

const FAST = ['--time-scale', '0.02', '--job-duration', '50'];
const GOOGLE_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:photo-share/google-AbCdEf';
/** Planted values: the secrets file holds them, and nothing else may. */
const GOOGLE_SECRET = 'GOCSPX-planted-5e2a';
const APPLE_KEY = '-----BEGIN PRIVATE KEY-----\nMIGplantedapple71f0\n-----END PRIVATE KEY-----';
/** What to look for: parts that JSON escaping or a log's quoting leaves intact. */
const PLANTED = ['planted-5e2a', 'plantedapple71f0'];

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-account-secrets-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const assemblies = new Map<number, string>();

/** The app with passwords of at least `minLength` (a change the auth handler sends with UpdateBackendAuth), synthesized into a folder once. */
function assembly(minLength: number): string {
  const synthesized = assemblies.get(minLength) ?? synthesize(minLength);
  assemblies.set(minLength, synthesized);
  return synthesized;
}

function synthesize(minLength: number): string {
  const app = new App({ outdir: fs.mkdtempSync(path.join(root, 'cdk.out-')), context: { 'aws:cdk:enable-path-metadata': true } });
  const stack = new Stack(app, 'Photos');
  new AmplifyBackend(stack, 'Staging', { appId: 'd1', appName: 'photo-share', environmentName: 'staging', removalPolicy: RemovalPolicy.DESTROY })
    .addAuth('Users', {
      resourceName: 'photousers',
      passwordPolicy: { minLength },
      oAuth: {
        domainPrefix: 'photo-share',
        callbackUrls: ['https://photos.example.com/'],
        logoutUrls: ['https://photos.example.com/'],
        google: { clientId: 'google-client', clientSecretValue: SecretValue.secretsManager(GOOGLE_ARN, { jsonField: 'clientSecret' }) },
        apple: { clientId: 'com.example.photos', teamId: 'TEAM123456', keyId: 'KEY1234567', privateKeyValue: SecretValue.secretsManager('photo-share/apple-key') },
      },
      removalPolicy: RemovalPolicy.DESTROY,
    });
  return app.synth().directory;
}

/** Every file under `dir`, as paths relative to it. */
const filesUnder = (dir: string): string[] => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((file) => fs.statSync(path.join(dir, file)).isFile());

const state = path.join(root, 'state');
const secretsFile = path.join(state, 'secrets.json');
/** Everything the commands printed, and every line the handlers logged. */
const printed: string[] = [];
const handlerLines: string[] = [];

async function cli(argv: string[], stdin?: string): Promise<CliResult> {
  const result = await runCli(argv, { stdin });
  printed.push(result.stdout, result.stderr);
  return result;
}
const deploy = (minLength: number, ...more: string[]) => cli(['local', 'deploy', '--app', assembly(minLength), '--state-dir', state, ...FAST, ...more]);
/** The auth resource's lines of a text report that say UpdateBackendAuth started (the handler read the secrets just before). */
const updatesSent = (result: CliResult) => result.stdout.match(/^ +\+\d+\.\ds {2}Staging\/Users +UpdateBackendAuth · job /gm) ?? [];

beforeAll(() => {
  // Every line the handlers and the Provider framework's functions log, whatever the command shows of them.
  const start = LocalDeployment.start.bind(LocalDeployment);
  jest.spyOn(LocalDeployment, 'start').mockImplementation((options = {}) => start({
    ...options,
    onLog: (line) => {
      handlerLines.push(line.line);
      options.onLog?.(line);
    },
    onFrameworkLog: (line) => handlerLines.push(line.line),
  }));
});
afterAll(() => jest.restoreAllMocks());

// The steps go on with one local stack, in order: each test starts where the one before it ended.
describe('secrets kept in the state folder, as in an account', () => {
  test('a deploy given --secret keeps the values in the owner-only secrets file only: not in any other file of the state folder, '
    + 'any output (text or --json) or any handler log line', async () => {
    const created = await deploy(8, '--secret', `photo-share/google=${JSON.stringify({ clientSecret: GOOGLE_SECRET })}`, '--secret', `photo-share/apple-key=${APPLE_KEY}`);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const updated = await deploy(9, '--json');
    expect(updated.code).toBe(0);
    expect(updated.stdout).toMatch(/"action":"UPDATE","rollback":false,"status":"COMPLETE".*"construct":"Staging\/Users"/);

    expect(fs.statSync(secretsFile).mode % 0o1000).toBe(0o600);
    const kept = fs.readFileSync(secretsFile, 'utf8');
    for (const value of PLANTED) expect(kept).toContain(value);
    // The service got the secrets: the world keeps their fingerprints.
    const world = fs.readFileSync(path.join(state, 'world.json'), 'utf8');
    expect(world).toContain(secretFingerprint(GOOGLE_SECRET));
    expect(world).toContain(secretFingerprint(APPLE_KEY));

    const others = filesUnder(state).filter((file) => file !== 'secrets.json');
    expect(others).toEqual(expect.arrayContaining(['world.json', path.join('stacks', 'Photos.json')]));
    expect(handlerLines.length).toBeGreaterThan(10);
    const seen = [...others.map((file) => fs.readFileSync(path.join(state, file), 'utf8')), ...printed, ...handlerLines];
    for (const text of seen) for (const value of PLANTED) expect(text).not.toContain(value);
  });

  test('given once, the secrets serve two more updates and a destroy without flags; once one is deleted, the next deploy stops before '
    + 'anything starts, naming it, who reads it and the command that adds it', async () => {
    for (const minLength of [10, 11]) {
      const updated = await deploy(minLength);
      expect(updated.stderr).toBe('');
      expect(updated.code).toBe(0);
      expect(updatesSent(updated)).toHaveLength(1);
    }
    const destroyed = await cli(['local', 'destroy', '--state-dir', state, ...FAST]);
    expect(destroyed.code).toBe(0);
    expect(destroyed.stdout).toContain(`No stack left: removed the local stack from ${state}; its secrets stay in ${secretsFile} `
      + '("local secrets delete" removes them).');
    expect(fs.readdirSync(state)).toEqual(['secrets.json']);

    expect((await cli(['local', 'secrets', 'list', '--state-dir', state])).stdout).toBe('photo-share/apple-key\nphoto-share/google\n');
    const deleted = await cli(['local', 'secrets', 'delete', GOOGLE_ARN, '--state-dir', state]);
    expect(deleted).toEqual({ code: 0, stdout: `Deleted secret photo-share/google from ${secretsFile}.\n`, stderr: '' });

    const refused = await deploy(11);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe([
      'The local Secrets Manager cannot serve a secret that the stacks read, so nothing was deployed:',
      '  photo-share/google: there is no such secret.',
      '    read by Photos/Staging/Users (Custom::AmplifyBackendAuth), OAuth.Google.ClientSecret, field "clientSecret"',
      `    Add it: cdk-amplify-backend local secrets set photo-share/google --state-dir ${state}  (reads JSON like {"clientSecret":"<value>"} from stdin),`,
      '    or give it to this deploy: --secret \'photo-share/google={"clientSecret":"<value>"}\'',
      '',
    ].join('\n'));
    const refusedJson = await deploy(11, '--json');
    expect(refusedJson.code).toBe(1);
    expect(refusedJson.stdout).toBe(`${JSON.stringify({
      event: 'result', ok: false, stacks: [], secrets: [{ name: 'photo-share/google', problem: 'there is no such secret' }],
    })}\n`);
    expect(fs.readdirSync(state)).toEqual(['secrets.json']);
    for (const text of printed) for (const value of PLANTED) expect(text).not.toContain(value);
  });
});

describe('local secrets list, set and delete', () => {
  const folder = path.join(root, 'commands');
  const run = (argv: string[], stdin?: string) => runCli(['local', 'secrets', ...argv, '--state-dir', folder], { stdin });

  test('set reads the value from stdin (one trailing line break dropped), list prints names only, delete removes one', async () => {
    expect(await run(['list'])).toEqual({ code: 0, stdout: `No secrets in ${path.join(folder, 'secrets.json')}.\n`, stderr: '' });
    expect(fs.existsSync(folder)).toBe(false);
    expect(await run(['set', 'photo-share/google'], `{"clientSecret":"${GOOGLE_SECRET}"}\n`))
      .toEqual({ code: 0, stdout: `Set secret photo-share/google in ${path.join(folder, 'secrets.json')}.\n`, stderr: '' });
    expect(await run(['set', GOOGLE_ARN], `{"clientSecret":"${GOOGLE_SECRET}"}\r\n\n`)).toMatchObject({
      code: 0, stdout: `Set secret ${GOOGLE_ARN} in ${path.join(folder, 'secrets.json')} (in place of photo-share/google).\n`,
    });
    await run(['set', 'photo-share/apple-key'], `${APPLE_KEY}\n`);
    expect(JSON.parse(fs.readFileSync(path.join(folder, 'secrets.json'), 'utf8')).secrets).toEqual({
      [GOOGLE_ARN]: `{"clientSecret":"${GOOGLE_SECRET}"}\r\n`, 'photo-share/apple-key': APPLE_KEY,
    });
    expect(fs.statSync(path.join(folder, 'secrets.json')).mode % 0o1000).toBe(0o600);
    expect(await run(['list'])).toEqual({ code: 0, stdout: `${GOOGLE_ARN}\nphoto-share/apple-key\n`, stderr: '' });
    expect(await run(['list', '--json'])).toEqual({ code: 0, stdout: `{"secrets":["${GOOGLE_ARN}","photo-share/apple-key"]}\n`, stderr: '' });

    expect(await run(['delete', 'photo-share/google'])).toMatchObject({ code: 0, stdout: `Deleted secret ${GOOGLE_ARN} from ${path.join(folder, 'secrets.json')}.\n` });
    expect(await run(['list'])).toMatchObject({ stdout: 'photo-share/apple-key\n' });
    expect(fs.readdirSync(folder)).toEqual(['secrets.json']);
  });

  test('delete of a secret that is not there exits 1 naming it and the secrets there; set refuses an empty value (exit 2)', async () => {
    expect(await run(['delete', 'photo-share/facebook'])).toEqual({
      code: 1, stdout: '', stderr: `No secret photo-share/facebook in ${path.join(folder, 'secrets.json')}; the secrets there: photo-share/apple-key.\n`,
    });
    expect(await run(['set', 'photo-share/facebook'], '\n')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'No value for secret photo-share/facebook on stdin: give it there, e.g. cdk-amplify-backend local secrets set '
        + 'photo-share/facebook < value.txt (an empty secret is refused).\n',
    });
    expect(await run(['list'])).toMatchObject({ stdout: 'photo-share/apple-key\n' });
  });
});
