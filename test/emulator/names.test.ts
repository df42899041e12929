import {
  CreateBackendAuthCommand, CreateBackendAuthCommandInput, CreateBackendCommand, GetBackendStorageCommand, UpdateBackendAuthCommand,
} from '@aws-sdk/client-amplifybackend';
import { APP_ID, createAuth, createStorage, ENV, Harness, useEmulator } from './harness';

/** CreateBackendAuth in ENV ("dev") with a user pool, an identity pool and the hosted UI, with `names` changed. */
function authWith(h: Harness, names: { resourceName?: string; userPoolName?: string; identityPoolName?: string; domainPrefix?: string }) {
  const input: CreateBackendAuthCommandInput = {
    AppId: APP_ID,
    BackendEnvironmentName: ENV,
    ResourceName: names.resourceName ?? 'userpool',
    ResourceConfig: {
      AuthResources: 'IDENTITY_POOL_AND_USER_POOL',
      Service: 'COGNITO',
      UserPoolConfigs: {
        RequiredSignUpAttributes: ['EMAIL'],
        SignInMethod: 'EMAIL',
        UserPoolName: names.userPoolName ?? 'users',
        OAuth: {
          OAuthGrantType: 'CODE',
          OAuthScopes: ['EMAIL'],
          RedirectSignInURIs: ['https://example.com/'],
          RedirectSignOutURIs: ['https://example.com/'],
          DomainPrefix: names.domainPrefix ?? 'photos',
        },
      },
      IdentityPoolConfigs: { IdentityPoolName: names.identityPoolName ?? 'identities', UnauthenticatedLogin: false },
    },
  };
  return h.client.send(new CreateBackendAuthCommand(input));
}

function createBackend(h: Harness, body: { appName?: string; environmentName?: string; resourceName?: string }) {
  return h.client.send(new CreateBackendCommand({
    AppId: APP_ID, AppName: body.appName ?? 'photo-app', BackendEnvironmentName: body.environmentName ?? 'staging', ResourceName: body.resourceName,
  }));
}

/** Each name at its limit (taken) and one past it (a 400 naming the key and the limit); the environment is "dev" where it counts. */
const NAMES: Array<[string, (h: Harness, length: number) => Promise<unknown>, number, string]> = [
  ['appName', (h, n) => createBackend(h, { appName: 'a'.repeat(n) }), 255, 'Invalid appName "a'],
  ['backendEnvironmentName', (h, n) => createBackend(h, { environmentName: 'e'.repeat(n) }), 10, 'Invalid backendEnvironmentName "e'],
  ['the environment\'s resourceName', (h, n) => createBackend(h, { resourceName: 'r'.repeat(n) }), 128, 'Invalid resourceName "r'],
  ['storage resourceName', (h, n) => createStorage(h.client, { ResourceName: 'r'.repeat(n) }), 128, 'Invalid resourceName "r'],
  ['bucketName', (h, n) => createStorage(h.client, { ResourceConfig: { ServiceName: 'S3', BucketName: 'b'.repeat(n), Permissions: { Authenticated: ['READ'] } } }),
    47, 'Invalid resourceConfig.bucketName "b'],
  ['auth resourceName', (h, n) => authWith(h, { resourceName: 'r'.repeat(n) }), 128, 'Invalid resourceName "r'],
  ['userPoolName', (h, n) => authWith(h, { userPoolName: 'u'.repeat(n) }), 124, 'Invalid resourceConfig.userPoolConfigs.userPoolName "u'],
  ['identityPoolName', (h, n) => authWith(h, { identityPoolName: 'i'.repeat(n) }), 123, 'Invalid resourceConfig.identityPoolConfigs.identityPoolName "i'],
  ['domainPrefix', (h, n) => authWith(h, { domainPrefix: 'd'.repeat(n) }), 59, 'Invalid resourceConfig.userPoolConfigs.oAuth.domainPrefix "d'],
];

describe('the names the emulator takes', () => {
  const h = useEmulator();

  test.each(NAMES)('%s at its limit is taken', async (_name, send, limit) => {
    await expect(send(h, limit)).resolves.toMatchObject({ JobId: expect.any(String) });
  });

  test.each(NAMES)('%s one character past its limit is refused with a 400 naming the key and the length', async (_name, send, limit, message) => {
    await expect(send(h, limit + 1)).rejects.toMatchObject({
      name: 'BadRequestException',
      $metadata: { httpStatusCode: 400 },
      message: expect.stringContaining(message),
    });
    await expect(send(h, limit + 1)).rejects.toThrow(`it has ${limit + 1} characters`);
  });

  test.each<[string, (harness: Harness) => Promise<unknown>, string]>([
    ['an empty app name', (harness) => createBackend(harness, { appName: '' }), 'Invalid appName "": it has 0 characters, and an app name has 1 to 255.'],
    ['an environment name with a digit', (harness) => createBackend(harness, { environmentName: 'dev2' }),
      'Invalid backendEnvironmentName "dev2": an environment name has lowercase letters only.'],
    ['a resource name with a hyphen', (harness) => createStorage(harness.client, { ResourceName: 'my-photos' }), 'Invalid resourceName "my-photos": a resource name has letters and digits only.'],
    ['a bucket prefix S3 reserves', (harness) => createStorage(harness.client, {
      ResourceConfig: { ServiceName: 'S3', BucketName: 'xn--photos', Permissions: { Authenticated: ['READ'] } },
    }), 'Invalid resourceConfig.bucketName "xn--photos": S3 reserves names starting with xn--, sthree-, amzn-s3-demo-.'],
    ['an identity pool name with a space', (harness) => authWith(harness, { identityPoolName: 'photo ids' }),
      'Invalid resourceConfig.identityPoolConfigs.identityPoolName "photo ids": an identity pool name has letters, digits and underscores only.'],
    ['a domain prefix with "cognito"', (harness) => authWith(harness, { domainPrefix: 'my-cognito' }),
      'Invalid resourceConfig.userPoolConfigs.oAuth.domainPrefix "my-cognito": Cognito refuses domains containing aws, amazon, cognito.'],
  ])('%s is refused', async (_case, send, message) => {
    await expect(send(h)).rejects.toThrow(message);
  });

  test('UpdateBackendAuth checks a new domain prefix against the environment name as well', async () => {
    await createAuth(h.client, false);
    h.clock.advance(1);
    await expect(h.client.send(new UpdateBackendAuthCommand({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      ResourceName: 'userpool',
      ResourceConfig: {
        AuthResources: 'IDENTITY_POOL_AND_USER_POOL',
        Service: 'COGNITO',
        UserPoolConfigs: { OAuth: { DomainPrefix: 'd'.repeat(60) } as any },
      },
    }))).rejects.toThrow('it has 60 characters, and a hosted UI domain prefix has 1 to 59.');
  });

  test('storage created without a bucket name gets a prefix from the resource name, cut to the 47 characters a prefix may have', async () => {
    await createStorage(h.client, { ResourceName: 'P'.repeat(128), ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ'] } } });
    h.clock.advance(1);
    const storage = await h.client.send(new GetBackendStorageCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'P'.repeat(128) }));
    expect(storage.ResourceConfig?.BucketName).toMatch(new RegExp(`^${'p'.repeat(47)}\\d{5}-${ENV}$`));
  });
});
