import { Command, Option } from 'commander';
import { secretOptions } from './secrets';
import { checkBucketName, checkEnvironmentSeed, checkSeedMode } from './seeds';
import { checkContextOption } from './synth';
import { ValueOption } from '../options';

/** What every local command that reads the app takes. */
export interface AppOptions {
  /** A command, or a cloud assembly folder; undefined: cdk.json's `app`. */
  readonly app?: string;
  readonly stateDir?: string;
  readonly stack: string[];
  readonly json?: boolean;
}

/** How the local commands that run the app synthesize it, as `cdk synth` takes them. */
export interface SynthOptions {
  /** `-c/--context`, unparsed: `key=value` each. */
  readonly context: string[];
  readonly output?: string;
}

/** What the local commands that run handlers take besides. */
export interface RunOptions {
  readonly timeScale: number;
  /** Milliseconds. */
  readonly jobDuration: number;
}


/** The secrets for the local Secrets Manager, on every command that runs handlers. */
export interface SecretOptions {
  readonly secret: string[];
  readonly secretsFile?: string;
}

/** `--app`, as the CDK CLI takes it: a command, or a cloud assembly folder. */
export function appOption(): Option {
  return new ValueOption('--app <command or folder>',
    'The CDK app: a command as in cdk.json\'s "app" (e.g. "node app.js"), or a cloud assembly folder (cdk.out) to read, not run. '
    + 'Default: "app" of cdk.json in the current folder');
}

/** `-c/--context` and `--output`, as `cdk synth` takes them; `kept` says where the cloud assembly goes without --output. */
export function addSynthOptions(command: Command, kept: string): Command {
  return command
    .addOption(new ValueOption('-c, --context <key=value>', 'Context for the app, as "cdk synth -c" gives it: over cdk.json\'s "context", '
      + 'cdk.context.json and ~/.cdk.json (the value is a string; the key ends at the first "=")', { repeatable: true, check: checkContextOption }))
    .addOption(new ValueOption('--output <dir>', `Synthesize the cloud assembly into this folder and keep it there, as "cdk synth -o". Default: ${kept}`));
}

/** `--state-dir`: where the local stack is kept between commands. */
export function stateDirOption(): Option {
  return new ValueOption('--state-dir <dir>', 'The folder that keeps the local stack between commands. Default: .cdk-amplify-backend in the current folder');
}

/** `--stack`, as `cdk deploy <stack>` picks stacks. */
export function stackOption(what: string): Option {
  return new ValueOption('--stack <name>', `A stack to ${what}. Default: every stack`, { repeatable: true });
}

/** `--json`: scripts read one JSON event per line. */
export function jsonOption(what: string): Option {
  return new Option('--json', `Write one JSON object per line on stdout (${what}) and nothing else`);
}

/** `--time-scale` and `--job-duration`: how fast the emulated service and the provider run. */
export function addRunOptions(command: Command): Command {
  return command
    .addOption(new ValueOption('--time-scale <n>', 'Multiplies the provider\'s times (the 3 s query interval, the total timeout)',
      { number: { integer: false, min: 0, exclusive: true } }).default(0.1))
    .addOption(new ValueOption('--job-duration <ms>', 'How long every emulated job runs, in milliseconds', { number: { integer: true, min: 0 } }).default(1500));
}

/** `--seed`, `--environment` and `--bucket`: what the emulated account holds before the stacks. */
export function addSeedOptions(command: Command, when: string): Command {
  return command
    .addOption(new ValueOption('--seed <mode>', 'auto: the account holds the environments and buckets the app references but does not create; '
      + `none: only --environment and --bucket${when}`, { check: checkSeedMode }).default('auto'))
    .addOption(new ValueOption('--bucket <name>', `An S3 bucket that already exists in the account${when}`, { repeatable: true, check: checkBucketName }))
    .addOption(new ValueOption('--environment <appId>/<env>[+auth]',
      `A backend environment that already exists (created by the console); +auth: it has auth too${when}`,
      { repeatable: true, check: checkEnvironmentSeed }));
}

/** `--secret` and `--secrets-file`: into the account's secrets in the state folder, or for this run only (`local try`). */
export function addSecretOptions(command: Command, lasting: 'account' | 'run' = 'account'): Command {
  secretOptions(lasting).forEach((option) => command.addOption(option));
  return command;
}
