import {
  CreateBackendAuthCommand,
  DeleteBackendAuthCommand,
  DeleteBackendCommand,
  GetBackendAuthCommand,
  GetBackendCommand,
  ImportBackendAuthCommand,
  ImportBackendStorageCommand,
  UpdateBackendAuthCommand,
} from '@aws-sdk/client-amplifybackend';
import { APP_ID, createAuth, createStorage, ENV, Harness, startHarness, stopHarness, useEmulator } from './harness';
import { secretFingerprint } from '../../local/emulator';

const GUEST_READ = { ServiceName: 'S3' as const, BucketName: 'photos', Permissions: { Authenticated: ['READ' as const], UnAuthenticated: ['READ' as const] } };

function importAuth(h: Harness, identityPoolId?: string) {
  return h.client.send(new ImportBackendAuthCommand({
    AppId: APP_ID, BackendEnvironmentName: ENV, UserPoolId: 'us-east-1_pool', WebClientId: 'webclient', NativeClientId: 'nativeclient', IdentityPoolId: identityPoolId,
  }));
}

async function authMeta(h: Harness): Promise<Record<string, Record<string, unknown>>> {
  const backend = await h.client.send(new GetBackendCommand({ AppId: APP_ID, BackendEnvironmentName: ENV }));
  return JSON.parse(backend.AmplifyMetaConfig!).auth;
}

describe('auth rules', () => {
  const h = useEmulator();

  test('an environment holds one auth resource', async () => {
    await createAuth(h.client);

    await expect(importAuth(h)).rejects.toThrow(/already has the auth resource userpool/);
  });

  test('auth needs an existing environment: none after DeleteBackend completes', async () => {
    await h.client.send(new DeleteBackendCommand({ AppId: APP_ID, BackendEnvironmentName: ENV }));

    await expect(createAuth(h.client)).rejects.toMatchObject({ name: 'NotFoundException', ResourceType: 'BackendEnvironment' });
  });

  test('IDENTITY_POOL_AND_USER_POOL needs identityPoolConfigs', async () => {
    const attempt = h.client.send(new CreateBackendAuthCommand({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      ResourceName: 'userpool',
      ResourceConfig: {
        AuthResources: 'IDENTITY_POOL_AND_USER_POOL',
        Service: 'COGNITO',
        UserPoolConfigs: { RequiredSignUpAttributes: [], SignInMethod: 'USERNAME', UserPoolName: 'users' },
      },
    }));

    await expect(attempt).rejects.toThrow(/identityPoolConfigs is required when authResources is IDENTITY_POOL_AND_USER_POOL/);
  });

  test('created auth shows in amplifyMetaConfig as managed Cognito with generated pool ids', async () => {
    await createAuth(h.client, true);

    expect((await authMeta(h)).userpool).toEqual({
      service: 'Cognito',
      serviceType: 'managed',
      providerPlugin: 'awscloudformation',
      output: {
        UserPoolId: expect.stringMatching(/^us-east-1_[A-Z0-9]{9}$/),
        AppClientIDWeb: expect.stringMatching(/^[a-z0-9]{26}$/),
        AppClientID: expect.stringMatching(/^[a-z0-9]{26}$/),
        IdentityPoolId: expect.stringMatching(/^us-east-1:[0-9a-f-]{36}$/),
      },
    });
  });

  test('imported auth shows in amplifyMetaConfig with the given ids and serviceType imported', async () => {
    await importAuth(h, 'us-east-1:identity');

    const auth = await authMeta(h);
    const [resourceName] = Object.keys(auth);
    expect(auth[resourceName]).toMatchObject({
      serviceType: 'imported',
      output: { UserPoolId: 'us-east-1_pool', AppClientIDWeb: 'webclient', AppClientID: 'nativeclient', IdentityPoolId: 'us-east-1:identity' },
    });
  });

  test('an update merges pool settings and can add an identity pool that allows guests', async () => {
    await createAuth(h.client);

    await h.client.send(new UpdateBackendAuthCommand({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      ResourceName: 'userpool',
      ResourceConfig: {
        AuthResources: 'IDENTITY_POOL_AND_USER_POOL',
        Service: 'COGNITO',
        UserPoolConfigs: { PasswordPolicy: { MinimumLength: 12 } },
        IdentityPoolConfigs: { UnauthenticatedLogin: true },
      },
    }));

    const { ResourceConfig } = await h.client.send(new GetBackendAuthCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'userpool' }));
    expect(ResourceConfig).toMatchObject({
      AuthResources: 'IDENTITY_POOL_AND_USER_POOL',
      UserPoolConfigs: { UserPoolName: 'users', SignInMethod: 'EMAIL', PasswordPolicy: { MinimumLength: 12 } },
      IdentityPoolConfigs: { IdentityPoolName: 'userpool_identitypool', UnauthenticatedLogin: true },
    });
    expect((await authMeta(h)).userpool.output).toHaveProperty('IdentityPoolId');
  });

  test('imported auth cannot be updated', async () => {
    await importAuth(h);
    const [resourceName] = Object.keys(await authMeta(h));

    const attempt = h.client.send(new UpdateBackendAuthCommand({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      ResourceName: resourceName,
      ResourceConfig: { AuthResources: 'USER_POOL_ONLY', Service: 'COGNITO', UserPoolConfigs: {} },
    }));

    await expect(attempt).rejects.toThrow(/is imported and cannot be updated/);
  });

  test('an unknown authResources value is rejected naming the key', async () => {
    const attempt = h.client.send(new UpdateBackendAuthCommand({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      ResourceName: 'userpool',
      ResourceConfig: { AuthResources: 'EVERYTHING' as 'USER_POOL_ONLY', Service: 'COGNITO', UserPoolConfigs: {} },
    }));

    await expect(attempt).rejects.toThrow('resourceConfig.authResources must be one of IDENTITY_POOL_AND_USER_POOL, USER_POOL_ONLY, got "EVERYTHING".');
  });

  test('without requireAuthForStorage, storage with guest permissions needs no auth', async () => {
    await expect(createStorage(h.client, { ResourceConfig: GUEST_READ })).resolves.toMatchObject({ Status: 'RUNNING' });
  });
});

