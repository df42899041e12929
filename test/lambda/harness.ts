import { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { mockClient } from 'aws-sdk-client-mock';
import { IsCompleteRequest, ResourceRequest, WAIT_STATE_KEY, WaitState } from '../../lambda/events';
import { Runtime } from '../../lambda/reconcile';

/** The SDK client with every command stubbed by aws-sdk-client-mock; reset before each test. */
export const amplify = mockClient(AmplifyBackendClient);

export const T0 = 1_700_000_000_000;
/** When a test's onEvent runs: a minute after T0. */
export const START = T0 + 60_000;

/**
 * A runtime with a clock the test moves (by default a minute after T0, so that a poll of a request
 * started at T0 is not its first instant), the provider's timings and a client that never retries.
 */
export function testRuntime(now = START): Runtime & { clock: { now: number } } {
  const clock = { now };
  const client = new AmplifyBackendClient({ region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  return {
    clock,
    client,
    jobClient: client,
    now: () => clock.now,
    totalTimeoutMs: 30 * 60_000,
    queryIntervalMs: 5_000,
    sleep: async (ms) => { clock.now += ms; },
    timeLeftMs: () => 120_000,
  };
}

/** A CloudFormation request as the Provider framework hands it to onEvent. */
export function request(
  type: ResourceRequest['RequestType'],
  resourceType: string,
  properties: Record<string, unknown>,
  extra: Partial<ResourceRequest> = {},
): ResourceRequest {
  return { RequestType: type, ResourceType: resourceType, LogicalResourceId: 'Storage1A2B3C', ResourceProperties: properties, ...extra };
}

/** Lets one query interval pass, as between onEvent and a later isComplete poll. */
export function nextPoll<R extends { clock: { now: number }; queryIntervalMs: number }>(runtime: R): R {
  runtime.clock.now += runtime.queryIntervalMs;
  return runtime;
}

/** The isComplete event the framework builds from the request and onEvent's result. */
export function pollOf(req: ResourceRequest, physicalResourceId: string, wait: WaitState): IsCompleteRequest {
  return { ...req, PhysicalResourceId: physicalResourceId, [WAIT_STATE_KEY]: wait };
}

/** An SDK-shaped service error, as the client throws it after deserializing a response. */
export function serviceError(name: string, httpStatusCode: number, message: string): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode }, $fault: httpStatusCode >= 500 ? 'server' : 'client' });
}

export const pendingJobError = (appId = 'd1', env = 'dev') => serviceError('BadRequestException', 400,
  `ValidationException - An error occurred while processing your request: There is already a pending job for the requested appId ${appId} and backendEnvironmentName ${env}, wait for it to complete before creating a new job.`);
export const notFound = () => serviceError('NotFoundException', 404, 'Requested resource not found');

/** Created auth's properties as CloudFormation sends them (numbers and booleans as strings): a user pool with email sign-in and an identity pool. */
export const AUTH_PROPERTIES = {
  AppId: 'd1',
  EnvironmentName: 'dev',
  ResourceName: 'users',
  UserPoolName: 'users_userpool',
  SignInMethod: 'EMAIL',
  RequiredSignUpAttributes: ['EMAIL'],
  PasswordPolicy: { MinimumLength: '8', AdditionalConstraints: [] as string[] },
  Mfa: { Mode: 'OFF', Types: [] as string[] },
  VerificationMessage: { DeliveryMethod: 'EMAIL' },
  IdentityPool: { Name: 'users_identitypool', AllowGuests: 'true' },
};
