import { CreateBackendCommand, DeleteBackendCommand, GetBackendCommand, GetBackendJobCommand, ListBackendJobsCommand } from '@aws-sdk/client-amplifybackend';
import { amplify, nextPoll, notFound, pollOf, request, serviceError, START, T0, testRuntime } from './harness';
import { amplifyBackendEnvironment } from '../../lambda/amplify-backend';
import { ResourceRequest } from '../../lambda/events';
import { isComplete, onEvent } from '../../lambda/reconcile';
import { ENVIRONMENT_RESOURCE_TYPE } from '../../src/private/contract';

const PROPS = { AppId: 'd1', AppName: 'photos-app', EnvironmentName: 'dev' };
const OWNED = 'd1/dev';
const ADOPTED = 'd1/dev (adopted)';

const create = (props: Record<string, unknown> = PROPS) => request('Create', ENVIRONMENT_RESOURCE_TYPE, props);
const update = (props: Record<string, unknown>, id: string, old: Record<string, unknown> = PROPS) =>
  request('Update', ENVIRONMENT_RESOURCE_TYPE, props, { PhysicalResourceId: id, OldResourceProperties: old });
const remove = (id: string) => request('Delete', ENVIRONMENT_RESOURCE_TYPE, PROPS, { PhysicalResourceId: id });

const environments = (...names: string[]) => ({ AppId: 'd1', AppName: 'photos-app', BackendEnvironmentList: names });
const mutatingCalls = () => amplify.calls()
  .map((call) => (call.args[0] as object).constructor.name.replace(/Command$/, ''))
  .filter((name) => /^(Create|Delete)/.test(name));

async function deploy(req: ResourceRequest, runtime = testRuntime()) {
  const started = await onEvent(amplifyBackendEnvironment, req, runtime);
  return { started, poll: pollOf(req, started.PhysicalResourceId, started.AmplifyBackendWait), runtime: nextPoll(runtime) };
}

beforeEach(() => {
  amplify.reset();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  amplify.on(ListBackendJobsCommand).resolves({ Jobs: [] });
});

