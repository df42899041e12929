/**
 * How the handlers read AmplifyBackend errors. The service's error names are not all known (the REST
 * reference and the live service may differ), so classification uses the HTTP status as well.
 */

/** What an error means for the reconciler. */
export type ErrorClass =
  /** Throttling, 5xx or network: try again later; never fails a deployment by itself. */
  | 'transient'
  /** "There is already a pending job" on this environment: wait for it, then try again. */
  | 'pending-job'
  /** The resource (or its environment) does not exist. */
  | 'not-found'
  /** A create or import met its own earlier effect, or something of that name: re-read the state. */
  | 'already-exists'
  /** Anything else: the service refused the request. */
  | 'refused';

const TRANSIENT_NAMES = new Set([
  'TooManyRequestsException', 'LimitExceededException', 'ThrottlingException', 'Throttling',
  'GatewayTimeoutException', 'InternalServiceException', 'InternalServerError', 'ServiceUnavailable',
  'ServiceUnavailableException', 'RequestTimeout', 'RequestTimeoutException', 'TimeoutError',
]);
const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH',
  'ENETUNREACH', 'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** Network failures whose code was lost in wrapping still say what they were. */
const NETWORK_MESSAGE = /\b(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|socket hang up)\b/;

interface ServiceError {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** Classifies an error thrown by an AmplifyBackend call. */
export function classifyError(error: unknown): ErrorClass {
  const e = (error ?? {}) as ServiceError;
  const status = e.$metadata?.httpStatusCode;
  const message = e.message ?? '';
  if (status === 429 || (status !== undefined && status >= 500)) return 'transient';
  if (e.name !== undefined && TRANSIENT_NAMES.has(e.name)) return 'transient';
  if (status === undefined && e.code !== undefined && NETWORK_CODES.has(e.code)) return 'transient';
  if (status === undefined && NETWORK_MESSAGE.test(message)) return 'transient';
  if (/already a pending job/i.test(message)) return 'pending-job';
  if (status === 404 || e.name === 'NotFoundException') return 'not-found';
  if (/already (exists|been added|added|imported)/i.test(message)) return 'already-exists';
  return 'refused';
}

/** The service's own words for an error: `<name>: <message>`. */
export function serviceText(error: unknown): string {
  const e = (error ?? {}) as ServiceError;
  const name = e.name && e.name !== 'Error' ? e.name : undefined;
  const message = e.message || String(error);
  return name ? `${name}: ${message}` : message;
}
