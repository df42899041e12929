import * as path from 'node:path';
import { Command } from 'commander';
import { CliCommand } from '../command';
import { constructNames } from './deployment-report';
import { EXIT } from '../exit-codes';
import { findApp, locationOf, selectStacks, synthesisOf, withStacks } from './app';
import { runLocal } from './errors';
import { addSeedOptions, addSynthOptions, AppOptions, appOption, jsonOption, stackOption, stateDirOption, SynthOptions } from './options';
import { SeedOptions } from './seeds';
import { openSession, stateFolder } from './session';
import { ChangeKind, ResourceChange } from '../../local/runner';
import { replacingChanges } from '../../src/private/contract';

/** How each kind of change is marked, as `cdk diff` marks them. */
const MARK: Record<ChangeKind, string> = { create: '[+]', update: '[~]', replace: '[-/+]', delete: '[-]' };

/** `local diff`: what the next `local deploy` would do, without doing it. */
export const diffCommand: CliCommand<AppOptions & SynthOptions & SeedOptions> = {
  define: () => addSeedOptions(addSynthOptions(new Command('diff')
    .summary('Say what the next local deploy would create, update, replace or delete')
    .description([
      'Synthesizes the app (cdk.json\'s "app", or --app) as "cdk synth" does, with the same context and settings, and compares each stack with the local stack in the state folder '
      + '(.cdk-amplify-backend/, or --state-dir): per custom resource, whether the next local deploy would create, update '
      + '(naming the properties), replace (naming the property changes that replace it) or delete it. A stack never deployed '
      + 'is all creates. Nothing runs and nothing is saved.',
      'Exit 0 whatever the differences ("no changes" when there are none); 1 if the app did not synthesize (an annotation or a '
      + 'validation plugin reported an error); 2 for bad arguments.',
    ].join('\n\n'))
    .addOption(appOption()), 'cdk.out in the state folder, replaced by the next synth')
    .addOption(stateDirOption())
    .addOption(stackOption('compare'))
    .addOption(jsonOption('annotations, each change, the seeds of a first deploy, the result')), ' (before the first deploy: what it would seed)'),
  run: (options, _args, io) => runLocal(io, async () => {
    const folder = stateFolder(options.stateDir, io.cwd);
    const source = findApp(options.app, io.cwd);
    const synthesis = synthesisOf(source, options, io.cwd, () => ({ outdir: path.join(folder.dir, 'cdk.out'), kept: true }));
    return withStacks(source, synthesis, io, async (all) => {
      const stacks = selectStacks(all, options.stack, 'none');
      const { local, seeded } = await openSession(folder, { location: locationOf(stacks), secrets: {}, seeds: { stacks: all, options } });
      try {
        if (options.json) seeded.forEach((line) => io.stdout(`${JSON.stringify({ event: 'seed', seed: line })}\n`));
        else if (seeded.length > 0) io.stdout(`Not deployed yet: the first deploy seeds the account with\n${seeded.map((line) => `  ${line}\n`).join('')}`);
        let total = 0;
        for (const stack of stacks) {
          const changes = local.changes(stack, replacingChanges);
          total += changes.length;
          const names = constructNames(stack);
          if (options.json) {
            for (const change of changes) io.stdout(`${JSON.stringify({ event: 'change', stack: stack.name, construct: names.get(change.logicalId), ...change })}\n`);
          } else {
            io.stdout(`Stack ${stack.name}${local.stack(stack.name) ? '' : ' (not deployed yet)'}\n`);
            io.stdout(changes.length === 0 ? '  no changes\n' : changes.map((change) => `  ${describe(change, names)}\n`).join(''));
          }
        }
        if (options.json) io.stdout(`${JSON.stringify({ event: 'result', changes: total })}\n`);
        else io.stdout(`\n${total === 0 ? 'No changes.' : `${total} change${total > 1 ? 's' : ''}.`}\n`);
        return EXIT.ok;
      } finally {
        await local.close();
      }
    });
  }),
};

/** `[~] Staging/Photos (Custom::AmplifyBackendStorage) update: AuthenticatedPermissions` */
function describe(change: ResourceChange, names: ReadonlyMap<string, string>): string {
  const what = `${MARK[change.kind]} ${names.get(change.logicalId) ?? change.logicalId} (${change.type}) ${change.kind}`;
  if (change.kind === 'update') return `${what}: ${change.properties.join(', ')}`;
  if (change.kind === 'replace') return `${what}: ${change.properties.join(', ')} (${change.replacedBy.join(', ')} replaces it)`;
  return what;
}
