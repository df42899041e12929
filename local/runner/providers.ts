import { randomUUID } from 'crypto';
import { StackArtifact } from './assembly';
import { CustomResourceRequest, CustomResourceResponse, noResponse, readResponse } from './custom-resource';
import { LocalLambda, RequestCalls, WarmCode } from './lambda';
import { standIns } from './stand-ins';
import { LocalStepFunctions } from './step-functions';
import { StackLocation } from './template';
import { InvocationOptions } from './user-function';

/** A Provider framework of a stack, as CloudFormation reaches it through a custom resource's ServiceToken. */
export interface Provider {
  /** Sends one request and returns the response CloudFormation reads. */
  send(request: CustomResourceRequest): Promise<CustomResourceResponse>;
}

/**
 * The Provider frameworks of a stack, by ServiceToken: the functions of the stack that run the framework's
 * runtime, with the stack's other functions and its state machines behind them.
 */
export function loadProviders(
  stack: StackArtifact, location: StackLocation, options: InvocationOptions, warm: WarmCode, sleep: (ms: number) => Promise<void>,
): (serviceToken: string) => Provider | undefined {
  const context = standIns(stack.name, stack.template.Resources, location);
  const lambda = new LocalLambda(stack, context, options, warm, sleep);
  const stepFunctions = new LocalStepFunctions(stack, context,
    (arn, input, calls) => lambda.invoke(arn, input as object, calls), (seconds) => sleep(seconds * 1000 * options.timeScale));
  return (serviceToken) => (lambda.runsFramework(serviceToken)
    ? { send: (request) => send(lambda, stepFunctions, serviceToken, request) }
    : undefined);
}

/**
 * One request as CloudFormation makes it: the ServiceToken function invoked asynchronously; the waiter it
 * starts run as a Step Functions execution; the response is the first body PUT to the ResponseURL, or none
 * when everything the request set off has ended without one.
 */
async function send(
  lambda: LocalLambda, stepFunctions: LocalStepFunctions, serviceToken: string, request: CustomResourceRequest,
): Promise<CustomResourceResponse> {
  const bodies: string[] = [];
  const executions: Array<Promise<void>> = [];
  const calls: RequestCalls = {
    startExecution: async ({ stateMachineArn, input }) => {
      executions.push(stepFunctions.execute(stateMachineArn, input, calls));
      return { executionArn: `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${randomUUID()}`, startDate: new Date() };
    },
    httpRequest: async (_options, body) => {
      bodies.push(body);
    },
  };
  await lambda.invokeEvent(serviceToken, request, calls);
  await Promise.all(executions);
  return bodies.length > 0 ? readResponse(bodies[0]) : noResponse(request);
}
