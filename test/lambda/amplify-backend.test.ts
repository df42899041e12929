import {
  CloneBackendCommand, CreateBackendCommand, DeleteBackendCommand, GetBackendCommand, GetBackendJobCommand, ListBackendJobsCommand,
} from '@aws-sdk/client-amplifybackend';
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
  .filter((name) => /^(Create|Delete|Clone)/.test(name));

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

describe('a clone (CloneFrom)', () => {
  const CLONE = { AppId: 'd1', AppName: 'photos-app', EnvironmentName: 'rehearsal', CloneFrom: 'prod' };
  const CLONE_ID = 'd1/rehearsal';
  const cloneJob = (env: string, status: string, extra: object = {}) => ({
    AppId: 'd1', BackendEnvironmentName: env, JobId: 'clone-1', Operation: 'CloneBackend', Status: status, CreateTime: String(START + 10), ...extra,
  });
  /** The environments every mutating call names as its target: CloneBackend's is its body's, the others' their path's. */
  const targets = () => amplify.calls().map((call) => call.args[0] as unknown as { constructor: { name: string }; input: Record<string, string> })
    .filter((command) => /^(Create|Delete|Clone)/.test(command.constructor.name))
    .map((command) => command.input.TargetEnvironmentName ?? command.input.BackendEnvironmentName);
  const logged = () => (console.log as jest.Mock).mock.calls.map(([line]) => JSON.parse(line as string));

  test('a missing environment is cloned from its source with CloneBackend at the first poll; the source is only named in the path', async () => {
    amplify.on(GetBackendCommand).resolves(environments('prod'));
    amplify.on(CloneBackendCommand).resolves({ AppId: 'd1', BackendEnvironmentName: 'prod', JobId: 'clone-1', Operation: 'CloneBackend', Status: 'RUNNING' });
    amplify.on(GetBackendJobCommand).resolves(cloneJob('prod', 'RUNNING'));
    const { started, poll, runtime } = await deploy(create(CLONE));
    expect(started.PhysicalResourceId).toBe(CLONE_ID);
    expect(await isComplete(amplifyBackendEnvironment, poll, runtime)).toEqual({ IsComplete: false });
    expect(amplify.commandCalls(CloneBackendCommand)[0].args[0].input).toEqual({ AppId: 'd1', BackendEnvironmentName: 'prod', TargetEnvironmentName: 'rehearsal' });
    // The poll that started it read its job where the answer named it.
    expect(amplify.commandCalls(GetBackendJobCommand)[0].args[0].input).toEqual({ AppId: 'd1', BackendEnvironmentName: 'prod', JobId: 'clone-1' });

    amplify.on(GetBackendCommand).resolves(environments('prod', 'rehearsal'));
    expect(await isComplete(amplifyBackendEnvironment, poll, nextPoll(runtime))).toEqual({ IsComplete: true, Data: {} });
    expect(mutatingCalls()).toEqual(['CloneBackend']);
    expect(targets()).toEqual(['rehearsal']);
  });

  test('where GetBackend of the clone answers 404 (it is not there), the source is read by itself', async () => {
    amplify.on(GetBackendCommand, { BackendEnvironmentName: 'rehearsal' }).rejects(notFound());
    amplify.on(GetBackendCommand, { BackendEnvironmentName: 'prod' }).resolves({ AppId: 'd1', BackendEnvironmentName: 'prod' });
    amplify.on(CloneBackendCommand).resolves({ JobId: 'clone-1' });
    const { poll, runtime } = await deploy(create(CLONE));
    await isComplete(amplifyBackendEnvironment, poll, runtime);
    expect(mutatingCalls()).toEqual(['CloneBackend']);
  });

  test('an environment that exists already is adopted and never cloned over', async () => {
    amplify.on(GetBackendCommand).resolves(environments('prod', 'rehearsal'));
    const { started, poll, runtime } = await deploy(create(CLONE));
    expect(started.PhysicalResourceId).toBe('d1/rehearsal (adopted)');
    expect(await isComplete(amplifyBackendEnvironment, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    expect(mutatingCalls()).toEqual([]);
  });

  test('a source that does not exist is refused before anything starts, naming it', async () => {
    amplify.on(GetBackendCommand).resolves(environments('dev'));
    await expect(deploy(create(CLONE))).rejects.toThrow('Environment "rehearsal" of app d1 (a clone of "prod"): the environment to clone it from, '
      + '"prod", does not exist in app d1 (GetBackend does not list it); nothing was started');
    expect(mutatingCalls()).toEqual([]);
  });

  test('the clone waits while its source runs a job (a copy taken mid-change would be half of one), then clones it', async () => {
    amplify.on(GetBackendCommand).resolves(environments('prod'));
    amplify.on(ListBackendJobsCommand, { BackendEnvironmentName: 'prod' })
      .resolvesOnce({ Jobs: [{ AppId: 'd1', BackendEnvironmentName: 'prod', JobId: 'console-1', Operation: 'UpdateBackendAuth', Status: 'RUNNING', CreateTime: String(START - 10) }] })
      .resolves({ Jobs: [] });
    amplify.on(CloneBackendCommand).resolves({ JobId: 'clone-1' });
    const { poll, runtime } = await deploy(create(CLONE));
    expect(await isComplete(amplifyBackendEnvironment, poll, runtime)).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual([]);
    expect(logged().at(-1).reason).toBe('waiting: UpdateBackendAuth job console-1 is RUNNING in environment "prod" (the source it is cloned from)');
    await isComplete(amplifyBackendEnvironment, poll, nextPoll(runtime));
    expect(mutatingCalls()).toEqual(['CloneBackend']);
  });

  test.each(['prod', 'rehearsal'])('a FAILED clone job listed under %s fails the deployment with the service\'s text, and is not sent again', async (listedUnder) => {
    amplify.on(GetBackendCommand).resolves(environments('prod'));
    amplify.on(ListBackendJobsCommand, { BackendEnvironmentName: listedUnder })
      .resolves({ Jobs: [cloneJob(listedUnder, 'FAILED', { Error: 'Stack amplify-d1-rehearsal failed to create' })] });
    await expect(isComplete(amplifyBackendEnvironment, pollOf(create(CLONE), CLONE_ID, { startedAt: T0 }), testRuntime()))
      .rejects.toThrow('Environment "rehearsal" of app d1 (a clone of "prod"): CloneBackend job clone-1 FAILED: Stack amplify-d1-rehearsal failed to create');
    expect(mutatingCalls()).toEqual([]);
  });

  test('a clone job that fails at once fails the poll that started it', async () => {
    amplify.on(GetBackendCommand).resolves(environments('prod'));
    amplify.on(CloneBackendCommand).resolves({ BackendEnvironmentName: 'prod', JobId: 'clone-1' });
    amplify.on(GetBackendJobCommand, { BackendEnvironmentName: 'prod' }).resolves(cloneJob('prod', 'FAILED', { Error: 'Quota exceeded' }));
    const { poll, runtime } = await deploy(create(CLONE));
    await expect(isComplete(amplifyBackendEnvironment, poll, runtime)).rejects.toThrow('CloneBackend job clone-1 FAILED: Quota exceeded');
  });

  test('changing CloneFrom (or AppName) of an existing environment changes nothing, and the decision says so', async () => {
    amplify.on(GetBackendCommand).resolves(environments('prod', 'staging', 'rehearsal'));
    const { started, poll, runtime } = await deploy(update({ ...CLONE, CloneFrom: 'staging', AppName: 'renamed' }, CLONE_ID, CLONE));
    expect(started.PhysicalResourceId).toBe(CLONE_ID);
    expect(await isComplete(amplifyBackendEnvironment, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    expect(mutatingCalls()).toEqual([]);
    expect(logged().map((line) => line.note)).toEqual([
      'nothing changes in the environment: AppName, CloneFrom are used only when it is created (CreateBackend or CloneBackend)',
      'nothing changes in the environment: AppName, CloneFrom are used only when it is created (CreateBackend or CloneBackend)',
    ]);
  });

  test('deleting the clone runs DeleteBackend on the clone alone', async () => {
    amplify.on(GetBackendCommand).resolves(environments('prod', 'rehearsal'));
    amplify.on(DeleteBackendCommand).resolves({ JobId: 'rm-1' });
    const { poll, runtime } = await deploy(request('Delete', ENVIRONMENT_RESOURCE_TYPE, CLONE, { PhysicalResourceId: CLONE_ID }));
    await isComplete(amplifyBackendEnvironment, poll, runtime);
    expect(amplify.commandCalls(DeleteBackendCommand).map((call) => call.args[0].input)).toEqual([{ AppId: 'd1', BackendEnvironmentName: 'rehearsal' }]);
    expect(targets()).toEqual(['rehearsal']);
  });

  test('a rollback\'s delete waits for a clone job still running under the source: the clone may appear when it ends', async () => {
    amplify.on(GetBackendCommand).resolves(environments('prod'));
    amplify.on(ListBackendJobsCommand, { BackendEnvironmentName: 'prod', Operation: 'CloneBackend', Status: 'RUNNING' })
      .resolvesOnce({ Jobs: [cloneJob('prod', 'RUNNING')] })
      .resolves({ Jobs: [] });
    const { poll, runtime } = await deploy(request('Delete', ENVIRONMENT_RESOURCE_TYPE, CLONE, { PhysicalResourceId: CLONE_ID }));
    expect(await isComplete(amplifyBackendEnvironment, poll, runtime)).toEqual({ IsComplete: false });
    amplify.on(GetBackendCommand).resolves(environments('prod', 'rehearsal'));
    amplify.on(DeleteBackendCommand).resolves({ JobId: 'rm-1' });
    await isComplete(amplifyBackendEnvironment, poll, nextPoll(runtime));
    expect(amplify.commandCalls(DeleteBackendCommand).map((call) => call.args[0].input.BackendEnvironmentName)).toEqual(['rehearsal']);
  });

  test('an adopted clone is never removed', async () => {
    const { poll, runtime } = await deploy(request('Delete', ENVIRONMENT_RESOURCE_TYPE, CLONE, { PhysicalResourceId: 'd1/rehearsal (adopted)' }));
    expect(await isComplete(amplifyBackendEnvironment, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    expect(amplify.calls()).toHaveLength(0);
  });

  test('CloneFrom naming the environment itself is refused before anything is read', async () => {
    await expect(deploy(create({ ...CLONE, CloneFrom: 'rehearsal' }))).rejects.toThrow(
      'Custom::AmplifyBackend Storage1A2B3C: property CloneFrom names the environment itself ("rehearsal"); name another environment of app d1');
    expect(amplify.calls()).toHaveLength(0);
  });
});
