/**
 * One round trip of a random live backend, each step through the command as a user runs it (in-process): the backend
 * is made in a state folder's world, then `local adopt` writes its module, the module is compiled (TypeScript's own
 * transpiler) and synthesized in an app, `local preview` must show only adopt rows (exit 0), `local deploy` must send
 * no mutating call (the world's jobs are counted before and after: every mutating call starts one), and `local drift`
 * must find every resource in sync.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import * as cdk from 'aws-cdk-lib';
import * as ts from 'typescript';
import { Backend, makeBackend, REGION } from './backends';
import { AmplifyBackendEmulator } from '../../local/emulator';
import { StateFolder } from '../../local/state-folder';
import * as library from '../../src';
import { runCli } from '../cli/harness';

/** What one backend's round trip found; `problem` is undefined when every step held. */
export interface RoundTrip {
  readonly index: number;
  readonly backend: Backend;
  readonly resources: number;
  readonly problem?: string;
  /** The module adopt wrote (kept for the compile check). */
  readonly module?: string;
  readonly className?: string;
  readonly ms: number;
}

const FAST = ['--time-scale', '0.01', '--job-duration', '0'];

/** Makes the backend, then adopt, synth, preview, deploy, drift; returns at the first step that does not hold. */
export async function roundTrip(seed: number, index: number): Promise<RoundTrip> {
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adopt-round-trip-'));
  const stateDir = path.join(dir, 'state');
  const folder = new StateFolder(stateDir);
  const emulator = await AmplifyBackendEmulator.start({ requireAuthForStorage: true, region: REGION, seed: seed + index });
  const client = new AmplifyBackendClient({ ...emulator.clientConfig(), maxAttempts: 1 });
  let backend: Backend;
  try {
    backend = await makeBackend(emulator, client, seed, index);
    folder.writeWorld(emulator.saveWorld());
  } finally {
    client.destroy();
    await emulator.close();
  }
  const result = (fields: Partial<RoundTrip>): RoundTrip => ({ index, backend, resources: 0, ms: Date.now() - started, ...fields });
  try {
    const modulePath = path.join(dir, 'backend.ts');
    const adopted = await runCli(['local', 'adopt', '--app-id', backend.appId, '--state-dir', stateDir, '--out', modulePath, '--json']);
    if (adopted.code !== 0) return result({ problem: `local adopt exited ${adopted.code}:\n${adopted.stderr}` });
    const report = JSON.parse(adopted.stdout) as { className: string; secrets: Array<{ name: string; jsonField: string }> };
    const module = fs.readFileSync(modulePath, 'utf8');
    const leaked = backend.secrets.find((secret) => [module, adopted.stdout, adopted.stderr].some((text) => text.includes(secret)));
    if (leaked) return result({ problem: `a client secret of the live backend is in adopt's output: ${leaked}`, module });

    const cdkOut = path.join(dir, 'cdk.out');
    synthesizeModule(module, report.className, cdkOut, dir);
    const app = ['--app', cdkOut, '--state-dir', stateDir];
    const preview = await runCli(['local', 'preview', ...app, '--json']);
    if (preview.code > 1) return result({ problem: `local preview exited ${preview.code}:\n${preview.stdout}\n${preview.stderr}` });
    const rows = jsonLines(preview.stdout).filter((line) => line.event === 'row') as Array<{ kind: string; path: string }>;
    const notAdopt = rows.filter((row) => row.kind !== 'adopt');
    if (preview.code !== 0 || notAdopt.length > 0 || rows.length === 0) {
      return result({ problem: `local preview exited ${preview.code}, rows not adopt: ${JSON.stringify(notAdopt)}\n${preview.stderr}`, module });
    }
    const jobsBefore = folder.readWorld()!.jobs.length;
    const secrets = report.secrets.flatMap((secret) => ['--secret', `${secret.name}=${JSON.stringify({ [secret.jsonField]: 'stand-in' })}`]);
    const deployed = await runCli(['local', 'deploy', ...app, ...FAST, ...secrets, '--json']);
    if (deployed.code !== 0) {
      const failed = jsonLines(deployed.stdout).filter((event) => event.status === 'FAILED' || event.event === 'result');
      return result({ problem: `local deploy exited ${deployed.code}: ${failed.map((event) => JSON.stringify(event)).join('\n')}\n${deployed.stderr}`, module });
    }
    const mutating = folder.readWorld()!.jobs.slice(jobsBefore).map((job) => job.operation);
    if (mutating.length > 0) return result({ problem: `local deploy sent mutating calls: ${mutating.join(', ')}`, module });
    const drift = await runCli(['local', 'drift', '--state-dir', stateDir, '--json']);
    const document = JSON.parse(drift.stdout) as { stacks: Array<{ resources: Array<{ status: string }> }> };
    const statuses = document.stacks.flatMap((stack) => stack.resources);
    if (drift.code !== 0 || statuses.some((resource) => resource.status !== 'in-sync')) {
      return result({ problem: `local drift exited ${drift.code}: ${drift.stdout}`, module });
    }
    return result({ resources: rows.length, module, className: report.className });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The module as a user's app runs it from `moduleDir` (where its schema files are): transpiled by TypeScript, its `cdk-amplify-backend` the library's source, put
 * into a stack of a fresh app (in the backend's Region) and synthesized into `outdir` with the handler's assets.
 */
export function synthesizeModule(source: string, className: string, outdir: string, moduleDir: string): void {
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = (name: string) => (name === 'cdk-amplify-backend' ? library : require(name));
  const exports: Record<string, unknown> = {};
  new Function('require', 'exports', '__dirname', outputText)(load, exports, moduleDir);
  const app = new cdk.App({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
  const stack = new cdk.Stack(app, 'Backend', { env: { account: '123456789012', region: REGION } });
  new (exports[className] as new (scope: unknown, id: string) => unknown)(stack, 'Backend');
  app.synth();
}

/** The objects of JSON lines. */
export function jsonLines(text: string): Array<Record<string, unknown>> {
  return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
}
