import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { RecordedRequest } from '../../local/emulator';
import { LocalDeployment, LocalDeploymentOptions } from '../../local/local-deployment';
import { HandlerLogLine, readAssembly, StackArtifact } from '../../local/runner';

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A fresh folder for a cloud assembly, removed after the test file. */
export function freshOutdir(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'wire-'));
  outdirs.push(outdir);
  return outdir;
}

/** Synthesizes an app and returns its one stack. */
export function stackOf(app: App): StackArtifact {
  return readAssembly(app.synth().directory)[0];
}

/** Synthesizes an app built by `build` into a fresh cloud assembly and returns its one stack. */
export function synth(build: (app: App) => void): StackArtifact {
  const app = new App({ outdir: freshOutdir() });
  build(app);
  return stackOf(app);
}

/**
 * A local deployment with fast jobs and provider times scaled down (the 5 s query interval becomes
 * 50 ms); handler logs are kept for assertions instead of printed.
 */
export async function localDeployment(options: LocalDeploymentOptions = {}): Promise<LocalDeployment & { logs: HandlerLogLine[] }> {
  const logs: HandlerLogLine[] = [];
  const local = await LocalDeployment.start({
    timeScale: 0.01,
    onLog: (line) => logs.push(line),
    ...options,
    emulator: { jobDurationMs: 100, ...options.emulator },
  });
  return Object.assign(local, { logs });
}

/** Mutating calls that reached the service while a job was pending on their environment. */
export function callsWhilePending(requests: RecordedRequest[]): RecordedRequest[] {
  return requests.filter((request) => request.mutating && request.jobPendingOnArrival);
}

/** Mutating calls that took effect (answered, or lost after the service accepted them), by operation and target. */
export function effectiveCalls(requests: RecordedRequest[], operation: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of requests) {
    if (request.operation !== operation || !(request.status < 300 || request.fault === 'timeoutAfterEffect')) continue;
    const body = request.body as { resourceName?: string; bucketName?: string } | undefined;
    const key = `${request.appId}/${request.backendEnvironmentName}/${body?.resourceName ?? body?.bucketName ?? ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
