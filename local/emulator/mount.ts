import type { RequestListener } from 'node:http';

/**
 * Something else served on the API's port, ahead of the API: the requests whose path is `prefix` or starts with
 * `prefix/`. They are not the API's: it never sees them (no operation, no log entry).
 */
export interface Mount {
  /** One path segment no API route starts with, e.g. `/_console`. */
  readonly prefix: string;
  readonly serve: RequestListener;
}
