import { API_OPERATIONS } from './handlers/api';
import { AUTH_OPERATIONS } from './handlers/auth';
import { BACKEND_OPERATIONS } from './handlers/backend';
import { BUCKET_OPERATIONS } from './handlers/buckets';
import { CLONE_OPERATIONS } from './handlers/clone';
import { JOB_OPERATIONS } from './handlers/jobs';
import { STORAGE_OPERATIONS } from './handlers/storage';
import { OperationSpec } from './operation';
import { OperationModel, operationModel } from './service-model';

/** The dispatch table: every operation the emulator serves, with its model (route and body). */
export const OPERATIONS: ReadonlyArray<OperationSpec & { readonly model: OperationModel }> = [
  ...BACKEND_OPERATIONS,
  ...CLONE_OPERATIONS,
  ...STORAGE_OPERATIONS,
  ...BUCKET_OPERATIONS,
  ...JOB_OPERATIONS,
  ...AUTH_OPERATIONS,
  ...API_OPERATIONS,
].map((operation) => ({ ...operation, model: operationModel(operation.name) }));

/** An operation matched to a request, with its decoded path labels. */
export interface Route {
  readonly operation: OperationSpec;
  readonly model: OperationModel;
  readonly params: Record<string, string>;
}

/** Finds the operation for a method and path, as the service model routes them (query string ignored, labels URI-decoded). */
export function matchRoute(method: string, url: string): Route | undefined {
  const segments = url.split('?')[0].split('/');
  for (const operation of OPERATIONS) {
    if (operation.model.method !== method) continue;
    const params = matchPath(operation.model.path.split('/'), segments);
    if (params) return { operation, model: operation.model, params };
  }
  return undefined;
}

function matchPath(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const label = /^\{(\w+)\}$/.exec(part)?.[1];
    const segment = segments[index];
    if (label === undefined) {
      if (part !== segment) return undefined;
    } else {
      const value = decodeLabel(segment);
      if (!value) return undefined;
      params[label] = value;
    }
  }
  return params;
}

/** A label's value; undefined when empty or not valid percent-encoding (no operation matches then). */
function decodeLabel(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment) || undefined;
  } catch {
    return undefined;
  }
}
