import { Command } from 'commander';
import { CliCommand } from '../command';
import { constructNames } from './deployment-report';
import { EXIT } from '../exit-codes';
import { addSeedOptions, addSynthOptions, appOption, jsonOption, stackOption, stateDirOption } from './options';
import { parametersOption } from './parameters';
import { PlanOptions, runPlan } from './plan-session';
import { predictedDecisions, Prediction } from './predictions';
import { ChangeKind, ResourceChange } from '../../local/runner';
import { replacingChanges } from '../../src/private/contract';

/** How each kind of change is marked, as `cdk diff` marks them. */
const MARK: Record<ChangeKind, string> = { create: '[+]', update: '[~]', replace: '[-/+]', delete: '[-]', retain: '[=]', policy: '[~]' };

/** `local diff`: what the next `local deploy` would do, without doing it. */
export const diffCommand: CliCommand<PlanOptions> = {
  define: () => addSeedOptions(addSynthOptions(new Command('diff')
    .summary('Say what the next local deploy would create, update, replace or delete')
    .description([
      'Synthesizes the app (cdk.json\'s "app", or --app) as "cdk synth" does, with the same context and settings, and compares each '
      + 'stack with the local stack in the state folder (.cdk-amplify-backend/, or --state-dir): per resource, as "cdk diff" lists them, '
      + 'whether the next local deploy would create, update (naming the properties), replace (naming the property changes that replace '
      + 'it) or delete it, only record a DeletionPolicy change ([~] DeletionPolicy: Delete → Retain), or leave a removed resource its '
      + 'DeletionPolicy Retain keeps ([=] retain). A change a custom resource\'s handler would refuse is shown as [!] with the handler\'s '
      + 'reason, decided by the handler\'s own code against the local world as it is now: the deploy would fail there and roll back. '
      + 'A stack never deployed is all creates. Nothing is deployed and the local stack is left as it is; the cloud assembly is '
      + 'kept (--output).',
      'Exit 0 whatever the differences ("no changes" when there are none); 1 if the app did not synthesize (an annotation or a '
      + 'validation plugin reported an error); 2 for bad arguments.',
    ].join('\n\n'))
    .addOption(appOption()), 'cdk.out in the state folder, replaced by the next synth')
    .addOption(stateDirOption())
    .addOption(stackOption('compare'))
    .addOption(parametersOption(false))
    .addOption(jsonOption('annotations, each change, the seeds of a first deploy, the result')), ' (before the first deploy: what it would seed)'),
  run: (options, _args, io) => runPlan(options, io, async ({ stacks, parameters, local, seeded, client }) => {
    if (options.json) seeded.forEach((line) => io.stdout(`${JSON.stringify({ event: 'seed', seed: line })}\n`));
    else if (seeded.length > 0) io.stdout(`Not deployed yet: the first deploy seeds the account with\n${seeded.map((line) => `  ${line}\n`).join('')}`);
    let total = 0;
    for (const stack of stacks) {
      const changes = local.changes(stack, replacingChanges, parameters.get(stack.name));
      const predictions = await predictedDecisions(changes, client);
      total += changes.length;
      // Removed resources are named as the deployed template named them.
      const deployed = local.stack(stack.name)?.artifact;
      const names = new Map([...deployed ? constructNames(deployed) : [], ...constructNames(stack)]);
      if (options.json) {
        for (const change of changes) {
          const predicted = predictions.get(change.logicalId);
          io.stdout(`${JSON.stringify({ event: 'change', stack: stack.name, construct: names.get(change.logicalId), ...change, ...predicted })}\n`);
        }
      } else {
        io.stdout(`Stack ${stack.name}${local.stack(stack.name) ? '' : ' (not deployed yet)'}\n`);
        io.stdout(changes.length === 0 ? '  no changes\n' : changes.map((change) => `  ${describe(change, names, predictions.get(change.logicalId))}\n`).join(''));
      }
    }
    if (options.json) io.stdout(`${JSON.stringify({ event: 'result', changes: total })}\n`);
    else io.stdout(`\n${total === 0 ? 'No changes.' : `${total} change${total > 1 ? 's' : ''}.`}\n`);
    return EXIT.ok;
  }),
};

/**
 * `[~] Staging/Photos (Custom::AmplifyBackendStorage) update: AuthenticatedPermissions`; one line per resource, as `cdk diff`
 * lists them; `[!]` for a change the handler would refuse, with its reason (the deployment fails there and rolls back); an
 * update the handler leaves undone says so after its properties.
 */
function describe(change: ResourceChange, names: ReadonlyMap<string, string>, predicted: Prediction = {}): string {
  const { refused, note } = predicted;
  const byName = change.model === 'name' ? ', by name only' : '';
  const what = `${refused ? '[!]' : MARK[change.kind]} ${names.get(change.logicalId) ?? change.logicalId} (${change.type}${byName})`;
  if (refused) return `${what} ${change.kind} refused: ${refused} (the deploy would fail here and roll back)`;
  const policies = change.policies.map(({ policy, before, after }) => `${policy}: ${before ?? '(none)'} → ${after ?? '(none)'}`);
  switch (change.kind) {
    case 'update':
      return `${what} update: ${[...change.properties, ...policies].join(', ')}${note ? `; ${note}` : ''}`;
    case 'replace':
      return `${what} replace: ${change.properties.join(', ')} (${change.replacedBy.join(', ')} replaces it)${policies.length > 0 ? `; ${policies.join(', ')}` : ''}`;
    case 'policy':
      return `${what} ${policies.join(', ')} (recorded; nothing is sent to the resource)`;
    case 'retain':
      return `${what} retain: removed from the stack, and DeletionPolicy Retain keeps it as it is`;
    default:
      return `${what} ${change.kind}`;
  }
}
