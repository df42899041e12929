/**
 * `local preview`, one test per row kind, each compared with what the `local deploy` that follows then does on the
 * emulator: the calls it starts (every mutating call starts a job, counted in the state folder's world), or the
 * refusal it fails with. The live side is made as the console would, through the SDK.
 */
import { AmplifyBackendClient, CreateBackendAuthCommand, CreateBackendStorageCommand } from '@aws-sdk/client-amplifybackend';
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { hermeticAwsEnvironment, runCli } from './harness';
import { PreviewWorkspace } from './preview-harness';
import { AmplifyBackend, SignInMethod, StoragePermission } from '../../src';

hermeticAwsEnvironment();
jest.setTimeout(60_000);

const APP_ID = 'd1preview';
const DEV = [{ appId: APP_ID, appName: 'preview', backendEnvironmentName: 'dev' }];
const READ = [StoragePermission.READ];

/** Auth as the construct declares `{ resourceName: 'users' }`, made through the SDK. */
const createAuth = (client: AmplifyBackendClient) => client.send(new CreateBackendAuthCommand({
  AppId: APP_ID,
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
const createStorage = (client: AmplifyBackendClient) => client.send(new CreateBackendStorageCommand({
  AppId: APP_ID, BackendEnvironmentName: 'dev', ResourceName: 'photos', ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ'] } },
}));

/** The environment `dev` with its auth and storage, taken over; `permissions` for the storage. */
interface DevOptions {
  readonly permissions?: StoragePermission[];
  readonly storageName?: string;
  readonly adoptStorage?: boolean;
  /** @default true */
  readonly storage?: boolean;
}

function devBackend(stack: Stack, options: DevOptions = {}) {
  const dev = new AmplifyBackend(stack, 'Dev', { appId: APP_ID, appName: 'preview', environmentName: 'dev' });
  dev.addAuth('Auth', { resourceName: 'users', adopt: true });
  if (options.storage === false) return;
  dev.addStorage('Storage', { resourceName: options.storageName ?? 'photos', permissions: { authenticated: options.permissions ?? READ }, adopt: options.adoptStorage ?? true });
}

let ws: PreviewWorkspace;
beforeEach(() => {
  ws = new PreviewWorkspace();
});
afterEach(() => ws.remove());

describe('local preview, row by row, against the deploy that follows', () => {
  test('create: what does not exist, with the call the handler starts first; the deploy starts exactly those', async () => {
    await ws.world(DEV);
    const app = ws.app((stack) => new AmplifyBackend(stack, 'Prod', { appId: APP_ID, appName: 'preview', environmentName: 'prod', removalPolicy: RemovalPolicy.DESTROY })
      .addAuth('Auth', { resourceName: 'users' }));

    const preview = await ws.preview(app);
    expect(preview.code).toBe(1);
    expect(preview.rows.map((row) => [row.kind, row.path, row.operation])).toEqual([['create', 'Prod', 'CreateBackend'], ['create', 'Prod/Auth', 'CreateBackendAuth']]);
    expect(await ws.deploy(app)).toEqual({ code: 0, operations: ['prod: CreateBackend', 'prod: CreateBackendAuth'], failures: [] });
  });

  test('adopt: what exists as declared is taken over, exit 0; the deploy sends no mutating call', async () => {
    await ws.world(DEV, async (client) => {
      await createAuth(client);
      await createStorage(client);
    });
    const app = ws.app((stack) => devBackend(stack));

    const preview = await ws.preview(app);
    expect(preview.code).toBe(0);
    expect(preview.rows.map((row) => [row.kind, row.path, row.physicalId])).toEqual([
      ['adopt', 'Dev', `${APP_ID}/dev (adopted)`], ['adopt', 'Dev/Auth', `${APP_ID}/dev/users (adopted)`], ['adopt', 'Dev/Storage', `${APP_ID}/dev/photos (adopted)`],
    ]);
    expect(await ws.deploy(app)).toEqual({ code: 0, operations: [], failures: [] });
  });

  test('adopt+update: what exists is taken over with the fields that differ, live → declared; the deploy updates exactly that', async () => {
    await ws.world(DEV, async (client) => {
      await createAuth(client);
      await createStorage(client);
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
      await createAuth(client);
      await createStorage(client);
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

describe('local preview of a deployed stack, against the deploy that follows', () => {
  beforeEach(async () => {
    await ws.world(DEV, async (client) => {
      await createAuth(client);
      await createStorage(client);
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
      new AmplifyBackend(stack, 'Prod', { appId: APP_ID, appName: 'preview', environmentName: 'prod', removalPolicy: RemovalPolicy.DESTROY })
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
});

test('text: one line per resource, the verb first, then the path, then the fields', async () => {
  await ws.world(DEV, async (client) => {
    await createAuth(client);
    await createStorage(client);
  });
  const app = ws.app((stack) => {
    devBackend(stack, { permissions: [StoragePermission.READ, StoragePermission.DELETE] });
    new AmplifyBackend(stack, 'Prod', { appId: APP_ID, appName: 'preview', environmentName: 'prod' }).addAuth('Auth', { resourceName: 'users', signInMethod: SignInMethod.USERNAME });
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
