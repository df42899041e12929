import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliIo } from '../io';
import { LocalUsageError } from './errors';
import { synthesizeApp } from './synth';
import { DEFAULT_LOCATION, readAssembly, StackArtifact, StackLocation } from '../../local/runner';

/** Where the app comes from: a command to run, or a cloud assembly folder to read. */
export type AppSource = { readonly command: string } | { readonly assembly: string };

/**
 * The app as the CDK CLI finds it: `--app` if given (a folder holding manifest.json is a cloud assembly,
 * read and not run; anything else a command), otherwise `app` of cdk.json in the current folder.
 */
export function findApp(app: string | undefined, cwd: string): AppSource {
  const given = app ?? appOfCdkJson(cwd);
  const folder = path.resolve(cwd, given);
  if (fs.existsSync(folder) && fs.statSync(folder).isDirectory()) {
    if (!fs.existsSync(path.join(folder, 'manifest.json'))) {
      throw new LocalUsageError(`--app ${given} is a folder without manifest.json: give a cloud assembly folder (cdk.out) or the app command.`);
    }
    return { assembly: folder };
  }
  return { command: given };
}

function appOfCdkJson(cwd: string): string {
  const file = path.join(cwd, 'cdk.json');
  if (!fs.existsSync(file)) throw new LocalUsageError(`No --app and no cdk.json in ${cwd}: give --app "<command>" or --app cdk.out, or run where cdk.json is.`);
  let app: unknown;
  try {
    app = JSON.parse(fs.readFileSync(file, 'utf8')).app;
  } catch (error) {
    throw new LocalUsageError(`Cannot read ${file}: ${(error as Error).message}. Fix it, or give --app.`);
  }
  if (typeof app !== 'string' || app === '') throw new LocalUsageError(`${file} has no "app": add one, or give --app.`);
  return app;
}

/**
 * Runs `use` with the app's stacks, dependencies first: a command is synthesized into a temporary folder
 * (removed afterwards; the state folder keeps what it needs), an assembly folder is read in place.
 * The app's own output goes to `io` (stderr only when stdout is for JSON lines).
 */
export async function withStacks<T>(source: AppSource, io: CliIo, use: (stacks: StackArtifact[]) => Promise<T>): Promise<T> {
  if ('assembly' in source) return use(readAssembly(source.assembly));
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-amplify-backend-local-'));
  try {
    await synthesizeApp(source.command, outdir, io);
    const stacks = readAssembly(outdir);
    if (stacks.length === 0) throw new LocalUsageError(`The app command "${source.command}" synthesized no stacks.`);
    return await use(stacks);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * The stacks `names` picks, in deployment order (every stack when none is named), with the stacks they depend
 * on (`upstream`, as `cdk deploy` adds them) or the stacks that depend on them (`downstream`, as `cdk destroy`).
 */
export function selectStacks<S extends { readonly name: string; readonly dependencies: readonly string[] }>(
  stacks: readonly S[], names: readonly string[], extend: 'upstream' | 'downstream' | 'none',
): S[] {
  const unknown = names.filter((name) => !stacks.some((stack) => stack.name === name));
  if (unknown.length > 0) {
    throw new LocalUsageError(`No stack ${unknown.map((name) => `"${name}"`).join(', ')}; the stacks: ${stacks.map((stack) => stack.name).join(', ') || 'none'}.`);
  }
  if (names.length === 0) return [...stacks];
  const picked = new Set(names);
  const grow = (): boolean => {
    const before = picked.size;
    for (const stack of stacks) {
      if (extend === 'upstream' && picked.has(stack.name)) stack.dependencies.forEach((dependency) => picked.add(dependency));
      if (extend === 'downstream' && stack.dependencies.some((dependency) => picked.has(dependency))) picked.add(stack.name);
    }
    return picked.size > before;
  };
  while (extend !== 'none' && grow());
  return stacks.filter((stack) => picked.has(stack.name));
}

/** Stacks each after the stacks it depends on (those among them), otherwise in the order given. */
export function dependencyOrder<S extends { readonly name: string; readonly dependencies: readonly string[] }>(stacks: readonly S[]): S[] {
  const ordered: S[] = [];
  const visit = (stack: S) => {
    if (ordered.includes(stack)) return;
    stacks.filter((other) => stack.dependencies.includes(other.name)).forEach(visit);
    ordered.push(stack);
  };
  stacks.forEach(visit);
  return ordered;
}

/**
 * The account and Region the stacks are deployed in: those their `env` names, the local defaults for
 * environment-agnostic stacks. The emulated account is one account in one Region, so stacks that name
 * different ones cannot share it.
 */
export function locationOf(stacks: readonly StackArtifact[]): StackLocation {
  const named = (key: 'account' | 'region') => [...new Set(stacks.map((stack) => stack.environment[key]).filter((value) => value !== undefined))];
  for (const key of ['account', 'region'] as const) {
    if (named(key).length > 1) {
      const which = stacks.map((stack) => `${stack.name} (${stack.environment[key] ?? 'any'})`).join(', ');
      throw new LocalUsageError(`The stacks name different ${key === 'region' ? 'Regions' : 'accounts'}: ${which}. One local stack emulates one `
        + 'account in one Region: pick stacks of one with --stack, and give each its own --state-dir.');
    }
  }
  return { account: named('account')[0] ?? DEFAULT_LOCATION.account, region: named('region')[0] ?? DEFAULT_LOCATION.region };
}
