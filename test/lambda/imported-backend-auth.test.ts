import {
  BackendJobRespObj,
  DeleteBackendAuthCommand,
  GetBackendCommand,
  GetBackendJobCommand,
  ImportBackendAuthCommand,
  ListBackendJobsCommand,
} from '@aws-sdk/client-amplifybackend';
import { amplify, nextPoll, notFound, pollOf, request, START, T0, testRuntime } from './harness';
import { ResourceRequest } from '../../lambda/events';
import { importedBackendAuth } from '../../lambda/imported-backend-auth';
import { isComplete, onEvent } from '../../lambda/reconcile';
import { IMPORTED_AUTH_RESOURCE_TYPE } from '../../src/private/contract';

const PROPS = { AppId: 'd1', EnvironmentName: 'dev', UserPoolId: 'us-east-1_Pool1', WebClientId: 'web1', NativeClientId: 'native1', IdentityPoolId: 'us-east-1:ident-1' };
const PROVISIONAL = 'd1/dev/importing:us-east-1_Pool1';
const FINAL = 'd1/dev/cognito1a2b3c4d';

const create = (props: Record<string, unknown> = PROPS) => request('Create', IMPORTED_AUTH_RESOURCE_TYPE, props);
const update = (props: Record<string, unknown>, id = FINAL, old: Record<string, unknown> = PROPS) =>
  request('Update', IMPORTED_AUTH_RESOURCE_TYPE, props, { PhysicalResourceId: id, OldResourceProperties: old });
const remove = (id = FINAL, props: Record<string, unknown> = PROPS) => request('Delete', IMPORTED_AUTH_RESOURCE_TYPE, props, { PhysicalResourceId: id });

interface Entry {
  readonly imported?: boolean;
  readonly userPool?: string;
  readonly web?: string;
  readonly native?: string;
  readonly identityPool?: string | null;
}
/** GetBackend's answer with these auth entries in amplifyMetaConfig (by default the linked PROPS). */
function meta(auth: Record<string, Entry> = {}) {
  const entries = Object.fromEntries(Object.entries(auth).map(([name, a]) => [name, {
    service: 'Cognito',
    serviceType: a.imported === false ? 'managed' : 'imported',
    output: {
      UserPoolId: a.userPool ?? PROPS.UserPoolId,
      AppClientIDWeb: a.web ?? PROPS.WebClientId,
      AppClientID: a.native ?? PROPS.NativeClientId,
      ...(a.identityPool === null ? {} : { IdentityPoolId: a.identityPool ?? PROPS.IdentityPoolId }),
    },
  }]));
  return { AppId: 'd1', BackendEnvironmentName: 'dev', BackendEnvironmentList: ['dev'], AmplifyMetaConfig: JSON.stringify({ providers: {}, auth: entries }) };
}
const DATA = { ResourceName: 'cognito1a2b3c4d', UserPoolId: 'us-east-1_Pool1', WebClientId: 'web1', NativeClientId: 'native1', IdentityPoolId: 'us-east-1:ident-1' };
const mutatingCalls = () => amplify.calls()
  .map((call) => (call.args[0] as object).constructor.name.replace(/Command$/, ''))
  .filter((name) => /^(Create|Update|Delete|Import)/.test(name));

/** A job this request started: created just after its onEvent. */
const ours = (jobId: string, status: string, operation: string, extra: Partial<BackendJobRespObj> = {}): BackendJobRespObj =>
  ({ AppId: 'd1', BackendEnvironmentName: 'dev', JobId: jobId, Operation: operation, Status: status, CreateTime: String(START + 10), ...extra });
/** ListBackendJobs' answer: no job runs on the environment, these ones ran. */
function givenIdleEnvironment(jobs: BackendJobRespObj[] = []) {
  amplify.on(ListBackendJobsCommand).resolves({ Jobs: jobs });
}

/** onEvent, which only looks: the poll the framework builds from its answer, and the clock one interval later. */
async function deploy(req: ResourceRequest, runtime = testRuntime()) {
  const started = await onEvent(importedBackendAuth, req, runtime);
  return { started, poll: pollOf(req, started.PhysicalResourceId, started.AmplifyBackendWait), runtime: nextPoll(runtime) };
}

