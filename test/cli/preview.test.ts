/**
 * `preview` against AWS: the deployed stacks from CloudFormation (mocked, as for drift), the live backend from the
 * AmplifyBackend API (the emulator, over --endpoint-url), the app from a cloud assembly folder. And `local preview`,
 * a test per row kind, each compared with what the `local deploy` that follows then does on the emulator: the calls it
 * starts (every mutating call starts a job, counted in the state folder's world), or the refusal it fails with. The
 * live side is made as the console would, through the SDK. The row kinds of a deployed stack (update, unchanged,
 * replace, a refused rename, delete) run in the full run (`npx projen test:adopt`, ADOPT_FULL), which CI runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  AmplifyBackendClient, CreateBackendAPICommand, CreateBackendAuthCommand, CreateBackendStorageCommand, GenerateBackendAPIModelsCommand,
} from '@aws-sdk/client-amplifybackend';
import { CfnParameter, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { deployStack, mockCloudFormation } from './drift-harness';
import { hermeticAwsEnvironment, runCli } from './harness';
import { PreviewWorkspace } from './preview-harness';
import {
  AmplifyBackend, ApiAuthorization, ApiSchema, BackendApiOptions, ConflictResolutionStrategy, SignInMethod, StoragePermission,
} from '../../src';
import { createAuth, Harness, startHarness, stopHarness } from '../emulator/harness';

hermeticAwsEnvironment();
const cloudFormation = mockCloudFormation();
jest.setTimeout(60_000);
/** The full run adds the row kinds of a deployed stack. */
const FULL = process.env.ADOPT_FULL === 'true';

const APP_ID = 'd2abc3def4';

let ws: PreviewWorkspace;
beforeEach(() => {
  ws = new PreviewWorkspace();
});
afterEach(() => ws.remove());

let harness: Harness;

/** The emulator's environment `dev` (with its auth, taken over) and storage `photos` of `permissions`. */
const photosApp = (permissions: StoragePermission[] = [StoragePermission.READ]) => ws.app((stack) => {
  const dev = new AmplifyBackend(stack, 'Dev', { appId: APP_ID, appName: 'photo-app', environmentName: 'dev' });
  dev.addAuth('Auth', {
    resourceName: 'userpool', userPoolName: 'users', identityPoolName: 'identities', allowUnauthenticatedIdentities: true, adopt: true,
  });
  dev.addStorage('Photos', { resourceName: 'photos', permissions: { authenticated: permissions } });
});

const awsPreview = (cdkOut: string, ...args: string[]) => runCli(['preview', '--app', cdkOut, '--endpoint-url', harness.emulator.endpoint, ...args]);
const rows = (stdout: string) => stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line)).filter((line) => line.event === 'row');

/** The custom resources of the synthesized stack, as CloudFormation would hold them once deployed. */
function deployedAs(cdkOut: string, physicalIds: Record<string, string>) {
  const template = JSON.parse(fs.readFileSync(path.join(cdkOut, 'Backend.template.json'), 'utf8'));
  const resources = Object.entries(template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>)
    .filter(([, resource]) => resource.Type.startsWith('Custom::AmplifyBackend'))
    .map(([logicalId, resource]) => {
      const { ServiceToken: _token, ...properties } = resource.Properties;
      return [logicalId, { type: resource.Type, physicalId: physicalIds[resource.Type], properties }] as const;
    });
  return Object.fromEntries(resources);
}

