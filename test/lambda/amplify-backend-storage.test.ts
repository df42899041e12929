import {
  AuthenticatedElement,
  BackendJobRespObj,
  CreateBackendStorageCommand,
  DeleteBackendStorageCommand,
  GetBackendJobCommand,
  GetBackendStorageCommand,
  ListBackendJobsCommand,
  UnAuthenticatedElement,
  UpdateBackendStorageCommand,
} from '@aws-sdk/client-amplifybackend';
import { amplify, nextPoll, notFound, pendingJobError, pollOf, request, serviceError, START, T0, testRuntime } from './harness';
import { amplifyBackendStorage } from '../../lambda/amplify-backend-storage';
import { ResourceRequest, WaitState } from '../../lambda/events';
import { isComplete, onEvent } from '../../lambda/reconcile';
import { STORAGE_RESOURCE_TYPE } from '../../src/private/contract';

const PROPS = {
  AppId: 'd1',
  EnvironmentName: 'dev',
  ResourceName: 'photos',
  BucketName: 'photos',
  AuthenticatedPermissions: ['READ', 'CREATE_AND_UPDATE'],
  UnauthenticatedPermissions: ['READ'],
};
const ID = 'd1/dev/photos';

const create = (props: Record<string, unknown> = PROPS) => request('Create', STORAGE_RESOURCE_TYPE, props);
const update = (props: Record<string, unknown>, old: Record<string, unknown> = PROPS, id = ID) =>
  request('Update', STORAGE_RESOURCE_TYPE, props, { OldResourceProperties: old, PhysicalResourceId: id });
const remove = (id = ID, props: Record<string, unknown> = PROPS) => request('Delete', STORAGE_RESOURCE_TYPE, props, { PhysicalResourceId: id });

const storage = (
  name: string,
  bucketName: string,
  authenticated: AuthenticatedElement[] = ['READ', 'CREATE_AND_UPDATE'],
  unauthenticated: UnAuthenticatedElement[] = ['READ'],
) => ({
  ResourceName: name,
  ResourceConfig: { Imported: false, ServiceName: 'S3' as const, BucketName: bucketName, Permissions: { Authenticated: authenticated, UnAuthenticated: unauthenticated } },
});
const job = (jobId: string, status: string, extra: Partial<BackendJobRespObj> = {}): BackendJobRespObj =>
  ({ AppId: 'd1', BackendEnvironmentName: 'dev', JobId: jobId, Operation: 'CreateBackendStorage', Status: status, ...extra });

/** Names of the mutating calls sent, in order. */
function mutatingCalls(): string[] {
  return amplify.calls()
    .map((call) => (call.args[0] as object).constructor.name.replace(/Command$/, ''))
    .filter((name) => /^(Create|Update|Delete)/.test(name));
}

function givenNoStorage() {
  amplify.on(GetBackendStorageCommand).rejects(notFound());
}
function givenIdleEnvironment(jobs: BackendJobRespObj[] = []) {
  amplify.on(ListBackendJobsCommand).resolves({ Jobs: jobs });
}

beforeEach(() => {
  amplify.reset();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  givenIdleEnvironment();
});

async function firstPoll(req: ResourceRequest, runtime = testRuntime()) {
  const started = await onEvent(amplifyBackendStorage, req, runtime);
  return { started, poll: pollOf(req, started.PhysicalResourceId, started.AmplifyBackendWait), runtime: nextPoll(runtime) };
}

