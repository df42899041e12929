import { execSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { coldStartRow } from './cold-start';
import { deployTimeRows, TIME_SCALE } from './deploy-time';
import { handlerSizeRow } from './handler-size';
import { historyCostRows } from './history-cost';
import { Row } from './stats';
import { synthRows } from './synth-cost';
import { templateRows } from './template-size';

const ROOT = path.join(__dirname, '..', '..');
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);

/**
 * `npm run bench`: every metric against its baseline measured in the same run, interleaved, as
 * medians of several repetitions. Prints one table and writes it to BENCHMARKS.md.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const rows: Row[] = [];
  const section = async (name: string, measure: () => Promise<Row[]> | Row[]) => {
    const t0 = Date.now();
    rows.push(...await measure());
    console.error(`  measured ${name} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  };
  await section('deploy and destroy time', () => deployTimeRows(REPETITIONS));
  await section('polls on long job histories', () => historyCostRows());
  await section('template size and provider resources', () => templateRows());
  await section('synth cost', () => synthRows(REPETITIONS));
  await section('handler size', () => [handlerSizeRow()]);
  await section('cold start', async () => [await coldStartRow(2 * REPETITIONS + 1)]);

  const table = [
    '| metric | baseline (same run) | cdk-amplify-backend | goal | met |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.metric} | ${r.baseline} | ${r.ours} | ${r.goal} | ${r.met ? 'yes' : '**no**'} |`),
  ].join('\n');
  const versions = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  const report = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (repetitions: `BENCH_REPETITIONS`, default 3). Each figure is a median; each',
    'baseline was measured in the same run, interleaved with ours. Deploy times are simulated on the local',
    `deployment runner against the embedded emulator with every time scaled by ${TIME_SCALE} (a 60 s job takes ${(60 * TIME_SCALE).toFixed(1)} s),`,
    'and reported in simulated seconds.',
    '',
    table,
    '',
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}.`,
    `Versions: Node ${process.version}, aws-cdk-lib ${versions('aws-cdk-lib')}, @aws-sdk/client-amplifybackend ${versions('@aws-sdk/client-amplifybackend')}, `
      + `git ${execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim()}.`,
    `Ran in ${((Date.now() - started) / 1000).toFixed(0)} s on ${new Date().toISOString().slice(0, 10)}. Reproduce: \`npm ci && npm run bench\`.`,
    '',
  ].join('\n');
  console.info(report);
  fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), report);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
