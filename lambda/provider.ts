import type { Context } from 'aws-lambda';
import { amplifyBackend, amplifyBackendOnce } from './client';
import { isCompleteRequest, IsCompleteResponse, OnEventResponse, ResourceRequest } from './events';
import { KINDS } from './kinds';
import { isComplete, onEvent, Runtime } from './reconcile';
import { HANDLER_ENVIRONMENT, HANDLER_TIMEOUT_SECONDS } from '../src/private/contract';

/**
 * The provider's one function serves as both onEvent and isComplete: the framework passes onEvent's
 * result into every isComplete event, so its presence tells the two calls apart.
 */
export async function handler(
  event: ResourceRequest,
  context?: Partial<Context>,
): Promise<OnEventResponse | IsCompleteResponse> {
  const kind = KINDS[event.ResourceType];
  if (!kind) throw new Error(`Unsupported resource type ${event.ResourceType}; supported: ${Object.keys(KINDS).join(', ')}`);
  const runtime = lambdaRuntime(context);
  return isCompleteRequest(event) ? isComplete(kind, event, runtime) : onEvent(kind, event, runtime);
}

/** Lambda's context tells the time left; a host that passes none gets the function's whole timeout from now. */
function lambdaRuntime(context: Partial<Context> | undefined): Runtime {
  const deadline = Date.now() + HANDLER_TIMEOUT_SECONDS * 1000;
  return {
    timeLeftMs: () => context?.getRemainingTimeInMillis?.() ?? deadline - Date.now(),
    client: amplifyBackend(),
    jobClient: amplifyBackendOnce(),
    now: Date.now,
    totalTimeoutMs: secondsFromEnvironment(HANDLER_ENVIRONMENT.totalTimeoutSeconds, 30 * 60) * 1000,
    queryIntervalMs: secondsFromEnvironment(HANDLER_ENVIRONMENT.queryIntervalSeconds, 5) * 1000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

function secondsFromEnvironment(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
