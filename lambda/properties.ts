/**
 * Reads CloudFormation properties, which arrive as strings (or lists of strings) whatever the template
 * held. A bad property is an InputError: nothing was started, so failing at once loses nothing.
 */

/** A request the handler refuses before calling the service; its message says what to fix. */
export class InputError extends Error {
  public readonly name = 'InputError';
}

export function requiredString(properties: Record<string, unknown>, key: string): string {
  const value = properties[key];
  if (typeof value !== 'string' || value === '') {
    throw new InputError(`property ${key} is required, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function optionalString(properties: Record<string, unknown>, key: string): string | undefined {
  const value = properties[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new InputError(`property ${key} must be a string, got ${JSON.stringify(value)}`);
  return value;
}

/** A list whose elements must come from `allowed`; absent means empty. */
export function enumList<T extends string>(properties: Record<string, unknown>, key: string, allowed: readonly T[]): T[] {
  const value = properties[key] ?? [];
  if (!Array.isArray(value)) throw new InputError(`property ${key} must be a list, got ${JSON.stringify(value)}`);
  for (const element of value) {
    if (!allowed.includes(element)) {
      throw new InputError(`property ${key} has ${JSON.stringify(element)}; allowed: ${allowed.join(', ')}`);
    }
  }
  return value as T[];
}
