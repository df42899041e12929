import * as fs from 'fs';
import * as path from 'path';
import { StackArtifact } from './assembly';
import { capturingLogs } from './handler-logs';
import { compileInHost, setHostEnvironment } from './host';
import { ProviderFunctions } from './provider-framework';
import { TemplateResource } from './template';
import { HANDLER_ENVIRONMENT } from '../../src/private/contract';

/** How the runner calls user functions: scaled time, and environment variables of its own (endpoint, region). */
export interface InvocationOptions {
  /** Multiplies every provider time (query interval, total timeout); 1 is real time. */
  readonly timeScale: number;
  /** Set for every invocation, after the function's own variables. */
  readonly environment: Record<string, string>;
  /** Wraps every invocation, e.g. to inject a killed handler. @default - calls the handler */
  readonly invoke?: (handler: LambdaHandler, payload: object) => Promise<unknown>;
  /** Receives each line a handler prints, with the custom resource it was serving. @default - printed */
  readonly onLog?: (line: HandlerLogLine) => void;
}

/** A line a handler printed while serving a custom resource. */
export interface HandlerLogLine {
  readonly logicalResourceId: string;
  readonly line: string;
}

export type LambdaHandler = (event: any) => Promise<unknown>;

/** Lambda's pauses before it runs a failed asynchronous invocation again (two retries). */
const ASYNC_RETRY_DELAYS_MS = [60_000, 120_000];

/**
 * Loaded bundles by file, kept warm between deployments as Lambda keeps a container between
 * invocations: module state (the SDK clients) survives, and a bundle is compiled once.
 */
export type Containers = Map<string, Record<string, unknown>>;

/**
 * Finds the Provider framework functions of a stack (the framework's onEvent function names the user
 * functions in its environment) and loads each user function from the asset its template names.
 * Returns them by the logical id of the framework's onEvent function, which ServiceTokens point at.
 */
export function loadProviders(stack: StackArtifact, options: InvocationOptions, containers: Containers = new Map()): Map<string, ProviderFunctions> {
  const resources = stack.template.Resources;
  const providers = new Map<string, ProviderFunctions>();
  for (const [id, resource] of Object.entries(resources)) {
    const variables = environmentOf(resource);
    // The framework's onEvent function is the one that names both the user function and the waiter.
    if (resource.Type !== 'AWS::Lambda::Function' || !variables.USER_ON_EVENT_FUNCTION_ARN || !variables.WAITER_STATE_MACHINE_ARN) continue;
    const userOnEvent = getAttTarget(variables.USER_ON_EVENT_FUNCTION_ARN);
    const userIsComplete = getAttTarget(variables.USER_IS_COMPLETE_FUNCTION_ARN);
    const stateMachine = resources[refTarget(variables.WAITER_STATE_MACHINE_ARN)];
    if (!userIsComplete || !stateMachine) throw new Error(`${stack.name}/${id}: the runner needs a Provider with an isComplete handler`);
    const definition = JSON.stringify(stateMachine.Properties?.DefinitionString);
    const intervalSeconds = Number(/\\"IntervalSeconds\\":(\d+)/.exec(definition)?.[1]);
    const maxAttempts = Number(/\\"MaxAttempts\\":(\d+)/.exec(definition)?.[1]);
    providers.set(id, {
      onEvent: userFunction(stack, userOnEvent, options, containers),
      isComplete: userFunction(stack, userIsComplete, options, containers),
      queryIntervalMs: intervalSeconds * 1000 * options.timeScale,
      maxAttempts,
      onEventRetryDelaysMs: ASYNC_RETRY_DELAYS_MS.map((ms) => ms * options.timeScale),
    });
  }
  return providers;
}

/** A user function as Lambda would run it: its bundle, its environment, JSON in and out. */
function userFunction(
  stack: StackArtifact, logicalId: string, options: InvocationOptions, containers: Containers,
): (payload: object) => Promise<unknown> {
  const resource = stack.template.Resources[logicalId];
  const code = resource.Properties?.Code as { S3Key?: string } | undefined;
  const hash = code?.S3Key?.replace(/\.zip$/, '');
  const folder = hash && stack.assets.get(hash);
  if (!folder) throw new Error(`${stack.name}/${logicalId}: no asset folder for ${code?.S3Key}; only file assets of this assembly can be run`);
  const [file, exportName] = String(resource.Properties?.Handler).split('.');
  const bundle = path.join(folder, `${file}.js`);
  if (!containers.has(bundle)) containers.set(bundle, loadFresh(bundle));
  const handler = containers.get(bundle)![exportName] as LambdaHandler;
  const environment = { ...environmentOf(resource), ...scaledTimes(environmentOf(resource), options.timeScale), ...options.environment };
  return async (payload) => {
    // The handler reads its environment when called, before its first await.
    setHostEnvironment(environment);
    const input = JSON.parse(JSON.stringify(payload));
    const call = () => (options.invoke ? options.invoke(handler, input) : handler(input));
    const onLog = options.onLog;
    const output = await (onLog ? capturingLogs((line) => onLog({ logicalResourceId: input.LogicalResourceId, line }), call) : call());
    return output === undefined ? undefined : JSON.parse(JSON.stringify(output));
  };
}

/**
 * Loads a bundle as a new Lambda container would: with module state (the SDK client and the endpoint
 * it read) of its own, in Node's own context (see host.ts).
 */
function loadFresh(file: string): Record<string, unknown> {
  return compileInHost(fs.readFileSync(file, 'utf8'), file);
}

/** The provider's own times, which the handler reads to give up before the framework does, scaled too. */
function scaledTimes(variables: Record<string, string>, timeScale: number): Record<string, string> {
  const scaled: Record<string, string> = {};
  for (const name of [HANDLER_ENVIRONMENT.totalTimeoutSeconds, HANDLER_ENVIRONMENT.queryIntervalSeconds]) {
    if (variables[name] !== undefined) scaled[name] = String(Number(variables[name]) * timeScale);
  }
  return scaled;
}

function environmentOf(resource: TemplateResource): Record<string, any> {
  return ((resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, any>;
}

function getAttTarget(value: unknown): string {
  return ((value as { 'Fn::GetAtt'?: string[] } | undefined)?.['Fn::GetAtt'] ?? [])[0];
}

function refTarget(value: unknown): string {
  return (value as { Ref?: string } | undefined)?.Ref ?? '';
}