/** onEvent and the first isComplete, which the framework runs at once: it sends the first call that starts a job. */
async function deployAndPoll(req: ResourceRequest) {
  const deployed = await deploy(req);
  return { ...deployed, first: await isComplete(importedBackendAuth, deployed.poll, deployed.runtime) };
}

beforeEach(() => {
  amplify.reset();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  givenIdleEnvironment();
});

describe('imported auth Create', () => {
  test('onEvent only looks; the first poll imports the user pool, its clients and the identity pool, and the generated name becomes the final id', async () => {
    amplify.on(GetBackendCommand).resolves(meta());
    amplify.on(ImportBackendAuthCommand).resolves({ JobId: 'imp-1' });

    const { started, poll, runtime } = await deploy(create());
    expect(started).toEqual({ PhysicalResourceId: PROVISIONAL, AmplifyBackendWait: { startedAt: START } });
    expect(mutatingCalls()).toEqual([]);

    expect(await isComplete(importedBackendAuth, poll, runtime)).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['ImportBackendAuth']);
    expect(amplify.commandCalls(ImportBackendAuthCommand)[0].args[0].input).toEqual({
      AppId: 'd1', BackendEnvironmentName: 'dev', UserPoolId: 'us-east-1_Pool1', WebClientId: 'web1', NativeClientId: 'native1', IdentityPoolId: 'us-east-1:ident-1',
    });

    givenIdleEnvironment([ours('imp-1', 'COMPLETED', 'ImportBackendAuth')]);
    amplify.on(GetBackendCommand).resolves(meta({ cognito1a2b3c4d: {} }));
    expect(await isComplete(importedBackendAuth, poll, nextPoll(runtime))).toEqual({ IsComplete: true, Data: DATA, PhysicalResourceId: FINAL });
    expect(mutatingCalls()).toEqual(['ImportBackendAuth']);
  });

  test('a job id that onEvent of an earlier release passed on is still read first; COMPLETED gives the final id', async () => {
    amplify.on(GetBackendJobCommand).resolves({ JobId: 'imp-1', Operation: 'ImportBackendAuth', Status: 'COMPLETED' });
    amplify.on(GetBackendCommand).resolves(meta({ cognito1a2b3c4d: {} }));
    expect(await isComplete(importedBackendAuth, pollOf(create(), PROVISIONAL, { startedAt: T0, jobId: 'imp-1' }), testRuntime()))
      .toEqual({ IsComplete: true, Data: DATA, PhysicalResourceId: FINAL });
    expect(mutatingCalls()).toEqual([]);
  });

  test('without an identity pool none is sent, and the attribute is empty', async () => {
    const { IdentityPoolId: _none, ...userPoolOnly } = PROPS;
    amplify.on(GetBackendCommand).resolves(meta());
    amplify.on(ImportBackendAuthCommand).resolves({ JobId: 'imp-2' });
    await deployAndPoll(create(userPoolOnly));
    expect(amplify.commandCalls(ImportBackendAuthCommand)[0].args[0].input.IdentityPoolId).toBeUndefined();

    amplify.on(GetBackendCommand).resolves(meta({ cognito1a2b3c4d: { identityPool: null } }));
    const result = await isComplete(importedBackendAuth, pollOf(create(userPoolOnly), PROVISIONAL, { startedAt: T0 }), testRuntime());
    expect(result).toEqual({ IsComplete: true, Data: { ...DATA, IdentityPoolId: '' }, PhysicalResourceId: FINAL });
  });

  test('a user pool already linked before anything started is a conflict', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ cognito1a2b3c4d: {} }));
    await expect(deploy(create())).rejects.toThrow(
      'Imported user pool "us-east-1_Pool1" (app d1, environment dev): user pool us-east-1_Pool1 is already linked to the environment as auth "cognito1a2b3c4d"');
    expect(mutatingCalls()).toEqual([]);
  });

  test('another auth resource in the environment is refused: the service allows one', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ userpool: { imported: false, userPool: 'us-east-1_Other' } }));
    await expect(deploy(create())).rejects.toThrow('the environment already has the auth resource "userpool" and allows one');
    expect(mutatingCalls()).toEqual([]);
  });

  test('an environment that does not exist lists no auth: the import is tried at the first poll and the service answers', async () => {
    amplify.on(GetBackendCommand).rejects(notFound());
    amplify.on(ImportBackendAuthCommand).rejects(notFound());
    const { poll, runtime } = await deploy(create());
    expect(mutatingCalls()).toEqual([]);
    await expect(isComplete(importedBackendAuth, poll, runtime)).rejects.toThrow('NotFoundException: Requested resource not found');
    expect(mutatingCalls()).toEqual(['ImportBackendAuth']);
  });

  test('an ImportBackendAuth job that FAILED since the request started fails the deployment with its error, not sent again', async () => {
    amplify.on(GetBackendCommand).resolves(meta());
    givenIdleEnvironment([ours('imp-3', 'FAILED', 'ImportBackendAuth', { Error: 'User pool not found' })]);
    await expect(isComplete(importedBackendAuth, pollOf(create(), PROVISIONAL, { startedAt: START }), nextPoll(testRuntime())))
      .rejects.toThrow('Imported user pool "us-east-1_Pool1" (app d1, environment dev): ImportBackendAuth job imp-3 FAILED: User pool not found');
    expect(mutatingCalls()).toEqual([]);
  });
});