describe('storage Create', () => {
  test('onEvent only looks; the first poll creates the storage with the permissions as the API spells them', async () => {
    givenNoStorage();
    givenIdleEnvironment();
    amplify.on(CreateBackendStorageCommand).resolves({ JobId: 'job-1', Status: 'RUNNING' });

    const { started, poll, runtime } = await firstPoll(create());
    expect(started).toEqual({ PhysicalResourceId: ID, AmplifyBackendWait: { startedAt: START } });
    expect(mutatingCalls()).toEqual([]);

    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: false });
    expect(amplify.commandCalls(CreateBackendStorageCommand)[0].args[0].input).toEqual({
      AppId: 'd1',
      BackendEnvironmentName: 'dev',
      ResourceName: 'photos',
      ResourceConfig: { ServiceName: 'S3', BucketName: 'photos', Permissions: { Authenticated: ['READ', 'CREATE_AND_UPDATE'], UnAuthenticated: ['READ'] } },
    });
  });

  test('without guest permissions no UnAuthenticated list is sent', async () => {
    givenNoStorage();
    givenIdleEnvironment();
    amplify.on(CreateBackendStorageCommand).resolves({ JobId: 'job-1' });
    const { poll, runtime } = await firstPoll(create({ ...PROPS, UnauthenticatedPermissions: [] }));
    await isComplete(amplifyBackendStorage, poll, runtime);
    expect(amplify.commandCalls(CreateBackendStorageCommand)[0].args[0].input.ResourceConfig?.Permissions?.UnAuthenticated).toBeUndefined();
  });

  test('a job id that onEvent of an earlier release passed on is still read first', async () => {
    amplify.on(GetBackendJobCommand).resolves(job('job-1', 'RUNNING'));
    expect(await isComplete(amplifyBackendStorage, pollOf(create(), ID, { startedAt: T0, jobId: 'job-1' }), testRuntime())).toEqual({ IsComplete: false });
    expect(amplify.calls()).toHaveLength(1);
  });

  test('while the job runs isComplete reads only the job and answers not complete', async () => {
    amplify.on(GetBackendJobCommand).resolves(job('job-1', 'RUNNING'));
    const result = await isComplete(amplifyBackendStorage, pollOf(create(), ID, { startedAt: T0, jobId: 'job-1' }), testRuntime());
    expect(result).toEqual({ IsComplete: false });
    expect(amplify.calls()).toHaveLength(1);
  });

  test.each(['IN_PROGRESS', 'PENDING', 'SOMETHING_NEW', ''])('an undocumented job status %p counts as still running', async (status) => {
    amplify.on(GetBackendJobCommand).resolves(job('job-1', status));
    const result = await isComplete(amplifyBackendStorage, pollOf(create(), ID, { startedAt: T0, jobId: 'job-1' }), testRuntime());
    expect(result.IsComplete).toBe(false);
  });

  test('COMPLETED reads the storage back and returns the physical bucket name and the resource name', async () => {
    amplify.on(GetBackendJobCommand).resolves(job('job-1', 'COMPLETED'));
    givenIdleEnvironment([job('job-1', 'COMPLETED', { CreateTime: String(T0 + 10) })]);
    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'photos14558-dev'));
    const result = await isComplete(amplifyBackendStorage, pollOf(create(), ID, { startedAt: T0, jobId: 'job-1' }), testRuntime());
    expect(result).toEqual({ IsComplete: true, Data: { BucketName: 'photos14558-dev', ResourceName: 'photos' } });
    expect(mutatingCalls()).toEqual([]);
  });

  test('FAILED fails the deployment with the job error and the app, environment and resource', async () => {
    amplify.on(GetBackendJobCommand).resolves(job('job-1', 'FAILED', { Error: 'Bucket name already taken' }));
    await expect(isComplete(amplifyBackendStorage, pollOf(create(), ID, { startedAt: T0, jobId: 'job-1' }), testRuntime()))
      .rejects.toThrow('Storage "photos" (app d1, environment dev): CreateBackendStorage job job-1 FAILED: Bucket name already taken');
  });

  test.each([
    ['throttling', serviceError('TooManyRequestsException', 429, 'Rate exceeded')],
    ['a 504', serviceError('GatewayTimeoutException', 504, 'Gateway timeout')],
    ['a 500 with an unknown name', serviceError('InternalServiceException', 500, 'Oops')],
    ['a network error', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
  ])('%s while polling means not complete yet, never a failure', async (_name, error) => {
    amplify.on(GetBackendJobCommand).rejects(error);
    const result = await isComplete(amplifyBackendStorage, pollOf(create(), ID, { startedAt: T0, jobId: 'job-1' }), testRuntime());
    expect(result).toEqual({ IsComplete: false });
  });

  test('a storage of that name found before anything started is a conflict, refused without a call', async () => {
    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'photos123-dev'));
    await expect(onEvent(amplifyBackendStorage, create(), testRuntime()))
      .rejects.toThrow('Storage "photos" (app d1, environment dev): a storage named "photos" already exists in the environment');
    expect(mutatingCalls()).toEqual([]);
  });

  test('a pending job on the environment defers the create: nothing is sent while it runs', async () => {
    givenNoStorage();
    givenIdleEnvironment([job('console-1', 'RUNNING', { Operation: 'UpdateBackendAuth' })]);
    const { started } = await firstPoll(create());
    expect(started.AmplifyBackendWait).toEqual({ startedAt: START });
    expect(mutatingCalls()).toEqual([]);
  });

  test('a "pending job" rejection waits and tries again on a later poll', async () => {
    givenNoStorage();
    givenIdleEnvironment();
    amplify.on(CreateBackendStorageCommand).rejectsOnce(pendingJobError()).resolves({ JobId: 'job-2' });
    const { poll, runtime } = await firstPoll(create());

    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: false });
    expect(await isComplete(amplifyBackendStorage, poll, nextPoll(runtime))).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['CreateBackendStorage', 'CreateBackendStorage']);
  });

  test.each([
    ['throttled', serviceError('TooManyRequestsException', 429, 'Rate exceeded')],
    ['answered with a 504', serviceError('GatewayTimeoutException', 504, 'Gateway timeout')],
  ])('a create call that is %s answers not complete: the next poll reads the state', async (_name, error) => {
    givenNoStorage();
    givenIdleEnvironment();
    amplify.on(CreateBackendStorageCommand).rejects(error);
    const { poll, runtime } = await firstPoll(create());
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: false });
  });

  test('a refused create fails at once with the service text: nothing was started', async () => {
    givenNoStorage();
    givenIdleEnvironment();
    amplify.on(CreateBackendStorageCommand).rejects(serviceError('BadRequestException', 400, 'Storage requires auth in the environment'));
    const { poll, runtime } = await firstPoll(create());
    await expect(isComplete(amplifyBackendStorage, poll, runtime))
      .rejects.toThrow('Storage "photos" (app d1, environment dev): BadRequestException: Storage requires auth in the environment');
  });

  test('a retried create whose first call took effect converges on the storage it finds', async () => {
    // onEvent's create answered 504 after the service had accepted it; the job then completed.
    givenIdleEnvironment();
    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'photos99-dev'));
    const poll = pollOf(create(), ID, { startedAt: T0 });
    expect(await isComplete(amplifyBackendStorage, poll, testRuntime()))
      .toEqual({ IsComplete: true, Data: { BucketName: 'photos99-dev', ResourceName: 'photos' } });
    expect(mutatingCalls()).toEqual([]);
  });

  test('a deferred create is started by isComplete, waited for through the job list, and found', async () => {
    const runtime = testRuntime();
    const poll = pollOf(create(), ID, { startedAt: T0 });
    amplify.on(GetBackendStorageCommand).rejects(notFound());
    givenIdleEnvironment();
    amplify.on(CreateBackendStorageCommand).resolves({ JobId: 'job-3' });
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: false });

    givenIdleEnvironment([job('job-3', 'RUNNING', { CreateTime: String(T0 + 10) })]);
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: false });

    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'photos1-dev'));
    givenIdleEnvironment([job('job-3', 'COMPLETED', { CreateTime: String(T0 + 10) })]);
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: true, Data: { BucketName: 'photos1-dev', ResourceName: 'photos' } });
    expect(mutatingCalls()).toEqual(['CreateBackendStorage']);
  });

  test('storage found while a job still runs on the environment is not done yet: that job may change it', async () => {
    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'photos1-dev'));
    givenIdleEnvironment([job('unlink-1', 'RUNNING', { Operation: 'DeleteBackendStorage', CreateTime: String(T0 - 60_000) })]);
    expect(await isComplete(amplifyBackendStorage, pollOf(create(), ID, { startedAt: T0 }), testRuntime())).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual([]);
  });

  test('while a job runs a poll reads only the job list; the state is read once the list shows the environment idle', async () => {
    const poll = pollOf(create(), ID, { startedAt: T0 });
    givenIdleEnvironment([job('job-3', 'RUNNING', { CreateTime: String(T0 + 10) })]);
    expect(await isComplete(amplifyBackendStorage, poll, testRuntime())).toEqual({ IsComplete: false });
    expect(amplify.calls().map((call) => (call.args[0] as object).constructor.name)).toEqual(['ListBackendJobsCommand']);

    amplify.resetHistory();
    givenIdleEnvironment([job('job-3', 'COMPLETED', { CreateTime: String(T0 + 10) })]);
    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'photos1-dev'));
    expect(await isComplete(amplifyBackendStorage, poll, testRuntime())).toEqual({ IsComplete: true, Data: { BucketName: 'photos1-dev', ResourceName: 'photos' } });
    expect(amplify.calls().map((call) => (call.args[0] as object).constructor.name)).toEqual(['ListBackendJobsCommand', 'GetBackendStorageCommand']);
    expect(mutatingCalls()).toEqual([]);
  });

  test('a job started by isComplete that FAILED fails the deployment with its error', async () => {
    givenNoStorage();
    givenIdleEnvironment([job('job-3', 'FAILED', { CreateTime: String(T0 + 10), Error: 'Access denied to S3' })]);
    await expect(isComplete(amplifyBackendStorage, pollOf(create(), ID, { startedAt: T0 }), testRuntime()))
      .rejects.toThrow('Storage "photos" (app d1, environment dev): CreateBackendStorage job job-3 FAILED: Access denied to S3');
    expect(mutatingCalls()).toEqual([]);
  });

  test('a job that failed before this request started is history, not this request\'s failure', async () => {
    givenNoStorage();
    givenIdleEnvironment([job('old', 'FAILED', { CreateTime: String(T0 - 60_000), Error: 'old failure' })]);
    amplify.on(CreateBackendStorageCommand).resolves({ JobId: 'job-4' });
    expect(await isComplete(amplifyBackendStorage, pollOf(create(), ID, { startedAt: T0 }), testRuntime())).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['CreateBackendStorage']);
  });

  test('isComplete gives up just before the provider times out, naming the job it waited for', async () => {
    const runtime = testRuntime(T0 + 30 * 60_000 - 10_000);
    amplify.on(GetBackendJobCommand).resolves(job('job-1', 'RUNNING'));
    await expect(isComplete(amplifyBackendStorage, pollOf(create(), ID, { startedAt: T0, jobId: 'job-1' }), runtime))
      .rejects.toThrow('Storage "photos" (app d1, environment dev): gave up after 30 minutes, still waiting: CreateBackendStorage job job-1 is RUNNING');
  });

  test('a poll at the deadline that cannot read the state looks once more rather than give up on a job that may have ended', async () => {
    const runtime = testRuntime(T0 + 30 * 60_000 - 10_000);
    const poll = pollOf(create(), ID, { startedAt: T0 });
    amplify.on(GetBackendStorageCommand).rejects(serviceError('TooManyRequestsException', 429, 'Rate exceeded'));
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: false });

    await expect(isComplete(amplifyBackendStorage, poll, nextPoll(runtime)))
      .rejects.toThrow('Storage "photos" (app d1, environment dev): gave up after 30 minutes, still retrying after TooManyRequestsException: Rate exceeded');
  });

  test('the look once more after the deadline finds the job ended and completes', async () => {
    const runtime = testRuntime(T0 + 30 * 60_000 - 10_000);
    const poll = pollOf(create(), ID, { startedAt: T0 });
    amplify.on(GetBackendStorageCommand).rejectsOnce(serviceError('GatewayTimeoutException', 504, 'Endpoint request timed out'))
      .resolves(storage('photos', 'photos1-dev'));
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: false });
    expect(await isComplete(amplifyBackendStorage, poll, nextPoll(runtime))).toEqual({ IsComplete: true, Data: { BucketName: 'photos1-dev', ResourceName: 'photos' } });
  });

  test('a property the service would refuse fails onEvent before any call', async () => {
    await expect(onEvent(amplifyBackendStorage, create({ ...PROPS, AuthenticatedPermissions: ['WRITE'] }), testRuntime()))
      .rejects.toThrow('Custom::AmplifyBackendStorage Storage1A2B3C: property AuthenticatedPermissions has "WRITE"; allowed: READ, CREATE_AND_UPDATE, DELETE');
    expect(amplify.calls()).toHaveLength(0);
  });
});

