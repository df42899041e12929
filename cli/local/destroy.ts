import { Command } from 'commander';
import { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { CliIo } from '../io';
import { dependencyOrder, locationOf, selectStacks } from './app';
import { runLocal } from './errors';
import { Interruption, INTERRUPTED_EXIT } from './interruption';
import { addRunOptions, addSecretOptions, AppOptions, jsonOption, RunOptions, SecretOptions, stackOption, stateDirOption } from './options';
import { jsonReporter, LocalReporter, textReporter } from './reporter';
import { accountSecrets, openSession, saveSession, stateFolder, withLock } from './session';
import { StackStatus } from '../../local/runner';
import { StateFolder } from '../../local/state-folder';

type DestroyOptions = Omit<AppOptions, 'app'> & RunOptions & SecretOptions;

/** `local destroy`: delete the stacks of the local stack, as `cdk destroy` would. */
export const destroyCommand: CliCommand<DestroyOptions> = {
  define: () => addSecretOptions(addRunOptions(new Command('destroy')
    .summary('Delete the local stack\'s stacks (all, or --stack ones and those that depend on them)')
    .description([
      'Deletes the stacks deployed in the state folder (.cdk-amplify-backend/, or --state-dir), dependents first, with the code '
      + 'they were deployed with; the app is not run. DeletionPolicy Retain is honoured. Once no stack is left, the state folder '
      + 'is removed, but for the account\'s secrets (secrets.json), which stay until "local secrets delete" removes them. A stack '
      + 'whose delete fails stays saved, so destroy can be run again. --secret and --secrets-file put secrets into the account, '
      + 'as for deploy.',
      'Ctrl-C stops starting deletes; those in flight end, what is left is saved, and the next destroy goes on from there. A second '
      + 'Ctrl-C stops at once.',
      'Exit 0 if every stack reached DELETE_COMPLETE (or nothing was deployed); 1 if one failed or another command (local serve, a '
      + 'deploy) holds the state folder; 2 for bad arguments; 130 when stopped by Ctrl-C.',
    ].join('\n\n'))
    .addOption(stateDirOption())
    .addOption(stackOption('destroy, with the stacks that depend on it'))
    .addOption(jsonOption('resource events, each stack\'s status, the result')))),
  run: (options, _args, io) => runLocal(io, async () => {
    const folder = stateFolder(options.stateDir, io.cwd);
    if (!folder.exists()) return nothingDeployed(folder, options, io);
    const interruption = new Interruption(io, () => `${folder.dir} holds what the last completed save holds; `
      + 'the emulated account ran in this process, so what it did since then is undone. Run local destroy again to go on.');
    try {
      return await withLock(folder, 'local destroy', () => destroyStacks(folder, options, interruption, io), interruption);
    } finally {
      interruption.dispose();
    }
  }),
};

async function destroyStacks(folder: StateFolder, options: DestroyOptions, interruption: Interruption, io: CliIo): Promise<number> {
  // Saved stacks are read in any order: put them in deployment order, then destroy in reverse.
  const saved = dependencyOrder(folder.readStacks().map((state) => state.artifact));
  const stacks = selectStacks(saved, options.stack, 'downstream').reverse();
  if (stacks.length === 0) return nothingDeployed(folder, options, io);
  let reporter!: LocalReporter;
  const { local } = await openSession(folder, {
    ...options,
    secrets: accountSecrets(folder, options),
    location: locationOf(stacks),
    hooks: { onEvent: (event) => reporter.resource(event), onLog: (line) => reporter.handlerLog(line) },
  });
  const done: Array<{ stack: string; status: StackStatus }> = [];
  try {
    reporter = options.json ? jsonReporter(io) : textReporter(io, () => local.emulator.inspect().jobs, stacks.length);
    for (const stack of stacks) {
      if (interruption.requested) break;
      reporter.start('Destroy', stack);
      const result = await local.destroy(stack.name, { signal: interruption.signal });
      await saveSession(local, folder, stack.name);
      reporter.end(stack, result.status, result.failures);
      done.push({ stack: stack.name, status: result.status });
      if (result.status !== 'DELETE_COMPLETE') break;
    }
  } finally {
    await local.close();
  }
  const ok = done.length === stacks.length && done.every(({ status }) => status === 'DELETE_COMPLETE');
  if (folder.readStacks().length === 0) {
    reporter.note(folder.removeLocalStack() ? `No stack left: removed ${folder.dir}.`
      : `No stack left: removed the local stack from ${folder.dir}; its secrets stay in ${folder.secrets().file} ("local secrets delete" removes them).`);
  }
  reporter.result(ok, done);
  if (interruption.requested && !ok) {
    reporter.note(`Interrupted: what is left is saved in ${folder.dir}; run local destroy again to go on.`);
    return INTERRUPTED_EXIT;
  }
  return ok ? EXIT.ok : EXIT.failed;
}

function nothingDeployed(folder: StateFolder, options: DestroyOptions, io: CliIo): number {
  if (options.json) io.stdout(`${JSON.stringify({ event: 'result', ok: true, stacks: [] })}\n`);
  else io.stdout(`Nothing deployed in ${folder.dir}.\n`);
  return EXIT.ok;
}
