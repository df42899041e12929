/**
 * An API's user pool left to the environment's auth is, in the template, that auth's attribute: unknown before the
 * deploy while the auth is created (or taken over) in it. When the environment's auth keeps the pool the environment
 * has (its row takes it over as it is, or leaves it unchanged), the handler, given none, reads that same pool itself,
 * so its decision can be made without the value.
 */
import type { PlannedChange, UnknownProperty } from './planned-change';
import { USER_POOLS } from '../../lambda/api-settings';
import { API_RESOURCE_TYPE, AUTH_RESOURCE_TYPE, IMPORTED_AUTH_RESOURCE_TYPE } from '../../src/private/contract';

/** Where the template holds an API's user pool. */
const POOL_PATHS = ['DefaultAuthorization.UserPoolId', `AdditionalAuthorizations.${USER_POOLS}.UserPoolId`];

/** The kinds of an auth's preview row that leave the environment's user pool as it is. */
const KEEPS_POOL: readonly string[] = ['adopt', 'unchanged'];

/**
 * The API change's properties without its unknown user pools, when those are its only unknown values and the
 * environment's auth keeps its pool (`earlier`: the rows already made); undefined otherwise.
 */
export function withEnvironmentPool(
  change: PlannedChange, unknown: readonly UnknownProperty[], earlier: ReadonlyArray<{ readonly change: PlannedChange; readonly kind: string }>,
): { after: Record<string, unknown>; before?: Record<string, unknown> } | undefined {
  if (change.type !== API_RESOURCE_TYPE || unknown.length === 0) return undefined;
  if (!unknown.every((property) => POOL_PATHS.includes(property.property))) return undefined;
  const where = environmentOf(change);
  const auth = earlier.find((row) => (row.change.type === AUTH_RESOURCE_TYPE || row.change.type === IMPORTED_AUTH_RESOURCE_TYPE)
    && environmentOf(row.change) === where);
  if (!auth || !KEEPS_POOL.includes(auth.kind)) return undefined;
  return { after: withoutPools(change.after ?? {}), before: change.before && withoutPools(change.before) };
}

function environmentOf(change: PlannedChange): string {
  const properties = change.after ?? change.before ?? {};
  return `${String(properties.AppId)}/${String(properties.EnvironmentName)}`;
}

function withoutPools(properties: Record<string, unknown>): Record<string, unknown> {
  const without = (mode: unknown) => {
    if (typeof mode !== 'object' || mode === null) return mode;
    const { UserPoolId: _pool, ...rest } = mode as Record<string, unknown>;
    return rest;
  };
  const additional = properties.AdditionalAuthorizations as Record<string, unknown> | undefined;
  return {
    ...properties,
    DefaultAuthorization: without(properties.DefaultAuthorization),
    ...additional && typeof additional === 'object'
      ? { AdditionalAuthorizations: { ...additional, ...USER_POOLS in additional ? { [USER_POOLS]: without(additional[USER_POOLS]) } : {} } }
      : {},
  };
}