describe('storage Update', () => {
  const newPermissions = { ...PROPS, AuthenticatedPermissions: ['READ'], UnauthenticatedPermissions: [] };

  test('a permissions-only change updates in place and keeps the physical id', async () => {
    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'photos1-dev'));
    givenIdleEnvironment();
    amplify.on(UpdateBackendStorageCommand).resolves({ JobId: 'job-5' });

    const { started, poll, runtime } = await firstPoll(update(newPermissions));
    expect(started).toEqual({ PhysicalResourceId: ID, AmplifyBackendWait: { startedAt: START } });
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: false });
    expect(amplify.commandCalls(UpdateBackendStorageCommand)[0].args[0].input).toEqual({
      AppId: 'd1',
      BackendEnvironmentName: 'dev',
      ResourceName: 'photos',
      ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ'], UnAuthenticated: [] } },
    });
  });

  test('permissions given in another order are the same permissions: nothing is called', async () => {
    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'photos1-dev', ['CREATE_AND_UPDATE', 'READ']));
    const { started, poll, runtime } = await firstPoll(update(PROPS));
    expect(started.PhysicalResourceId).toBe(ID);
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: true, Data: { BucketName: 'photos1-dev', ResourceName: 'photos' } });
    expect(mutatingCalls()).toEqual([]);
  });

  test('a rename unlinks the old storage first, then creates the new one under a new physical id', async () => {
    const renamed = { ...PROPS, ResourceName: 'media' };
    amplify.on(GetBackendStorageCommand, { ResourceName: 'photos' }).resolves(storage('photos', 'photos1-dev'));
    amplify.on(GetBackendStorageCommand, { ResourceName: 'media' }).rejects(notFound());
    givenIdleEnvironment();
    amplify.on(DeleteBackendStorageCommand).resolves({ JobId: 'unlink-1' });
    amplify.on(CreateBackendStorageCommand).resolves({ JobId: 'create-1' });

    const { started, poll, runtime } = await firstPoll(update(renamed));
    expect(started).toEqual({ PhysicalResourceId: 'd1/dev/media', AmplifyBackendWait: { startedAt: START } });
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: false });
    expect(amplify.commandCalls(DeleteBackendStorageCommand)[0].args[0].input)
      .toEqual({ AppId: 'd1', BackendEnvironmentName: 'dev', ResourceName: 'photos', ServiceName: 'S3' });

    // The unlink completes: the old storage is gone, so the new one is created.
    givenIdleEnvironment([job('unlink-1', 'COMPLETED', { Operation: 'DeleteBackendStorage', CreateTime: String(START + 10) })]);
    amplify.on(GetBackendStorageCommand, { ResourceName: 'photos' }).rejects(notFound());
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendStorage', 'CreateBackendStorage']);
    expect(amplify.commandCalls(CreateBackendStorageCommand)[0].args[0].input.ResourceName).toBe('media');

    // The create completes.
    amplify.on(GetBackendStorageCommand, { ResourceName: 'media' }).resolves(storage('media', 'photos7-dev'));
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: true, Data: { BucketName: 'photos7-dev', ResourceName: 'media' } });
    expect(mutatingCalls()).toEqual(['DeleteBackendStorage', 'CreateBackendStorage']);
  });

  test('after a rename, CloudFormation\'s Delete of the old id finds nothing and calls nothing', async () => {
    givenNoStorage();
    givenIdleEnvironment();
    const { started, poll, runtime } = await firstPoll(remove(ID));
    expect(started.PhysicalResourceId).toBe(ID);
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    expect(mutatingCalls()).toEqual([]);
  });

  test('the rollback of a rename whose unlink failed finds its own storage, keeps its id and unlinks nothing', async () => {
    // Forward photos -> media failed at the unlink: photos is still there. CloudFormation rolls back with
    // the old properties and the old id.
    amplify.on(GetBackendStorageCommand, { ResourceName: 'photos' }).resolves(storage('photos', 'photos1-dev'));
    amplify.on(GetBackendStorageCommand, { ResourceName: 'media' }).rejects(notFound());
    givenIdleEnvironment();
    const { started, poll, runtime } = await firstPoll(update(PROPS, { ...PROPS, ResourceName: 'media' }, ID));
    expect(started.PhysicalResourceId).toBe(ID);
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: true, Data: { BucketName: 'photos1-dev', ResourceName: 'photos' } });
    expect(mutatingCalls()).toEqual([]);
  });

  test('the rollback of a bucket change whose create ended late unlinks the new storage first, under the old id', async () => {
    // Forward photos -> media (another bucket): photos was unlinked, then media appeared after the handler gave up.
    const moved = { ...PROPS, ResourceName: 'media', BucketName: 'media' };
    amplify.on(GetBackendStorageCommand, { ResourceName: 'photos' }).rejects(notFound());
    amplify.on(GetBackendStorageCommand, { ResourceName: 'media' }).resolves(storage('media', 'media1-dev'));
    givenIdleEnvironment();
    amplify.on(DeleteBackendStorageCommand).resolves({ JobId: 'unlink-9' });
    const { started, poll, runtime } = await firstPoll(update(PROPS, moved, ID));
    expect(started.PhysicalResourceId).toBe(ID);
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: false });
    expect(amplify.commandCalls(DeleteBackendStorageCommand).map((call) => call.args[0].input.ResourceName)).toEqual(['media']);
  });

  test('a rename onto a name that already exists is refused before anything is unlinked', async () => {
    amplify.on(GetBackendStorageCommand).resolves(storage('x', 'x1-dev'));
    await expect(onEvent(amplifyBackendStorage, update({ ...PROPS, ResourceName: 'media' }), testRuntime()))
      .rejects.toThrow('a storage named "media" already exists');
    expect(mutatingCalls()).toEqual([]);
  });

  test('moving to another environment is an ordinary replacement: create there, leave the old one to its Delete', async () => {
    givenNoStorage();
    givenIdleEnvironment();
    amplify.on(CreateBackendStorageCommand).resolves({ JobId: 'job-6' });
    const { started, poll, runtime } = await firstPoll(update({ ...PROPS, EnvironmentName: 'prod' }));
    expect(started.PhysicalResourceId).toBe('d1/prod/photos');
    await isComplete(amplifyBackendStorage, poll, runtime);
    expect(mutatingCalls()).toEqual(['CreateBackendStorage']);
    expect(amplify.commandCalls(CreateBackendStorageCommand)[0].args[0].input.BackendEnvironmentName).toBe('prod');
  });

  test('changing only bucketName is refused with what to do instead; nothing is called', async () => {
    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'photos1-dev'));
    await expect(onEvent(amplifyBackendStorage, update({ ...PROPS, BucketName: 'media' }), testRuntime()))
      .rejects.toThrow('bucketName cannot change to "media" while resourceName stays "photos" (its bucket is photos1-dev); change resourceName as well');
    expect(mutatingCalls()).toEqual([]);
  });

  test('the rollback of a refused bucketName change finds the bucket it wants and does nothing', async () => {
    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'photos1-dev'));
    const { poll, runtime } = await firstPoll(update(PROPS, { ...PROPS, BucketName: 'media' }));
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: true, Data: { BucketName: 'photos1-dev', ResourceName: 'photos' } });
    expect(mutatingCalls()).toEqual([]);
  });
});

