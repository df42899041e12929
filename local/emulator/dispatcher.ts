import { ApiError, gatewayTimeout, tooManyRequests } from './errors';
import { CallFault } from './faults';
import { Target } from './jobs';
import { OperationRequest } from './operation';
import { isMutating } from './operation-names';
import { RequestLog } from './request-log';
import { matchRoute, Route } from './routes';
import { World } from './world';

/** An HTTP response: status, the error type header if any, and the JSON body. */
export interface Reply {
  readonly status: number;
  readonly errorType?: string;
  readonly body: Record<string, unknown>;
}

/** What a request runs against; the emulator swaps in a fresh one on reset. */
export interface Session {
  readonly world: World;
  readonly log: RequestLog;
}

/**
 * Serves one request: settle due jobs, route, inject the call's fault, validate the body, enforce
 * the one-pending-job rule, run the handler, and record the whole exchange.
 */
export function dispatch(session: Session, method: string, url: string, rawBody: string): Reply {
  const { world, log } = session;
  world.settle();
  const time = world.now();
  const path = url.split('?')[0];
  const body = parseBody(rawBody);
  const route = matchRoute(method, url);
  if (!route) {
    const reply = errorReply(new ApiError(404, 'UnknownOperationException', `No operation serves ${method} ${path}.`));
    log.record({ time, method, path, body: loggable(body), mutating: false, status: reply.status, errorType: reply.errorType });
    return reply;
  }
  const request = requestOf(route, body);
  const target = completeTarget(request);
  const mutating = isMutating(route.operation.name);
  const jobPendingOnArrival = mutating && target ? world.jobs.pendingOn(target) !== undefined : undefined;
  const fault = world.faults.onCall(route.operation.name, mutating && target !== undefined && !jobPendingOnArrival);
  const { reply, jobId } = execute(route, request, target, body, fault, world);
  log.record({
    time,
    operation: route.operation.name,
    method,
    path,
    body: loggable(body),
    appId: request.appId,
    backendEnvironmentName: request.backendEnvironmentName,
    mutating,
    jobPendingOnArrival,
    status: reply.status,
    errorType: reply.errorType,
    fault: fault?.kind,
    jobId,
  });
  return reply;
}

/** Runs the call through its fault: a 429 or early 504 stops it; a late 504 replaces the answer after the effect. */
function execute(
  route: Route, request: OperationRequest, target: Target | undefined, body: unknown, fault: CallFault | undefined, world: World,
): { reply: Reply; jobId?: string } {
  if (fault?.kind === 'throttle') return { reply: errorReply(tooManyRequests(fault.limitType)) };
  if (fault?.kind === 'timeoutBeforeEffect') return { reply: errorReply(gatewayTimeout()) };
  if (fault?.kind === 'externalJob' && target) world.startExternalJob(target, undefined, fault.durationMs);
  const reply = answer(route, request, target, body, world);
  const jobId = isMutating(route.operation.name) && typeof reply.body.jobId === 'string' ? reply.body.jobId : undefined;
  return { reply: fault?.kind === 'timeoutAfterEffect' ? errorReply(gatewayTimeout()) : reply, jobId };
}

/** The handler's answer once the body is valid and no job is pending, or the error that stopped it. */
function answer(route: Route, request: OperationRequest, target: Target | undefined, body: unknown, world: World): Reply {
  try {
    if (body instanceof InvalidJson) throw new ApiError(400, 'BadRequestException', 'The request body is not valid JSON.');
    route.operation.shape(body, '');
    if (isMutating(route.operation.name) && target) world.assertNoPendingJob(target);
    return { status: 200, body: route.operation.handle(request, world) };
  } catch (error) {
    if (error instanceof ApiError) return errorReply(error);
    throw error;
  }
}

function errorReply(error: ApiError): Reply {
  return { status: error.status, errorType: error.errorType, body: error.body() };
}

/** A body that did not parse as JSON, kept as text for the log. */
class InvalidJson {
  constructor(readonly text: string) {}
}

function loggable(body: unknown): unknown {
  return body instanceof InvalidJson ? body.text : body;
}

function parseBody(rawBody: string): unknown {
  if (rawBody.trim() === '') return {};
  try {
    return JSON.parse(rawBody);
  } catch {
    return new InvalidJson(rawBody);
  }
}

/** The call's labels, taken from the path, else from the body. */
function requestOf(route: Route, body: unknown): OperationRequest {
  const fields = typeof body === 'object' && body !== null && !(body instanceof InvalidJson) ? body as Record<string, unknown> : {};
  const label = (name: string): string | undefined => route.params[name] ?? (typeof fields[name] === 'string' ? fields[name] as string : undefined);
  return { params: route.params, body: fields, appId: label('appId'), backendEnvironmentName: label('backendEnvironmentName') };
}

function completeTarget(request: OperationRequest): Target | undefined {
  const { appId, backendEnvironmentName } = request;
  return appId !== undefined && backendEnvironmentName !== undefined ? { appId, backendEnvironmentName } : undefined;
}