describe('imported auth taken over (adopt)', () => {
  const ADOPT = { ...PROPS, Adopt: 'true' };
  const ADOPTED_ID = `${FINAL} (adopted)`;

  test('Cognito resources already linked are taken over: no call, the physical id names the link and says adopted', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ cognito1a2b3c4d: {} }));
    const { started, first } = await deployAndPoll(create(ADOPT));
    expect(started.PhysicalResourceId).toBe(ADOPTED_ID);
    expect(first).toEqual({ IsComplete: true, Data: DATA, PhysicalResourceId: ADOPTED_ID });
    expect(mutatingCalls()).toEqual([]);
  });

  test('without adopt they are refused, saying how to take them over', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ cognito1a2b3c4d: {} }));
    await expect(deploy(create())).rejects.toThrow('already linked to the environment as auth "cognito1a2b3c4d"; take the link over as declared with adopt: true');
  });

  test('its Delete forgets the link: nothing read, nothing unlinked', async () => {
    const { poll, runtime } = await deploy(remove(ADOPTED_ID, ADOPT));
    expect(await isComplete(importedBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    expect(amplify.calls()).toHaveLength(0);
  });

  test('linking another user pool instead is refused before anything starts', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ cognito1a2b3c4d: {} }));
    await expect(deploy(update({ ...ADOPT, UserPoolId: 'us-east-1_Pool2' }, ADOPTED_ID, ADOPT)))
      .rejects.toThrow('Linking user pool us-east-1_Pool2 instead would first remove the link of user pool us-east-1_Pool1, which this stack took over (adopt)');
    expect(mutatingCalls()).toEqual([]);
  });
});

