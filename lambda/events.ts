/** The Provider framework's contract with the handler: what onEvent and isComplete receive and return. */

export type RequestType = 'Create' | 'Update' | 'Delete';

/** A CloudFormation custom resource request as onEvent receives it (only the fields the handlers read). */
export interface ResourceRequest {
  readonly RequestType: RequestType;
  readonly ResourceType: string;
  readonly LogicalResourceId: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: Record<string, unknown>;
  readonly OldResourceProperties?: Record<string, unknown>;
}

/**
 * What onEvent hands to every isComplete poll. The framework merges onEvent's result into the
 * isComplete event and leaves unknown keys out of the CloudFormation response, so this is the only
 * memory a request has: when it started, and the job onEvent started, if any.
 */
export interface WaitState {
  readonly startedAt: number;
  readonly jobId?: string;
}

/** The key under which onEvent returns its WaitState; its presence marks an isComplete call. */
export const WAIT_STATE_KEY = 'AmplifyBackendWait';

export interface OnEventResponse {
  readonly PhysicalResourceId: string;
  readonly [WAIT_STATE_KEY]: WaitState;
}

export interface IsCompleteRequest extends ResourceRequest {
  readonly PhysicalResourceId: string;
  readonly [WAIT_STATE_KEY]: WaitState;
}

export interface IsCompleteResponse {
  readonly IsComplete: boolean;
  readonly PhysicalResourceId?: string;
  readonly Data?: Record<string, string>;
}

/** Whether the framework is calling the handler as isComplete (onEvent's result is in the event). */
export function isCompleteRequest(event: ResourceRequest): event is IsCompleteRequest {
  return WAIT_STATE_KEY in event;
}