describe('storage taken over (adopt)', () => {
  const ADOPT = { ...PROPS, Adopt: 'true' };
  const ADOPTED_ID = `${ID} (adopted)`;
  const DATA = { BucketName: 'photos14558-dev', ResourceName: 'photos' };

  test('existing storage as declared is taken over: no call, the physical id says adopted', async () => {
    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'photos14558-dev'));
    const { started, poll, runtime } = await firstPoll(create(ADOPT));
    expect(started.PhysicalResourceId).toBe(ADOPTED_ID);
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: true, Data: DATA });
    expect(mutatingCalls()).toEqual([]);
  });

  test('permissions that differ are updated in place (adopt+update), under the adopted id', async () => {
    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'photos14558-dev', ['READ'], []));
    amplify.on(UpdateBackendStorageCommand).resolves({ JobId: 'upd-1' });
    const { started, poll, runtime } = await firstPoll(create(ADOPT));
    expect(started.PhysicalResourceId).toBe(ADOPTED_ID);
    await isComplete(amplifyBackendStorage, poll, runtime);
    expect(mutatingCalls()).toEqual(['UpdateBackendStorage']);
  });

  test('without adopt, existing storage is refused, saying how to take it over', async () => {
    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'photos14558-dev'));
    await expect(onEvent(amplifyBackendStorage, create(), testRuntime()))
      .rejects.toThrow('a storage named "photos" already exists in the environment; declare another resourceName, remove the existing storage first, or take it over as declared with adopt: true');
  });

  test('a bucketName that is not its bucket\'s is refused: the bucket of existing storage cannot change', async () => {
    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'pictures20000-dev'));
    await expect(onEvent(amplifyBackendStorage, create(ADOPT), testRuntime())).rejects.toThrow('bucketName cannot change to "photos"');
    expect(mutatingCalls()).toEqual([]);
  });

  test('its Delete forgets it: nothing read, nothing unlinked', async () => {
    const { started, poll, runtime } = await firstPoll(remove(ADOPTED_ID, ADOPT));
    expect(started.PhysicalResourceId).toBe(ADOPTED_ID);
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    expect(amplify.calls()).toHaveLength(0);
  });

  test('a permissions update keeps the adopted id; a rename is refused before anything starts', async () => {
    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'photos14558-dev'));
    const { started } = await firstPoll(update({ ...ADOPT, AuthenticatedPermissions: ['READ'] }, ADOPT, ADOPTED_ID));
    expect(started.PhysicalResourceId).toBe(ADOPTED_ID);
    await expect(onEvent(amplifyBackendStorage, update({ ...ADOPT, ResourceName: 'pictures' }, ADOPT, ADOPTED_ID), testRuntime()))
      .rejects.toThrow('Renaming the storage to "pictures" would first remove storage "photos", which this stack took over (adopt) and never removes');
    expect(mutatingCalls()).toEqual([]);
  });
});

