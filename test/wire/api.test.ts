import { AmplifyBackendClient, CreateBackendAPICommand } from '@aws-sdk/client-amplifybackend';
import { CfnOutput, Duration, Expiration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { callsWhilePending, localDeployment, synth } from './harness';
import { EmulatorSnapshot, RecordedRequest } from '../../local/emulator';
import { checkValue, operationModel } from '../../local/emulator/service-model';
import { customResources, StackArtifact, StackResult } from '../../local/runner';
import { AmplifyBackend, ApiAuthorization, ApiSchema, ConflictResolutionStrategy } from '../../src';

jest.setTimeout(60_000);

const SCHEMA = 'type Todo @model @auth(rules: [{ allow: owner }, { allow: public, operations: [read] }]) {\n  id: ID!\n  name: String!\n}\n';
const API_OPERATIONS = ['CreateBackendAPI', 'UpdateBackendAPI', 'DeleteBackendAPI', 'GetBackendAPI', 'GenerateBackendAPIModels', 'GetBackendAPIModels'];

interface Version {
  readonly schema?: string;
  readonly iam?: boolean;
  readonly apiKey?: boolean;
  readonly conflictResolution?: ConflictResolutionStrategy;
  readonly generateModels?: boolean;
  readonly adopt?: boolean;
}

/** The README's API: a new environment with auth, a user-pool default, an API key for public reads, a Lambda granted queries. */
const app = (version: Version = {}): StackArtifact => synth((cdkApp) => {
  const stack = new Stack(cdkApp, 'Todos');
  const staging = new AmplifyBackend(stack, 'Staging', { appId: 'd1', appName: 'todos', environmentName: 'staging', removalPolicy: RemovalPolicy.DESTROY });
  staging.addAuth('Users', { resourceName: 'todousers' });
  const api = staging.addApi('Api', {
    resourceName: 'todo',
    schema: ApiSchema.fromString(version.schema ?? SCHEMA),
    defaultAuthorization: ApiAuthorization.userPool(),
    additionalAuthorizations: [
      ...version.apiKey === false ? [] : [ApiAuthorization.apiKey({ description: 'public reads', expires: Expiration.after(Duration.days(365)) })],
      ...version.iam ? [ApiAuthorization.iam()] : [],
    ],
    conflictResolution: version.conflictResolution,
    generateModels: version.generateModels,
    adopt: version.adopt,
  });
  const reader = new lambda.Function(stack, 'Reader', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'),
  });
  api.grantQuery(reader, 'listTodos');
  new CfnOutput(stack, 'GraphqlUrl', { value: api.graphqlUrl });
});

const status = (result: StackResult) => [result.status, ...result.failures.map((failure) => `${failure.logicalId}: ${failure.reason}`)].join(' | ');
const apiOf = (snapshot: EmulatorSnapshot) => snapshot.environments.find((env) => env.backendEnvironmentName === 'staging')?.api;
const apiCalls = (requests: RecordedRequest[], since = 0) => requests.slice(since)
  .filter((request) => request.operation !== undefined && /API/.test(request.operation) && request.mutating)
  .map((request) => request.operation);