describe('preview, against CloudFormation and the AmplifyBackend API', () => {
  beforeEach(async () => {
    harness = await startHarness({ requireAuthForStorage: true });
    await createAuth(harness.client, true);
  });
  afterEach(async () => {
    await stopHarness(harness);
  });

  test('a stack not deployed yet: every resource a Create, decided against the live backend: adopt what exists, create the rest', async () => {
    const result = await awsPreview(photosApp());

    expect(result.code).toBe(1);
    expect(result.stdout).toBe([
      'Stack Backend (not deployed yet)',
      '  adopt         Dev',
      // The auth the test harness makes has no password policy, MFA or verification message: the construct declares them.
      '  adopt+update  Dev/Auth    ~ PasswordPolicy.MinimumLength: (none) → 8, ~ Mfa.Mode: (none) → OFF, ~ VerificationMessage.DeliveryMethod: (none) → EMAIL',
      '  create        Dev/Photos  (CreateBackendStorage)',
      '',
      '2 resources would change (1 create, 1 adopt+update, 1 adopt).',
      '',
    ].join('\n'));
  });

  test('a deployed stack: unchanged where the template is the same, update with the fields that change, deployed → declared', async () => {
    await createStorageIn(harness);
    const deployed = deployedAs(photosApp(), {
      'Custom::AmplifyBackend': `${APP_ID}/dev (adopted)`,
      'Custom::AmplifyBackendAuth': `${APP_ID}/dev/userpool (adopted)`,
      'Custom::AmplifyBackendStorage': `${APP_ID}/dev/photos`,
    });
    deployStack(cloudFormation, 'Backend', deployed);

    const unchanged = await awsPreview(photosApp(), '--json');
    expect(unchanged.code).toBe(0);
    expect(rows(unchanged.stdout).map((row) => row.kind)).toEqual(['unchanged', 'unchanged', 'unchanged']);

    const changed = await awsPreview(photosApp([StoragePermission.READ, StoragePermission.DELETE]), '--json');
    expect(changed.code).toBe(1);
    expect(rows(changed.stdout)[2]).toEqual({
      event: 'row',
      stack: 'Backend',
      kind: 'update',
      path: 'Dev/Photos',
      logicalId: expect.any(String),
      type: 'Custom::AmplifyBackendStorage',
      physicalId: `${APP_ID}/dev/photos`,
      fields: [{ property: 'AuthenticatedPermissions', from: ['READ'], to: ['READ', 'DELETE'] }],
      operation: 'UpdateBackendStorage',
      reason: null,
      unknown: [],
    });
  });

  test('a value known only at deploy time is shown as unknown, never guessed: the handler\'s decision is not predicted', async () => {
    const cdkOut = ws.app((stack) => {
      const appId = new CfnParameter(stack, 'AppId').valueAsString;
      new AmplifyBackend(stack, 'Dev', { appId, appName: 'photo-app', environmentName: 'dev' });
    });
    const result = await awsPreview(cdkOut);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  create  Dev  ? AppId: unknown until deploy (Ref AppId, a parameter given at deploy time)\n');
    expect(result.stderr).toContain('Note: 1 resource has values known only at deploy time');
  });

  test('bad arguments and AWS configuration exit as the jobs commands do: 2, 4, 5', async () => {
    const cdkOut = photosApp();
    expect(await awsPreview(cdkOut, '--stack', 'Other')).toMatchObject({ code: 2, stderr: 'No stack "Other"; the stacks: Backend.\n' });
    delete process.env.AWS_REGION;
    expect(await awsPreview(cdkOut)).toMatchObject({ code: 4, stderr: expect.stringContaining('No AWS Region is set') });
    expect(await runCli(['preview', '--app', cdkOut, '--region', 'us-east-1', '--endpoint-url', 'http://127.0.0.1:9'])).toMatchObject({
      code: 5, stderr: expect.stringContaining('Reading Dev (Custom::AmplifyBackend) failed: the endpoint refused the connection'),
    });
  });
});

function createStorageIn(h: Harness) {
  return h.client.send(new CreateBackendStorageCommand({
    AppId: APP_ID, BackendEnvironmentName: 'dev', ResourceName: 'photos', ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ'] } },
  }));
}

const LOCAL_APP_ID = 'd1preview';
const DEV = [{ appId: LOCAL_APP_ID, appName: 'preview', backendEnvironmentName: 'dev' }];
const READ = [StoragePermission.READ];

