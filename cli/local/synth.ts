import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_LOCATION } from '../../local/runner';
import { CliIo } from '../io';

/** The context the CDK CLI gives an app by default: path metadata names the constructs in what `local` prints. */
export const CDK_CLI_CONTEXT = { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true };

/** The app command did not produce a cloud assembly: the message says why. */
export class SynthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SynthError';
  }
}

/**
 * Runs the user's CDK app command as the CDK CLI does: in a shell, with `CDK_OUTDIR` naming the folder
 * where `app.synth()` writes the cloud assembly, the account and Region in `CDK_DEFAULT_*`, and the
 * CLI's default context (path metadata names the constructs in the report). The app's output is passed through.
 */
export async function synthesizeApp(command: string, outdir: string, io: CliIo): Promise<void> {
  const child = spawn(command, {
    shell: true,
    cwd: io.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...io.env,
      CDK_OUTDIR: outdir,
      CDK_DEFAULT_ACCOUNT: DEFAULT_LOCATION.account,
      CDK_DEFAULT_REGION: DEFAULT_LOCATION.region,
      CDK_CONTEXT_JSON: JSON.stringify(CDK_CLI_CONTEXT),
    },
  });
  child.stdout.on('data', (chunk: Buffer) => io.stdout(chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => io.stderr(chunk.toString('utf8')));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once('error', (error) => reject(new SynthError(`Could not run the app command "${command}": ${error.message}`)));
    child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
  });
  if (code !== 0) {
    throw new SynthError(`The app command "${command}" ${signal ? `was stopped by ${signal}` : `exited with code ${code}`}; nothing was deployed.`);
  }
  if (!fs.existsSync(path.join(outdir, 'manifest.json'))) {
    throw new SynthError(`The app command "${command}" wrote no cloud assembly to CDK_OUTDIR (${outdir}): `
      + 'does it call app.synth() on an App created without an explicit outdir?');
  }
}
