/**
 * Interruptions of the shipped command, as a user at a terminal makes them: `local deploy` (a first one, and
 * updates back and forth) and `local destroy`, each a separate process from the bundle, sent SIGINT at a random
 * moment (sometimes twice), then run again to the end. After every interruption: no lock and no temporary folder
 * left; after every rerun: exit 0, `local drift` in sync, and no resource in the emulated account that the state
 * does not know. Run by `npx projen test:interruptions` (CI runs it); `INTERRUPTIONS` and `INTERRUPTIONS_SEED`
 * change how many and which.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SeededRandom } from '../../local/emulator/prng';
import { AmplifyBackend, StoragePermission } from '../../src';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'assets', 'cli', 'bin', 'index.js');
const COUNT = Number(process.env.INTERRUPTIONS ?? 30);
const SEED = Number(process.env.INTERRUPTIONS_SEED ?? 20261207);
const TIMING = ['--time-scale', '0.02', '--job-duration', '150'];
/** The commands' own temporary folder (TMPDIR), empty between commands: whatever is left there, they left. */
const TMPDIR = fs.mkdtempSync(path.join(os.tmpdir(), 'interruptions-tmp-'));
const ENV = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', TMPDIR };

type Operation = 'create' | 'update' | 'destroy';

/**
 * Two versions of a stack: environment d1/staging (created, DESTROY) with auth and storage, and a bucket the
 * stack creates linked to the console's environment d1/dev. The second renames the storage (a replacement),
 * changes the password policy (in place) and links another bucket of the stack.
 */
function assembly(root: string, second: boolean): string {
  const app = new App({ outdir: path.join(root, second ? 'v2' : 'v1'), context: { 'aws:cdk:enable-path-metadata': true } });
  const stack = new Stack(app, 'Backend', { env: { account: '111122223333', region: 'eu-west-1' } });
  const staging = new AmplifyBackend(stack, 'Staging', { appId: 'd1', appName: 'photos', environmentName: 'staging', removalPolicy: RemovalPolicy.DESTROY });
  staging.addAuth('Users', { resourceName: 'users', removalPolicy: RemovalPolicy.DESTROY, passwordPolicy: { minLength: second ? 12 : 8 } });
  staging.addStorage('Photos', {
    resourceName: second ? 'media' : 'photos',
    permissions: { authenticated: second ? [StoragePermission.READ, StoragePermission.DELETE] : [StoragePermission.READ] },
  });
  const bucket = new s3.Bucket(stack, second ? 'Reports' : 'Files', { removalPolicy: RemovalPolicy.DESTROY });
  AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }).importStorage('Shared', { bucket });
  return app.synth().directory;
}

interface Ended {
  /** When it first wrote to stdout (it works from then on), from its start. */
  readonly firstOutputMs?: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** When to send SIGINT: `afterMs` from the start, or from the command's first output (once it works). */
interface Moment {
  readonly afterMs: number;
  readonly fromFirstOutput: boolean;
  /** SIGINTs sent, 40 ms apart. */
  readonly signals: number;
}

/** Runs the command to its end, interrupting it at `moment` unless it ended before. */
function runCommand(args: string[], moment?: Moment): Promise<Ended> {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], { env: ENV });
  let stdout = '';
  let stderr = '';
  let firstOutputMs: number | undefined;
  const timers: NodeJS.Timeout[] = [];
  const interrupt = () => {
    for (let i = 0; i < (moment?.signals ?? 0); i++) timers.push(setTimeout(() => child.kill('SIGINT'), moment!.afterMs + i * 40));
  };
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (firstOutputMs !== undefined) return;
    firstOutputMs = Date.now() - started;
    if (moment?.fromFirstOutput) interrupt();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (moment && !moment.fromFirstOutput) interrupt();
  return new Promise((resolve) => child.once('close', (code, signal) => {
    timers.forEach(clearTimeout);
    resolve({ firstOutputMs, code, signal, stdout, stderr, ms: Date.now() - started });
  }));
}

/** What the commands left in their temporary folder. */
function temporaryFolders(): string[] {
  return fs.readdirSync(TMPDIR);
}

/**
 * What the emulated account holds that the saved stack does not account for: environments, storage and auth
 * of app d1, and buckets the stack created, each by name. The console's environment d1/dev and its auth were
 * seeded; buckets the service made for created storage stay when it is unlinked (by design, with the data).
 */
function unknownToState(stateDir: string): string[] {
  const worldFile = path.join(stateDir, 'world.json');
  if (!fs.existsSync(worldFile)) return [];
  const world = JSON.parse(fs.readFileSync(worldFile, 'utf8'));
  const stackFile = path.join(stateDir, 'stacks', 'Backend.json');
  const stack = fs.existsSync(stackFile) ? JSON.parse(fs.readFileSync(stackFile, 'utf8')) : { resources: [], leftovers: [] };
  const known = new Set([...stack.resources, ...stack.leftovers].map((resource: { physicalResourceId: string }) => resource.physicalResourceId));
  const unknown: string[] = [];
  for (const app of world.apps) {
    for (const env of app.environments) {
      const id = `${app.appId}/${env.name}`;
      const seeded = env.name === 'dev';
      if (!seeded && !known.has(id)) unknown.push(`environment ${id}`);
      if (env.storage && !known.has(`${id}/${env.storage.resourceName}`)) unknown.push(`storage ${id}/${env.storage.resourceName}`);
      if (env.auth && !seeded && !known.has(`${id}/${env.auth.resourceName}`)) unknown.push(`auth ${id}/${env.auth.resourceName}`);
    }
  }
  for (const bucket of world.buckets) {
    if (!bucket.createdByEmulator && !known.has(bucket.name)) unknown.push(`bucket ${bucket.name}`);
  }
  return unknown;
}

