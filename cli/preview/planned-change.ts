/**
 * What a deployment would send one of this library's custom resources, before the handler decides anything:
 * CloudFormation's part of a prediction (create, update, replace, delete or nothing), wherever the deployed state
 * comes from (CloudFormation's stack, the local stack). Values known only at deploy time are marked, never guessed.
 */
import { KNOWN_AFTER_DEPLOY } from '../../local/runner';
import { UnknownValue } from '../drift/declared';

export interface PlannedChange {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  /** The construct's path, as `cdk diff` names it. */
  readonly path: string;
  /** What CloudFormation sends the handler: a Create, an Update (`replace` when the handler replaces it), a Delete, or nothing. */
  readonly change: 'create' | 'update' | 'replace' | 'delete' | 'unchanged';
  /** The properties the deployment would send; unknown values as `UnknownValue` or the runner's `(known after deploy)`. */
  readonly after?: Record<string, unknown>;
  /** The properties deployed now. */
  readonly before?: Record<string, unknown>;
  /** The resource's physical id now. */
  readonly physicalId?: string;
  /** For a delete: DeletionPolicy Retain keeps it, and CloudFormation sends the handler nothing. */
  readonly retained?: boolean;
}

/** A property whose value is known only at deploy time, and why. */
export interface UnknownProperty {
  readonly property: string;
  readonly reason: string;
}

/** Every leaf of `properties` whose value is not known before the deployment, by dotted path. */
export function unknownProperties(properties: Record<string, unknown> | undefined): UnknownProperty[] {
  const found: UnknownProperty[] = [];
  const walk = (value: unknown, at: string): void => {
    if (value instanceof UnknownValue) found.push({ property: at, reason: value.reason });
    else if (typeof value === 'string' && value.includes(KNOWN_AFTER_DEPLOY)) found.push({ property: at, reason: 'a resource created or replaced earlier in the deployment' });
    else if (Array.isArray(value)) value.forEach((element, index) => walk(element, `${at}[${index}]`));
    else if (value && typeof value === 'object') Object.entries(value).forEach(([key, member]) => walk(member, at ? `${at}.${key}` : key));
  };
  walk(properties, '');
  return found;
}

/** A property bag without the service token, which only tells the framework where the handler is. */
export function withoutServiceToken(properties: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!properties) return undefined;
  const { ServiceToken: _token, ...rest } = properties;
  return rest;
}