describe('imported auth Update', () => {
  test('unchanged ids need nothing', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ cognito1a2b3c4d: {} }));
    const { poll, runtime } = await deploy(update(PROPS));
    expect(await isComplete(importedBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: DATA, PhysicalResourceId: FINAL });
    expect(mutatingCalls()).toEqual([]);
  });

  test('another identity pool unlinks the old link first, then imports the new one (the same user pool) under a new id', async () => {
    const other = { ...PROPS, IdentityPoolId: 'us-east-1:ident-2' };
    amplify.on(GetBackendCommand).resolves(meta({ cognito1a2b3c4d: {} }));
    amplify.on(DeleteBackendAuthCommand).resolves({ JobId: 'unlink-1' });
    amplify.on(ImportBackendAuthCommand).resolves({ JobId: 'imp-2' });

    const { started, poll, runtime, first } = await deployAndPoll(update(other));
    // A new link, so a new id: provisional until the service names the resource.
    expect(started.PhysicalResourceId).toBe(PROVISIONAL);
    expect(first).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth']);
    expect(amplify.commandCalls(DeleteBackendAuthCommand)[0].args[0].input).toEqual({ AppId: 'd1', BackendEnvironmentName: 'dev', ResourceName: 'cognito1a2b3c4d' });

    givenIdleEnvironment([ours('unlink-1', 'COMPLETED', 'DeleteBackendAuth')]);
    amplify.on(GetBackendCommand).resolves(meta());
    expect(await isComplete(importedBackendAuth, poll, nextPoll(runtime))).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth', 'ImportBackendAuth']);
    expect(amplify.commandCalls(ImportBackendAuthCommand)[0].args[0].input.IdentityPoolId).toBe('us-east-1:ident-2');

    // The new link is found: its generated name makes a new id, and CloudFormation's Delete of the old id finds nothing.
    givenIdleEnvironment([ours('unlink-1', 'COMPLETED', 'DeleteBackendAuth'), ours('imp-2', 'COMPLETED', 'ImportBackendAuth')]);
    amplify.on(GetBackendCommand).resolves(meta({ cognito9f8e7d6c: { identityPool: 'us-east-1:ident-2' } }));
    expect(await isComplete(importedBackendAuth, poll, nextPoll(runtime))).toMatchObject({ IsComplete: true, PhysicalResourceId: 'd1/dev/cognito9f8e7d6c' });
    const { poll: deletePoll, runtime: deleteRuntime } = await deploy(remove(FINAL, PROPS));
    expect(await isComplete(importedBackendAuth, deletePoll, deleteRuntime)).toEqual({ IsComplete: true, Data: {} });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth', 'ImportBackendAuth']);
  });

  test('the rollback of a swap whose unlink failed finds its own link, keeps the old id and calls nothing', async () => {
    // Forward ident-1 -> ident-2 failed at the unlink: the old link is still there as cognito1a2b3c4d.
    // CloudFormation rolls back with the old properties and the old id.
    amplify.on(GetBackendCommand).resolves(meta({ cognito1a2b3c4d: {} }));
    const { started, poll, runtime } = await deploy(update(PROPS, FINAL, { ...PROPS, IdentityPoolId: 'us-east-1:ident-2' }));
    expect(started.PhysicalResourceId).toBe(FINAL);
    expect(await isComplete(importedBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: DATA, PhysicalResourceId: FINAL });
    expect(mutatingCalls()).toEqual([]);
  });

  test('the rollback of a swap whose import failed links the old Cognito resources again and keeps the old id', async () => {
    // Forward ident-1 -> ident-2 unlinked the old link, then the import failed: nothing is linked. A new id
    // would make CloudFormation delete the old one, whose ids are the link just made again.
    amplify.on(GetBackendCommand).resolves(meta());
    amplify.on(ImportBackendAuthCommand).resolves({ JobId: 'imp-9' });
    const { started, poll, runtime, first } = await deployAndPoll(update(PROPS, FINAL, { ...PROPS, IdentityPoolId: 'us-east-1:ident-2' }));
    expect(started.PhysicalResourceId).toBe(FINAL);
    expect(first).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['ImportBackendAuth']);
    expect(amplify.commandCalls(ImportBackendAuthCommand)[0].args[0].input.IdentityPoolId).toBe('us-east-1:ident-1');

    givenIdleEnvironment([ours('imp-9', 'COMPLETED', 'ImportBackendAuth')]);
    amplify.on(GetBackendCommand).resolves(meta({ cognitoagain1: {} }));
    expect(await isComplete(importedBackendAuth, poll, nextPoll(runtime)))
      .toEqual({ IsComplete: true, Data: { ...DATA, ResourceName: 'cognitoagain1' }, PhysicalResourceId: FINAL });
    expect(mutatingCalls()).toEqual(['ImportBackendAuth']);
  });

  test('the rollback of a swap whose import ended late unlinks the new link, then links the old one again, under the old id', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ cognito9f8e7d6c: { identityPool: 'us-east-1:ident-2' } }));
    amplify.on(DeleteBackendAuthCommand).resolves({ JobId: 'unlink-7' });
    amplify.on(ImportBackendAuthCommand).resolves({ JobId: 'imp-7' });
    const { started, poll, runtime } = await deployAndPoll(update(PROPS, FINAL, { ...PROPS, IdentityPoolId: 'us-east-1:ident-2' }));
    expect(started.PhysicalResourceId).toBe(FINAL);
    expect(amplify.commandCalls(DeleteBackendAuthCommand)[0].args[0].input.ResourceName).toBe('cognito9f8e7d6c');

    givenIdleEnvironment([ours('unlink-7', 'COMPLETED', 'DeleteBackendAuth')]);
    amplify.on(GetBackendCommand).resolves(meta());
    expect(await isComplete(importedBackendAuth, poll, nextPoll(runtime))).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth', 'ImportBackendAuth']);
  });

  test('another environment imports there under a provisional id and leaves the old link to CloudFormation\'s Delete', async () => {
    amplify.on(GetBackendCommand).resolves(meta());
    amplify.on(ImportBackendAuthCommand).resolves({ JobId: 'imp-3' });
    const { started, first } = await deployAndPoll(update({ ...PROPS, EnvironmentName: 'prod' }));
    expect(started.PhysicalResourceId).toBe('d1/prod/importing:us-east-1_Pool1');
    expect(first).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['ImportBackendAuth']);
    expect(amplify.commandCalls(ImportBackendAuthCommand)[0].args[0].input.BackendEnvironmentName).toBe('prod');
  });

  test('the rollback of a move to another environment finds its own link where the old id names it: no conflict, no call', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ cognito1a2b3c4d: {} }));
    const { started, poll, runtime } = await deploy(update(PROPS, FINAL, { ...PROPS, EnvironmentName: 'prod' }));
    expect(started.PhysicalResourceId).toBe(FINAL);
    expect(await isComplete(importedBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: DATA, PhysicalResourceId: FINAL });
    expect(mutatingCalls()).toEqual([]);
  });
});

