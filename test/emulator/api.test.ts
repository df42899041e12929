import {
  BackendAPIResourceConfig,
  BadRequestException,
  CreateBackendAPICommand,
  DeleteBackendAPICommand,
  DeleteBackendAuthCommand,
  GenerateBackendAPIModelsCommand,
  GetBackendAPICommand,
  GetBackendAPIModelsCommand,
  GetBackendCommand,
  GetBackendJobCommand,
  NotFoundException,
  UpdateBackendAPICommand,
} from '@aws-sdk/client-amplifybackend';
import { APP_ID, createAuth, ENV, Harness, useEmulator } from './harness';

const SCHEMA = 'type Todo @model @auth(rules: [{ allow: public }]) {\n  id: ID!\n  name: String!\n  tags: [String]\n}\n';
const CONFIG: BackendAPIResourceConfig = {
  ApiName: 'todo',
  Service: 'AppSync',
  TransformSchema: SCHEMA,
  DefaultAuthType: { Mode: 'API_KEY', Settings: { ExpirationTime: 30, Description: 'public' } },
  AdditionalAuthTypes: [{ Mode: 'AWS_IAM' }],
};

const createApi = (h: Harness, config: BackendAPIResourceConfig = CONFIG, resourceName = 'todo') =>
  h.client.send(new CreateBackendAPICommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: resourceName, ResourceConfig: config }));
const updateApi = (h: Harness, config: BackendAPIResourceConfig) =>
  h.client.send(new UpdateBackendAPICommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'todo', ResourceConfig: config }));
const getApi = (h: Harness) => h.client.send(new GetBackendAPICommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'todo' }));
const models = (h: Harness) => h.client.send(new GetBackendAPIModelsCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'todo' }));
const generate = (h: Harness) => h.client.send(new GenerateBackendAPIModelsCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'todo' }));
const job = (h: Harness, jobId: string) => h.client.send(new GetBackendJobCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, JobId: jobId }));

