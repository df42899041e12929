import { ApiError, gatewayTimeout, tooManyRequests } from './errors';
import { CallFault } from './faults';
import { Target } from './jobs';
import { OperationRequest } from './operation';
import { isMutating } from './operation-names';
import { fieldsOf, InvalidJson, loggable, parseBody } from './request-body';
import { RequestLog } from './request-log';
import { matchRoute, Route } from './routes';
import { checkValue } from './service-model';
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

/** A routed call: the operation, the parsed request, the app and environment if both are known, and the raw parsed body. */
interface Call {
  readonly route: Route;
  readonly request: OperationRequest;
  readonly target?: Target;
  readonly body: unknown;
}

/**
 * Serves one request: settle due jobs, route, inject the call's fault, check the body against the service model, enforce
 * the one-pending-job rule, run the handler, and record the whole exchange.
 */
export function dispatch(session: Session, method: string, url: string, rawBody: string): Reply {
  const { world, log } = session;
  const started = performance.now();
  world.settle();
  const time = world.now();
  const path = url.split('?')[0];
  const body = parseBody(rawBody);
  const route = matchRoute(method, url);
  if (!route) {
    const reply = errorReply(new ApiError(404, 'UnknownOperationException', `No operation serves ${method} ${path}.`));
    const { status, errorType } = reply;
    log.record({ time, method, path, body: loggable(body), mutating: false, status, errorType, durationMs: since(started) });
    return reply;
  }
  const call = callOf(route, body);
  const mutating = isMutating(route.operation.name);
  const jobPendingOnArrival = mutating && call.target ? jobTargetsOf(call).some((target) => world.jobs.pendingOn(target) !== undefined) : undefined;
  const callTarget = { appId: call.request.appId, backendEnvironmentName: call.request.backendEnvironmentName };
  const fault = world.faults.onCall(route.operation.name, mutating && call.target !== undefined && !jobPendingOnArrival, callTarget);
  const { reply, jobId } = execute(call, fault, world);
  log.record({
    time,
    operation: route.operation.name,
    method,
    path,
    body: loggable(body),
    appId: call.request.appId,
    backendEnvironmentName: call.request.backendEnvironmentName,
    mutating,
    jobPendingOnArrival,
    status: reply.status,
    errorType: reply.errorType,
    fault: fault?.kind,
    jobId,
    durationMs: since(started),
  });
  return reply;
}

/** Milliseconds since `started` (a `performance.now()`), to the microsecond. */
function since(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}

/** Runs the call through its fault: a 429 or early 504 stops it; a late 504 replaces the answer after the effect. */
function execute(call: Call, fault: CallFault | undefined, world: World): { reply: Reply; jobId?: string } {
  if (fault?.kind === 'throttle') return { reply: errorReply(tooManyRequests(fault.limitType)) };
  if (fault?.kind === 'timeoutBeforeEffect') return { reply: errorReply(gatewayTimeout()) };
  if (fault?.kind === 'externalJob' && call.target) world.startExternalJob(call.target, undefined, fault.durationMs);
  const reply = answer(call, world);
  const jobId = isMutating(call.route.operation.name) && typeof reply.body.jobId === 'string' ? reply.body.jobId : undefined;
  return { reply: fault?.kind === 'timeoutAfterEffect' ? errorReply(gatewayTimeout()) : reply, jobId };
}

/** The handler's answer once the body is valid and no job is pending, or the error that stopped it. */
function answer(call: Call, world: World): Reply {
  const { route, request, target, body } = call;
  try {
    if (body instanceof InvalidJson) throw new ApiError(400, 'BadRequestException', 'The request body is not valid JSON.');
    checkValue(route.model.body, body, '');
    if (isMutating(route.operation.name) && target) jobTargetsOf(call).forEach((each) => world.assertNoPendingJob(each));
    return { status: 200, body: route.operation.handle(request, world) };
  } catch (error) {
    if (error instanceof ApiError) return errorReply(error);
    throw error;
  }
}

/** The environments whose pending job refuses a mutating call: the operation's own list, else the call's target. */
function jobTargetsOf(call: Call): readonly Target[] {
  return call.route.operation.jobTargets?.(call.request) ?? (call.target ? [call.target] : []);
}

/** A service error as the HTTP layer sends it. */
export function errorReply(error: ApiError): Reply {
  return { status: error.status, errorType: error.errorType, body: error.body() };
}

/** The call's app and environment come from the path labels, else from the body (the create operations). */
function callOf(route: Route, body: unknown): Call {
  const fields = fieldsOf(body);
  const label = (name: string): string | undefined => route.params[name] ?? (typeof fields[name] === 'string' ? fields[name] as string : undefined);
  const request = { params: route.params, body: fields, appId: label('appId'), backendEnvironmentName: label('backendEnvironmentName') };
  const { appId, backendEnvironmentName } = request;
  const target = appId !== undefined && backendEnvironmentName !== undefined ? { appId, backendEnvironmentName } : undefined;
  return { route, request, target, body };
}