describe('imported auth Delete', () => {
  test('Delete only unlinks the user pool, found by its ids, at the first poll', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ cognito1a2b3c4d: {} }));
    amplify.on(DeleteBackendAuthCommand).resolves({ JobId: 'unlink-2' });

    const { started, poll, runtime } = await deploy(remove());
    expect(started).toEqual({ PhysicalResourceId: FINAL, AmplifyBackendWait: { startedAt: START } });
    expect(mutatingCalls()).toEqual([]);
    expect(await isComplete(importedBackendAuth, poll, runtime)).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth']);
    expect(amplify.commandCalls(DeleteBackendAuthCommand)[0].args[0].input).toEqual({ AppId: 'd1', BackendEnvironmentName: 'dev', ResourceName: 'cognito1a2b3c4d' });

    givenIdleEnvironment([ours('unlink-2', 'COMPLETED', 'DeleteBackendAuth')]);
    amplify.on(GetBackendCommand).resolves(meta());
    expect(await isComplete(importedBackendAuth, poll, nextPoll(runtime))).toEqual({ IsComplete: true, Data: {} });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth']);
  });

  test('Delete finds the link by its ids even after the service renamed the resource', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ cognitorenamed: {} }));
    amplify.on(DeleteBackendAuthCommand).resolves({ JobId: 'unlink-4' });
    await deployAndPoll(remove());
    expect(amplify.commandCalls(DeleteBackendAuthCommand)[0].args[0].input.ResourceName).toBe('cognitorenamed');
  });

  test('a Delete finds auth already gone, or a created user pool with the same ids, and touches nothing', async () => {
    for (const found of [meta(), meta({ userpool: { imported: false } })]) {
      amplify.on(GetBackendCommand).resolves(found);
      const { poll, runtime } = await deploy(remove());
      expect(await isComplete(importedBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    }
    expect(mutatingCalls()).toEqual([]);
  });

  test('the Delete of a provisional id (a rollback) unlinks what the import linked', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ cognito1a2b3c4d: {} }));
    amplify.on(DeleteBackendAuthCommand).resolves({ JobId: 'unlink-3' });
    const { first } = await deployAndPoll(remove(PROVISIONAL));
    expect(first).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth']);
    expect(amplify.commandCalls(DeleteBackendAuthCommand)[0].args[0].input.ResourceName).toBe('cognito1a2b3c4d');
  });
});
