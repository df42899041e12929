/**
 * Compares declared properties with live ones, property by property. Both sides are shaped as the
 * template's properties (`PasswordPolicy.MinimumLength`); only the properties the rules name are read,
 * so anything else the live side carries is never looked at.
 */
import { DeclaredProperties, UnknownValue, valueAt } from './declared';
import { sameSchema } from '../../lambda/api-schema';

/** How one property is compared. */
export interface PropertyRule {
  /** Dotted path in the template's properties. */
  readonly path: string;
  /**
   * `value` (the default): equal as text (the template's `8` is CloudFormation's `"8"`; objects key by key); `set`: the
   * same elements in any order; `prefix`: the live value starts with the declared one (the service appends a suffix);
   * `graphql`: the same GraphQL document (whitespace, comments and layout are no difference).
   */
  readonly compare?: 'value' | 'set' | 'prefix' | 'graphql';
  /** When the template leaves it out the service chooses it: compared only when declared. */
  readonly serviceDefault?: boolean;
  /** Compared only when this holds of the declared properties (MFA types mean nothing with MFA off). */
  readonly when?: (declared: DeclaredProperties) => boolean;
  /** What is declared, when the template says it otherwise (the models' status that `GenerateModels` asks for); default: the value at `path`. */
  readonly declared?: (declared: DeclaredProperties) => unknown;
}

/** A property whose live value differs from the declared one; undefined is absent. */
export interface Difference {
  readonly property: string;
  readonly declared: unknown;
  readonly live: unknown;
}

/** A property whose declared value CloudFormation resolved at deploy time: why it is unknown, and the live value to compare by eye. */
export interface UnknownProperty {
  readonly property: string;
  readonly reason: string;
  readonly live: unknown;
}

export interface Comparison {
  readonly differences: Difference[];
  readonly unknown: UnknownProperty[];
}

/** Pure: compares every property the rules name. */
export function compareProperties(rules: readonly PropertyRule[], declared: DeclaredProperties, live: Readonly<Record<string, unknown>>): Comparison {
  const comparison: Comparison = { differences: [], unknown: [] };
  for (const rule of rules) {
    if (rule.when && !rule.when(declared)) continue;
    const want = rule.declared ? rule.declared(declared) : valueAt(declared, rule.path);
    const have = valueAt(live, rule.path);
    if (want instanceof UnknownValue) {
      comparison.unknown.push({ property: rule.path, reason: want.reason, live: have });
    } else if (!(rule.serviceDefault && text(want) === undefined) && !same(rule.compare ?? 'value', want, have)) {
      comparison.differences.push({ property: rule.path, declared: want, live: have });
    }
  }
  return comparison;
}

function same(compare: NonNullable<PropertyRule['compare']>, want: unknown, have: unknown): boolean {
  if (compare === 'set') {
    const wanted = new Set(list(want).map(text));
    const had = new Set(list(have).map(text));
    return wanted.size === had.size && [...wanted].every((element) => had.has(element));
  }
  if (compare === 'prefix') return text(have)?.startsWith(text(want) ?? '') ?? text(want) === undefined;
  if (compare === 'graphql') return sameSchema(text(want), text(have));
  return text(want) === text(have);
}

/** A value as CloudFormation hands it to the handler: scalars as text, an empty string absent; objects key by key, in order. */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'object' ? JSON.stringify(canonical(value)) : String(value);
}

/** Objects with sorted keys and absent members dropped, scalars as text: the template's `365` is the service's `"365"`. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])])
      .filter(([, member]) => member !== undefined));
  }
  return value === undefined || value === null || value === '' ? undefined : String(value);
}

/** An absent list is an empty one. */
function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}
