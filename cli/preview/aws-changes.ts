/**
 * CloudFormation's part of a prediction against AWS: the synthesized stack against the deployed one (its template,
 * read as drift reads it), resolved as far as the command can. What CloudFormation resolves at deploy time from
 * other resources, other stacks or secret parameters stays unknown, never guessed.
 */
import { isDeepStrictEqual } from 'util';
import { PlannedChange, unknownProperties, withoutServiceToken } from './planned-change';
import { StackArtifact } from '../../local/runner';
import { replacingChanges } from '../../src/private/contract';
import { UnknownValue } from '../drift/declared';
import { DeployedStack } from '../drift/deployed-stack';
import { resolveTemplateValue, StackValues } from '../drift/template-values';
import { constructNames } from '../local/deployment-report';

/** DeletionPolicy values that keep a resource when it leaves the stack. */
const KEPT = ['Retain', 'RetainExceptOnCreate'];

/**
 * The changes a deployment of `stack` over `deployed` (undefined: not deployed yet, every resource a Create) would
 * send this library's resources of `types`: each of the app's in template order, then those that leave the stack.
 */
export function awsPlannedChanges(
  stack: StackArtifact, deployed: DeployedStack | undefined, region: string, types: readonly string[],
): PlannedChange[] {
  const names = constructNames(stack);
  const values = valuesFor(stack, deployed, region);
  const present = Object.entries(stack.template.Resources).filter(([, resource]) => types.includes(resource.Type));
  const changes = present.map(([logicalId, resource]): PlannedChange => {
    const base = { stack: stack.name, logicalId, type: resource.Type, path: names.get(logicalId) ?? logicalId };
    const template = withoutServiceToken((resource as { Properties?: Record<string, unknown> }).Properties) ?? {};
    const after = resolveTemplateValue(template, values) as Record<string, unknown>;
    const current = deployed?.resources.find((candidate) => candidate.logicalId === logicalId);
    if (!current) return { ...base, change: 'create', after };
    const before = withoutServiceToken(current.declared as Record<string, unknown>) ?? {};
    const rest = { after, before, physicalId: current.physicalId };
    // The same template text (and so the same parameter values and references): CloudFormation sends nothing.
    if (isDeepStrictEqual(template, withoutServiceToken(current.template as Record<string, unknown>) ?? {})) return { ...base, ...rest, change: 'unchanged' };
    const known = unknownProperties(after).length === 0 && unknownProperties(before).length === 0;
    if (known && isDeepStrictEqual(asSent(before), asSent(after))) return { ...base, ...rest, change: 'unchanged' };
    return { ...base, ...rest, change: known && replacingChanges(resource.Type, before, after).length > 0 ? 'replace' : 'update' };
  });
  const removed = (deployed?.resources ?? []).filter((resource) => !(resource.logicalId in stack.template.Resources));
  const leaving = removed.map((resource): PlannedChange => ({
    stack: stack.name,
    logicalId: resource.logicalId,
    type: resource.type,
    path: resource.logicalId,
    change: 'delete',
    before: withoutServiceToken(resource.declared as Record<string, unknown>),
    physicalId: resource.physicalId,
    retained: KEPT.includes(resource.deletionPolicy ?? ''),
  }));
  return [...changes, ...leaving];
}

/**
 * What the new template's references resolve against: the deployed stack's pseudo parameters, parameter values and
 * resources; for a stack not deployed yet, its Region and account (unknown for an environment-agnostic stack's account)
 * and its parameters' defaults. A parameter without a value, or a NoEcho one, is unknown.
 */
function valuesFor(stack: StackArtifact, deployed: DeployedStack | undefined, region: string): StackValues {
  const declared = (stack.template.Parameters ?? {}) as Record<string, { Default?: unknown; NoEcho?: unknown; Type?: string }>;
  const parameters: Record<string, string | string[] | UnknownValue> = {};
  for (const [name, parameter] of Object.entries(declared)) {
    const known = deployed?.values.parameters[name];
    if (known !== undefined) parameters[name] = known;
    else if (String(parameter.NoEcho) === 'true') parameters[name] = new UnknownValue(`Ref ${name}, a NoEcho parameter`);
    else if (parameter.Default === undefined) parameters[name] = new UnknownValue(`Ref ${name}, a parameter given at deploy time`);
    else parameters[name] = parameter.Type === 'CommaDelimitedList' ? String(parameter.Default).split(',') : String(parameter.Default);
  }
  if (deployed) return { ...deployed.values, parameters };
  const stackName = stack.stackName ?? stack.name;
  const account = stack.environment.account;
  return {
    pseudoParameters: {
      'AWS::Partition': 'aws',
      'AWS::Region': stack.environment.region ?? region,
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': stackName,
      ...account ? { 'AWS::AccountId': account } : {},
    },
    parameters,
    resources: {},
  };
}

/** Properties as CloudFormation hands them to a custom resource: every scalar as text. */
function asSent(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asSent);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, asSent(member)]));
  return value === undefined ? undefined : String(value);
}
