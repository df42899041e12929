/**
 * How the handlers read AmplifyBackend errors. The service's error names are not all known (the REST
 * reference and the live service may differ), so classification uses the HTTP status as well.
 */
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import type { SdkError } from '@smithy/types';

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

/**
 * The SDK's own helpers decide what is throttling, a transient or a server error; these are the cases
 * they leave out: the 5xx names the REST reference gives, for an answer that carries the name without
 * its status, and network failures whose code is not in the SDK's lists or was lost in wrapping.
 */
const SERVICE_FAULT_NAMES = new Set([
  'GatewayTimeoutException', 'InternalServiceException', 'InternalServerError', 'ServiceUnavailable', 'ServiceUnavailableException',
]);
const MORE_NETWORK_CODES = new Set(['ECONNABORTED', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
const NETWORK_MESSAGE = /\b(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|socket hang up)\b/;

interface ServiceError {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** Classifies an error thrown by an AmplifyBackend call. */
export function classifyError(error: unknown): ErrorClass {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ServiceError;
  const status = e.$metadata?.httpStatusCode;
  if (isTransient(e, status)) return 'transient';
  const message = e.message ?? '';
  if (/already a pending job/i.test(message)) return 'pending-job';
  if (status === 404 || e.name === 'NotFoundException') return 'not-found';
  if (/already (exists|been added|added|imported)/i.test(message)) return 'already-exists';
  return 'refused';
}

/** Throttling, any 5xx, and network failures: nothing the service decided. */
function isTransient(e: ServiceError, status: number | undefined): boolean {
  const sdkError = e as SdkError;
  if (isThrottlingError(sdkError) || isTransientError(sdkError) || isServerError(sdkError)) return true;
  if ((status !== undefined && status >= 500) || SERVICE_FAULT_NAMES.has(e.name ?? '')) return true;
  return status === undefined && (MORE_NETWORK_CODES.has(e.code ?? '') || NETWORK_MESSAGE.test(e.message ?? ''));
}

/** The service's own words for an error: `<name>: <message>`. */
export function serviceText(error: unknown): string {
  const e = (error ?? {}) as ServiceError;
  const name = e.name && e.name !== 'Error' ? e.name : undefined;
  const message = e.message || String(error);
  return name ? `${name}: ${message}` : message;
}
