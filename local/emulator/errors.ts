/** A service error: the HTTP status, the `x-amzn-errortype` name and the JSON body fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }

  /** The JSON body the SDK reads: `message` plus the error's own fields. */
  body(): Record<string, string> {
    return { message: this.message, ...this.fields };
  }
}

/** The wrapper the service puts around its validation messages (reported for the pending-job text). */
const VALIDATION_PREFIX = 'ValidationException - An error occurred while processing your request: ';

/** A 400 for a request the service refuses, worded as the service wraps its messages. */
export function badRequest(detail: string): ApiError {
  return new ApiError(400, 'BadRequestException', VALIDATION_PREFIX + detail);
}

/** A 404 for a missing app, environment, resource, bucket or job. */
export function notFound(resourceType: string, message: string): ApiError {
  return new ApiError(404, 'NotFoundException', message, { resourceType });
}

/** A 429 as throttling produces it. */
export function tooManyRequests(limitType: string): ApiError {
  return new ApiError(429, 'TooManyRequestsException', 'Rate exceeded', { limitType });
}

/** A 504 as API Gateway produces it when the backend does not answer in time. */
export function gatewayTimeout(): ApiError {
  return new ApiError(504, 'GatewayTimeoutException', 'Endpoint request timed out');
}