describe('storage Delete', () => {
  test('Delete unlinks the storage and completes when it is gone', async () => {
    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'photos1-dev'));
    amplify.on(DeleteBackendStorageCommand).resolves({ JobId: 'unlink-2' });

    const { started, poll, runtime } = await firstPoll(remove());
    expect(started).toEqual({ PhysicalResourceId: ID, AmplifyBackendWait: { startedAt: START } });
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendStorage']);

    amplify.on(GetBackendStorageCommand).rejects(notFound());
    givenIdleEnvironment([job('unlink-2', 'COMPLETED', { Operation: 'DeleteBackendStorage', CreateTime: String(START + 10) })]);
    expect(await isComplete(amplifyBackendStorage, poll, nextPoll(runtime))).toEqual({ IsComplete: true, Data: {} });
    expect(mutatingCalls()).toEqual(['DeleteBackendStorage']);
  });

  test('onEvent of a Delete reads nothing, so 504s at that moment cannot fail it; the first poll that can read goes on', async () => {
    amplify.on(GetBackendStorageCommand).rejects(serviceError('GatewayTimeoutException', 504, 'Endpoint request timed out'));
    amplify.on(ListBackendJobsCommand).rejects(serviceError('GatewayTimeoutException', 504, 'Endpoint request timed out'));
    const { started, poll, runtime } = await firstPoll(remove());
    expect(started).toEqual({ PhysicalResourceId: ID, AmplifyBackendWait: { startedAt: START } });
    expect(amplify.calls()).toHaveLength(0);
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: false });

    givenIdleEnvironment();
    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'photos1-dev'));
    amplify.on(DeleteBackendStorageCommand).resolves({ JobId: 'unlink-3' });
    expect(await isComplete(amplifyBackendStorage, poll, nextPoll(runtime))).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendStorage']);
  });

  test('a second Delete of storage already gone succeeds without a call', async () => {
    givenNoStorage();
    givenIdleEnvironment();
    for (let i = 0; i < 2; i++) {
      const { poll, runtime } = await firstPoll(remove());
      expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    }
    expect(mutatingCalls()).toEqual([]);
  });

  test('a rollback Delete racing the Create\'s job waits for that job, then unlinks what it created', async () => {
    const runtime = testRuntime();
    const poll = pollOf(remove(), ID, { startedAt: T0 });
    amplify.on(GetBackendStorageCommand).rejects(notFound());
    givenIdleEnvironment([job('create-1', 'RUNNING', { CreateTime: String(T0 - 25 * 60_000) })]);
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: false });

    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'photos1-dev'));
    givenIdleEnvironment([job('create-1', 'COMPLETED', { CreateTime: String(T0 - 25 * 60_000) })]);
    amplify.on(DeleteBackendStorageCommand).resolves({ JobId: 'unlink-3' });
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendStorage']);
  });

  test('a job older than the total timeout will not finish: a Delete that finds nothing does not wait for it', async () => {
    givenNoStorage();
    givenIdleEnvironment([job('stuck', 'RUNNING', { CreateTime: String(T0 - 31 * 60_000) })]);
    expect(await isComplete(amplifyBackendStorage, pollOf(remove(), ID, { startedAt: T0 }), testRuntime())).toEqual({ IsComplete: true, Data: {} });
  });

  test('a failed unlink fails the Delete with the job error', async () => {
    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'photos1-dev'));
    givenIdleEnvironment([job('unlink-4', 'FAILED', { Operation: 'DeleteBackendStorage', CreateTime: String(T0 + 10), Error: 'Stack is in UPDATE_IN_PROGRESS' })]);
    await expect(isComplete(amplifyBackendStorage, pollOf(remove(), ID, { startedAt: T0 }), testRuntime()))
      .rejects.toThrow('Storage "photos" (app d1, environment dev): DeleteBackendStorage job unlink-4 FAILED: Stack is in UPDATE_IN_PROGRESS');
    expect(mutatingCalls()).toEqual([]);
  });

  test('a job of another operation that failed meanwhile (the console\'s) is not this Delete\'s failure', async () => {
    amplify.on(GetBackendStorageCommand).resolves(storage('photos', 'photos1-dev'));
    givenIdleEnvironment([job('console-2', 'FAILED', { Operation: 'UpdateBackendAuth', CreateTime: String(T0 + 10), Error: 'Invalid user pool' })]);
    amplify.on(DeleteBackendStorageCommand).resolves({ JobId: 'unlink-5' });
    expect(await isComplete(amplifyBackendStorage, pollOf(remove(), ID, { startedAt: T0 }), testRuntime())).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendStorage']);
  });

  test.each([
    'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED',
    'not-a-storage-id',
  ])('a Delete of an id that names no storage (%p) succeeds without any call', async (id) => {
    const { started, poll, runtime } = await firstPoll(remove(id));
    expect(started.PhysicalResourceId).toBe(id);
    expect(await isComplete(amplifyBackendStorage, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    expect(amplify.calls()).toHaveLength(0);
  });
});

