import { Job, Target } from './jobs';
import { OperationName } from './operation-names';
import { World } from './world';

/** A parsed call: path labels, JSON body, and the app and environment it is about. */
export interface OperationRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, unknown>>;
  /** From the path, else the body (CreateBackend, CreateBackendStorage, CreateBackendAuth carry them in the body). */
  readonly appId?: string;
  readonly backendEnvironmentName?: string;
}

/** Serves one operation: returns the JSON response body or throws an ApiError. */
export type OperationHandler = (request: OperationRequest, world: World) => Record<string, unknown>;

/**
 * An operation the emulator serves, and its handler. Its route and the shape of its body are the service model's
 * (`service-model.ts`); the handler checks what the model cannot say (what exists, the service's rules).
 */
export interface OperationSpec {
  readonly name: OperationName;
  readonly handle: OperationHandler;
  /**
   * A mutating operation's environments whose pending job refuses the call (the one-pending-job rule).
   * @default - the call's own app and environment (its path, or its body)
   */
  readonly jobTargets?: (request: OperationRequest) => readonly Target[];
}

/** The app and environment of a call whose shape requires both. */
export function targetOf(request: OperationRequest): Target {
  if (request.appId === undefined || request.backendEnvironmentName === undefined) {
    throw new Error('targetOf is for operations whose path or body shape requires appId and backendEnvironmentName.');
  }
  return { appId: request.appId, backendEnvironmentName: request.backendEnvironmentName };
}

/** The response of a call that started a job, as the storage operations return it. */
export function startedJob(job: Job): Record<string, unknown> {
  return { appId: job.appId, backendEnvironmentName: job.backendEnvironmentName, jobId: job.jobId, status: job.status };
}

/** The response of a call that started a job, with the operation, as backend and auth operations return it. */
export function startedJobWithOperation(job: Job): Record<string, unknown> {
  return { ...startedJob(job), operation: job.operation };
}