describe('environment Create', () => {
  test('a missing environment is created with CreateBackend at the first poll and completes when its job does', async () => {
    amplify.on(GetBackendCommand).resolves(environments('prod'));
    amplify.on(CreateBackendCommand).resolves({ JobId: 'job-1' });

    const { started, poll, runtime } = await deploy(create({ ...PROPS, ResourceName: 'amplify' }));
    expect(started).toEqual({ PhysicalResourceId: OWNED, AmplifyBackendWait: { startedAt: START } });
    expect(await isComplete(amplifyBackendEnvironment, poll, runtime)).toEqual({ IsComplete: false });
    expect(amplify.commandCalls(CreateBackendCommand)[0].args[0].input).toEqual({
      AppId: 'd1', AppName: 'photos-app', BackendEnvironmentName: 'dev', ResourceName: 'amplify', ResourceConfig: {},
    });

    amplify.on(GetBackendCommand).resolves(environments('prod', 'dev'));
    amplify.on(ListBackendJobsCommand).resolves({ Jobs: [{ AppId: 'd1', BackendEnvironmentName: 'dev', JobId: 'job-1', Operation: 'CreateBackend', Status: 'COMPLETED', CreateTime: String(START + 10) }] });
    expect(await isComplete(amplifyBackendEnvironment, poll, nextPoll(runtime))).toEqual({ IsComplete: true, Data: {} });
    expect(mutatingCalls()).toEqual(['CreateBackend']);
  });

  test('onEvent sends nothing: run again after its container died, it cannot find an environment of its own making and adopt it', async () => {
    amplify.on(GetBackendCommand).resolves(environments('prod'));
    amplify.on(CreateBackendCommand).resolves({ JobId: 'job-1' });
    const first = await onEvent(amplifyBackendEnvironment, create(), testRuntime());
    const again = await onEvent(amplifyBackendEnvironment, create(), testRuntime());
    expect([first.PhysicalResourceId, again.PhysicalResourceId]).toEqual([OWNED, OWNED]);
    expect(mutatingCalls()).toEqual([]);
  });

  test('an app without any backend yet answers 404, which means the environment is missing', async () => {
    amplify.on(GetBackendCommand).rejects(notFound());
    amplify.on(CreateBackendCommand).resolves({ JobId: 'job-1' });
    const { started, poll, runtime } = await deploy(create());
    expect(started.PhysicalResourceId).toBe(OWNED);
    await isComplete(amplifyBackendEnvironment, poll, runtime);
    expect(mutatingCalls()).toEqual(['CreateBackend']);
  });

  test('an environment that exists before anything started is adopted: no call, and the id says so', async () => {
    amplify.on(GetBackendCommand).resolves(environments('dev'));
    const { started, poll, runtime } = await deploy(create());
    expect(started.PhysicalResourceId).toBe(ADOPTED);
    expect(await isComplete(amplifyBackendEnvironment, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    expect(mutatingCalls()).toEqual([]);
  });

  test('an environment created by this request is not taken for adopted when isComplete finds it', async () => {
    amplify.on(GetBackendJobCommand).resolves({ JobId: 'job-1', Status: 'COMPLETED' });
    amplify.on(GetBackendCommand).resolves(environments('dev'));
    const result = await isComplete(amplifyBackendEnvironment, pollOf(create(), OWNED, { startedAt: T0, jobId: 'job-1' }), testRuntime());
    expect(result).toEqual({ IsComplete: true, Data: {} });
  });

  test('a first look throttled a few times is tried again before deciding', async () => {
    const runtime = testRuntime();
    amplify.on(GetBackendCommand)
      .rejectsOnce(serviceError('TooManyRequestsException', 429, 'Rate exceeded'))
      .rejectsOnce(serviceError('GatewayTimeoutException', 504, 'Timeout'))
      .resolves(environments('dev'));
    const started = await onEvent(amplifyBackendEnvironment, create(), runtime);
    expect(started.PhysicalResourceId).toBe(ADOPTED);
    expect(runtime.clock.now - START).toBe(3_000);
  });

  test('with the longest query interval (5 minutes) the first look still gives up well within the handler\'s 2-minute timeout', async () => {
    amplify.on(GetBackendCommand).rejects(serviceError('TooManyRequestsException', 429, 'Rate exceeded'));
    const base = testRuntime();
    // Lambda's clock: the 2-minute timeout counts from the invocation.
    const runtime = { ...base, queryIntervalMs: 300_000, timeLeftMs: () => 120_000 - (base.clock.now - START) };
    await expect(onEvent(amplifyBackendEnvironment, create(), runtime)).rejects.toThrow('could not read the current state before starting');
    expect(runtime.clock.now - START).toBeLessThanOrEqual(60_000);
  });

  test('a first look that keeps failing fails onEvent with nothing started, rather than guess', async () => {
    amplify.on(GetBackendCommand).rejects(serviceError('TooManyRequestsException', 429, 'Rate exceeded'));
    await expect(deploy(create())).rejects.toThrow(
      'Environment "dev" of app d1: could not read the current state before starting (TooManyRequestsException: Rate exceeded); nothing was started, deploy again');
    expect(mutatingCalls()).toEqual([]);
  });

  test('a failed CreateBackend job fails the deployment with its error', async () => {
    amplify.on(GetBackendCommand).resolves(environments('prod'));
    amplify.on(ListBackendJobsCommand).resolves({ Jobs: [{ AppId: 'd1', BackendEnvironmentName: 'dev', JobId: 'job-1', Operation: 'CreateBackend', Status: 'FAILED', Error: 'App not found', CreateTime: String(T0 + 10) }] });
    await expect(isComplete(amplifyBackendEnvironment, pollOf(create(), OWNED, { startedAt: T0 }), testRuntime()))
      .rejects.toThrow('Environment "dev" of app d1: CreateBackend job job-1 FAILED: App not found');
    expect(mutatingCalls()).toEqual([]);
  });
});

describe('environment Update', () => {
  test('appName and resourceName cannot change after creation: ignored, nothing is called, the id stays', async () => {
    amplify.on(GetBackendCommand).resolves(environments('dev'));
    const { started, poll, runtime } = await deploy(update({ ...PROPS, AppName: 'renamed', ResourceName: 'x' }, OWNED));
    expect(started.PhysicalResourceId).toBe(OWNED);
    expect(await isComplete(amplifyBackendEnvironment, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    expect(mutatingCalls()).toEqual([]);
  });

  test('an update of an adopted environment calls nothing at all', async () => {
    const { started } = await deploy(update({ ...PROPS, AppName: 'renamed' }, ADOPTED));
    expect(started.PhysicalResourceId).toBe(ADOPTED);
    expect(amplify.calls()).toHaveLength(0);
  });

  test('another environment name replaces: the new one is created under a new id, the old one is left to its Delete', async () => {
    amplify.on(GetBackendCommand).resolves(environments('dev'));
    amplify.on(CreateBackendCommand).resolves({ JobId: 'job-2' });
    const { started, poll, runtime } = await deploy(update({ ...PROPS, EnvironmentName: 'staging' }, OWNED));
    expect(started.PhysicalResourceId).toBe('d1/staging');
    await isComplete(amplifyBackendEnvironment, poll, runtime);
    expect(amplify.commandCalls(CreateBackendCommand)[0].args[0].input.BackendEnvironmentName).toBe('staging');
    expect(mutatingCalls()).toEqual(['CreateBackend']);
  });

  test('replacing an adopted environment creates the new one (or adopts it), not nothing', async () => {
    amplify.on(GetBackendCommand).resolves(environments('dev', 'staging'));
    const { started } = await deploy(update({ ...PROPS, EnvironmentName: 'staging' }, ADOPTED));
    expect(started.PhysicalResourceId).toBe('d1/staging (adopted)');
  });
});

describe('environment Delete', () => {
  test('an adopted environment is never removed', async () => {
    const { poll, runtime } = await deploy(remove(ADOPTED));
    expect(await isComplete(amplifyBackendEnvironment, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    expect(amplify.calls()).toHaveLength(0);
  });

  test('a created environment is removed with DeleteBackend (the resource has RemovalPolicy.DESTROY)', async () => {
    amplify.on(GetBackendCommand).resolves(environments('dev'));
    amplify.on(DeleteBackendCommand).resolves({ JobId: 'rm-1' });
    const { poll, runtime } = await deploy(remove(OWNED));
    expect(await isComplete(amplifyBackendEnvironment, poll, runtime)).toEqual({ IsComplete: false });
    expect(amplify.commandCalls(DeleteBackendCommand)[0].args[0].input).toEqual({ AppId: 'd1', BackendEnvironmentName: 'dev' });

    amplify.on(GetBackendCommand).rejects(notFound());
    expect(await isComplete(amplifyBackendEnvironment, poll, nextPoll(runtime))).toEqual({ IsComplete: true, Data: {} });
    expect(mutatingCalls()).toEqual(['DeleteBackend']);
  });

  test.each([
    ['404 for the app', () => amplify.on(GetBackendCommand).rejects(notFound())],
    ['an app whose environments do not include it', () => amplify.on(GetBackendCommand).resolves(environments('prod'))],
  ])('an environment already gone (%s) is success, also the second time', async (_what, given) => {
    given();
    for (let i = 0; i < 2; i++) {
      const { poll, runtime } = await deploy(remove(OWNED));
      expect(await isComplete(amplifyBackendEnvironment, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    }
    expect(mutatingCalls()).toEqual([]);
  });
});
