import {
  BackendAPIResourceConfig,
  BackendJobRespObj,
  CreateBackendAPICommand,
  DeleteBackendAPICommand,
  GenerateBackendAPIModelsCommand,
  GetBackendAPICommand,
  GetBackendAPIModelsCommand,
  GetBackendCommand,
  GetBackendJobCommand,
  ListBackendJobsCommand,
  UpdateBackendAPICommand,
} from '@aws-sdk/client-amplifybackend';
import { amplify, nextPoll, notFound, pendingJobError, pollOf, request, serviceError, START, T0, testRuntime } from './harness';
import { amplifyBackendApi, planApi } from '../../lambda/amplify-backend-api';
import { ResourceRequest } from '../../lambda/events';
import { isComplete, onEvent } from '../../lambda/reconcile';
import { API_RESOURCE_TYPE } from '../../src/private/contract';

const SCHEMA = 'type Todo @model @auth(rules: [{ allow: owner }, { allow: public }]) { id: ID! name: String }';
/** The properties as CloudFormation sends them (numbers and booleans as strings). */
const PROPS = {
  AppId: 'd1',
  EnvironmentName: 'dev',
  ResourceName: 'todo',
  ApiName: 'todo',
  Schema: SCHEMA,
  DefaultAuthorization: { Mode: 'AMAZON_COGNITO_USER_POOLS', UserPoolId: 'us-east-1_Pool1' },
  AdditionalAuthorizations: { API_KEY: { Description: 'public', ExpirationDays: '365' } },
  GenerateModels: 'true',
};
const ID = 'd1/dev/todo';
/** The resource config the service gets for PROPS. */
const CONFIG: BackendAPIResourceConfig = {
  ApiName: 'todo',
  Service: 'AppSync',
  TransformSchema: SCHEMA,
  DefaultAuthType: { Mode: 'AMAZON_COGNITO_USER_POOLS', Settings: { CognitoUserPoolId: 'us-east-1_Pool1' } },
  AdditionalAuthTypes: [{ Mode: 'API_KEY', Settings: { Description: 'public', ExpirationTime: 365 } }],
};

const create = (props: Record<string, unknown> = PROPS) => request('Create', API_RESOURCE_TYPE, props);
const update = (props: Record<string, unknown>, old: Record<string, unknown> = PROPS, id = ID) =>
  request('Update', API_RESOURCE_TYPE, props, { OldResourceProperties: old, PhysicalResourceId: id });
const remove = (id = ID, props: Record<string, unknown> = PROPS) => request('Delete', API_RESOURCE_TYPE, props, { PhysicalResourceId: id });

const job = (jobId: string, operation: string, status: string, extra: Partial<BackendJobRespObj> = {}): BackendJobRespObj =>
  ({ AppId: 'd1', BackendEnvironmentName: 'dev', JobId: jobId, Operation: operation, Status: status, ...extra });

/** The environment as GetBackend reports it: its APIs (name → id) and its auth's user pool. */
function givenEnvironment(apis: Record<string, string> = {}, userPoolId?: string) {
  const meta: Record<string, unknown> = { providers: {} };
  if (userPoolId) meta.auth = { users: { service: 'Cognito', output: { UserPoolId: userPoolId } } };
  if (Object.keys(apis).length > 0) {
    meta.api = Object.fromEntries(Object.entries(apis).map(([name, id]) => [name, {
      service: 'AppSync', output: { GraphQLAPIIdOutput: id, GraphQLAPIEndpointOutput: `https://${id}.appsync-api.us-east-1.amazonaws.com/graphql` },
    }]));
  }
  amplify.on(GetBackendCommand).resolves({ AppId: 'd1', BackendEnvironmentName: 'dev', AmplifyMetaConfig: JSON.stringify(meta) });
}
function givenApi(config: BackendAPIResourceConfig = CONFIG, modelsStatus: 'LATEST' | 'STALE' = 'LATEST') {
  amplify.on(GetBackendAPICommand).resolves({ ResourceName: 'todo', ResourceConfig: config });
  amplify.on(GetBackendAPIModelsCommand).resolves({ Status: modelsStatus, Models: 'models' });
}
function givenJobs(jobs: BackendJobRespObj[] = []) {
  amplify.on(ListBackendJobsCommand).resolves({ Jobs: jobs });
}

