/**
 * Runs projen tasks at once (`npx projen <task>` each) and fails if any fails: the bundles do not depend on each
 * other, and every `npm test` starts with them.
 */
import { spawn } from 'node:child_process';

const tasks = process.argv.slice(2);
void Promise.all(tasks.map((task) => new Promise<number>((resolve) => {
  spawn('npx', ['projen', task], { stdio: 'inherit' }).on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
}))).then((codes) => {
  const failed = tasks.filter((_, index) => codes[index] !== 0);
  if (failed.length > 0) console.error(`Failed: ${failed.join(', ')}`);
  process.exit(failed.length > 0 ? 1 : 0);
});
