import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliIo } from '../io';
import { readCdkConfig } from './cdk-config';
import { LocalUsageError } from './errors';
import type { SynthOptions } from './options';
import { contextOf, synthesizeApp, SynthesisOptions } from './synth';
import type { AppSource } from './synth-request';
import { DEFAULT_LOCATION, readAssembly, StackArtifact, StackLocation } from '../../local/runner';

/**
 * The app as the CDK CLI finds it: `--app` if given (a folder holding manifest.json is a cloud assembly, read and
 * not run; anything else a command), otherwise `app` of cdk.json in the current folder (or of ~/.cdk.json). A command
 * comes with the settings of cdk.json and ~/.cdk.json that `cdk synth` passes on to it.
 */
export function findApp(app: string | undefined, cwd: string): AppSource {
  const config = readCdkConfig(cwd);
  const given = app ?? config.app;
  if (given === undefined) {
    throw new LocalUsageError(fs.existsSync(config.file) ? `${config.file} has no "app": add one, or give --app.`
      : `No --app and no cdk.json in ${cwd}: give --app "<command>" or --app cdk.out, or run where cdk.json is.`);
  }
  const folder = path.resolve(cwd, given);
  if (fs.existsSync(folder) && fs.statSync(folder).isDirectory()) {
    if (!fs.existsSync(path.join(folder, 'manifest.json'))) {
      throw new LocalUsageError(`--app ${given} is a folder without manifest.json: give a cloud assembly folder (cdk.out) or the app command.`);
    }
    return { assembly: folder };
  }
  return { command: given, settings: config.settings };
}

/**
 * How a command synthesizes `source`: with -c as context, into --output (kept) or else where `otherwise` says
 * (called only then). A cloud assembly folder is read where it is: -c and --output cannot change it.
 */
export function synthesisOf(source: AppSource, options: SynthOptions & { readonly json?: boolean }, cwd: string,
  otherwise: () => { readonly outdir: string; readonly kept: boolean }): SynthesisOptions {
  const json = options.json === true;
  if ('assembly' in source) {
    if (options.context.length > 0 || options.output !== undefined) {
      throw new LocalUsageError(`--app ${source.assembly} is a cloud assembly, read as it was synthesized: -c/--context and --output `
        + 'apply to an app command; give the command instead.');
    }
    return { outdir: source.assembly, kept: true, context: {}, json };
  }
  const output = options.output === undefined ? otherwise() : { outdir: path.resolve(cwd, options.output), kept: true };
  return { ...output, context: contextOf(options.context), json };
}

/**
 * Runs `use` with the app's stacks, dependencies first, synthesized as `synthesizeApp` says (an assembly folder is
 * read in place). The assembly stays read-locked until `use` ends.
 */
export async function withStacks<T>(source: AppSource, options: SynthesisOptions, io: CliIo,
  use: (stacks: StackArtifact[]) => Promise<T>): Promise<T> {
  const assembly = await synthesizeApp(source, options, io);
  try {
    return await use(readAssembly(assembly.directory));
  } finally {
    await assembly.release();
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