/** Names of the calls that start jobs, in order. */
function jobCalls(): string[] {
  return amplify.calls()
    .map((call) => (call.args[0] as object).constructor.name.replace(/Command$/, ''))
    .filter((name) => /^(Create|Update|Delete|Generate)/.test(name));
}

beforeEach(() => {
  amplify.reset();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  givenJobs();
});

async function firstPoll(req: ResourceRequest, runtime = testRuntime()) {
  const started = await onEvent(amplifyBackendApi, req, runtime);
  return { started, poll: pollOf(req, started.PhysicalResourceId, started.AmplifyBackendWait), runtime: nextPoll(runtime) };
}

describe('API Create', () => {
  test('onEvent only looks; the first poll creates the API with its schema, modes (API key expiry in days) and the AppSync service', async () => {
    givenEnvironment({}, 'us-east-1_Pool1');
    amplify.on(CreateBackendAPICommand).resolves({ JobId: 'job-1', Status: 'RUNNING' });
    const { started, poll, runtime } = await firstPoll(create());
    expect(started).toEqual({ PhysicalResourceId: ID, AmplifyBackendWait: { startedAt: START } });
    expect(jobCalls()).toEqual([]);

    expect(await isComplete(amplifyBackendApi, poll, runtime)).toEqual({ IsComplete: false });
    expect(amplify.commandCalls(CreateBackendAPICommand)[0].args[0].input).toEqual({
      AppId: 'd1', BackendEnvironmentName: 'dev', ResourceName: 'todo', ResourceConfig: CONFIG,
    });
  });

  test('a user-pool mode that names no user pool gets the environment\'s, as GetBackend reports its auth', async () => {
    givenEnvironment({}, 'us-east-1_Console');
    amplify.on(CreateBackendAPICommand).resolves({ JobId: 'job-1' });
    const props = { ...PROPS, DefaultAuthorization: { Mode: 'AMAZON_COGNITO_USER_POOLS' } };
    const { poll, runtime } = await firstPoll(create(props));
    await isComplete(amplifyBackendApi, poll, runtime);
    expect(amplify.commandCalls(CreateBackendAPICommand)[0].args[0].input.ResourceConfig?.DefaultAuthType)
      .toEqual({ Mode: 'AMAZON_COGNITO_USER_POOLS', Settings: { CognitoUserPoolId: 'us-east-1_Console' } });
  });

  test('a user-pool mode in an environment without auth is refused at onEvent, nothing started', async () => {
    givenEnvironment();
    await expect(onEvent(amplifyBackendApi, create({ ...PROPS, DefaultAuthorization: { Mode: 'AMAZON_COGNITO_USER_POOLS' } }), testRuntime()))
      .rejects.toThrow('API "todo" (app d1, environment dev): the API authorizes with the user pool (AMAZON_COGNITO_USER_POOLS), but the environment has no auth');
    expect(jobCalls()).toEqual([]);
  });

  test('IAM and OIDC modes carry their settings; OIDC token lifetimes go as text, as the service takes them', async () => {
    givenEnvironment();
    amplify.on(CreateBackendAPICommand).resolves({ JobId: 'job-1' });
    const props = {
      ...PROPS,
      DefaultAuthorization: { Mode: 'AWS_IAM' },
      AdditionalAuthorizations: {
        OPENID_CONNECT: { ProviderName: 'Auth0', IssuerUrl: 'https://auth.example.com/', ClientId: 'c1', TokenExpiryFromAuth: '3600000' },
      },
      ConflictResolution: 'AUTOMERGE',
    };
    const { poll, runtime } = await firstPoll(create(props));
    await isComplete(amplifyBackendApi, poll, runtime);
    const config = amplify.commandCalls(CreateBackendAPICommand)[0].args[0].input.ResourceConfig;
    expect(config?.DefaultAuthType).toEqual({ Mode: 'AWS_IAM', Settings: undefined });
    expect(config?.AdditionalAuthTypes).toEqual([{
      Mode: 'OPENID_CONNECT',
      Settings: { OpenIDProviderName: 'Auth0', OpenIDIssueURL: 'https://auth.example.com/', OpenIDClientId: 'c1', OpenIDAuthTTL: '3600000' },
    }]);
    expect(config?.ConflictResolution).toEqual({ ResolutionStrategy: 'AUTOMERGE' });
  });

  test('once the create COMPLETED the poll generates the models; once they are generated it is done with the ids the environment reports', async () => {
    givenEnvironment({ todo: 'api123' }, 'us-east-1_Pool1');
    givenApi(CONFIG, 'STALE');
    givenJobs([job('job-1', 'CreateBackendAPI', 'COMPLETED', { CreateTime: String(T0 + 10) })]);
    amplify.on(GenerateBackendAPIModelsCommand).resolves({ JobId: 'gen-1', Status: 'RUNNING' });
    const poll = pollOf(create(), ID, { startedAt: T0 });
    expect(await isComplete(amplifyBackendApi, poll, testRuntime())).toEqual({ IsComplete: false });
    expect(jobCalls()).toEqual(['GenerateBackendAPIModels']);
    expect(amplify.commandCalls(GenerateBackendAPIModelsCommand)[0].args[0].input).toEqual({ AppId: 'd1', BackendEnvironmentName: 'dev', ResourceName: 'todo' });

    amplify.resetHistory();
    givenApi(CONFIG, 'LATEST');
    givenJobs([
      job('job-1', 'CreateBackendAPI', 'COMPLETED', { CreateTime: String(T0 + 10) }),
      job('gen-1', 'GenerateBackendAPIModels', 'COMPLETED', { CreateTime: String(T0 + 20) }),
    ]);
    expect(await isComplete(amplifyBackendApi, poll, testRuntime())).toEqual({
      IsComplete: true,
      Data: { ResourceName: 'todo', GraphQLApiId: 'api123', GraphQLApiEndpoint: 'https://api123.appsync-api.us-east-1.amazonaws.com/graphql' },
    });
    expect(jobCalls()).toEqual([]);
  });

  test('a create COMPLETED after this request generated models generates them again: the models follow the last change', async () => {
    givenEnvironment({ todo: 'api123' }, 'us-east-1_Pool1');
    givenApi(CONFIG, 'LATEST');
    givenJobs([
      job('gen-0', 'GenerateBackendAPIModels', 'COMPLETED', { CreateTime: String(T0 + 10) }),
      job('job-1', 'CreateBackendAPI', 'COMPLETED', { CreateTime: String(T0 + 20) }),
    ]);
    amplify.on(GenerateBackendAPIModelsCommand).resolves({ JobId: 'gen-1' });
    expect(await isComplete(amplifyBackendApi, pollOf(create(), ID, { startedAt: T0 }), testRuntime())).toEqual({ IsComplete: false });
    expect(jobCalls()).toEqual(['GenerateBackendAPIModels']);
  });

  test('generateModels false: done as soon as the API is as declared, whatever the models\' status', async () => {
    givenEnvironment({ todo: 'api123' }, 'us-east-1_Pool1');
    givenApi(CONFIG, 'STALE');
    givenJobs([job('job-1', 'CreateBackendAPI', 'COMPLETED', { CreateTime: String(T0 + 10) })]);
    const result = await isComplete(amplifyBackendApi, pollOf(create({ ...PROPS, GenerateModels: 'false' }), ID, { startedAt: T0 }), testRuntime());
    expect(result.IsComplete).toBe(true);
    expect(jobCalls()).toEqual([]);
    expect(amplify.commandCalls(GetBackendAPIModelsCommand)).toHaveLength(0);
  });

  test('a FAILED create fails the deployment with the service\'s text, naming app, environment and API', async () => {
    givenEnvironment({}, 'us-east-1_Pool1');
    givenJobs([job('job-1', 'CreateBackendAPI', 'FAILED', { CreateTime: String(T0 + 10), Error: 'Schema validation failed: Unknown type Tod' })]);
    await expect(isComplete(amplifyBackendApi, pollOf(create(), ID, { startedAt: T0 }), testRuntime()))
      .rejects.toThrow('API "todo" (app d1, environment dev): CreateBackendAPI job job-1 FAILED: Schema validation failed: Unknown type Tod');
    expect(jobCalls()).toEqual([]);
  });

  test('a FAILED model generation fails the deployment with the service\'s text', async () => {
    givenEnvironment({ todo: 'api123' }, 'us-east-1_Pool1');
    givenApi(CONFIG, 'STALE');
    givenJobs([
      job('job-1', 'CreateBackendAPI', 'COMPLETED', { CreateTime: String(T0 + 10) }),
      job('gen-1', 'GenerateBackendAPIModels', 'FAILED', { CreateTime: String(T0 + 20), Error: 'Could not find the schema of api todo' }),
    ]);
    await expect(isComplete(amplifyBackendApi, pollOf(create(), ID, { startedAt: T0 }), testRuntime()))
      .rejects.toThrow('API "todo" (app d1, environment dev): GenerateBackendAPIModels job gen-1 FAILED: Could not find the schema of api todo');
  });

  test('a job that FAILED with no text says the service gave none', async () => {
    givenEnvironment({}, 'us-east-1_Pool1');
    amplify.on(GetBackendJobCommand).resolves(job('job-1', 'CreateBackendAPI', 'FAILED'));
    await expect(isComplete(amplifyBackendApi, pollOf(create(), ID, { startedAt: T0, jobId: 'job-1' }), testRuntime()))
      .rejects.toThrow('CreateBackendAPI job job-1 FAILED: (the service gave no reason)');
  });

  test('an API of that name found before anything started is refused, naming adopt', async () => {
    givenEnvironment({ todo: 'api123' }, 'us-east-1_Pool1');
    givenApi();
    await expect(onEvent(amplifyBackendApi, create(), testRuntime()))
      .rejects.toThrow('an API named "todo" already exists in the environment; declare another resourceName, remove the existing API first, or take it over as declared with adopt: true');
  });

  test('with adopt, an API of that name is taken over: the id says adopted, and what differs is updated', async () => {
    givenEnvironment({ todo: 'api123' }, 'us-east-1_Pool1');
    givenApi({ ...CONFIG, TransformSchema: 'type Todo @model { id: ID! }' });
    const started = await onEvent(amplifyBackendApi, create({ ...PROPS, Adopt: 'true' }), testRuntime());
    expect(started.PhysicalResourceId).toBe('d1/dev/todo (adopted)');
    expect(jobCalls()).toEqual([]);
  });

  test('with adopt, an API already as declared is taken over with nothing sent', async () => {
    givenEnvironment({ todo: 'api123' }, 'us-east-1_Pool1');
    givenApi();
    const started = await onEvent(amplifyBackendApi, create({ ...PROPS, Adopt: 'true' }), testRuntime());
    expect(started.PhysicalResourceId).toBe('d1/dev/todo (adopted)');
    const result = await isComplete(amplifyBackendApi, pollOf(create({ ...PROPS, Adopt: 'true' }), started.PhysicalResourceId, started.AmplifyBackendWait), testRuntime());
    expect(result).toEqual({ IsComplete: true, Data: expect.objectContaining({ GraphQLApiId: 'api123' }) });
    expect(jobCalls()).toEqual([]);
  });

  test('another API in the environment is refused: an environment holds one', async () => {
    givenEnvironment({ studio: 'api9' }, 'us-east-1_Pool1');
    await expect(onEvent(amplifyBackendApi, create(), testRuntime()))
      .rejects.toThrow('the environment already has the API "studio" and holds one');
  });

  test('a "pending job" rejection waits and tries again on a later poll', async () => {
    givenEnvironment({}, 'us-east-1_Pool1');
    amplify.on(CreateBackendAPICommand).rejectsOnce(pendingJobError()).resolves({ JobId: 'job-2' });
    const { poll, runtime } = await firstPoll(create());
    expect(await isComplete(amplifyBackendApi, poll, runtime)).toEqual({ IsComplete: false });
    expect(await isComplete(amplifyBackendApi, poll, nextPoll(runtime))).toEqual({ IsComplete: false });
    expect(jobCalls()).toEqual(['CreateBackendAPI', 'CreateBackendAPI']);
  });

  test.each([
    ['throttling', serviceError('TooManyRequestsException', 429, 'Rate exceeded')],
    ['a 504', serviceError('GatewayTimeoutException', 504, 'Gateway timeout')],
  ])('%s while reading the API means not complete yet', async (_name, error) => {
    givenEnvironment({ todo: 'api123' }, 'us-east-1_Pool1');
    amplify.on(GetBackendAPICommand).rejects(error);
    expect(await isComplete(amplifyBackendApi, pollOf(create(), ID, { startedAt: T0 }), testRuntime())).toEqual({ IsComplete: false });
  });

  test('a refused create fails at once with the service text', async () => {
    givenEnvironment({}, 'us-east-1_Pool1');
    amplify.on(CreateBackendAPICommand).rejects(serviceError('BadRequestException', 400, 'resourceConfig.defaultAuthType.mode must be one of ...'));
    const { poll, runtime } = await firstPoll(create());
    await expect(isComplete(amplifyBackendApi, poll, runtime))
      .rejects.toThrow('API "todo" (app d1, environment dev): BadRequestException: resourceConfig.defaultAuthType.mode must be one of ...');
  });
});