describe('the API category', () => {
  const h = useEmulator();

  test('a created API reports its config, is listed in amplify-meta with its AppSync ids, and its models are STALE until generated', async () => {
    const { JobId: jobId, Operation: operation } = await createApi(h);
    expect(operation).toBe('CreateBackendAPI');
    expect((await job(h, jobId!)).Status).toBe('COMPLETED');
    expect((await getApi(h)).ResourceConfig).toEqual(CONFIG);

    const meta = JSON.parse((await h.client.send(new GetBackendCommand({ AppId: APP_ID, BackendEnvironmentName: ENV }))).AmplifyMetaConfig!);
    expect(meta.api.todo).toEqual({
      service: 'AppSync',
      providerPlugin: 'awscloudformation',
      output: {
        GraphQLAPIIdOutput: expect.stringMatching(/^[a-z0-9]{26}$/),
        GraphQLAPIEndpointOutput: expect.stringMatching(/^https:\/\/[a-z0-9]{26}\.appsync-api\.us-east-1\.amazonaws\.com\/graphql$/),
        GraphQLAPIKeyOutput: expect.stringMatching(/^da2-[a-z0-9]{26}$/),
      },
    });
    expect((await models(h)).Status).toBe('STALE');

    await generate(h);
    const generated = await models(h);
    expect(generated.Status).toBe('LATEST');
    expect(JSON.parse(generated.ModelIntrospectionSchema!).models.Todo.fields.name).toEqual({ name: 'name', type: 'String', isRequired: true, isArray: false });
  });

  test('a schema change leaves the models STALE; a change of the modes alone does not', async () => {
    await createApi(h);
    await generate(h);
    await updateApi(h, { ...CONFIG, AdditionalAuthTypes: [] });
    expect((await models(h)).Status).toBe('LATEST');
    await updateApi(h, { ...CONFIG, TransformSchema: `${SCHEMA}type Note @model { id: ID! }` });
    expect((await models(h)).Status).toBe('STALE');
  });

  test('an update replaces the config whole: what it leaves out (conflict resolution, a mode) is gone', async () => {
    await createApi(h, { ...CONFIG, ConflictResolution: { ResolutionStrategy: 'AUTOMERGE' } });
    await updateApi(h, { ...CONFIG, AdditionalAuthTypes: [] });
    const { ResourceConfig: config } = await getApi(h);
    expect(config?.ConflictResolution).toBeUndefined();
    expect(config?.AdditionalAuthTypes).toEqual([]);
  });

  test('a schema that does not parse fails the job with the parser\'s message and where; nothing is created', async () => {
    const { JobId: jobId } = await createApi(h, { ...CONFIG, TransformSchema: 'type Todo @model {\n  id: ID!\n' });
    const failed = await job(h, jobId!);
    expect(failed).toMatchObject({ Status: 'FAILED', Error: 'Failed to compile the GraphQL schema: Syntax Error: Expected Name, found <EOF>. (line 3, column 1)' });
    await expect(getApi(h)).rejects.toBeInstanceOf(NotFoundException);
  });

  test('a failed update keeps the API as it was', async () => {
    await createApi(h);
    const { JobId: jobId } = await updateApi(h, { ...CONFIG, TransformSchema: 'type {' });
    expect((await job(h, jobId!)).Status).toBe('FAILED');
    expect((await getApi(h)).ResourceConfig?.TransformSchema).toBe(SCHEMA);
  });

  test('an environment holds one API: a second create is refused', async () => {
    await createApi(h);
    await expect(createApi(h, CONFIG, 'other')).rejects.toThrow('Backend environment dev already has the API todo: an environment can have one GraphQL API.');
  });

  test('the user-pool mode needs the environment\'s auth, and only its user pool', async () => {
    const userPools: BackendAPIResourceConfig = { ...CONFIG, DefaultAuthType: { Mode: 'AMAZON_COGNITO_USER_POOLS' } };
    await expect(createApi(h, userPools)).rejects.toThrow('resourceConfig.defaultAuthType: AMAZON_COGNITO_USER_POOLS needs the auth category');
    await createAuth(h.client);
    await expect(createApi(h, { ...CONFIG, DefaultAuthType: { Mode: 'AMAZON_COGNITO_USER_POOLS', Settings: { CognitoUserPoolId: 'us-east-1_Other' } } }))
      .rejects.toThrow(/cognitoUserPoolId us-east-1_Other is not the user pool of backend environment dev/);
    await createApi(h, userPools);
    // Auth an API authorizes with cannot be removed before the API.
    await expect(h.client.send(new DeleteBackendAuthCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'userpool' })))
      .rejects.toThrow(/API todo authorizes with the user pool of auth resource userpool: remove the API/);
  });

  test.each([
    ['a mode twice', { AdditionalAuthTypes: [{ Mode: 'API_KEY' }] }, 'resourceConfig.additionalAuthTypes[0].mode API_KEY is given twice'],
    ['a key living 366 days', { DefaultAuthType: { Mode: 'API_KEY', Settings: { ExpirationTime: 366 } } }, 'expirationTime 366 is not a number of days from 1 to 365'],
    ['a key living half a day', { DefaultAuthType: { Mode: 'API_KEY', Settings: { ExpirationTime: 0.5 } } }, 'expirationTime 0.5 is not a number of days'],
    ['an API name with a hyphen', { ApiName: 'todo-api' }, 'Invalid resourceConfig.apiName "todo-api": an API name has letters and digits only.'],
  ])('%s is refused', async (_name, change, message) => {
    const attempt = createApi(h, { ...CONFIG, ...change } as BackendAPIResourceConfig);
    await expect(attempt).rejects.toBeInstanceOf(BadRequestException);
    await expect(attempt).rejects.toThrow(message);
  });

  test('model generation of an API removed meanwhile fails the job, as the service fails on a schema it cannot find', async () => {
    h.emulator.injectFault('DeleteBackendAPI', { kind: 'jobNeverFinishes' });
    await createApi(h);
    await h.client.send(new DeleteBackendAPICommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'todo' }));
    h.emulator.endNeverFinishingJobs({ appId: APP_ID, backendEnvironmentName: ENV });
    await expect(generate(h)).rejects.toBeInstanceOf(NotFoundException);
  });

  test('a world saved with an API goes on with it', async () => {
    await createApi(h);
    const image = h.emulator.saveWorld();
    expect(image.apps[0].environments[0].api).toMatchObject({ resourceName: 'todo', resourceConfig: { apiName: 'todo' }, models: { status: 'STALE' } });
    expect(h.emulator.inspect().environments[0].api?.outputs.GraphQLAPIIdOutput).toMatch(/^[a-z0-9]{26}$/);
  });
});
