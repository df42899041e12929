/**
 * Reads CloudFormation properties, which arrive as strings (or lists of strings) whatever the template
 * held. A bad property is an InputError: nothing was started, so failing at once loses nothing.
 */

/** A request the handler refuses before calling the service; its message says what to fix. */
export class InputError extends Error {
  public readonly name = 'InputError';
}

export function requiredString(properties: Record<string, unknown>, key: string, path = ''): string {
  const value = properties[key];
  if (typeof value !== 'string' || value === '') {
    throw new InputError(`property ${path}${key} is required, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function optionalString(properties: Record<string, unknown>, key: string, path = ''): string | undefined {
  const value = properties[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new InputError(`property ${path}${key} must be a string, got ${JSON.stringify(value)}`);
  return value;
}

/** A list whose elements must come from `allowed`; absent means empty. */
export function enumList<T extends string>(properties: Record<string, unknown>, key: string, allowed: readonly T[], path = ''): T[] {
  const value = properties[key] ?? [];
  if (!Array.isArray(value)) throw new InputError(`property ${path}${key} must be a list, got ${JSON.stringify(value)}`);
  for (const element of value) {
    if (!allowed.includes(element)) {
      throw new InputError(`property ${path}${key} has ${JSON.stringify(element)}; allowed: ${allowed.join(', ')}`);
    }
  }
  return value as T[];
}

/** A nested object; `path` names where it sits, for messages (e.g. `OAuth.`). */
export function optionalObject(properties: Record<string, unknown>, key: string, path = ''): Record<string, unknown> | undefined {
  const value = properties[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(`property ${path}${key} must be an object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

export function requiredObject(properties: Record<string, unknown>, key: string, path = ''): Record<string, unknown> {
  const value = optionalObject(properties, key, path);
  if (!value) throw new InputError(`property ${path}${key} is required`);
  return value;
}

/** true or false; CloudFormation sends them as strings. Absent means false. */
export function flag(properties: Record<string, unknown>, key: string, path = ''): boolean {
  const value = properties[key] ?? false;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new InputError(`property ${path}${key} must be true or false, got ${JSON.stringify(value)}`);
}

/** A whole number; CloudFormation sends it as a string. */
export function wholeNumber(properties: Record<string, unknown>, key: string, path = ''): number {
  const value = properties[key];
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    throw new InputError(`property ${path}${key} must be a whole number, got ${JSON.stringify(value)}`);
  }
  return number;
}

/** One value from `allowed`. */
export function enumValue<T extends string>(properties: Record<string, unknown>, key: string, allowed: readonly T[], path = ''): T {
  const value = properties[key];
  if (!allowed.includes(value as T)) {
    throw new InputError(`property ${path}${key} has ${JSON.stringify(value)}; allowed: ${allowed.join(', ')}`);
  }
  return value as T;
}

/** A list of non-empty strings; absent means empty. */
export function stringList(properties: Record<string, unknown>, key: string, path = ''): string[] {
  const value = properties[key] ?? [];
  if (!Array.isArray(value) || value.some((element) => typeof element !== 'string' || element === '')) {
    throw new InputError(`property ${path}${key} must be a list of strings, got ${JSON.stringify(value)}`);
  }
  return value;
}
