import { isDeepStrictEqual } from 'util';
import { StackArtifact } from './assembly';
import { deployedContext, StackScope } from './deployed-context';
import { resolve } from './intrinsics';
import { nameProperty, physicalIdentity } from './physical-names';
import { modelOf } from './resource-models';
import { isUnchanged, keeps, ResourceModel, StackState } from './stack-state';
import { dependencyClosure, StackLocation } from './template';

/**
 * What a deployment would do to one resource: create, update, replace or delete it; `retain`: it leaves the
 * template, and DeletionPolicy Retain keeps it (the deployment only forgets it); `policy`: only its
 * DeletionPolicy or UpdateReplacePolicy changes (the deployment records it and sends the resource nothing).
 */
export type ChangeKind = 'create' | 'update' | 'replace' | 'delete' | 'retain' | 'policy';

/** One resource's change, as a CloudFormation change set lists it. */
export interface ResourceChange {
  readonly logicalId: string;
  readonly type: string;
  readonly model: ResourceModel;
  readonly kind: ChangeKind;
  /** The top-level properties whose values change (none for a create or a delete). */
  readonly properties: readonly string[];
  /** For a replacement: the property changes that cause it, as the replacement rule names them. */
  readonly replacedBy: readonly string[];
  /** The policies that change: `DeletionPolicy: Delete → Retain`. */
  readonly policies: ReadonlyArray<{ readonly policy: 'DeletionPolicy' | 'UpdateReplacePolicy'; readonly before?: string; readonly after?: string }>;
  /** The resolved properties as deployed now (update, replace, delete, retain). */
  readonly before?: Record<string, unknown>;
  /** The resolved properties the deployment would send (create, update, replace); `(known after deploy)` where not known yet. */
  readonly after?: Record<string, unknown>;
  /** The resource's physical id now (update, replace, delete, retain). */
  readonly physicalResourceId?: string;
}

/**
 * Which property changes of a custom resource replace it, by resource type. CloudFormation cannot know this
 * for custom resources (only the handler does), so whoever asks for a change set says.
 */
export type ReplacementRule = (type: string, before: Record<string, unknown>, after: Record<string, unknown>) => readonly string[];

/** The value a reference takes in a change set when the resource it names is created or replaced first. */
export const KNOWN_AFTER_DEPLOY = '(known after deploy)';

/**
 * What deploying `stack` (its resources `present`, `served` by a Provider framework) over `previous` would do
 * to each resource, in the order the deployment would do it, deletions last: a resource whose resolved
 * properties equal the deployed ones is left alone (the runner sends it nothing; a changed policy is only
 * recorded), any other is updated or, when `replaces` says so (custom resources) or its name changes (any
 * other), replaced. A reference to a resource created or replaced first is not known yet: it counts as a change.
 */
export function changeSet(
  stack: StackArtifact, previous: StackState | undefined, scope: StackScope, present: { ids: readonly string[]; served: ReadonlySet<string> },
  location: StackLocation, replaces: ReplacementRule,
): ResourceChange[] {
  const resources = stack.template.Resources;
  const deployed = previous?.resources ?? new Map();
  // What references read: the resources as deployed, less those created or replaced before (not known yet).
  const known = new Map(deployed);
  const pending = new Set<string>();
  const markPending = (id: string) => {
    pending.add(id);
    known.delete(id);
  };
  const context = deployedContext(scope, known, () => KNOWN_AFTER_DEPLOY);
  const changes: ResourceChange[] = [];
  for (const id of deploymentOrder(stack, present.ids)) {
    const { Type: type, Properties: template = {}, DeletionPolicy: deletionPolicy, UpdateReplacePolicy: updateReplacePolicy } = resources[id];
    const model = modelOf(type, present.served.has(id));
    let after: Record<string, unknown>;
    try {
      after = (resolve(template, context) ?? {}) as Record<string, unknown>;
    } catch {
      after = template;
    }
    const before = deployed.get(id);
    const base = { logicalId: id, type, model, properties: [], replacedBy: [], policies: [], after };
    if (!before) {
      markPending(id);
      changes.push({ ...base, kind: 'create' });
      continue;
    }
    const policies = ([['DeletionPolicy', before.deletionPolicy, deletionPolicy], ['UpdateReplacePolicy', before.updateReplacePolicy, updateReplacePolicy]] as const)
      .filter(([, was, now]) => was !== now).map(([policy, was, now]) => ({ policy, before: was, after: now }));
    const now = { before: before.properties, physicalResourceId: before.physicalResourceId };
    if (isUnchanged(before, type, after)) {
      if (policies.length > 0) changes.push({ ...base, ...now, kind: 'policy', policies });
      continue;
    }
    const replacedBy = model === 'provider' ? replaces(type, before.properties, after) : renamedBy(stack.name, id, type, before.physicalResourceId, after, location);
    if (replacedBy.length > 0) markPending(id);
    const properties = [...new Set([...Object.keys(before.properties), ...Object.keys(after)])]
      .filter((key) => !isDeepStrictEqual(before.properties[key], after[key]));
    changes.push({ ...base, ...now, kind: replacedBy.length > 0 ? 'replace' : 'update', properties, replacedBy, policies });
  }
  const leaving = [...deployed.values()].filter((resource) => !present.ids.includes(resource.logicalId));
  for (const resource of [...leaving, ...previous?.leftovers ?? []]) {
    changes.push({
      logicalId: resource.logicalId,
      type: resource.type,
      model: resource.model,
      kind: keeps(resource.deletionPolicy, false) ? 'retain' : 'delete',
      properties: [],
      replacedBy: [],
      policies: [],
      before: resource.properties,
      physicalResourceId: resource.physicalResourceId,
    });
  }
  return changes;
}

/** A resource other than a custom one is replaced when its physical name changes (its name property). */
function renamedBy(
  stackName: string, id: string, type: string, physicalResourceId: string, after: Record<string, unknown>, location: StackLocation,
): string[] {
  const identity = physicalIdentity(stackName, id, type, after, location);
  return identity.physicalResourceId === physicalResourceId ? [] : [nameProperty(type) ?? 'its name'];
}

/** The resources, each after everything it depends on. */
function deploymentOrder(stack: StackArtifact, ids: readonly string[]): string[] {
  const closure = dependencyClosure(stack.template);
  const ordered: string[] = [];
  const visit = (id: string) => {
    if (ordered.includes(id)) return;
    [...closure.get(id) ?? []].filter((dependency) => ids.includes(dependency)).forEach(visit);
    ordered.push(id);
  };
  ids.forEach(visit);
  return ordered;
}