/** Auth as the construct declares `{ resourceName: 'users' }`, made through the SDK. */
const createDevAuth = (client: AmplifyBackendClient) => client.send(new CreateBackendAuthCommand({
  AppId: LOCAL_APP_ID,
  BackendEnvironmentName: 'dev',
  ResourceName: 'users',
  ResourceConfig: {
    AuthResources: 'IDENTITY_POOL_AND_USER_POOL',
    Service: 'COGNITO',
    UserPoolConfigs: {
      UserPoolName: 'users_userpool',
      SignInMethod: 'EMAIL',
      RequiredSignUpAttributes: ['EMAIL'],
      PasswordPolicy: { MinimumLength: 8, AdditionalConstraints: [] },
      Mfa: { MFAMode: 'OFF' },
      VerificationMessage: { DeliveryMethod: 'EMAIL' },
    },
    IdentityPoolConfigs: { IdentityPoolName: 'users_identitypool', UnauthenticatedLogin: false },
  },
}));
const createDevStorage = (client: AmplifyBackendClient) => client.send(new CreateBackendStorageCommand({
  AppId: LOCAL_APP_ID, BackendEnvironmentName: 'dev', ResourceName: 'photos', ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ'] } },
}));

const TODO_SCHEMA = 'type Todo @model @auth(rules: [{ allow: public }]) {\n  id: ID!\n  name: String\n}\n';

/** The API `todo`: its schema `TODO_SCHEMA`, an API key (7 days) its one mode, removed when it leaves the stack. */
const todoApi = (options: Partial<BackendApiOptions> = {}): BackendApiOptions => ({
  resourceName: 'todo', schema: ApiSchema.fromString(TODO_SCHEMA), removalPolicy: RemovalPolicy.DESTROY, ...options,
});

/** The API `todo` as `todoApi()` declares it, made through the SDK, its models generated. */
const createDevApi = async (client: AmplifyBackendClient) => {
  const api = { AppId: LOCAL_APP_ID, BackendEnvironmentName: 'dev', ResourceName: 'todo' };
  await client.send(new CreateBackendAPICommand({
    ...api, ResourceConfig: { ApiName: 'todo', Service: 'AppSync', TransformSchema: TODO_SCHEMA, DefaultAuthType: { Mode: 'API_KEY', Settings: { ExpirationTime: 7 } } },
  }));
  await client.send(new GenerateBackendAPIModelsCommand(api));
};

/** The environment `dev` with its auth and storage, taken over; `permissions` for the storage; `api` when given. */
interface DevOptions {
  readonly permissions?: StoragePermission[];
  readonly storageName?: string;
  readonly adoptStorage?: boolean;
  /** @default true */
  readonly storage?: boolean;
  readonly api?: BackendApiOptions;
}

function devBackend(stack: Stack, options: DevOptions = {}) {
  const dev = new AmplifyBackend(stack, 'Dev', { appId: LOCAL_APP_ID, appName: 'preview', environmentName: 'dev' });
  dev.addAuth('Auth', { resourceName: 'users', adopt: true });
  if (options.storage !== false) {
    dev.addStorage('Storage', { resourceName: options.storageName ?? 'photos', permissions: { authenticated: options.permissions ?? READ }, adopt: options.adoptStorage ?? true });
  }
  if (options.api) dev.addApi('Api', options.api);
}

