import * as path from 'node:path';
import { Command } from 'commander';
import { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { CliIo } from '../io';
import { findApp, locationOf, selectStacks, synthesisOf, withStacks } from './app';
import { runLocal } from './errors';
import {
  addRunOptions, addSecretOptions, addSeedOptions, addSynthOptions, AppOptions, appOption, jsonOption, RunOptions, SecretOptions, stackOption,
  stateDirOption, SynthOptions,
} from './options';
import { jsonReporter, LocalReporter, textReporter } from './reporter';
import { localSecrets } from './secrets';
import { SeedOptions } from './seeds';
import { openSession, saveSession, stateFolder, withLock } from './session';
import { LocalDeployment } from '../../local/local-deployment';
import { StackArtifact, StackStatus } from '../../local/runner';
import { StateFolder } from '../../local/state-folder';

type DeployOptions = AppOptions & SynthOptions & RunOptions & SeedOptions & SecretOptions;

/** The statuses a deploy ends well with. */
const DEPLOYED: readonly StackStatus[] = ['CREATE_COMPLETE', 'UPDATE_COMPLETE'];

/** `local deploy`: create or update the app's stacks on the local stack kept in the state folder. */
export const deployCommand: CliCommand<DeployOptions> = {
  define: () => addSecretOptions(addSeedOptions(addRunOptions(addSynthOptions(new Command('deploy')
    .summary('Create or update the app\'s stacks on the local stack (kept in .cdk-amplify-backend/)')
    .description([
      'Synthesizes the app (cdk.json\'s "app", or --app) as "cdk synth" does, with the same context and settings, and stops before '
      + 'deploying anything if an annotation or a validation plugin reports an error (warnings are printed). Then it deploys the stacks '
      + 'in dependency order on an embedded AmplifyBackend emulator through the library\'s own handler bundle, as CloudFormation would: the first deploy creates, later ones update '
      + 'only the resources whose properties changed, clean up replaced and removed ones, and roll a failed update back to the '
      + 'previous state, which is what stays saved. Each resource step is printed, then the stack\'s outputs (CfnOutput).',
      'The first deploy creates the emulated account: with --seed auto (the default) it holds the environments and buckets the app '
      + 'references but does not create, as the console would have made them, plus --environment and --bucket. Handlers read '
      + 'secrets (social sign-in client secrets) from a local Secrets Manager holding --secret and --secrets-file, never printed.',
      'The emulated account and the deployed stacks are kept in the state folder (.cdk-amplify-backend/ in the current folder, '
      + 'or --state-dir) for the next deploy, diff and destroy: git-ignore it. No AWS account is used.',
      'Exit 0 if every stack reached CREATE_COMPLETE or UPDATE_COMPLETE; 1 if the app did not synthesize or a stack failed (the first that '
      + 'fails ends the deploy); '
      + '2 for bad arguments, a stack the app does not have included.',
    ].join('\n\n'))
    .addOption(appOption()), 'cdk.out in the state folder, replaced by the next synth')
    .addOption(stateDirOption())
    .addOption(stackOption('deploy, with the stacks it depends on'))
    .addOption(jsonOption('annotations, resource events, each stack\'s status and outputs, the result'))), ' (read on the first deploy only: later ones go on with the saved account)')),
  run: (options, _args, io) => runLocal(io, async () => {
    const folder = stateFolder(options.stateDir, io.cwd);
    const source = findApp(options.app, io.cwd);
    const synthesis = synthesisOf(source, options, io.cwd, () => ({ outdir: path.join(folder.dir, 'cdk.out'), kept: true }));
    // What needs no app is checked before the app runs (a synth takes seconds): the state folder's lock, the secrets.
    return withLock(folder, 'local deploy', () => {
      const secrets = localSecrets(options.secret, options.secretsFile);
      return withStacks(source, synthesis, io, (all) => deployApp(all, folder, secrets, options, io));
    });
  }),
};

/** Deploys the stacks --stack picks (and those they depend on) of the app's stacks `all`. */
async function deployApp(all: StackArtifact[], folder: StateFolder, secrets: Record<string, string>, options: DeployOptions,
  io: CliIo): Promise<number> {
  const stacks = selectStacks(all, options.stack, 'upstream');
  let reporter!: LocalReporter;
  const { local, seeded } = await openSession(folder, {
    ...options,
    secrets,
    location: locationOf(stacks),
    seeds: { stacks: all, options },
    hooks: { onEvent: (event) => reporter.resource(event), onLog: (line) => reporter.handlerLog(line) },
  });
  try {
    reporter = options.json ? jsonReporter(io) : textReporter(io, () => local.emulator.inspect().jobs, stacks.length);
    reporter.note(`Local stack in ${folder.dir} (account ${local.location.account}, Region ${local.location.region})`);
    reporter.seeded(seeded);
    return await deployStacks(local, stacks, folder, reporter);
  } finally {
    await local.close();
  }
}

async function deployStacks(local: LocalDeployment, stacks: StackArtifact[], folder: StateFolder, reporter: LocalReporter): Promise<number> {
  const done: Array<{ stack: string; status: StackStatus }> = [];
  for (const stack of stacks) {
    reporter.start('Deploy', stack);
    const result = await local.deploy(stack);
    await saveSession(local, folder, stack.name);
    reporter.end(stack, result.status, result.failures);
    done.push({ stack: stack.name, status: result.status });
    if (!DEPLOYED.includes(result.status)) break;
    reporter.outputs(stack.name, local.outputs(stack.name));
  }
  const ok = done.length === stacks.length && done.every(({ status }) => DEPLOYED.includes(status));
  reporter.result(ok, done);
  return ok ? EXIT.ok : EXIT.failed;
}
