import * as path from 'node:path';
import { Command } from 'commander';
import { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { CliIo } from '../io';
import { findApp, locationOf, selectStacks, synthesisOf, withStacks } from './app';
import { runLocal } from './errors';
import { Interruption, INTERRUPTED_EXIT } from './interruption';
import {
  addRunOptions, addSecretOptions, addSeedOptions, addSynthOptions, AppOptions, appOption, jsonOption, RunOptions, SecretOptions, stackOption,
  stateDirOption, SynthOptions,
} from './options';
import { parametersByStack, parametersOption } from './parameters';
import { jsonReporter, LocalReporter, textReporter } from './reporter';
import { checkSecrets, describeSecretProblems, SecretProblem } from './secret-check';
import { SeedOptions } from './seeds';
import { accountSecrets, openSession, saveSession, stateFolder, withLock } from './session';
import { StackArtifact, StackStatus } from '../../local/runner';
import { StateFolder } from '../../local/state-folder';

type DeployOptions = AppOptions & SynthOptions & RunOptions & SeedOptions & SecretOptions & { readonly parameters: string[] };

/** The statuses a deploy ends well with. */
const DEPLOYED: readonly StackStatus[] = ['CREATE_COMPLETE', 'UPDATE_COMPLETE'];

/** `local deploy`: create or update the app's stacks on the local stack kept in the state folder. */
export const deployCommand: CliCommand<DeployOptions> = {
  define: () => addSecretOptions(addSeedOptions(addRunOptions(addSynthOptions(new Command('deploy')
    .summary('Create or update the app\'s stacks on the local stack (kept in .cdk-amplify-backend/)')
    .description([
      'Synthesizes the app (cdk.json\'s "app", or --app) as "cdk synth" does, with the same context and settings, and stops before '
      + 'deploying anything if an annotation or a validation plugin reports an error (warnings are printed). Then it deploys the stacks '
      + 'in dependency order as CloudFormation would, every resource of them: custom resources through the library\'s own handler '
      + 'bundle on an embedded AmplifyBackend emulator, buckets and secrets in the emulated account, functions and state machines as '
      + 'code that runs, and every other resource by name only (said once per stack). The first deploy creates, later ones update '
      + 'only the resources whose properties changed, clean up replaced and removed ones, and roll a failed update back to the '
      + 'previous state, which is what stays saved. Each resource step is printed, then the stack\'s outputs (CfnOutput).',
      'The first deploy creates the emulated account: with --seed auto (the default) it holds the environments and buckets the app '
      + 'references but does not create, as the console would have made them, plus --environment and --bucket.',
      'Handlers read secrets (social sign-in client secrets) from a local Secrets Manager: the account\'s secrets, kept in the state '
      + 'folder\'s secrets.json (readable by its owner only). --secret and --secrets-file put secrets there, and they stay for later '
      + 'commands; "local secrets set|list|delete" manage them. Values are never printed. A deploy that reads a secret the account '
      + 'does not have (or a JSON secret without the field it reads) stops before anything starts, naming it and who reads it.',
      'The emulated account and the deployed stacks are kept in the state folder (.cdk-amplify-backend/ in the current folder, '
      + 'or --state-dir) for the next deploy, diff and destroy, with each function\'s log in its logs/: git-ignore it. No AWS account '
      + 'is used.',
      'Ctrl-C stops starting resource steps; the steps in flight end, what exists is saved, and the next deploy goes on from there. '
      + 'A second Ctrl-C stops at once: the emulated account runs in this process, so what it did since the last save is undone.',
      'Exit 0 if every stack reached CREATE_COMPLETE or UPDATE_COMPLETE; 1 if the app did not synthesize, a secret it reads is missing, '
      + 'a stack failed (the first that fails ends the deploy) or another command (local serve, a deploy) holds the state folder; '
      + '2 for bad arguments, a stack the app does not have included; 130 when stopped by Ctrl-C.',
    ].join('\n\n'))
    .addOption(appOption()), 'cdk.out in the state folder, replaced by the next synth')
    .addOption(stateDirOption())
    .addOption(stackOption('deploy, with the stacks it depends on'))
    .addOption(parametersOption(true))
    .addOption(jsonOption('annotations, resource events, each stack\'s status and outputs, the result'))),
  ' (read on the first deploy only: later ones go on with the saved account)')),
  run: (options, _args, io) => runLocal(io, async () => {
    const folder = stateFolder(options.stateDir, io.cwd);
    const source = findApp(options.app, io.cwd);
    const synthesis = synthesisOf(source, options, io.cwd, () => ({ outdir: path.join(folder.dir, 'cdk.out'), kept: true }));
    const interruption = new Interruption(io, () => `${folder.dir} holds what the last completed save holds; `
      + 'the emulated account ran in this process, so what it did since then is undone. Run local deploy again to go on.');
    try {
      // What needs no app is checked before the app runs (a synth takes seconds): the state folder's lock, the secrets given.
      return await withLock(folder, 'local deploy', async () => {
        const secrets = accountSecrets(folder, options);
        return withStacks(source, synthesis, io, async (all) => {
          if (interruption.requested) return stoppedBeforeDeploying(io);
          return deployApp(all, folder, secrets, options, interruption, io);
        });
      }, interruption);
    } finally {
      interruption.dispose();
    }
  }),
};

/** Deploys the stacks --stack picks (and those they depend on) of the app's stacks `all`, once the secrets they read are there. */
async function deployApp(
  all: StackArtifact[], folder: StateFolder, secrets: Record<string, string>, options: DeployOptions, interruption: Interruption, io: CliIo,
): Promise<number> {
  const stacks = selectStacks(all, options.stack, 'upstream');
  const parameters = parametersByStack(options.parameters, stacks);
  const { problems, skipped } = checkSecrets(stacks, secrets);
  for (const line of skipped) io.stderr(`${line}.\n`);
  if (problems.length > 0) return secretsMissing(problems, options, io);
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
    const done: Array<{ stack: string; status: StackStatus }> = [];
    for (const stack of stacks) {
      if (interruption.requested) break;
      reporter.start('Deploy', stack, local.stack(stack.name)?.artifact);
      const result = await local.deploy(stack, { parameters: parameters.get(stack.name), signal: interruption.signal });
      await saveSession(local, folder, stack.name);
      reporter.end(stack, result.status, result.failures);
      done.push({ stack: stack.name, status: result.status });
      if (!DEPLOYED.includes(result.status)) break;
      reporter.outputs(stack.name, local.outputs(stack.name));
    }
    const ok = done.length === stacks.length && done.every(({ status }) => DEPLOYED.includes(status));
    reporter.result(ok, done);
    if (interruption.requested && !ok) {
      reporter.note(`Interrupted: what exists is saved in ${folder.dir}; run local deploy again to go on from there.`);
      return INTERRUPTED_EXIT;
    }
    return ok ? EXIT.ok : EXIT.failed;
  } finally {
    await local.close();
  }
}

/** A deploy stopped (Ctrl-C) while the app was synthesized: nothing was deployed. */
function stoppedBeforeDeploying(io: CliIo): number {
  io.stderr('Interrupted before anything was deployed.\n');
  return INTERRUPTED_EXIT;
}

/** A deploy that cannot start: the secrets it needs, on stderr (and the result, for --json); exit 1. */
function secretsMissing(problems: readonly SecretProblem[], options: DeployOptions, io: CliIo): number {
  io.stderr(`${describeSecretProblems(problems, options.stateDir).join('\n')}\n`);
  if (options.json) {
    const secrets = problems.map(({ name, problem }) => ({ name, problem: problem ?? 'there is no such secret' }));
    io.stdout(`${JSON.stringify({ event: 'result', ok: false, stacks: [], secrets })}\n`);
  }
  return EXIT.failed;
}