describe('requireAuthForStorage', () => {
  const h = useEmulator({ requireAuthForStorage: true, buckets: ['legacy-uploads'] });

  test('rejects storage creation in an environment without auth', async () => {
    await expect(createStorage(h.client)).rejects.toThrow(/Storage needs the auth category: add auth to backend environment dev first/);
  });

  test('rejects a storage import in an environment without auth', async () => {
    const attempt = h.client.send(new ImportBackendStorageCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, BucketName: 'legacy-uploads', ServiceName: 'S3' }));

    await expect(attempt).rejects.toMatchObject({ name: 'BadRequestException', message: expect.stringMatching(/Storage needs the auth category/) });
  });

  test('rejects guest permissions when the auth has no identity pool', async () => {
    await createAuth(h.client);

    await expect(createStorage(h.client, { ResourceConfig: GUEST_READ })).rejects.toThrow(/Guest \(unAuthenticated\) storage permissions need an identity pool/);
  });

  test('rejects guest permissions when the identity pool does not allow unauthenticated logins', async () => {
    await createAuth(h.client, false);

    await expect(createStorage(h.client, { ResourceConfig: GUEST_READ })).rejects.toThrow(/auth resource userpool in backend environment dev has none/);
  });

  test('accepts guest permissions when the identity pool allows unauthenticated logins', async () => {
    await createAuth(h.client, true);

    await expect(createStorage(h.client, { ResourceConfig: GUEST_READ })).resolves.toMatchObject({ Status: 'RUNNING' });
  });

  test('refuses to delete auth while storage depends on it', async () => {
    await createAuth(h.client);
    await createStorage(h.client);

    const attempt = h.client.send(new DeleteBackendAuthCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'userpool' }));

    await expect(attempt).rejects.toThrow(/Storage resource photos depends on auth resource userpool: remove the storage first/);
  });
});

describe('seeded auth', () => {
  const guests = useEmulator({
    requireAuthForStorage: true,
    environments: [{ appId: APP_ID, appName: 'photo-app', backendEnvironmentName: ENV, auth: {} }],
  });

  test('an environment seeded with auth has a managed user pool and an identity pool that lets guests use storage', async () => {
    expect((await authMeta(guests)).userpool).toMatchObject({ serviceType: 'managed', output: { IdentityPoolId: expect.stringMatching(/^us-east-1:/) } });
    const { ResourceConfig } = await guests.client.send(new GetBackendAuthCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'userpool' }));
    expect(ResourceConfig).toMatchObject({ AuthResources: 'IDENTITY_POOL_AND_USER_POOL', IdentityPoolConfigs: { UnauthenticatedLogin: true } });
    await expect(createStorage(guests.client, { ResourceConfig: GUEST_READ })).resolves.toMatchObject({ Status: 'RUNNING' });
  });
});

