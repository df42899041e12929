import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { App, Stack } from 'aws-cdk-lib';
import { runCli } from './harness';
import { AmplifyBackendEmulator, SeedEnvironment } from '../../local/emulator';
import { StateFolder } from '../../local/state-folder';

export const REGION = 'us-east-1';

/** A preview row as `--json` writes it. */
export interface Row {
  readonly kind: string;
  readonly path: string;
  readonly fields: Array<{ property: string; from: unknown; to: unknown }>;
  readonly operation: string | null;
  readonly reason: string | null;
  readonly physicalId: string | null;
}

/** A temporary folder with a state folder in it, for one test: worlds, apps and commands there. */
export class PreviewWorkspace {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-'));
  readonly stateDir = path.join(this.dir, 'state');
  readonly folder = new StateFolder(this.stateDir);
  private apps = 0;

  /** Makes the world as the console would, through the SDK on an emulator, and keeps it in the state folder. */
  async world(environments: SeedEnvironment[], make: (client: AmplifyBackendClient) => Promise<unknown> = async () => undefined) {
    const emulator = await AmplifyBackendEmulator.start({ requireAuthForStorage: true, region: REGION, environments, seed: 3 });
    const client = new AmplifyBackendClient({ ...emulator.clientConfig(), maxAttempts: 1 });
    try {
      await make(client);
      this.folder.writeWorld(emulator.saveWorld());
    } finally {
      client.destroy();
      await emulator.close();
    }
  }

  /** Synthesizes an app of one stack, `Backend`, into a cloud assembly folder of its own, for --app. */
  app(build: (stack: Stack) => void): string {
    const outdir = path.join(this.dir, `cdk.out.${this.apps++}`);
    const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
    build(new Stack(app, 'Backend', { env: { account: '123456789012', region: REGION } }));
    app.synth();
    return outdir;
  }

  /** `local preview --json`: its exit code and rows. */
  async preview(app: string): Promise<{ code: number; rows: Row[]; stdout: string; stderr: string }> {
    const result = await runCli(['local', 'preview', '--app', app, '--state-dir', this.stateDir, '--json']);
    const lines = result.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
    return { ...result, rows: lines.filter((line) => line.event === 'row') };
  }

  /**
   * `local deploy`: its exit code, the operation of each job it started (every mutating call starts one), by
   * environment (`dev: UpdateBackendStorage`), and the reasons of the resources that failed.
   */
  async deploy(app: string): Promise<{ code: number; operations: string[]; failures: string[] }> {
    const before = this.folder.readWorld()?.jobs.length ?? 0;
    const result = await runCli(['local', 'deploy', '--app', app, '--state-dir', this.stateDir, '--json', '--time-scale', '0.01', '--job-duration', '0']);
    const events = result.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
    const failures = events.filter((event) => event.event === 'resource' && event.status === 'FAILED').map((event) => String(event.reason));
    const operations = this.folder.readWorld()!.jobs.slice(before).map((job) => `${job.backendEnvironmentName}: ${job.operation}`);
    return { code: result.code, operations, failures };
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
