import * as fs from 'fs';
import { capturingLogs } from './handler-logs';
import { compileInHost, setHostEnvironment } from './host';
import { HANDLER_ENVIRONMENT } from '../../src/private/contract';

/** How the runner invokes functions: scaled time, environment variables of its own (endpoint, region), fault injection, logs. */
export interface InvocationOptions {
  /** Multiplies every provider time (query interval, total timeout) and Lambda's retry pauses; 1 is real time. */
  readonly timeScale: number;
  /** Set for every invocation, after the function's own variables. */
  readonly environment: Record<string, string>;
  /** Wraps every invocation, e.g. to inject a killed handler. @default - calls the handler */
  readonly invoke?: (handler: LambdaHandler, payload: object) => Promise<unknown>;
  /** Receives each line a handler prints, with the custom resource it was serving. @default - printed */
  readonly onLog?: (line: HandlerLogLine) => void;
  /** Receives each line the Provider framework's own functions log. @default - dropped */
  readonly onFrameworkLog?: (line: HandlerLogLine) => void;
  /**
   * Where a function's log is kept locally (a file), for the pointer a failure reason carries in place of
   * CloudWatch Logs' `/aws/lambda/<function name>`. @default - nowhere: the reason says the log is not kept
   */
  readonly logLocation?: (functionName: string) => string | undefined;
}

/** A line a handler (or the framework) printed while serving a custom resource. */
export interface HandlerLogLine {
  readonly logicalResourceId: string;
  /** The function that printed it (its log group would be `/aws/lambda/<functionName>`). */
  readonly functionName: string;
  readonly line: string;
}

export type LambdaHandler = (event: any) => Promise<unknown>;

/**
 * Thrown by an invocation wrapper to say that the function's container died mid-call (crashed, ran
 * out of time or memory) without answering. Unlike an error the handler throws, which fails the
 * request, a killed invocation is run again: the framework invocation waiting on it dies with it, and
 * Lambda retries the asynchronous invocation that carries onEvent, or the waiter's Step Functions task
 * retries isComplete at its next interval.
 */
export class HandlerKilled extends Error {
  public readonly name = 'HandlerKilled';
}

/** A function's error as Lambda's Node.js runtime reports it to the caller. */
export interface LambdaError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace: string[];
}

/** How an invocation ended: the function's answer (its JSON), its error, or the death of its container. */
export type Invocation = { readonly answer: string } | { readonly error: LambdaError } | { readonly killed: true };

/** What a user function's code is loaded from. */
export interface UserCode {
  /** The bundle file. */
  readonly file: string;
  readonly exportName: string;
  /** The function's environment variables, resolved. */
  readonly environment: Record<string, string>;
  readonly functionName: string;
}

/**
 * Loaded bundles by file, kept warm between deployments as Lambda keeps a container between
 * invocations: module state (the SDK clients) survives, and a bundle is compiled once.
 */
export type Containers = Map<string, Record<string, unknown>>;

/** A user function as Lambda would run it: its bundle, its environment, JSON in and out, its logs captured. */
export function userFunction(code: UserCode, options: InvocationOptions, containers: Containers): (payload: object) => Promise<Invocation> {
  // Loads a bundle as a new Lambda container would: with module state (the SDK client and the endpoint it
  // read) of its own, in Node's own context (see host.ts).
  if (!containers.has(code.file)) containers.set(code.file, compileInHost(fs.readFileSync(code.file, 'utf8'), code.file));
  const handler = containers.get(code.file)![code.exportName] as LambdaHandler;
  const environment = { ...code.environment, ...scaledTimes(code.environment, options.timeScale), ...options.environment };
  return async (payload) => {
    // The handler reads its environment when called, before its first await.
    setHostEnvironment(environment);
    const input = JSON.parse(JSON.stringify(payload));
    const call = () => (options.invoke ? options.invoke(handler, input) : handler(input));
    const onLog = options.onLog;
    try {
      const log = onLog && ((line: string) => onLog({ logicalResourceId: input.LogicalResourceId, functionName: code.functionName, line }));
      const output = await (log ? capturingLogs(log, call) : call());
      return { answer: JSON.stringify(output ?? null) };
    } catch (error) {
      return isHandlerKilled(error) ? { killed: true } : { error: lambdaError(error) };
    }
  };
}

/** The error payload Lambda's Node.js runtime makes of what a handler threw (which may come from another realm). */
export function lambdaError(error: unknown): LambdaError {
  const { name, message, stack } = (error ?? {}) as { name?: unknown; message?: unknown; stack?: unknown };
  return typeof message === 'string'
    ? { errorType: String(name), errorMessage: message, trace: String(stack).split('\n') }
    : { errorType: typeof error, errorMessage: String(error), trace: [] };
}

/** Whether an invocation was killed (by name: the error may come from another realm). */
function isHandlerKilled(error: unknown): boolean {
  return (error as { name?: unknown } | undefined)?.name === 'HandlerKilled';
}

/** The provider's own times, which the handler reads to give up before the framework does, scaled too. */
function scaledTimes(variables: Record<string, string>, timeScale: number): Record<string, string> {
  const scaled: Record<string, string> = {};
  for (const name of [HANDLER_ENVIRONMENT.totalTimeoutSeconds, HANDLER_ENVIRONMENT.queryIntervalSeconds]) {
    if (variables[name] !== undefined) scaled[name] = String(Number(variables[name]) * timeScale);
  }
  return scaled;
}
