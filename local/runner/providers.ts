import { randomUUID } from 'crypto';
import { CustomResourceRequest, CustomResourceResponse, noResponse, readResponse } from './custom-resource';
import { DeployedCode } from './deployed-code';
import { LocalLambda, RequestCalls, WarmCode } from './lambda';
import { LocalStepFunctions } from './step-functions';
import { InvocationOptions } from './user-function';

/** A Provider framework of a stack, as CloudFormation reaches it through a custom resource's ServiceToken. */
export interface Provider {
  /** Sends one request and returns the response CloudFormation reads. */
  send(request: CustomResourceRequest): Promise<CustomResourceResponse>;
}

/**
 * The Provider frameworks of a stack as deployed, by ServiceToken: the functions that run the framework's
 * runtime, with the stack's other functions and its state machines behind them.
 */
export function loadProviders(
  code: DeployedCode, options: InvocationOptions, warm: WarmCode, sleep: (ms: number) => Promise<void>,
): (serviceToken: string) => Provider | undefined {
  const lambda = new LocalLambda(code, options, warm, sleep);
  const stepFunctions = new LocalStepFunctions(code,
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
