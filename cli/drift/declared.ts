/**
 * A custom resource's declared properties: what the stack says the resource should be, whether read
 * from a deployed template or from a local stack's saved state. Parts that CloudFormation filled in at
 * deploy time and the reader cannot know are `UnknownValue`s; everything else is a plain JSON value.
 */

/** A value CloudFormation resolved at deploy time that cannot be read back; `reason` says what it was. */
export class UnknownValue {
  constructor(readonly reason: string) {}
}

/** Top-level properties by name (`AppId`, `PasswordPolicy`, ...), with `UnknownValue`s where a value cannot be known. */
export type DeclaredProperties = Readonly<Record<string, unknown>>;

/**
 * The value at a dotted path (`PasswordPolicy.MinimumLength`): undefined when a step is absent, the
 * `UnknownValue` when a step is one.
 */
export function valueAt(properties: DeclaredProperties | undefined, path: string): unknown {
  let value: unknown = properties;
  for (const key of path.split('.')) {
    if (value instanceof UnknownValue) return value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