describe('local preview, row by row, against the deploy that follows', () => {
  test('create: what does not exist, with the call the handler starts first; the deploy starts exactly those', async () => {
    await ws.world(DEV);
    const app = ws.app((stack) => {
      const prod = new AmplifyBackend(stack, 'Prod', { appId: LOCAL_APP_ID, appName: 'preview', environmentName: 'prod', removalPolicy: RemovalPolicy.DESTROY });
      prod.addAuth('Auth', { resourceName: 'users' });
      prod.addApi('Api', todoApi());
    });

    const preview = await ws.preview(app);
    expect(preview.code).toBe(1);
    expect(preview.rows.map((row) => [row.kind, row.path, row.operation])).toEqual([
      ['create', 'Prod', 'CreateBackend'], ['create', 'Prod/Auth', 'CreateBackendAuth'], ['create', 'Prod/Api', 'CreateBackendAPI'],
    ]);
    // The API's models are generated after it is made.
    expect(await ws.deploy(app)).toEqual({
      code: 0, operations: ['prod: CreateBackend', 'prod: CreateBackendAuth', 'prod: CreateBackendAPI', 'prod: GenerateBackendAPIModels'], failures: [],
    });
  });

  test('adopt: what exists as declared is taken over, exit 0; the deploy sends no mutating call', async () => {
    await ws.world(DEV, async (client) => {
      await createDevAuth(client);
      await createDevStorage(client);
      await createDevApi(client);
    });
    const app = ws.app((stack) => devBackend(stack, { api: todoApi({ adopt: true }) }));

    const preview = await ws.preview(app);
    expect(preview.code).toBe(0);
    expect(preview.rows.map((row) => [row.kind, row.path, row.physicalId])).toEqual([
      ['adopt', 'Dev', `${LOCAL_APP_ID}/dev (adopted)`], ['adopt', 'Dev/Auth', `${LOCAL_APP_ID}/dev/users (adopted)`], ['adopt', 'Dev/Storage', `${LOCAL_APP_ID}/dev/photos (adopted)`],
      ['adopt', 'Dev/Api', `${LOCAL_APP_ID}/dev/todo (adopted)`],
    ]);
    expect(await ws.deploy(app)).toEqual({ code: 0, operations: [], failures: [] });
  });

  test('adopt+update: what exists is taken over with the fields that differ, live → declared; the deploy updates exactly that', async () => {
    await ws.world(DEV, async (client) => {
      await createDevAuth(client);
      await createDevStorage(client);
    });
    const app = ws.app((stack) => devBackend(stack, { permissions: [StoragePermission.READ, StoragePermission.DELETE] }));

    const preview = await ws.preview(app);
    expect(preview.code).toBe(1);
    expect(preview.rows.map((row) => row.kind)).toEqual(['adopt', 'adopt', 'adopt+update']);
    expect(preview.rows[2]).toMatchObject({
      path: 'Dev/Storage', operation: 'UpdateBackendStorage', fields: [{ property: 'AuthenticatedPermissions', from: ['READ'], to: ['READ', 'DELETE'] }],
    });
    expect(await ws.deploy(app)).toEqual({ code: 0, operations: ['dev: UpdateBackendStorage'], failures: [] });
  });

  test('refused: what the handler would refuse, with its reason; the deploy fails with that reason and changes nothing', async () => {
    await ws.world(DEV, async (client) => {
      await createDevAuth(client);
      await createDevStorage(client);
    });
    const app = ws.app((stack) => devBackend(stack, { adoptStorage: false }));

    const preview = await ws.preview(app);
    expect(preview.code).toBe(1);
    const refused = preview.rows.find((row) => row.kind === 'refused')!;
    expect(refused).toMatchObject({ path: 'Dev/Storage', reason: expect.stringContaining('a storage named "photos" already exists in the environment') });
    const deploy = await ws.deploy(app);
    expect(deploy.code).toBe(1);
    expect(deploy.failures).toEqual([expect.stringContaining(refused.reason!)]);
    expect(deploy.operations).toEqual([]);
  });
});

