import { isDeepStrictEqual } from 'util';
import { StackArtifact } from './assembly';
import { deployedContext, DeployedReference } from './deployed-context';
import { isUnchanged, StackState } from './stack-state';
import { dependencyClosure, resolve, ResolveContext, StackLocation } from './template';

/** What a deployment would do to one custom resource. */
export type ChangeKind = 'create' | 'update' | 'replace' | 'delete';

/** One resource's change, as a CloudFormation change set lists it. */
export interface ResourceChange {
  readonly logicalId: string;
  readonly type: string;
  readonly kind: ChangeKind;
  /** The top-level properties whose values change (none for a create or a delete). */
  readonly properties: readonly string[];
  /** For a replacement: the property changes that cause it, as the replacement rule names them. */
  readonly replacedBy: readonly string[];
}

/**
 * Which property changes of a custom resource replace it, by resource type. CloudFormation cannot know this
 * for custom resources (only the handler does), so whoever asks for a change set says.
 */
export type ReplacementRule = (type: string, before: Record<string, unknown>, after: Record<string, unknown>) => readonly string[];

/** The value a reference takes in a change set when the resource it names is created or replaced first. */
const KNOWN_AFTER_DEPLOY = '(known after deploy)';

/**
 * What deploying `stack` over `previous` would do to its custom resources (`served`, by logical id), in the
 * order the deployment would do it, deletions last: a resource whose resolved properties equal the deployed
 * ones is left alone (the runner sends it nothing), any other is updated or, when `replaces` says so,
 * replaced. A reference to a resource created or replaced first is not known yet: it counts as a change.
 */
export function changeSet(
  stack: StackArtifact, previous: StackState | undefined, served: ReadonlySet<string>, location: StackLocation, replaces: ReplacementRule,
): ResourceChange[] {
  const resources = stack.template.Resources;
  const deployed = new Map<string, DeployedReference>(previous?.resources ?? []);
  const pending = new Set<string>();
  const base = deployedContext(stack.name, resources, deployed, location);
  const context: ResolveContext = {
    ref: (id) => (pending.has(id) ? KNOWN_AFTER_DEPLOY : base.ref(id)),
    getAtt: (id, attribute) => (pending.has(id) ? KNOWN_AFTER_DEPLOY : base.getAtt(id, attribute)),
  };
  const changes: ResourceChange[] = [];
  for (const id of deploymentOrder(stack, served)) {
    const { Type: type, Properties: template = {} } = resources[id];
    const after = resolve(template, context) as Record<string, unknown>;
    const before = previous?.resources.get(id);
    if (!before) {
      pending.add(id);
      changes.push({ logicalId: id, type, kind: 'create', properties: [], replacedBy: [] });
      continue;
    }
    if (isUnchanged(before, type, after)) continue;
    const replacedBy = replaces(type, before.properties, after);
    if (replacedBy.length > 0) pending.add(id);
    const properties = [...new Set([...Object.keys(before.properties), ...Object.keys(after)])]
      .filter((key) => !isDeepStrictEqual(before.properties[key], after[key]));
    changes.push({ logicalId: id, type, kind: replacedBy.length > 0 ? 'replace' : 'update', properties, replacedBy });
  }
  for (const resource of previous?.resources.values() ?? []) {
    if (!served.has(resource.logicalId)) changes.push({ logicalId: resource.logicalId, type: resource.type, kind: 'delete', properties: [], replacedBy: [] });
  }
  return changes;
}

/** The served resources, each after everything it depends on. */
function deploymentOrder(stack: StackArtifact, served: ReadonlySet<string>): string[] {
  const closure = dependencyClosure(stack.template);
  const ordered: string[] = [];
  const visit = (id: string) => {
    if (ordered.includes(id)) return;
    [...closure.get(id) ?? []].filter((dependency) => served.has(dependency)).forEach(visit);
    ordered.push(id);
  };
  [...served].forEach(visit);
  return ordered;
}