function check(ok: boolean, message: string, output?: Ended): void {
  if (ok) return;
  console.error(`test:interruptions FAILED: ${message}`);
  if (output) console.error(`--- exit ${output.code} ${output.signal ?? ''}\n--- stdout\n${output.stdout}\n--- stderr\n${output.stderr}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'interruptions-'));
  const stateDir = path.join(root, 'state');
  const apps = { v1: assembly(root, false), v2: assembly(root, true) };
  const random = new SeededRandom(SEED);
  const next = () => random.next();
  const deploy = (app: string) => ['local', 'deploy', '--app', app, '--state-dir', stateDir, ...TIMING];
  const destroy = ['local', 'destroy', '--state-dir', stateDir, ...TIMING];
  const tally = new Map<string, number>();
  const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);
  let deployed: 'v1' | 'v2' | undefined;
  const started = Date.now();
  try {
    // How long each operation works uninterrupted (from its first output), for the moments to interrupt it at.
    const working = (ended: Ended) => ended.ms - (ended.firstOutputMs ?? 0);
    const durations: Record<Operation, number> = { create: 0, update: 0, destroy: 0 };
    durations.create = working(await runCommand(deploy(apps.v1)));
    durations.update = working(await runCommand(deploy(apps.v2)));
    durations.destroy = working(await runCommand(destroy));
    console.log(`test:interruptions: seed ${SEED}, ${COUNT} interruptions; working uninterrupted: create ${durations.create} ms, `
      + `update ${durations.update} ms, destroy ${durations.destroy} ms`);

    for (let i = 0; i < COUNT; i++) {
      const operation: Operation = (['create', 'update', 'destroy'] as const)[i % 3];
      const target = operation === 'update' && deployed === 'v2' ? 'v1' : 'v2';
      const args = operation === 'create' ? deploy(apps.v1) : operation === 'update' ? deploy(apps[target]) : destroy;
      // Most while the command works; one in eight from its start, when it may not have begun.
      const fromFirstOutput = next() >= 0.125;
      const moment: Moment = { afterMs: Math.round(next() * durations[operation]), fromFirstOutput, signals: next() < 0.2 ? 2 : 1 };
      const stopped = await runCommand(args, moment);
      const how = stopped.signal ? 'killed before its handler was set' : stopped.code === 130
        ? (stopped.stderr.includes('Stopped at once') ? 'stopped at once' : 'stopped after the steps in flight') : `ended (${stopped.code})`;
      count(`${operation}: ${how}`);
      const where = `interruption ${i + 1} (${operation}, ${moment.signals} SIGINT ${moment.afterMs} ms after its ${fromFirstOutput ? 'first output' : 'start'})`;
      check(stopped.code === 130 || stopped.code === 0 || stopped.signal === 'SIGINT', `${where}: exit ${stopped.code}`, stopped);
      check(!fs.existsSync(path.join(stateDir, 'lock')), `${where}: the lock is left`, stopped);
      check(temporaryFolders().length === 0, `${where}: temporary folders left: ${temporaryFolders().join(', ')}`, stopped);

      const rerun = await runCommand(args);
      check(rerun.code === 0, `${where}: the rerun did not converge`, rerun);
      deployed = operation === 'destroy' ? undefined : operation === 'create' ? 'v1' : target;
      if (deployed) {
        const drift = spawnSync(process.execPath, [BIN, 'local', 'drift', '--state-dir', stateDir], { env: ENV, encoding: 'utf8' });
        check(drift.status === 0, `${where}: local drift after the rerun: ${drift.stdout}${drift.stderr}`);
      }
      const unknown = unknownToState(stateDir);
      check(unknown.length === 0, `${where}: the emulated account holds what the state does not know: ${unknown.join(', ')}`, rerun);
      if (operation === 'destroy') {
        // After a destroy only the console's environment is left (seeded), and no bucket the stack made.
        const world = fs.existsSync(path.join(stateDir, 'world.json')) ? JSON.parse(fs.readFileSync(path.join(stateDir, 'world.json'), 'utf8')) : undefined;
        check(world === undefined, `${where}: the destroy left a world`, rerun);
      }
    }
    console.log('test:interruptions: every interruption left no lock or temporary folder, every rerun converged (local drift in sync, '
      + 'nothing in the account that the state does not know)');
    for (const [key, value] of [...tally].sort()) console.log(`  ${String(value).padStart(3)}  ${key}`);
    console.log(`test:interruptions: passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(TMPDIR, { recursive: true, force: true });
  }
}

void main();