describe('storage handler logs', () => {
  test('one structured line per decision, without the ResponseURL', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    givenNoStorage();
    givenIdleEnvironment();
    amplify.on(CreateBackendStorageCommand).resolves({ JobId: 'job-1', Status: 'RUNNING' });
    const secretUrl = 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/signed?X-Amz-Signature=abc';
    const { poll, runtime } = await firstPoll({ ...create(), ResponseURL: secretUrl } as ResourceRequest);
    await isComplete(amplifyBackendStorage, poll, runtime);

    expect(log).toHaveBeenCalledTimes(2);
    const [looked, started] = log.mock.calls.map((call) => JSON.parse(call[0]));
    expect(looked).toMatchObject({ resourceType: STORAGE_RESOURCE_TYPE, requestType: 'Create', phase: 'onEvent', decision: 'wait', reason: 'CreateBackendStorage starts at the first poll' });
    expect(started).toMatchObject({ phase: 'isComplete', decision: 'wait', reason: 'started CreateBackendStorage', jobId: 'job-1', jobStatus: 'RUNNING' });
    expect(log.mock.calls.join('\n')).not.toContain('X-Amz-Signature');
  });
});

// A type-level check that the poll helper stays in step with the framework contract.
const _wait: WaitState = { startedAt: T0 };
void _wait;
