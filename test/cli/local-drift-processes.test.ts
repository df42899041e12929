/**
 * The shipped command as separate processes, from its bundle, on one local stack: `local deploy`, then
 * `local drift` (in sync), then a change through `local serve` with the SDK, as the console would make it,
 * then `local drift` again (drifted). A few seconds: `npm test` builds the bundle first.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AmplifyBackendClient, UpdateBackendStorageCommand } from '@aws-sdk/client-amplifybackend';
import { BIN, startServe } from './serve-process';

const ROOT = path.join(__dirname, '..', '..');
/** Stack PhotoShare: environment d1/staging, its auth and its storage `photos` (see the file). */
const APP = 'node -r ts-node/register/transpile-only test/cli/fixtures/photo-share-app.ts';
const ENV = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

jest.setTimeout(60_000);

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

/** Starts `local serve` on the test's state folder. */
const serve = () => startServe(stateDir);

describe('drift on the local stack, as separate processes', () => {
  test('local deploy → local drift in sync (0) → a storage\'s permissions changed through local serve → local drift names them (1)', async () => {
    const deployed = run('local', 'deploy', '--app', APP, '--time-scale', '0.01', '--job-duration', '50');
    expect(deployed.stderr).toBe('');
    expect(deployed.code).toBe(0);

    const inSync = run('local', 'drift');
    expect(inSync).toMatchObject({ code: 0, stderr: '' });
    expect(inSync.stdout).toMatch(/^PhotoShare: 3 in sync\n/);

    const { server, endpoint } = await serve();
    const killed = new Promise<NodeJS.Signals | null>((resolve) => server.once('exit', (_code, signal) => resolve(signal)));
    try {
      // The state folder is served: local destroy must not pull the world from under it.
      const refused = run('local', 'destroy');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`${stateDir} is in use by local serve (process ${server.pid})`);

      const client = new AmplifyBackendClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
      await client.send(new UpdateBackendStorageCommand({
        AppId: 'd1',
        BackendEnvironmentName: 'staging',
        ResourceName: 'photos',
        ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ', 'CREATE_AND_UPDATE', 'DELETE'], UnAuthenticated: ['READ'] } },
      }));
      client.destroy();
    } finally {
      // Killed, not stopped: the change must have been saved when it was answered.
      server.kill('SIGKILL');
    }
    expect(await killed).toBe('SIGKILL');

    const drifted = run('local', 'drift');
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toMatch(/^ {2}drifted {2}\S+ +Custom::AmplifyBackendStorage +d1\/staging\/photos\n {11}AuthenticatedPermissions: declared \["READ","CREATE_AND_UPDATE"\], live \["READ","CREATE_AND_UPDATE","DELETE"\]$/m);
    expect(drifted.stdout).toMatch(/^PhotoShare: 1 drifted, 2 in sync\n/);
    expect(run('local', 'drift', '--json').stdout).toContain('"property": "AuthenticatedPermissions"');

    // SIGTERM is a clean stop.
    const again = await serve();
    const stopped = new Promise<number | null>((resolve) => again.server.once('exit', resolve));
    again.server.kill('SIGTERM');
    expect(await stopped).toBe(0);
  });
});
