import { Command } from 'commander';
import { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { CliIo } from '../io';
import { findApp, locationOf, selectStacks, withStacks } from './app';
import { runLocal } from './errors';
import { addRunOptions, addSecretOptions, addSeedOptions, AppOptions, appOption, jsonOption, RunOptions, SecretOptions, stackOption, stateDirOption } from './options';
import { jsonReporter, LocalReporter, textReporter } from './reporter';
import { checkSecrets, describeSecretProblems, SecretProblem } from './secret-check';
import { SeedOptions } from './seeds';
import { accountSecrets, openSession, saveSession, stateFolder, withLock } from './session';
import { LocalDeployment } from '../../local/local-deployment';
import { StackArtifact, StackStatus } from '../../local/runner';
import { StateFolder } from '../../local/state-folder';

type DeployOptions = AppOptions & RunOptions & SeedOptions & SecretOptions;

/** The statuses a deploy ends well with. */
const DEPLOYED: readonly StackStatus[] = ['CREATE_COMPLETE', 'UPDATE_COMPLETE'];

/** `local deploy`: create or update the app's stacks on the local stack kept in the state folder. */
export const deployCommand: CliCommand<DeployOptions> = {
  define: () => addSecretOptions(addSeedOptions(addRunOptions(new Command('deploy')
    .summary('Create or update the app\'s stacks on the local stack (kept in .cdk-amplify-backend/)')
    .description([
      'Synthesizes the app (cdk.json\'s "app", or --app) and deploys its stacks in dependency order on an embedded AmplifyBackend '
      + 'emulator through the library\'s own handler bundle, as CloudFormation would: the first deploy creates, later ones update '
      + 'only the resources whose properties changed, clean up replaced and removed ones, and roll a failed update back to the '
      + 'previous state, which is what stays saved. Each resource step is printed, then the stack\'s outputs (CfnOutput).',
      'The first deploy creates the emulated account: with --seed auto (the default) it holds the environments and buckets the app '
      + 'references but does not create, as the console would have made them, plus --environment and --bucket.',
      'Handlers read secrets (social sign-in client secrets) from a local Secrets Manager: the account\'s secrets, kept in the state '
      + 'folder\'s secrets.json (readable by its owner only). --secret and --secrets-file put secrets there, and they stay for later '
      + 'commands; "local secrets set|list|delete" manage them. Values are never printed. A deploy that reads a secret the account '
      + 'does not have (or a JSON secret without the field it reads) stops before anything starts, naming it and who reads it.',
      'The emulated account and the deployed stacks are kept in the state folder (.cdk-amplify-backend/ in the current folder, '
      + 'or --state-dir) for the next deploy, diff and destroy: git-ignore it. No AWS account is used.',
      'Exit 0 if every stack reached CREATE_COMPLETE or UPDATE_COMPLETE; 1 if one failed (the first that fails ends the deploy) '
      + 'or a secret it reads is missing; 2 for bad arguments, a stack the app does not have included.',
    ].join('\n\n'))
    .addOption(appOption())
    .addOption(stateDirOption())
    .addOption(stackOption('deploy, with the stacks it depends on'))
    .addOption(jsonOption('resource events, each stack\'s status and outputs, the result'))), ' (read on the first deploy only: later ones go on with the saved account)')),
  run: (options, _args, io) => runLocal(io, async () => {
    const folder = stateFolder(options.stateDir, io.cwd);
    const appIo = options.json ? { ...io, stdout: io.stderr } : io;
    return withStacks(findApp(options.app, io.cwd), appIo, async (all) => withLock(folder, 'local deploy', async () => {
      const stacks = selectStacks(all, options.stack, 'upstream');
      const secrets = accountSecrets(folder, options);
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
        return await deployStacks(local, stacks, folder, reporter);
      } finally {
        await local.close();
      }
    }));
  }),
};

/** A deploy that cannot start: the secrets it needs, on stderr (and the result, for --json); exit 1. */
function secretsMissing(problems: readonly SecretProblem[], options: DeployOptions, io: CliIo): number {
  io.stderr(`${describeSecretProblems(problems, options.stateDir).join('\n')}\n`);
  if (options.json) {
    const secrets = problems.map(({ name, problem }) => ({ name, problem: problem ?? 'there is no such secret' }));
    io.stdout(`${JSON.stringify({ event: 'result', ok: false, stacks: [], secrets })}\n`);
  }
  return EXIT.failed;
}

async function deployStacks(local: LocalDeployment, stacks: StackArtifact[], folder: StateFolder, reporter: LocalReporter): Promise<number> {
  const done: Array<{ stack: string; status: StackStatus }> = [];
  for (const stack of stacks) {
    reporter.start('Deploy', stack, local.stack(stack.name)?.artifact);
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
