import { DeleteBackendAuthCommand, GetBackendCommand, GetBackendJobCommand, ImportBackendAuthCommand, ListBackendJobsCommand } from '@aws-sdk/client-amplifybackend';
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

async function deploy(req: ResourceRequest, runtime = testRuntime()) {
  const started = await onEvent(importedBackendAuth, req, runtime);
  return { started, poll: pollOf(req, started.PhysicalResourceId, started.AmplifyBackendWait), runtime: nextPoll(runtime) };
}

beforeEach(() => {
  amplify.reset();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  amplify.on(ListBackendJobsCommand).resolves({ Jobs: [] });
});

describe('imported auth Create', () => {
  test('the user pool, its clients and the identity pool are imported, and the generated name becomes the final id', async () => {
    amplify.on(GetBackendCommand).resolvesOnce(meta()).resolvesOnce(meta()).resolves(meta({ cognito1a2b3c4d: {} }));
    amplify.on(ImportBackendAuthCommand).resolves({ JobId: 'imp-1' });
    amplify.on(GetBackendJobCommand).resolves({ JobId: 'imp-1', Operation: 'ImportBackendAuth', Status: 'COMPLETED' });

    const { started, poll, runtime } = await deploy(create());
    expect(started).toEqual({ PhysicalResourceId: PROVISIONAL, AmplifyBackendWait: { startedAt: START, jobId: 'imp-1' } });
    expect(amplify.commandCalls(ImportBackendAuthCommand)[0].args[0].input).toEqual({
      AppId: 'd1', BackendEnvironmentName: 'dev', UserPoolId: 'us-east-1_Pool1', WebClientId: 'web1', NativeClientId: 'native1', IdentityPoolId: 'us-east-1:ident-1',
    });

    expect(await isComplete(importedBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: DATA, PhysicalResourceId: FINAL });
  });

  test('without an identity pool none is sent, and the attribute is empty', async () => {
    const { IdentityPoolId: _none, ...userPoolOnly } = PROPS;
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

  test('an environment that does not exist lists no auth: the import is tried and the service answers', async () => {
    amplify.on(GetBackendCommand).rejects(notFound());
    amplify.on(ImportBackendAuthCommand).rejects(notFound());
    await expect(deploy(create())).rejects.toThrow('NotFoundException: Requested resource not found');
  });
});

describe('imported auth Update', () => {
  test('unchanged ids need nothing', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ cognito1a2b3c4d: {} }));
    const { poll, runtime } = await deploy(update(PROPS));
    expect(await isComplete(importedBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: DATA, PhysicalResourceId: FINAL });
    expect(mutatingCalls()).toEqual([]);
  });

  test('another identity pool unlinks the old link first, then imports the new one (the same user pool)', async () => {
    const other = { ...PROPS, IdentityPoolId: 'us-east-1:ident-2' };
    amplify.on(GetBackendCommand).resolves(meta({ cognito1a2b3c4d: {} }));
    amplify.on(DeleteBackendAuthCommand).resolves({ JobId: 'unlink-1' });
    amplify.on(ImportBackendAuthCommand).resolves({ JobId: 'imp-2' });

    const { poll, runtime } = await deploy(update(other));
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth']);
    expect(amplify.commandCalls(DeleteBackendAuthCommand)[0].args[0].input).toEqual({ AppId: 'd1', BackendEnvironmentName: 'dev', ResourceName: 'cognito1a2b3c4d' });

    amplify.on(GetBackendJobCommand).resolves({ JobId: 'unlink-1', Operation: 'DeleteBackendAuth', Status: 'COMPLETED' });
    amplify.on(GetBackendCommand).resolves(meta());
    expect(await isComplete(importedBackendAuth, poll, runtime)).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth', 'ImportBackendAuth']);

    // The new link is found: its generated name makes a new id, and CloudFormation's Delete of the old id finds nothing.
    amplify.on(GetBackendCommand).resolves(meta({ cognito9f8e7d6c: { identityPool: 'us-east-1:ident-2' } }));
    expect(await isComplete(importedBackendAuth, poll, runtime)).toMatchObject({ IsComplete: true, PhysicalResourceId: 'd1/dev/cognito9f8e7d6c' });
    const { poll: deletePoll, runtime: deleteRuntime } = await deploy(remove(FINAL, PROPS));
    expect(await isComplete(importedBackendAuth, deletePoll, deleteRuntime)).toEqual({ IsComplete: true, Data: {} });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth', 'ImportBackendAuth']);
  });
});

describe('imported auth Delete', () => {
  test('Delete only unlinks the user pool, found by its ids', async () => {
    amplify.on(GetBackendCommand).resolvesOnce(meta({ cognito1a2b3c4d: {} })).resolvesOnce(meta({ cognito1a2b3c4d: {} })).resolves(meta());
    amplify.on(DeleteBackendAuthCommand).resolves({ JobId: 'unlink-2' });
    amplify.on(GetBackendJobCommand).resolves({ JobId: 'unlink-2', Operation: 'DeleteBackendAuth', Status: 'COMPLETED' });

    const { poll, runtime } = await deploy(remove());
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth']);
    expect(await isComplete(importedBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
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
    await deploy(remove(PROVISIONAL));
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth']);
  });
});