describe('seeded auth without guests', () => {
  const h = useEmulator({
    requireAuthForStorage: true,
    environments: [{ appId: APP_ID, backendEnvironmentName: ENV, auth: { resourceName: 'members', allowGuests: false } }],
  });

  test('storage for signed-in users is accepted, guest storage is refused', async () => {
    await expect(createStorage(h.client, { ResourceConfig: GUEST_READ })).rejects.toThrow(/auth resource members in backend environment dev has none/);
    await expect(createStorage(h.client)).resolves.toMatchObject({ Status: 'RUNNING' });
  });
});

describe('social sign-in secrets', () => {
  const h = useEmulator();
  const GOOGLE_SECRET = 'GOCSPX-planted-google-7c1e';
  const APPLE_KEY = '-----BEGIN PRIVATE KEY-----\nplantedapplekey93ab\n-----END PRIVATE KEY-----';
  const oAuth = (googleSecret: string) => ({
    OAuthGrantType: 'CODE' as const,
    OAuthScopes: ['EMAIL' as const],
    RedirectSignInURIs: ['https://example.com/'],
    RedirectSignOutURIs: ['https://example.com/'],
    SocialProviderSettings: {
      Google: { ClientId: 'gid', ClientSecret: googleSecret },
      SignInWithApple: { ClientId: 'aid', KeyId: 'kid', PrivateKey: APPLE_KEY, TeamId: 'tid' },
    },
  });
  const getAuth = async (harness: Harness) => (await harness.client.send(new GetBackendAuthCommand({
    AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'userpool',
  }))).ResourceConfig?.UserPoolConfigs?.OAuth?.SocialProviderSettings;

  test('are kept as sha256 fingerprints: GetBackendAuth answers them, an update changes them, and a saved world never holds a value', async () => {
    await h.client.send(new CreateBackendAuthCommand({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      ResourceName: 'userpool',
      ResourceConfig: {
        AuthResources: 'USER_POOL_ONLY',
        Service: 'COGNITO',
        UserPoolConfigs: { RequiredSignUpAttributes: ['EMAIL'], SignInMethod: 'EMAIL', UserPoolName: 'users', OAuth: oAuth(GOOGLE_SECRET) },
      },
    }));
    expect(await getAuth(h)).toEqual({
      Google: { ClientId: 'gid', ClientSecret: secretFingerprint(GOOGLE_SECRET) },
      SignInWithApple: { ClientId: 'aid', KeyId: 'kid', PrivateKey: secretFingerprint(APPLE_KEY), TeamId: 'tid' },
    });
    expect(secretFingerprint(GOOGLE_SECRET)).toMatch(/^sha256:[0-9a-f]{64}$/);

    await h.client.send(new UpdateBackendAuthCommand({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      ResourceName: 'userpool',
      ResourceConfig: { AuthResources: 'USER_POOL_ONLY', Service: 'COGNITO', UserPoolConfigs: { OAuth: oAuth('GOCSPX-rotated-2b9d') } },
    }));
    expect((await getAuth(h))?.Google?.ClientSecret).toBe(secretFingerprint('GOCSPX-rotated-2b9d'));

    const image = h.emulator.saveWorld();
    const saved = JSON.stringify(image);
    for (const value of [GOOGLE_SECRET, 'GOCSPX-rotated-2b9d', 'plantedapplekey93ab']) expect(saved).not.toContain(value);
    const restored = await startHarness({ world: image, environments: undefined, seed: undefined });
    try {
      expect(await getAuth(restored)).toEqual(await getAuth(h));
    } finally {
      await stopHarness(restored);
    }
  });

  test('a saved world that holds secret values (written before fingerprints) is restored with fingerprints', async () => {
    await createAuth(h.client);
    const image = h.emulator.saveWorld();
    const auth = image.apps[0].environments[0].auth!;
    Object.assign(auth.resourceConfig.userPoolConfigs!, { oAuth: { socialProviderSettings: { Google: { client_id: 'gid', client_secret: GOOGLE_SECRET } } } });
    const restored = await startHarness({ world: image, environments: undefined, seed: undefined });
    try {
      expect((await getAuth(restored))?.Google?.ClientSecret).toBe(secretFingerprint(GOOGLE_SECRET));
      expect(JSON.stringify(restored.emulator.saveWorld())).not.toContain(GOOGLE_SECRET);
    } finally {
      await stopHarness(restored);
    }
  });
});