describe('the API on the emulator, through the shipped bundle', () => {
  test('created with its auth, updated in place (schema, modes, conflict resolution), models LATEST after every deploy, '
    + 'every API request as the SDK\'s model has it, and destroyed', async () => {
    const local = await localDeployment();
    try {
      const created = await local.deploy(app());
      expect(status(created)).toBe('CREATE_COMPLETE');
      const api = apiOf(local.emulator.inspect())!;
      expect(api.models.status).toBe('LATEST');
      expect(api.resourceConfig).toMatchObject({
        apiName: 'todo',
        defaultAuthType: { mode: 'AMAZON_COGNITO_USER_POOLS', settings: { cognitoUserPoolId: expect.stringMatching(/^us-east-1_/) } },
        additionalAuthTypes: [{ mode: 'API_KEY', settings: { description: 'public reads', expirationTime: 365 } }],
      });
      expect(apiCalls(local.emulator.requests())).toEqual(['CreateBackendAPI', 'GenerateBackendAPIModels']);
      const resource = customResources(created.state).find((r) => r.type === 'Custom::AmplifyBackendApi')!;
      expect(resource.physicalResourceId).toBe('d1/staging/todo');
      expect(resource.attributes.GraphQLApiId).toBe(api.outputs.GraphQLAPIIdOutput);
      expect(local.outputs('Todos').GraphqlUrl).toBe(api.outputs.GraphQLAPIEndpointOutput);

      const schema = `${SCHEMA}type Note @model @auth(rules: [{ allow: owner }]) { id: ID! }\n`;
      const steps: Array<[string, Version, string[]]> = [
        ['a schema change', { schema }, ['UpdateBackendAPI', 'GenerateBackendAPIModels']],
        ['an auth-mode change', { schema, iam: true }, ['UpdateBackendAPI', 'GenerateBackendAPIModels']],
        ['a conflict-resolution change', { schema, iam: true, conflictResolution: ConflictResolutionStrategy.AUTOMERGE }, ['UpdateBackendAPI', 'GenerateBackendAPIModels']],
        ['the same schema reformatted', { schema: schema.replace(/\n {2}/g, '\n    '), iam: true, conflictResolution: ConflictResolutionStrategy.AUTOMERGE }, []],
      ];
      for (const [name, version, calls] of steps) {
        const before = local.emulator.requests().length;
        const result = await local.deploy(app(version));
        expect(`${name}: ${status(result)}`).toBe(`${name}: UPDATE_COMPLETE`);
        expect(`${name}: ${apiCalls(local.emulator.requests(), before).join(', ')}`).toBe(`${name}: ${calls.join(', ')}`);
        expect(apiOf(local.emulator.inspect())!.models.status).toBe('LATEST');
        expect(customResources(result.state).find((r) => r.type === 'Custom::AmplifyBackendApi')!.physicalResourceId).toBe('d1/staging/todo');
      }
      const final = apiOf(local.emulator.inspect())!.resourceConfig;
      expect(final.additionalAuthTypes).toEqual([{ mode: 'API_KEY', settings: { description: 'public reads', expirationTime: 365 } }, { mode: 'AWS_IAM' }]);
      expect(final.conflictResolution).toEqual({ resolutionStrategy: 'AUTOMERGE' });

      const requests = local.emulator.requests().filter((request) => API_OPERATIONS.includes(request.operation ?? ''));
      expect(new Set(requests.map((request) => request.operation))).toEqual(new Set(API_OPERATIONS.filter((operation) => operation !== 'DeleteBackendAPI')));
      for (const request of requests) expect(() => checkValue(operationModel(request.operation!).body, request.body, '')).not.toThrow();
      // The same check refuses a body missing a required member, with a member the model does not have, or outside an enum.
      const create = requests.find((request) => request.operation === 'CreateBackendAPI')!.body as Record<string, any>;
      const check = (body: unknown) => () => checkValue(operationModel('CreateBackendAPI').body, body, '');
      const { resourceName: _name, ...withoutName } = create;
      expect(check(withoutName)).toThrow('Missing required key resourceName.');
      expect(check({ ...create, resourceConfig: { ...create.resourceConfig, schema: 'type A { id: ID }' } })).toThrow('Unknown key resourceConfig.schema: ');
      expect(check({ ...create, resourceConfig: { ...create.resourceConfig, defaultAuthType: { mode: 'AWS_LAMBDA' } } }))
        .toThrow('resourceConfig.defaultAuthType.mode must be one of AMAZON_COGNITO_USER_POOLS, API_KEY, AWS_IAM, OPENID_CONNECT, got "AWS_LAMBDA".');

      expect(status(await local.destroy('Todos'))).toBe('DELETE_COMPLETE');
      expect(local.emulator.inspect().environments.find((env) => env.backendEnvironmentName === 'staging')).toBeUndefined();
      expect(callsWhilePending(local.emulator.requests())).toEqual([]);
    } finally {
      await local.close();
    }
  });

  test('generateModels false leaves the models to Studio: no GenerateBackendAPIModels', async () => {
    const local = await localDeployment();
    try {
      expect(status(await local.deploy(app({ generateModels: false })))).toBe('CREATE_COMPLETE');
      expect(apiCalls(local.emulator.requests())).toEqual(['CreateBackendAPI']);
      expect(apiOf(local.emulator.inspect())!.models.status).toBe('STALE');
    } finally {
      await local.close();
    }
  });

  test('a FAILED job fails the deployment with the service\'s text, and the rollback leaves no API', async () => {
    const local = await localDeployment();
    try {
      local.emulator.injectFault('GenerateBackendAPIModels', { kind: 'jobFails', error: 'Could not find a schema for the API in the environment' });
      const result = await local.deploy(app());
      expect(result.status).toBe('ROLLBACK_COMPLETE');
      expect(result.failures[0].reason).toMatch(
        /^API "todo" \(app d1, environment staging\): GenerateBackendAPIModels job \S+ FAILED: Could not find a schema for the API in the environment(\n|$)/);
      expect(local.emulator.inspect().environments.find((env) => env.backendEnvironmentName === 'staging')).toBeUndefined();
    } finally {
      await local.close();
    }
  });

  test('an API made in Studio is refused, and with adopt taken over as declared; the stack never removes it', async () => {
    const local = await localDeployment({ emulator: { environments: [{ appId: 'd1', backendEnvironmentName: 'dev', auth: {} }] } });
    const stack = (adopt?: boolean) => synth((cdkApp) => {
      AmplifyBackend.fromEnvironmentAttributes(new Stack(cdkApp, 'Dev'), 'Dev', { appId: 'd1', environmentName: 'dev' })
        .addApi('Api', {
          resourceName: 'studio',
          schema: ApiSchema.fromString(SCHEMA),
          defaultAuthorization: ApiAuthorization.userPool(),
          additionalAuthorizations: [ApiAuthorization.apiKey()],
          adopt,
        });
    });
    try {
      const client = new AmplifyBackendClient({ ...local.emulator.clientConfig(), maxAttempts: 1 });
      await client.send(new CreateBackendAPICommand({
        AppId: 'd1',
        BackendEnvironmentName: 'dev',
        ResourceName: 'studio',
        ResourceConfig: { ApiName: 'studio', TransformSchema: 'type Todo @model { id: ID! }', DefaultAuthType: { Mode: 'API_KEY' } },
      }));
      client.destroy();
      await local.emulator.jobsEnded(10_000);

      const refused = await local.deploy(stack());
      expect(refused.status).toBe('ROLLBACK_COMPLETE');
      expect(refused.failures[0].reason).toContain('an API named "studio" already exists in the environment');

      const adopted = await local.deploy(stack(true));
      expect(status(adopted)).toBe('CREATE_COMPLETE');
      expect(customResources(adopted.state)[0].physicalResourceId).toBe('d1/dev/studio (adopted)');
      const dev = () => local.emulator.inspect().environments.find((env) => env.backendEnvironmentName === 'dev')!;
      expect(dev().api).toMatchObject({ resourceConfig: { transformSchema: SCHEMA, defaultAuthType: { mode: 'AMAZON_COGNITO_USER_POOLS' } }, models: { status: 'LATEST' } });

      expect(status(await local.destroy('Dev'))).toBe('DELETE_COMPLETE');
      expect(dev().api?.resourceName).toBe('studio');
    } finally {
      await local.close();
    }
  });

  test('a schema with a syntax error never deploys: the synth stops with its line and column', () => {
    expect(() => app({ schema: 'type Todo @model {\n  id: ID!\n  name: String!\n' }))
      .toThrow('Invalid schema at Todos/Staging/Api: Syntax Error: Expected Name, found <EOF> at line 4, column 1 of the schema string.');
  });
});
