import type { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { Command } from 'commander';
import { constructNames } from './deployment-report';
import { addSeedOptions, addSynthOptions, appOption, stackOption, stateDirOption } from './options';
import { parametersOption } from './parameters';
import { PlanOptions, runPlan } from './plan-session';
import { LocalDeployment } from '../../local/local-deployment';
import { ResourceChange, StackArtifact, StackState } from '../../local/runner';
import { replacingChanges } from '../../src/private/contract';
import { CliCommand } from '../command';
import { DRIFT_RESOURCE_TYPES } from '../drift/resource-drift';
import { PlannedChange, withoutServiceToken } from '../preview/planned-change';
import { PREVIEW_DESCRIPTION, previewJsonOption } from '../preview/preview-command';
import { printPreview, StackPreview } from '../preview/preview-report';
import { previewRows } from '../preview/preview-rows';

/** `local preview`: `preview` against the local stack and its world. */
export const localPreviewCommand: CliCommand<PlanOptions> = {
  define: () => addSeedOptions(addSynthOptions(new Command('preview')
    .summary('Say what the next local deploy would do to each Amplify resource of the local world: create, adopt, update, ...')
    .description([
      'As "preview", on the local stack: the app is synthesized as local deploy does, the deployed state is the state folder\'s '
      + '(.cdk-amplify-backend/, or --state-dir) stacks, and the live backend its world, read by the handler\'s own code (nothing is '
      + 'changed or saved). A world not made yet is the one the first local deploy would seed.',
      ...PREVIEW_DESCRIPTION,
    ].join('\n\n'))
    .addOption(appOption()), 'cdk.out in the state folder, replaced by the next synth')
    .addOption(stateDirOption())
    .addOption(stackOption('preview'))
    .addOption(parametersOption(false))
    .addOption(previewJsonOption()), ' (before the first deploy: what it would seed)'),
  run: (options, _args, io) => runPlan(options, io, async ({ stacks, parameters, local, client }) => {
    const previews: StackPreview[] = [];
    for (const stack of stacks) previews.push(await stackPreview(local, stack, client, parameters.get(stack.name)));
    return printPreview(previews, options.json === true, io);
  }),
};

/** What the next deploy of `stack` on the local stack would do to each of this library's resources. */
export async function stackPreview(
  local: LocalDeployment, stack: StackArtifact, client: AmplifyBackendClient, parameters?: Readonly<Record<string, string>>,
): Promise<StackPreview> {
  const deployed = local.stack(stack.name);
  const planned = plannedChanges(stack, deployed, local.changes(stack, replacingChanges, parameters));
  return { stackName: stack.name, deployed: deployed !== undefined, rows: await previewRows(planned, client) };
}

/**
 * This library's resources of a stack as the runner's change set sees them: each of the app's in template order (those
 * it leaves alone, or only records a policy of, unchanged), then those the deployment removes.
 */
export function plannedChanges(stack: StackArtifact, deployed: StackState | undefined, changeSet: readonly ResourceChange[]): PlannedChange[] {
  const ours = (type: string) => DRIFT_RESOURCE_TYPES.includes(type);
  const names = new Map([...deployed ? constructNames(deployed.artifact) : [], ...constructNames(stack)]);
  const byId = new Map(changeSet.map((change) => [change.logicalId, change]));
  const planned = (logicalId: string, type: string, rest: Omit<PlannedChange, 'stack' | 'logicalId' | 'type' | 'path'>): PlannedChange =>
    ({ stack: stack.name, logicalId, type, path: names.get(logicalId) ?? logicalId, ...rest });
  const present = Object.entries(stack.template.Resources).filter(([, resource]) => ours(resource.Type)).map(([logicalId, resource]) => {
    const change = byId.get(logicalId);
    const current = deployed?.resources.get(logicalId);
    const physicalId = current?.physicalResourceId;
    if (!change || change.kind === 'policy') return planned(logicalId, resource.Type, { change: 'unchanged', physicalId, before: current?.properties });
    return planned(logicalId, resource.Type, {
      change: change.kind === 'create' ? 'create' : change.kind === 'replace' ? 'replace' : 'update',
      after: withoutServiceToken(change.after),
      before: withoutServiceToken(change.before),
      physicalId,
    });
  });
  const leaving = changeSet.filter((change) => ours(change.type) && (change.kind === 'delete' || change.kind === 'retain'))
    .map((change) => planned(change.logicalId, change.type, {
      change: 'delete', before: withoutServiceToken(change.before), physicalId: change.physicalResourceId, retained: change.kind === 'retain',
    }));
  return [...present, ...leaving];
}
