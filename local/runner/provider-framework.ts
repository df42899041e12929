/**
 * What aws-cdk-lib's Provider framework does between CloudFormation and the user's handler, for the
 * onEvent + isComplete flavour: the same markers, merges, checks and timeout as its runtime.
 */

/** The physical id the framework answers with when onEvent throws on Create; the rollback Delete is ignored. */
export const CREATE_FAILED_MARKER = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';

/** A custom resource request as CloudFormation sends it. */
export interface CustomResourceRequest {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResourceType: string;
  readonly LogicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly ResponseURL: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: Record<string, unknown>;
  readonly OldResourceProperties?: Record<string, unknown>;
}

/** What the framework reports to CloudFormation. */
export interface CustomResourceResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly PhysicalResourceId: string;
  readonly Data: Record<string, string>;
  readonly Reason?: string;
}

/** The user functions behind one Provider and its waiter's schedule. */
export interface ProviderFunctions {
  readonly onEvent: (payload: object) => Promise<unknown>;
  readonly isComplete: (payload: object) => Promise<unknown>;
  /** Pause between isComplete calls (already scaled). */
  readonly queryIntervalMs: number;
  /** isComplete calls after the first before the waiter gives up ("Operation timed out"). */
  readonly maxAttempts: number;
  /**
   * Pauses before Lambda runs a killed onEvent again (already scaled): an asynchronous invocation is
   * retried twice, after one and then two minutes.
   * @default - no retries
   */
  readonly onEventRetryDelaysMs?: readonly number[];
}

/**
 * Thrown by an invocation wrapper to say that the function's container died mid-call (crashed, ran
 * out of time or memory) without answering. Unlike an error the handler throws, which fails the
 * request, a killed invocation is run again: Lambda retries the asynchronous invocation that carries
 * onEvent, and the waiter's Step Functions task retries a killed isComplete at its next interval.
 */
export class HandlerKilled extends Error {
  public readonly name = 'HandlerKilled';
}

/** Whether an invocation was killed (by name: the error may come from another realm). */
export function isHandlerKilled(error: unknown): boolean {
  return (error as { name?: unknown } | undefined)?.name === 'HandlerKilled';
}

/** Runs one request through onEvent and the isComplete waiter, as the framework would. */
export async function runThroughProvider(
  provider: ProviderFunctions,
  request: CustomResourceRequest,
  sleep: (ms: number) => Promise<void>,
): Promise<CustomResourceResponse> {
  if (request.RequestType === 'Delete' && request.PhysicalResourceId === CREATE_FAILED_MARKER) {
    return { Status: 'SUCCESS', PhysicalResourceId: CREATE_FAILED_MARKER, Data: {} };
  }
  let event: Record<string, any>;
  try {
    const result = await invokeOnEvent(provider, request, sleep);
    const physicalResourceId = result.PhysicalResourceId || request.PhysicalResourceId || request.RequestId;
    if (request.RequestType === 'Delete' && physicalResourceId !== request.PhysicalResourceId) {
      throw new Error(`DELETE: cannot change the physical resource ID from "${request.PhysicalResourceId}" to "${result.PhysicalResourceId}" during deletion`);
    }
    event = { ...request, ...result, PhysicalResourceId: physicalResourceId };
  } catch (error) {
    return failed(request.PhysicalResourceId ?? CREATE_FAILED_MARKER, error);
  }

  for (let attempt = 0; attempt <= provider.maxAttempts; attempt++) {
    if (attempt > 0) await sleep(provider.queryIntervalMs);
    let result: Record<string, any>;
    try {
      result = (await provider.isComplete(event)) as Record<string, any>;
      if (!result.IsComplete && result.Data && Object.keys(result.Data).length > 0) {
        throw new Error('"Data" is not allowed if "IsComplete" is "False"');
      }
    } catch (error) {
      // The waiter's task retries a killed isComplete like one that answered "not yet".
      if (isHandlerKilled(error)) continue;
      return failed(event.PhysicalResourceId, error);
    }
    if (result.IsComplete) {
      const final: Record<string, any> = { ...event, ...result, Data: { ...event.Data, ...result.Data } };
      return { Status: 'SUCCESS', PhysicalResourceId: final.PhysicalResourceId, Data: final.Data };
    }
  }
  return { Status: 'FAILED', PhysicalResourceId: event.PhysicalResourceId, Data: {}, Reason: 'Operation timed out' };
}

/** onEvent, run again as Lambda retries an asynchronous invocation whose container was killed. */
async function invokeOnEvent(
  provider: ProviderFunctions, request: CustomResourceRequest, sleep: (ms: number) => Promise<void>,
): Promise<Record<string, any>> {
  const delays = provider.onEventRetryDelaysMs ?? [];
  for (let attempt = 0; ; attempt++) {
    try {
      return (await provider.onEvent({ ...request })) as Record<string, any> | undefined ?? {};
    } catch (error) {
      if (!isHandlerKilled(error) || attempt >= delays.length) throw error;
      await sleep(delays[attempt]);
    }
  }
}

function failed(physicalResourceId: string, error: unknown): CustomResourceResponse {
  // The error may come from another realm (the handler runs in Node's own context): read its message, not its class.
  const message = (error as { message?: unknown } | undefined)?.message;
  return { Status: 'FAILED', PhysicalResourceId: physicalResourceId, Data: {}, Reason: typeof message === 'string' ? message : String(error) };
}
