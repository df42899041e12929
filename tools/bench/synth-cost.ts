import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';
import { interleaved, median, Row } from './stats';

const ROOT = path.join(__dirname, '..', '..');
/** Bundles live in the repository (git-ignored) so that the library finds assets/ next to its code, as from lib/. */
const BUILD_DIR = path.join(ROOT, '.bench');

/** Bundles a synth app the same way for both sides: aws-cdk-lib and constructs stay external, as in a user's app. */
function bundle(name: string): string {
  const outfile = path.join(BUILD_DIR, `${name}.js`);
  buildSync({ entryPoints: [path.join(__dirname, 'apps', `${name}.ts`)], bundle: true, platform: 'node', target: 'node20', outfile, external: ['aws-cdk-lib', 'constructs'], logLevel: 'error' });
  return outfile;
}

/** Wall time (s) and peak memory (KB) of one synth in a fresh Node process, measured by GNU time. */
function measure(script: string): { seconds: number; kilobytes: number } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  try {
    const report = path.join(outdir, 'time.txt');
    execFileSync('/usr/bin/time', ['-f', '%e %M', '-o', report, process.execPath, script, path.join(outdir, 'cdk.out')], { cwd: ROOT, stdio: 'ignore' });
    const [seconds, kilobytes] = fs.readFileSync(report, 'utf8').trim().split(/\s+/).map(Number);
    return { seconds, kilobytes };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** `cdk synth` cost of 100 environments with storage against 100 buckets and 100 plain custom resources. */
export async function synthRows(repetitions: number): Promise<Row[]> {
  fs.mkdirSync(BUILD_DIR, { recursive: true });
  const scripts = { ours: bundle('synth-ours'), baseline: bundle('synth-baseline') };
  const runs = await interleaved(repetitions, { ours: async () => measure(scripts.ours), baseline: async () => measure(scripts.baseline) });
  const time = { ours: median(runs.ours.map((r) => r.seconds)), baseline: median(runs.baseline.map((r) => r.seconds)) };
  const memory = { ours: median(runs.ours.map((r) => r.kilobytes)), baseline: median(runs.baseline.map((r) => r.kilobytes)) };
  return [{
    metric: 'synth of 100 environments with storage: wall time and peak memory (fresh process, app.synth(), aws-cdk-lib\'s template validation on, as by default)',
    baseline: `100 s3.Bucket + 100 CfnResource: ${time.baseline.toFixed(2)} s, ${(memory.baseline / 1024).toFixed(0)} MB`,
    ours: `${time.ours.toFixed(2)} s (${(time.ours / time.baseline).toFixed(2)}×), ${(memory.ours / 1024).toFixed(0)} MB (${(memory.ours / memory.baseline).toFixed(2)}×)`,
    goal: '≤ 1.15× time, ≤ 1.1× memory',
    met: time.ours / time.baseline <= 1.15 && memory.ours / memory.baseline <= 1.1,
  }];
}
