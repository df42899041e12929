/**
 * What the next deploy would do to each of this library's resources, decided by the handler's own code against the
 * live backend (reads only): CloudFormation's part (`PlannedChange`), then the handler's first decision on the
 * request it would get, as its onEvent makes it. What `preview` predicts is what the handler does.
 */
import { isDeepStrictEqual } from 'util';
import type { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { withEnvironmentPool } from './environment-pool';
import { PlannedChange, UnknownProperty, unknownProperties } from './planned-change';
import type { ResourceRequest } from '../../lambda/events';
import { checkDrift } from '../drift/resource-drift';
import { HandlerDecision, handlerDecision } from '../handler-decision';
import { callService } from '../service-error';

/**
 * `create`: made anew. `adopt`: it exists, and is taken over as it is. `adopt+update`: it exists, and is taken over
 * with these fields changed. `update`, `replace`: of a resource the stack has. `refused`: the handler (or the service)
 * would refuse it, and the deploy would fail there. `unchanged`: nothing is sent. `delete`: it leaves the stack.
 */
export type RowKind = 'create' | 'adopt' | 'adopt+update' | 'update' | 'replace' | 'refused' | 'unchanged' | 'delete';

/** A field the deploy changes: from its live value (a takeover) or its deployed one, to the declared one. */
export interface FieldChange {
  readonly property: string;
  readonly from: unknown;
  readonly to: unknown;
}

export interface PreviewRow {
  readonly stack: string;
  readonly path: string;
  readonly logicalId: string;
  readonly type: string;
  readonly kind: RowKind;
  readonly physicalId?: string;
  readonly fields: readonly FieldChange[];
  /** The first call the handler would start. */
  readonly operation?: string;
  /** Why it is refused, or what a delete does. */
  readonly reason?: string;
  /** Values known only at deploy time: the handler's decision on them cannot be predicted. */
  readonly unknown: readonly UnknownProperty[];
}

/** Whether a row means the deploy changes something. */
export function changes(row: PreviewRow): boolean {
  return row.kind !== 'adopt' && row.kind !== 'unchanged';
}

/** The row of each change, in the order given. */
export async function previewRows(planned: readonly PlannedChange[], client: AmplifyBackendClient): Promise<PreviewRow[]> {
  const rows: PreviewRow[] = [];
  const made: Array<{ change: PlannedChange; kind: RowKind }> = [];
  for (const change of planned) {
    const row = await rowOf(change, client, made);
    rows.push(row);
    made.push({ change, kind: row.kind });
  }
  return rows;
}

/** One change's row; `earlier`: the changes before it, with their rows' kinds. */
async function rowOf(
  change: PlannedChange, client: AmplifyBackendClient, earlier: ReadonlyArray<{ change: PlannedChange; kind: RowKind }>,
): Promise<PreviewRow> {
  const { stack, path, logicalId, type, physicalId } = change;
  const base = { stack, path, logicalId, type, physicalId, fields: [], unknown: [] };
  if (change.change === 'unchanged') return { ...base, kind: 'unchanged' };
  if (change.change === 'delete') return deleteRow(change, base, client);
  // A deployed value CloudFormation resolved (from a deployed template) is as unknown as a new one: the request cannot be built.
  const unknownOf = (planned: PlannedChange) => [...unknownProperties(planned.after), ...planned.change === 'create' ? [] : unknownProperties(planned.before)]
    .filter((property, index, all) => all.findIndex((other) => other.property === property.property) === index);
  // Unless it is an API's user pool that stays the environment's: the handler reads it itself.
  const known = withEnvironmentPool(change, unknownOf(change), earlier);
  const decided = known ? { ...change, ...known } : change;
  const after = decided.after ?? {};
  const unknown = unknownOf(decided);
  const fields = change.change === 'create' ? [] : changedFields(decided.before ?? {}, after);
  // The handler decides on values; one known only at deploy time leaves CloudFormation's part as all that is known.
  if (unknown.length > 0) return { ...base, kind: change.change, fields, unknown };
  const decision = await decide(change, client, {
    RequestType: change.change === 'create' ? 'Create' : 'Update',
    PhysicalResourceId: change.physicalId,
    ResourceProperties: after,
    OldResourceProperties: change.change === 'create' ? undefined : decided.before,
  });
  if (decision.kind === 'refuse') return { ...base, kind: 'refused', fields, reason: decision.reason };
  if (change.change !== 'create') return { ...base, kind: change.change, fields, operation: operationOf(decision) };
  return createRow(decided, decision, base, client);
}

/** A Create: made anew, or found and taken over as it is (adopt) or with fields changed (adopt+update). */
async function createRow(change: PlannedChange, decision: HandlerDecision, base: Omit<PreviewRow, 'kind'>, client: AmplifyBackendClient): Promise<PreviewRow> {
  const physicalId = 'physicalResourceId' in decision ? decision.physicalResourceId : undefined;
  if (decision.kind === 'nothing') return { ...base, kind: 'adopt', physicalId };
  if (decision.kind !== 'call' || !/^Update/.test(decision.operation) || physicalId === undefined) {
    return { ...base, kind: 'create', operation: operationOf(decision) };
  }
  const drift = await checkDrift(change.type, physicalId, change.after ?? {}, client);
  const fields = drift.differences.map(({ property, declared, live }) => ({ property, from: live, to: declared }));
  return { ...base, kind: 'adopt+update', physicalId, fields, operation: decision.operation };
}

/** A resource leaving the stack: what its Delete does (kept by DeletionPolicy Retain: nothing is sent). */
async function deleteRow(change: PlannedChange, base: Omit<PreviewRow, 'kind'>, client: AmplifyBackendClient): Promise<PreviewRow> {
  if (change.retained) return { ...base, kind: 'delete', reason: 'DeletionPolicy Retain keeps it as it is: only the stack forgets it' };
  const decision = await decide(change, client, {
    RequestType: 'Delete',
    PhysicalResourceId: change.physicalId,
    ResourceProperties: change.before ?? {},
  });
  if (decision.kind === 'refuse') return { ...base, kind: 'refused', reason: decision.reason };
  if (decision.kind === 'call') return { ...base, kind: 'delete', operation: decision.operation, reason: `${decision.operation} removes it` };
  return { ...base, kind: 'delete', reason: 'nothing is removed: the stack only forgets it (taken over, or already gone)' };
}

/** The handler's first decision on the request; a read that fails (the endpoint does not answer, say) names the resource. */
function decide(change: PlannedChange, client: AmplifyBackendClient, request: Omit<ResourceRequest, 'ResourceType' | 'LogicalResourceId'>) {
  return callService(`Reading ${change.path} (${change.type})`, () => handlerDecision(client, { ...request, ResourceType: change.type, LogicalResourceId: change.logicalId }));
}

function operationOf(decision: HandlerDecision): string | undefined {
  return decision.kind === 'call' ? decision.operation : undefined;
}

/** Every leaf that differs between the deployed and the new properties, by dotted path; lists compare whole. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>, prefix = ''): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => key !== 'ServiceToken');
  return keys.flatMap((key): FieldChange[] => {
    const [from, to] = [before[key], after[key]];
    const property = `${prefix}${key}`;
    if (isObject(from) && isObject(to)) return changedFields(from, to, `${property}.`);
    return isDeepStrictEqual(text(from), text(to)) ? [] : [{ property, from, to }];
  });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Scalars as CloudFormation sends them, text: `8` and `"8"` are the same value. */
function text(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(text);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, text(member)]));
  return value === undefined || value === null ? undefined : String(value);
}
