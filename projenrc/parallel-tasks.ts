/**
 * Runs projen tasks at once and fails if any fails: the bundles do not depend on each other, and every `npm test`
 * starts with them. A task whose steps are all commands (`exec`, `execArgs`) has them run here in order, with
 * node_modules/.bin on the PATH as projen puts it, which spares a projen start per task; any other task is run by
 * `npx projen <task>`.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Step {
  readonly exec?: string;
  readonly execArgs?: readonly string[];
}
interface Task {
  readonly steps?: readonly Step[];
  readonly env?: object;
  readonly cwd?: string;
  readonly condition?: string;
}

const ROOT = path.join(__dirname, '..');
const TASKS: Record<string, Task> = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;
const ENV = { ...process.env, PATH: `${path.join(ROOT, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}` };

/** Runs one command to its end: its exit code (1 if a signal ended it). */
function run(command: string, args: readonly string[], shell: boolean): Promise<number> {
  return new Promise((resolve) => {
    spawn(command, args, { cwd: ROOT, env: ENV, stdio: 'inherit', shell }).on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function runTask(name: string): Promise<number> {
  const task = TASKS[name];
  const plain = task?.steps?.every((step) => Object.keys(step).every((key) => key === 'exec' || key === 'execArgs'))
    && !task.env && !task.cwd && !task.condition;
  if (!plain) return run('npx', ['projen', name], false);
  for (const step of task.steps!) {
    const code = step.execArgs ? await run(step.execArgs[0], step.execArgs.slice(1), false) : await run(step.exec!, [], true);
    if (code !== 0) return code;
  }
  return 0;
}

const tasks = process.argv.slice(2);
void Promise.all(tasks.map(runTask)).then((codes) => {
  const failed = tasks.filter((_, index) => codes[index] !== 0);
  if (failed.length > 0) console.error(`Failed: ${failed.join(', ')}`);
  process.exit(failed.length > 0 ? 1 : 0);
});
