import {
  BackendAPIResourceConfig, CreateBackendAPICommand, DeleteBackendAPICommand, GenerateBackendAPIModelsCommand, GetBackendCommand,
  UpdateBackendAPICommand,
} from '@aws-sdk/client-amplifybackend';
import { deployStack, drift, mockCloudFormation } from './drift-harness';
import { hermeticAwsEnvironment } from './harness';
import { API_RESOURCE_TYPE, ApiResourceProperties } from '../../src/private/contract';
import { APP_ID, createAuth, ENV, useEmulator } from '../emulator/harness';

hermeticAwsEnvironment();
const cloudFormation = mockCloudFormation();
const STACK = 'Todos';
const SCHEMA = 'type Todo @model @auth(rules: [{ allow: owner }, { allow: public }]) {\n  id: ID!\n  name: String\n}\n';

/** `Custom::AmplifyBackendApi` as the construct declares it: the user pool left to the environment's auth. */
const DECLARED: ApiResourceProperties = {
  AppId: APP_ID,
  EnvironmentName: ENV,
  ResourceName: 'todo',
  ApiName: 'todo',
  Schema: SCHEMA,
  DefaultAuthorization: { Mode: 'AMAZON_COGNITO_USER_POOLS' },
  AdditionalAuthorizations: { API_KEY: { Description: 'public', ExpirationDays: 365 } },
  ConflictResolution: 'AUTOMERGE',
  GenerateModels: true,
};

/** The API as the handler would have made it: the schema as Studio reformats it, the modes in the service's terms. */
const config = (userPoolId: string): BackendAPIResourceConfig => ({
  ApiName: 'todo',
  Service: 'AppSync',
  TransformSchema: '# Edited in Amplify Studio\ntype Todo\n  @model\n  @auth(rules: [{allow: owner}, {allow: public}])\n{\n  id: ID!\n  name: String\n}',
  DefaultAuthType: { Mode: 'AMAZON_COGNITO_USER_POOLS', Settings: { CognitoUserPoolId: userPoolId } },
  AdditionalAuthTypes: [{ Mode: 'API_KEY', Settings: { Description: 'public', ExpirationTime: 365 } }],
  ConflictResolution: { ResolutionStrategy: 'AUTOMERGE' },
});

const api = () => ({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'todo' });
const stackOf = (properties: Record<string, unknown> = DECLARED as unknown as Record<string, unknown>) => ({
  Api: { type: API_RESOURCE_TYPE, physicalId: `${APP_ID}/${ENV}/todo`, properties },
});

/** The row of `Api` and the lines under it. */
function apiRow(stdout: string): { status: string; details: string[] } {
  const lines = stdout.split('\n');
  const row = lines.findIndex((line) => line.includes(' Api '));
  const details = lines.slice(row + 1).filter((line) => line.startsWith(' '.repeat(11))).map((line) => line.trim());
  return { status: lines[row].trim().split(/\s{2,}/)[0], details };
}

describe('drift of Custom::AmplifyBackendApi', () => {
  const harness = useEmulator();
  /** The user pool of the environment's auth, and the API made with it. */
  let userPoolId: string;
  let CONFIG: BackendAPIResourceConfig;
  beforeEach(async () => {
    await createAuth(harness.client);
    const { AmplifyMetaConfig } = await harness.client.send(new GetBackendCommand({ AppId: APP_ID, BackendEnvironmentName: ENV }));
    userPoolId = JSON.parse(AmplifyMetaConfig!).auth.userpool.output.UserPoolId;
    CONFIG = config(userPoolId);
    await harness.client.send(new CreateBackendAPICommand({ ...api(), ResourceConfig: CONFIG }));
    await harness.client.send(new GenerateBackendAPIModelsCommand(api()));
  });

  test('an API whose schema was only reformatted (the same document), with the declared modes and generated models, is in sync', async () => {
    deployStack(cloudFormation, STACK, stackOf());
    expect(await drift(harness, [STACK])).toEqual({ code: 0, stdout: `${STACK}: 1 in sync\n  in sync  Api  ${API_RESOURCE_TYPE}  ${APP_ID}/${ENV}/todo\n`, stderr: '' });
  });

  test('a user pool resolved by CloudFormation (Fn::GetAtt of the app\'s auth) is the environment\'s: in sync', async () => {
    const fromAuth = { ...DECLARED, DefaultAuthorization: { Mode: 'AMAZON_COGNITO_USER_POOLS', UserPoolId: { 'Fn::GetAtt': ['Auth', 'UserPoolId'] } } };
    deployStack(cloudFormation, STACK, stackOf(fromAuth));
    expect(await drift(harness, [STACK])).toMatchObject({ code: 0, stderr: '' });
  });

  test('a local stack\'s saved properties (numbers as text, the user pool named) are compared as the service reports them', async () => {
    const saved = {
      ...DECLARED,
      DefaultAuthorization: { UserPoolId: userPoolId, Mode: 'AMAZON_COGNITO_USER_POOLS' },
      AdditionalAuthorizations: { API_KEY: { ExpirationDays: '365', Description: 'public' } },
      GenerateModels: 'true',
    };
    deployStack(cloudFormation, STACK, stackOf(saved));
    expect((await drift(harness, [STACK])).code).toBe(0);
    deployStack(cloudFormation, STACK, stackOf({ ...DECLARED, DefaultAuthorization: { Mode: 'AMAZON_COGNITO_USER_POOLS', UserPoolId: 'us-east-1_Other1234' } }));
    expect(apiRow((await drift(harness, [STACK])).stdout).status).toBe('drifted');
  });

  test('a model added in Studio, the API key gone, no conflict resolution and models left STALE: drifted, each with declared and live', async () => {
    await harness.client.send(new UpdateBackendAPICommand({
      ...api(),
      ResourceConfig: { ...CONFIG, TransformSchema: `${SCHEMA}type Note @model { id: ID! }`, AdditionalAuthTypes: [{ Mode: 'AWS_IAM' }], ConflictResolution: undefined },
    }));
    deployStack(cloudFormation, STACK, stackOf());
    const result = await drift(harness, [STACK]);

    expect(result.code).toBe(1);
    expect(apiRow(result.stdout)).toEqual({
      status: 'drifted',
      details: [
        `Schema: declared ${JSON.stringify(SCHEMA)}, live ${JSON.stringify(`${SCHEMA}type Note @model { id: ID! }`)}`,
        'AdditionalAuthorizations: declared {"API_KEY":{"Description":"public","ExpirationDays":365}}, live {"AWS_IAM":{}}',
        'ConflictResolution: declared "AUTOMERGE", live (none)',
        'ModelsStatus: declared "LATEST", live "STALE"',
      ],
    });
  });

  test('models left STALE are no drift when the template leaves the models to Studio (GenerateModels false)', async () => {
    await harness.client.send(new UpdateBackendAPICommand({ ...api(), ResourceConfig: { ...CONFIG, TransformSchema: SCHEMA } }));
    deployStack(cloudFormation, STACK, stackOf({ ...DECLARED, GenerateModels: 'false' }));
    expect((await drift(harness, [STACK])).code).toBe(0);
  });

  test('an API removed outside the stack is missing', async () => {
    await harness.client.send(new DeleteBackendAPICommand(api()));
    deployStack(cloudFormation, STACK, stackOf());
    const result = await drift(harness, [STACK]);
    expect(result.code).toBe(1);
    expect(apiRow(result.stdout)).toEqual({ status: 'missing', details: [`GetBackendAPI finds no API "todo" in environment "${ENV}" of app ${APP_ID}`] });
  });
});