(FULL ? describe : describe.skip)('local preview of a deployed stack, against the deploy that follows', () => {
  beforeEach(async () => {
    await ws.world(DEV, async (client) => {
      await createDevAuth(client);
      await createDevStorage(client);
    });
    expect((await ws.deploy(ws.app((stack) => devBackend(stack)))).code).toBe(0);
  });

  test('update and unchanged: the fields that change, deployed → declared; the deploy updates only that resource', async () => {
    const app = ws.app((stack) => devBackend(stack, { permissions: [StoragePermission.READ, StoragePermission.CREATE_AND_UPDATE] }));

    const preview = await ws.preview(app);
    expect(preview.code).toBe(1);
    expect(preview.rows.map((row) => [row.kind, row.path])).toEqual([['unchanged', 'Dev'], ['unchanged', 'Dev/Auth'], ['update', 'Dev/Storage']]);
    expect(preview.rows[2]).toMatchObject({ operation: 'UpdateBackendStorage', fields: [{ property: 'AuthenticatedPermissions', from: ['READ'], to: ['READ', 'CREATE_AND_UPDATE'] }] });
    expect(await ws.deploy(app)).toEqual({ code: 0, operations: ['dev: UpdateBackendStorage'], failures: [] });
    expect((await ws.preview(app)).code).toBe(0);
  });

  test('replace: of the stack\'s own resource, with the change that forces it; the deploy removes it first, then creates it', async () => {
    const prod = (stack: Stack, signInMethod?: SignInMethod) => {
      devBackend(stack);
      new AmplifyBackend(stack, 'Prod', { appId: LOCAL_APP_ID, appName: 'preview', environmentName: 'prod', removalPolicy: RemovalPolicy.DESTROY })
        .addAuth('Auth', { resourceName: 'users', signInMethod });
    };
    expect((await ws.deploy(ws.app((stack) => prod(stack)))).operations).toEqual(['prod: CreateBackend', 'prod: CreateBackendAuth']);
    const app = ws.app((stack) => prod(stack, SignInMethod.USERNAME));

    const preview = await ws.preview(app);
    expect(preview.rows.filter((row) => row.kind !== 'unchanged')).toEqual([expect.objectContaining({
      kind: 'replace', path: 'Prod/Auth', operation: 'DeleteBackendAuth', fields: [{ property: 'SignInMethod', from: 'EMAIL', to: 'USERNAME' }],
    })]);
    expect(await ws.deploy(app)).toEqual({ code: 0, operations: ['prod: DeleteBackendAuth', 'prod: CreateBackendAuth'], failures: [] });
  });

  test('refused: a rename of storage taken over, which the stack never removes; the deploy fails with that reason', async () => {
    const app = ws.app((stack) => devBackend(stack, { storageName: 'pictures' }));

    const preview = await ws.preview(app);
    expect(preview.rows[2]).toMatchObject({ kind: 'refused', reason: expect.stringContaining('which this stack took over (adopt) and never removes') });
    const deploy = await ws.deploy(app);
    expect(deploy).toMatchObject({ code: 1, operations: [] });
    expect(deploy.failures).toEqual([expect.stringContaining(preview.rows[2].reason!)]);
  });

  test('delete: what leaves the stack and what its Delete does; a resource taken over is only forgotten', async () => {
    const app = ws.app((stack) => devBackend(stack, { storage: false }));

    const preview = await ws.preview(app);
    expect(preview.rows.map((row) => [row.kind, row.path])).toEqual([['unchanged', 'Dev'], ['unchanged', 'Dev/Auth'], ['delete', 'Dev/Storage']]);
    expect(preview.rows[2].reason).toBe('nothing is removed: the stack only forgets it (taken over, or already gone)');
    expect(await ws.deploy(app)).toEqual({ code: 0, operations: [], failures: [] });
  });

  describe('the API of a deployed stack', () => {
    const UPDATED_SCHEMA = TODO_SCHEMA.replace('name: String', 'name: String\n  done: Boolean');
    beforeEach(async () => {
      expect((await ws.deploy(ws.app((stack) => devBackend(stack, { api: todoApi() })))).operations).toEqual(['dev: CreateBackendAPI', 'dev: GenerateBackendAPIModels']);
    });

    test.each([
      ['its schema', { schema: ApiSchema.fromString(UPDATED_SCHEMA) }, [{ property: 'Schema', from: TODO_SCHEMA, to: UPDATED_SCHEMA }]],
      ['a mode added', { additionalAuthorizations: [ApiAuthorization.iam()] }, [{ property: 'AdditionalAuthorizations.AWS_IAM', from: null, to: {} }]],
      ['its conflict resolution', { conflictResolution: ConflictResolutionStrategy.AUTOMERGE }, [{ property: 'ConflictResolution', from: null, to: 'AUTOMERGE' }]],
    ])('update in place, %s: the row names what changes; the deploy updates the API, then generates its models', async (_change, options, fields) => {
      const app = ws.app((stack) => devBackend(stack, { api: todoApi(options) }));

      const preview = await ws.preview(app);
      expect(preview.code).toBe(1);
      expect(preview.rows.filter((row) => row.kind !== 'unchanged')).toEqual([expect.objectContaining({ kind: 'update', path: 'Dev/Api', operation: 'UpdateBackendAPI', fields })]);
      expect(await ws.deploy(app)).toEqual({ code: 0, operations: ['dev: UpdateBackendAPI', 'dev: GenerateBackendAPIModels'], failures: [] });
      expect((await ws.preview(app)).code).toBe(0);
    });

    test('replace: a new resourceName; the deploy removes the API first (one per environment), then creates the new one', async () => {
      const app = ws.app((stack) => devBackend(stack, { api: todoApi({ resourceName: 'todos' }) }));

      const preview = await ws.preview(app);
      expect(preview.rows.filter((row) => row.kind !== 'unchanged')).toEqual([expect.objectContaining({
        kind: 'replace',
        path: 'Dev/Api',
        operation: 'DeleteBackendAPI',
        fields: [{ property: 'ResourceName', from: 'todo', to: 'todos' }, { property: 'ApiName', from: 'todo', to: 'todos' }],
      })]);
      expect(await ws.deploy(app)).toEqual({
        code: 0, operations: ['dev: DeleteBackendAPI', 'dev: CreateBackendAPI', 'dev: GenerateBackendAPIModels'], failures: [],
      });
    });

    test('delete: the API leaves the stack, removed by DeleteBackendAPI (removalPolicy DESTROY); the deploy sends exactly that', async () => {
      const app = ws.app((stack) => devBackend(stack));

      const preview = await ws.preview(app);
      expect(preview.rows.filter((row) => row.kind !== 'unchanged')).toEqual([expect.objectContaining({
        kind: 'delete', path: 'Dev/Api', operation: 'DeleteBackendAPI', reason: 'DeleteBackendAPI removes it',
      })]);
      expect(await ws.deploy(app)).toEqual({ code: 0, operations: ['dev: DeleteBackendAPI'], failures: [] });
    });
  });
});

test('text: one line per resource, the verb first, then the path, then the fields', async () => {
  await ws.world(DEV, async (client) => {
    await createDevAuth(client);
    await createDevStorage(client);
  });
  const app = ws.app((stack) => {
    devBackend(stack, { permissions: [StoragePermission.READ, StoragePermission.DELETE] });
    new AmplifyBackend(stack, 'Prod', { appId: LOCAL_APP_ID, appName: 'preview', environmentName: 'prod' }).addAuth('Auth', { resourceName: 'users', signInMethod: SignInMethod.USERNAME });
  });
  const result = await runCli(['local', 'preview', '--app', app, '--state-dir', ws.stateDir]);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe([
    'Stack Backend (not deployed yet)',
    '  adopt         Dev',
    '  adopt         Dev/Auth',
    '  adopt+update  Dev/Storage  ~ AuthenticatedPermissions: [READ] → [READ, DELETE]',
    '  create        Prod         (CreateBackend)',
    '  create        Prod/Auth    (CreateBackendAuth)',
    '',
    '3 resources would change (2 create, 1 adopt+update, 2 adopt).',
    '',
  ].join('\n'));
});