describe('API Update', () => {
  test('a schema change updates in place, sending every setting', async () => {
    givenEnvironment({ todo: 'api123' }, 'us-east-1_Pool1');
    givenApi();
    amplify.on(UpdateBackendAPICommand).resolves({ JobId: 'job-2' });
    const schema = `${SCHEMA}\ntype Note @model { id: ID! }`;
    const { started, poll, runtime } = await firstPoll(update({ ...PROPS, Schema: schema }));
    expect(started.PhysicalResourceId).toBe(ID);
    await isComplete(amplifyBackendApi, poll, runtime);
    expect(amplify.commandCalls(UpdateBackendAPICommand)[0].args[0].input).toEqual({
      AppId: 'd1', BackendEnvironmentName: 'dev', ResourceName: 'todo', ResourceConfig: { ...CONFIG, TransformSchema: schema },
    });
  });

  test('a schema changed only in whitespace and comments is the same document: nothing is sent', async () => {
    givenEnvironment({ todo: 'api123' }, 'us-east-1_Pool1');
    givenApi();
    const reformatted = '# Todos\ntype Todo\n  @model\n  @auth(rules: [{allow: owner}, {allow: public}]) {\n  id: ID!\n  name: String\n}\n';
    const result = await isComplete(amplifyBackendApi, pollOf(update({ ...PROPS, Schema: reformatted }), ID, { startedAt: T0 }), testRuntime());
    expect(result.IsComplete).toBe(true);
    expect(jobCalls()).toEqual([]);
  });

  test('removing an additional mode and changing the default sends the whole new list', async () => {
    givenEnvironment({ todo: 'api123' }, 'us-east-1_Pool1');
    givenApi();
    amplify.on(UpdateBackendAPICommand).resolves({ JobId: 'job-2' });
    const { poll, runtime } = await firstPoll(update({ ...PROPS, DefaultAuthorization: { Mode: 'API_KEY', ExpirationDays: '30' }, AdditionalAuthorizations: {} }));
    await isComplete(amplifyBackendApi, poll, runtime);
    const config = amplify.commandCalls(UpdateBackendAPICommand)[0].args[0].input.ResourceConfig;
    expect(config?.DefaultAuthType).toEqual({ Mode: 'API_KEY', Settings: { ExpirationTime: 30 } });
    expect(config?.AdditionalAuthTypes).toEqual([]);
  });

  test('a conflict resolution change updates in place; its removal sends none', async () => {
    givenEnvironment({ todo: 'api123' }, 'us-east-1_Pool1');
    givenApi({ ...CONFIG, ConflictResolution: { ResolutionStrategy: 'AUTOMERGE' } });
    amplify.on(UpdateBackendAPICommand).resolves({ JobId: 'job-2' });
    const { poll, runtime } = await firstPoll(update(PROPS, { ...PROPS, ConflictResolution: 'AUTOMERGE' }));
    await isComplete(amplifyBackendApi, poll, runtime);
    expect(amplify.commandCalls(UpdateBackendAPICommand)[0].args[0].input.ResourceConfig?.ConflictResolution).toBeUndefined();
  });

  test('additional modes compare as a set: the same modes in another order are no change', async () => {
    givenEnvironment({ todo: 'api123' }, 'us-east-1_Pool1');
    givenApi({ ...CONFIG, AdditionalAuthTypes: [{ Mode: 'AWS_IAM' }, ...CONFIG.AdditionalAuthTypes!] });
    const props = { ...PROPS, AdditionalAuthorizations: { ...PROPS.AdditionalAuthorizations, AWS_IAM: {} } };
    const result = await isComplete(amplifyBackendApi, pollOf(update(props), ID, { startedAt: T0 }), testRuntime());
    expect(result.IsComplete).toBe(true);
  });

  test('after its update COMPLETED the request generates the models, even if the service still says LATEST', async () => {
    givenEnvironment({ todo: 'api123' }, 'us-east-1_Pool1');
    givenApi(CONFIG, 'LATEST');
    givenJobs([job('job-2', 'UpdateBackendAPI', 'COMPLETED', { CreateTime: String(T0 + 10) })]);
    amplify.on(GenerateBackendAPIModelsCommand).resolves({ JobId: 'gen-2' });
    expect(await isComplete(amplifyBackendApi, pollOf(update(PROPS), ID, { startedAt: T0 }), testRuntime())).toEqual({ IsComplete: false });
    expect(jobCalls()).toEqual(['GenerateBackendAPIModels']);
  });

  test('models someone else left STALE are generated once by a deploy that changes nothing; STALE after that is reported done', async () => {
    givenEnvironment({ todo: 'api123' }, 'us-east-1_Pool1');
    givenApi(CONFIG, 'STALE');
    amplify.on(GenerateBackendAPIModelsCommand).resolves({ JobId: 'gen-3' });
    expect(await isComplete(amplifyBackendApi, pollOf(update(PROPS), ID, { startedAt: T0 }), testRuntime())).toEqual({ IsComplete: false });
    expect(jobCalls()).toEqual(['GenerateBackendAPIModels']);

    amplify.resetHistory();
    givenJobs([job('gen-3', 'GenerateBackendAPIModels', 'COMPLETED', { CreateTime: String(T0 + 10) })]);
    expect((await isComplete(amplifyBackendApi, pollOf(update(PROPS), ID, { startedAt: T0 }), testRuntime())).IsComplete).toBe(true);
    expect(jobCalls()).toEqual([]);
  });

  test('a rename removes the old API first (one per environment), then creates the new one', async () => {
    givenEnvironment({ todo: 'api123' }, 'us-east-1_Pool1');
    amplify.on(GetBackendAPICommand).rejects(notFound());
    amplify.on(DeleteBackendAPICommand).resolves({ JobId: 'del-1' });
    const renamed = { ...PROPS, ResourceName: 'tasks', ApiName: 'tasks' };
    const { started, poll, runtime } = await firstPoll(update(renamed));
    expect(started.PhysicalResourceId).toBe('d1/dev/tasks');
    await isComplete(amplifyBackendApi, poll, runtime);
    expect(jobCalls()).toEqual(['DeleteBackendAPI']);
    expect(amplify.commandCalls(DeleteBackendAPICommand)[0].args[0].input).toEqual({ AppId: 'd1', BackendEnvironmentName: 'dev', ResourceName: 'todo' });
  });

  test('renaming an API the stack took over is refused before anything starts', async () => {
    givenEnvironment({ todo: 'api123' }, 'us-east-1_Pool1');
    await expect(onEvent(amplifyBackendApi, update({ ...PROPS, ResourceName: 'tasks' }, PROPS, 'd1/dev/todo (adopted)'), testRuntime()))
      .rejects.toThrow('Renaming the API to "tasks" would first remove the API "todo", which this stack took over (adopt)');
    expect(jobCalls()).toEqual([]);
  });

  test('a new environment is a replacement: the new API gets a new id; CloudFormation deletes the old one', () => {
    const plan = planApi(update({ ...PROPS, EnvironmentName: 'prod' }));
    expect(plan).toMatchObject({ physicalResourceId: 'd1/prod/todo', remove: [], isNew: true });
  });

  test.each([
    ['an unknown default mode', { DefaultAuthorization: { Mode: 'AWS_LAMBDA' } }, 'property DefaultAuthorization.Mode has "AWS_LAMBDA"'],
    ['an unknown additional mode', { AdditionalAuthorizations: { LAMBDA: {} } }, 'property AdditionalAuthorizations has the mode "LAMBDA"'],
    ['an unknown strategy', { ConflictResolution: 'LAST_WRITER' }, 'property ConflictResolution has "LAST_WRITER"'],
    ['a key expiry that is not a number', { AdditionalAuthorizations: { API_KEY: { ExpirationDays: 'soon' } } }, 'AdditionalAuthorizations.API_KEY.ExpirationDays must be a whole number'],
  ])('%s is refused before anything is called', async (_name, change, message) => {
    await expect(onEvent(amplifyBackendApi, create({ ...PROPS, ...change }), testRuntime())).rejects.toThrow(message);
    expect(amplify.calls()).toHaveLength(0);
  });
});

