/**
 * The shipped command as separate processes, from its bundle, on one local stack: `local deploy`, then
 * `local drift` (in sync), then a change through `local serve` with the SDK, as the console would make it,
 * then `local drift` again (drifted). Slow (a deploy in real time): run by `npx projen test:e2e`, not `npm test`.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AmplifyBackendClient, UpdateBackendStorageCommand } from '@aws-sdk/client-amplifybackend';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'assets', 'cli', 'bin', 'index.js');
/** The fixture app: Environments (d1/staging with auth) and AppStorage (storage `photos` in it, bucket team-files imported into d1/dev). */
const APP = 'node -r ts-node/register/transpile-only test/cli/fixtures/app.ts';
const ENV = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

jest.setTimeout(120_000);

let stateDir: string;
beforeAll(() => {
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-local-drift-'));
});
afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

/** Runs the command to its end. */
function run(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args, '--state-dir', stateDir], { cwd: ROOT, env: ENV, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `local serve` and resolves with the endpoint its first line names. */
function serve(): Promise<{ server: ChildProcess; endpoint: string }> {
  const server = spawn(process.execPath, [BIN, 'local', 'serve', '--state-dir', stateDir], { cwd: ROOT, env: ENV });
  return new Promise((resolve, reject) => {
    let stdout = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const first = /^(.*)\n/.exec(stdout)?.[1];
      if (first === undefined) return;
      const endpoint = /^endpoint (http:\/\/\S+)$/.exec(first)?.[1];
      if (endpoint) resolve({ server, endpoint });
      else reject(new Error(`local serve's first line is not "endpoint <url>": ${first}`));
    });
    server.once('exit', (code) => reject(new Error(`local serve exited ${code} before printing its endpoint`)));
  });
}

describe('drift on the local stack, as separate processes', () => {
  test('local deploy → local drift in sync (0) → a storage\'s permissions changed through local serve → local drift names them (1)', async () => {
    const deployed = run('local', 'deploy', '--app', APP, '--environment', 'd1/dev+auth', '--bucket', 'team-files', '--time-scale', '0.01', '--job-duration', '50');
    expect(deployed.stderr).toBe('');
    expect(deployed.code).toBe(0);

    const inSync = run('local', 'drift');
    expect(inSync).toMatchObject({ code: 0, stderr: '' });
    expect(inSync.stdout).toMatch(/^AppStorage: 2 in sync\n/m);
    expect(inSync.stdout).toMatch(/^Environments: 2 in sync\n/m);

    const { server, endpoint } = await serve();
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    try {
      const client = new AmplifyBackendClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
      await client.send(new UpdateBackendStorageCommand({
        AppId: 'd1',
        BackendEnvironmentName: 'staging',
        ResourceName: 'photos',
        ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ', 'CREATE_AND_UPDATE', 'DELETE'] } },
      }));
      client.destroy();
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited).toBe(0);

    const drifted = run('local', 'drift');
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toMatch(/^ {2}drifted {2}\S+ +Custom::AmplifyBackendStorage +d1\/staging\/photos\n {11}AuthenticatedPermissions: declared \["READ","CREATE_AND_UPDATE"\], live \["READ","CREATE_AND_UPDATE","DELETE"\]$/m);
    expect(run('local', 'drift', '--stack', 'Environments').code).toBe(0);
  });
});
