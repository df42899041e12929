import { classifyError, serviceText } from '../lambda/errors';

/** An AmplifyBackend call that failed: prints as `<Operation> failed: <ErrorName>: <service message>`. */
export class ServiceCallError extends Error {
  constructor(readonly operation: string, readonly serviceError: unknown) {
    super(`${operation} failed: ${serviceText(serviceError)}`);
    this.name = 'ServiceCallError';
  }
}

/** Runs one call; an error becomes a ServiceCallError naming the operation. */
export async function callService<T>(operation: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw new ServiceCallError(operation, error);
  }
}

/** Throttling, 5xx and network errors: worth another try (the handlers classify them the same way). */
export function isTransient(error: unknown): boolean {
  return classifyError(error instanceof ServiceCallError ? error.serviceError : error) === 'transient';
}

export { serviceText };
