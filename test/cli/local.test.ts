import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deferred, hermeticAwsEnvironment, runCli } from './harness';

hermeticAwsEnvironment();

// Each test synthesizes the fixture app in a child process (ts-node on src/), then deploys it for real
// time on the emulator, with provider times scaled down: a few seconds each.
jest.setTimeout(60_000);

/** The CDK app command, as cdk.json's "app" would hold it; it runs from the repository root. */
const APP = 'node -r ts-node/register/transpile-only test/cli/fixtures/app.ts';
/** The packaged command, as `npm test` builds it. */
const BIN = path.join(__dirname, '..', '..', 'assets', 'cli', 'bin', 'index.js');
const FAST = ['--time-scale', '0.01', '--job-duration', '50'];
/** What the console created before the stacks: environment d1/dev with auth, and the bucket AppStorage imports. */
const EXISTING = ['--environment', 'd1/dev+auth', '--bucket', 'team-files'];

/** A job id as the service hands it out and the deployment report prints it, whole. */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The lines that head each step, in order. */
const steps = (stdout: string) => [...stdout.matchAll(/^━━ \d+\/\d+ {2}(\w+ \w+) ━+$/gm)].map((match) => match[1]);

describe('local try', () => {
  test('deploys every stack in dependency order, prints each resource step, then destroys them in reverse: exit 0', async () => {
    const result = await runCli(['local', 'try', '--app', APP, ...EXISTING, '--bucket=spare-files', ...FAST]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain([
      '  existing  environment d1/dev (given with --environment; referenced by AppStorage/Dev/TeamFiles, not created by the app) with auth, '
      + 'as the console and Studio would have made it',
      '            bucket team-files (given with --bucket; imported by AppStorage/Dev/TeamFiles), as a bucket the account already has',
      '            bucket spare-files (given with --bucket), as a bucket the account already has',
    ].join('\n'));
    expect(steps(result.stdout)).toEqual(['Deploy Environments', 'Deploy AppStorage', 'Destroy AppStorage', 'Destroy Environments']);
    // resource, operation, job id, status, elapsed time
    expect(result.stdout).toMatch(new RegExp(`^ +\\+\\d+\\.\\ds {2}Staging {12}CreateBackend · job ${UUID} · RUNNING$`, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^ +\\+\\d+\\.\\ds {2}Staging\\/Users {6}CreateBackendAuth · job ${UUID} · RUNNING$`, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^ +\\+\\d+\\.\\ds {2}Staging\\/Photos {5}CreateBackendStorage · job ${UUID} · RUNNING$`, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^ +\\+\\d+\\.\\ds {2}Dev\\/TeamFiles {6}ImportBackendStorage · job ${UUID} · RUNNING$`, 'm'));
    expect(result.stdout).toMatch(/^ +\+\d+\.\ds {2}Dev\/TeamFiles {6}CREATE_COMPLETE {2}d1\/dev\/s3[0-9a-f]{8} {2}\d+\.\d s$/m);
    expect(result.stdout).toMatch(new RegExp(`^ +\\+\\d+\\.\\ds {2}Staging {12}DeleteBackend · job ${UUID} · RUNNING$`, 'm'));
    expect(result.stdout).toMatch(/^ {2}Environments {2}CREATE_COMPLETE → DELETE_COMPLETE\n {2}AppStorage {4}CREATE_COMPLETE → DELETE_COMPLETE\n {2}Every stack reached the expected state\.\n$/m);
  });

  test('--keep keeps the stacks and the emulator, whose endpoint the jobs commands read, until Ctrl-C: exit 0', async () => {
    const ready = deferred();
    const ctrlC = deferred();
    let printed = '';
    const running = runCli(['local', 'try', '--app', APP, ...EXISTING, ...FAST, '--keep'], {
      interrupted: ctrlC.promise,
      onStdout: (text) => {
        printed += text;
        if (printed.includes('Press Ctrl-C to stop.')) ready.resolve();
      },
    });
    await Promise.race([ready.promise, running]);
    const endpoint = /Emulator running at (http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1];
    expect(endpoint).toBeDefined();
    expect(printed).toContain(`jobs list --endpoint-url ${endpoint} --region us-east-1 --app-id d1 --env dev`);

    const list = (env: string) => runCli(['jobs', 'list', '--app-id', 'd1', '--env', env, '--endpoint-url', endpoint!, '--json']);
    const staging = JSON.parse((await list('staging')).stdout).Jobs;
    const dev = JSON.parse((await list('dev')).stdout).Jobs;
    expect(staging.map((job: { Operation: string; Status: string }) => [job.Operation, job.Status]))
      .toEqual([['CreateBackendStorage', 'COMPLETED'], ['CreateBackendAuth', 'COMPLETED'], ['CreateBackend', 'COMPLETED']]);
    expect(dev.map((job: { Operation: string; Status: string }) => [job.Operation, job.Status])).toEqual([['ImportBackendStorage', 'COMPLETED']]);
    // The job id the report printed is the one "jobs show" takes.
    const printedJobId = new RegExp(`Staging/Photos +CreateBackendStorage · job (${UUID}) ·`).exec(printed)?.[1];
    const show = await runCli(['jobs', 'show', printedJobId!, '--app-id', 'd1', '--env', 'staging', '--endpoint-url', endpoint!]);
    expect(show).toMatchObject({ code: 0, stderr: '' });
    expect(show.stdout).toMatch(new RegExp(`^Job +${printedJobId}\nApp +d1\nEnvironment +staging\nOperation +CreateBackendStorage\nStatus +COMPLETED\n`));

    ctrlC.resolve();
    const result = await running;
    expect(result.code).toBe(0);
    expect(steps(result.stdout)).toEqual(['Deploy Environments', 'Deploy AppStorage']);
    expect(result.stdout).toMatch(/Stopping the emulator\.\n$/);
    const afterwards = await list('staging');
    expect(afterwards.code).toBe(5);
    expect(afterwards.stderr).toMatch(/^ListBackendJobs failed: the endpoint refused the connection \(.*ECONNREFUSED.*\)\nCheck that --endpoint-url /);
  });

  test('a stack that fails (a bucket not in the account) ends the deployment: the failure carries the service\'s text, exit 1', async () => {
    const result = await runCli(['local', 'try', '--app', APP, '--seed', 'none', '--environment', 'd1/dev+auth', ...FAST]);

    expect(result.code).toBe(1);
    expect(steps(result.stdout)).toEqual(['Deploy Environments', 'Deploy AppStorage', 'Destroy Environments']);
    expect(result.stdout).toMatch(/^ {2}AppStorage {4}ROLLBACK_COMPLETE$/m);
    expect(result.stderr).toBe([
      'Failed:',
      '  Deploy AppStorage: ROLLBACK_COMPLETE (expected CREATE_COMPLETE)',
      '    Dev/TeamFiles (Custom::AmplifyImportedBackendStorage) CREATE failed: Imported bucket "team-files" (app d1, environment dev): '
      + 'bucket "team-files" is not in this account (ListS3Buckets does not list it); create it first, or check its name and region',
      // The Provider framework's runtime points at the handler's log in the reason; local try keeps no log files, and says so.
      '',
      'Logs: not kept (this local run keeps no log files)',
      '',
      '',
    ].join('\n'));
  });

  test('storage in an existing environment without auth is refused, as the service refuses it: exit 1 with the service\'s text', async () => {
    const result = await runCli(['local', 'try', '--app', APP, '--seed', 'none', '--environment', 'd1/dev', '--bucket', 'team-files', ...FAST]);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Dev\/TeamFiles \(Custom::AmplifyImportedBackendStorage\) CREATE failed: .*Storage needs the auth category: add auth to backend environment dev first/);
  });

  test('an app command that fails deploys nothing: exit 1 naming the command and its exit code, as the CDK toolkit says it', async () => {
    const result = await runCli(['local', 'try', '--app', 'node -e "console.error(\'synth broke\'); process.exit(3)"']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('synth broke\nnode -e "console.error(\'synth broke\'); process.exit(3)": Subprocess exited with error 3\nNothing was deployed.\n');
  });

  test('an app command that writes no cloud assembly to CDK_OUTDIR is named, exit 1; local try keeps nothing', () => {
    // The packaged command in a process of its own, with a temporary folder of its own to look into afterwards.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'local-try-'));
    const app = 'node -e "process.stdout.write(process.env.CDK_OUTDIR ? \'outdir given\\n\' : \'\')"';
    try {
      const result = spawnSync(process.execPath, [BIN, 'local', 'try', '--app', app], { encoding: 'utf8', env: { ...process.env, TMPDIR: tmp } });
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('outdir given\n');
      expect(result.stderr).toBe(`The app command "${app}" wrote no cloud assembly to CDK_OUTDIR: `
        + 'does it call app.synth() on an App created without an explicit outdir?\nNothing was deployed.\n');
      expect(fs.readdirSync(tmp)).toEqual([]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
