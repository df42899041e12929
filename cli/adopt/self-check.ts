/**
 * `adopt` checks its own output before writing it: each synthesized resource is compared with the live resource it
 * declares, field by field with drift's comparison, and run through the handler's own first decision, which must be
 * to call nothing. Generated code whose first deploy would change the backend is a bug: any finding stops `adopt`.
 */
import type { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { SynthesizedResource } from './instantiate';
import { UnknownValue } from '../drift/declared';
import { checkDrift } from '../drift/resource-drift';
import { handlerDecision } from '../handler-decision';
import { callService } from '../service-error';

/** What would change on the first deploy: a field that differs (declared and live), or what the handler would do. */
export interface CheckFinding {
  /** `Staging/Auth`. */
  readonly path: string;
  readonly description: string;
  readonly property?: string;
  readonly declared?: unknown;
  readonly live?: unknown;
  /** For a finding that is no field: the handler's refusal or call, the resource missing. */
  readonly reason?: string;
}

/** Every finding of every resource; none means the first deploy takes everything over and calls nothing. */
export async function selfCheck(resources: readonly SynthesizedResource[], client: AmplifyBackendClient): Promise<CheckFinding[]> {
  const findings: CheckFinding[] = [];
  for (const resource of resources) {
    const { path, description, type, physicalId, properties } = resource;
    const drift = await checkDrift(type, physicalId, properties, client);
    if (drift.reason) findings.push({ path, description, reason: drift.reason });
    for (const difference of drift.differences) findings.push({ path, description, ...difference });
    for (const unknown of drift.unknown) findings.push({ path, description, property: unknown.property, reason: `unknown until deploy (${unknown.reason})` });
    const decision = await callService(`Reading ${path} (${type})`, () => handlerDecision(client, {
      RequestType: 'Create', ResourceType: type, LogicalResourceId: resource.logicalId, ResourceProperties: withoutUnknown(properties),
    }));
    if (decision.kind === 'refuse') findings.push({ path, description, reason: `the handler would refuse it: ${decision.reason}` });
    if (decision.kind === 'call' && drift.differences.length === 0) {
      findings.push({ path, description, reason: `the handler would call ${decision.operation} on the first deploy` });
    }
  }
  return findings;
}

/**
 * The properties without the values known only at deploy time. The only one adopt's declarations have is an API's
 * user pool, the attribute of the environment's auth (adopted as it is, so the pool the environment has): given
 * none, the handler reads that same pool itself.
 */
function withoutUnknown(properties: Record<string, unknown>): Record<string, unknown> {
  const known = Object.entries(properties).filter(([, value]) => !(value instanceof UnknownValue))
    .map(([key, value]) => [key, isObject(value) ? withoutUnknown(value) : value]);
  return Object.fromEntries(known);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `Staging/Auth (auth "users" (created)): PasswordPolicy.MinimumLength: declared 8, live (none)`. */
export function findingText(finding: CheckFinding): string {
  const what = finding.property !== undefined && finding.reason === undefined
    ? `${finding.property}: declared ${shown(finding.declared)}, live ${shown(finding.live)}`
    : `${finding.property !== undefined ? `${finding.property}: ` : ''}${finding.reason}`;
  return `${finding.path} (${finding.description}): ${what}`;
}

function shown(value: unknown): string {
  return value === undefined || value === null ? '(none)' : JSON.stringify(value);
}
