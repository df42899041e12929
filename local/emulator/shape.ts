import { badRequest } from './errors';

/**
 * A request body validator: checks one value found at `path` (e.g. `resourceConfig.serviceName`)
 * and throws a 400 that names the key. Keys a shape does not list are ignored, as the service does.
 */
export type Shape = (value: unknown, path: string) => void;

/** Any string. */
export const text: Shape = (value, path) => {
  if (typeof value !== 'string') throw badRequest(`${path} must be a string, got ${describe(value)}.`);
};

/** true or false. */
export const flag: Shape = (value, path) => {
  if (typeof value !== 'boolean') throw badRequest(`${path} must be a boolean, got ${describe(value)}.`);
};

/** Any number. */
export const numeric: Shape = (value, path) => {
  if (typeof value !== 'number') throw badRequest(`${path} must be a number, got ${describe(value)}.`);
};

/** A whole number. */
export const wholeNumber: Shape = (value, path) => {
  if (!Number.isInteger(value)) throw badRequest(`${path} must be an integer, got ${describe(value)}.`);
};

/** One of the given enum values. */
export function oneOf(...allowed: string[]): Shape {
  return (value, path) => {
    if (typeof value !== 'string' || !allowed.includes(value)) {
      throw badRequest(`${path} must be one of ${allowed.join(', ')}, got ${describe(value)}.`);
    }
  };
}

/** A list whose elements all have the given shape. */
export function listOf(element: Shape): Shape {
  return (value, path) => {
    if (!Array.isArray(value)) throw badRequest(`${path} must be a list, got ${describe(value)}.`);
    value.forEach((item, index) => element(item, `${path}[${index}]`));
  };
}

/** An object with required and optional keys; null counts as missing. */
export function struct(required: Record<string, Shape>, optional: Record<string, Shape> = {}): Shape {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw badRequest(`${path || 'The request body'} must be a JSON object, got ${describe(value)}.`);
    }
    const record = value as Record<string, unknown>;
    for (const [key, shape] of Object.entries(required)) {
      if (record[key] === undefined || record[key] === null) throw badRequest(`Missing required key ${child(path, key)}.`);
      shape(record[key], child(path, key));
    }
    for (const [key, shape] of Object.entries(optional)) {
      if (record[key] !== undefined && record[key] !== null) shape(record[key], child(path, key));
    }
  };
}

function child(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
