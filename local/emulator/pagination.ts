import { badRequest } from './errors';

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
  const start = nextToken === undefined ? 0 : items.findIndex((item) => keyOf(item) === decode(nextToken)) + 1;
  if (start === 0 && nextToken !== undefined) throw badRequest(`Invalid nextToken ${nextToken}.`);
  const page = items.slice(start, start + pageSize);
  const more = start + pageSize < items.length;
  return { items: page, nextToken: more ? encode(keyOf(page[page.length - 1])) : undefined };
}

function encode(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

function decode(token: string): string {
  return Buffer.from(token, 'base64url').toString('utf8');
}
