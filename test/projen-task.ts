import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

/** Runs a projen task as a test, so that it runs beside the other suites; its output is the failure message. */
export function runProjenTask(task: string): void {
  const result = spawnSync('npx', ['projen', task], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  if (result.status !== 0) {
    throw new Error(`npx projen ${task} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
}
