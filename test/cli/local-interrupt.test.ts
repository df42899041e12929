/**
 * Ctrl-C (SIGINT) sent to the shipped command, a separate process from its bundle, in the middle of a local deploy:
 * the first stops it after the steps in flight and saves what exists, the second stops it at once; either way the
 * lock is released and the next deploy converges. The app is a cloud assembly folder, read and not run.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AmplifyBackend, StoragePermission } from '../../src';

const BIN = path.join(__dirname, '..', '..', 'assets', 'cli', 'bin', 'index.js');
const ENV = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
/** Slow enough to be stopped midway: every job takes 400 ms. */
const TIMING = ['--time-scale', '0.02', '--job-duration', '400'];

jest.setTimeout(60_000);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-interrupt-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** An environment the stack creates, with auth and storage, every one DESTROY. */
function assembly(): string {
  const app = new App({ outdir: path.join(root, 'cdk.out'), context: { 'aws:cdk:enable-path-metadata': true } });
  const env = new AmplifyBackend(new Stack(app, 'Stops'), 'Staging', { appId: 'd1', appName: 'photos', environmentName: 'staging', removalPolicy: RemovalPolicy.DESTROY });
  env.addAuth('Users', { resourceName: 'users', removalPolicy: RemovalPolicy.DESTROY });
  env.addStorage('Photos', { resourceName: 'photos', permissions: { authenticated: [StoragePermission.READ] } });
  return app.synth().directory;
}

/** `local deploy`, sent SIGINT `times` times (30 ms apart) once its output shows `when`; resolves with how it ended. */
function deployStopped(app: string, stateDir: string, when: RegExp, times: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'local', 'deploy', '--app', app, '--state-dir', stateDir, ...TIMING], { env: ENV });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (sent || !when.test(stdout)) return;
    sent = true;
    for (let i = 0; i < times; i++) setTimeout(() => child.kill('SIGINT'), i * 30);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { env: ENV, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('Ctrl-C during local deploy', () => {
  const app = assembly();

  test('once: the steps in flight end, what exists is saved, exit 130; the lock is released and the next deploy goes on from there', async () => {
    const stateDir = path.join(root, 'once');
    const stopped = await deployStopped(app, stateDir, /Staging +CreateBackend · job/, 1);
    expect(stopped.stderr).toContain('Stopping: no new resource step starts; the steps in flight end, then what exists is saved.');
    expect(stopped.code).toBe(130);
    expect(stopped.stdout).toMatch(/^ {2}Stops {2}CREATE_INTERRUPTED$/m);
    expect(stopped.stdout).toContain(`Interrupted: what exists is saved in ${stateDir}; run local deploy again to go on from there.`);
    expect(fs.existsSync(path.join(stateDir, 'lock'))).toBe(false);
    const saved = JSON.parse(fs.readFileSync(path.join(stateDir, 'stacks', 'Stops.json'), 'utf8'));
    expect(saved.resources.filter((resource: { model: string }) => resource.model === 'provider').map((resource: { physicalResourceId: string }) => resource.physicalResourceId))
      .toEqual(['d1/staging']);

    const resumed = run('local', 'deploy', '--app', app, '--state-dir', stateDir, ...TIMING);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/^ {2}Stops {2}UPDATE_COMPLETE$/m);
    expect(run('local', 'drift', '--state-dir', stateDir).stdout).toMatch(/^Stops: 3 in sync$/m);
  });

  test('twice: it stops at once, says what was kept, releases the lock; the next deploy converges from the last save', async () => {
    const stateDir = path.join(root, 'twice');
    const stopped = await deployStopped(app, stateDir, /Staging +CreateBackend · job/, 2);
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain(`Stopped at once. ${stateDir} holds what the last completed save holds; `
      + 'the emulated account ran in this process, so what it did since then is undone. Run local deploy again to go on.');
    expect(fs.existsSync(path.join(stateDir, 'lock'))).toBe(false);

    const again = run('local', 'deploy', '--app', app, '--state-dir', stateDir, ...TIMING);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^ {2}Stops {2}CREATE_COMPLETE$/m);
    expect(run('local', 'drift', '--state-dir', stateDir).stdout).toMatch(/^Stops: 3 in sync$/m);
  });
});
