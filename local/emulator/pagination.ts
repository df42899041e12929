import { ApiError, badRequest } from './errors';

/** One page of a list and the token for the next, if any. */
export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

/**
 * Cuts a page out of an ordered list. The token names the last item returned (not an offset), so
 * items added at the head while a client pages through (new jobs) neither repeat nor go missing.
 */
export function paginate<T>(items: readonly T[], keyOf: (item: T) => string, pageSize: number, nextToken?: string): Page<T> {
  const start = nextToken === undefined ? 0 : items.findIndex((item) => keyOf(item) === decodeToken(nextToken)) + 1;
  if (start === 0 && nextToken !== undefined) throw invalidToken(nextToken);
  const page = items.slice(start, start + pageSize);
  const more = start + pageSize < items.length;
  return { items: page, nextToken: more ? encodeToken(keyOf(page[page.length - 1])) : undefined };
}

/** The token that names an item by its key. */
export function encodeToken(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

/** The key a token names. */
export function decodeToken(token: string): string {
  return Buffer.from(token, 'base64url').toString('utf8');
}

/** The 400 for a token that names nothing in the list. */
export function invalidToken(token: string): ApiError {
  return badRequest(`Invalid nextToken ${token}.`);
}