describe('API Delete', () => {
  test('removes the API with DeleteBackendAPI', async () => {
    givenEnvironment({ todo: 'api123' }, 'us-east-1_Pool1');
    amplify.on(DeleteBackendAPICommand).resolves({ JobId: 'del-1' });
    const { poll, runtime } = await firstPoll(remove());
    expect(await isComplete(amplifyBackendApi, poll, runtime)).toEqual({ IsComplete: false });
    expect(jobCalls()).toEqual(['DeleteBackendAPI']);
  });

  test('an API already gone (or its environment) is deleted: done with no call', async () => {
    amplify.on(GetBackendCommand).rejects(notFound());
    expect(await isComplete(amplifyBackendApi, pollOf(remove(), ID, { startedAt: T0 }), testRuntime())).toEqual({ IsComplete: true, Data: {} });
    expect(jobCalls()).toEqual([]);
  });

  test('an API the stack took over is forgotten, never removed', async () => {
    const { poll, runtime } = await firstPoll(remove('d1/dev/todo (adopted)'));
    expect(await isComplete(amplifyBackendApi, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    expect(amplify.calls()).toHaveLength(0);
  });

  test('a FAILED delete fails with the service\'s text', async () => {
    givenEnvironment({ todo: 'api123' }, 'us-east-1_Pool1');
    givenJobs([job('del-1', 'DeleteBackendAPI', 'FAILED', { CreateTime: String(T0 + 10), Error: 'Stack is in UPDATE_IN_PROGRESS state' })]);
    await expect(isComplete(amplifyBackendApi, pollOf(remove(), ID, { startedAt: T0 }), testRuntime()))
      .rejects.toThrow('API "todo" (app d1, environment dev): DeleteBackendAPI job del-1 FAILED: Stack is in UPDATE_IN_PROGRESS state');
  });
});
