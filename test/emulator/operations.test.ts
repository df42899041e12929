import {
  CreateBackendAuthCommand,
  CreateBackendCommand,
  DeleteBackendAuthCommand,
  DeleteBackendCommand,
  DeleteBackendStorageCommand,
  GetBackendAuthCommand,
  GetBackendCommand,
  GetBackendJobCommand,
  GetBackendStorageCommand,
  ImportBackendAuthCommand,
  ImportBackendStorageCommand,
  ListBackendJobsCommand,
  ListS3BucketsCommand,
  UpdateBackendAuthCommand,
  UpdateBackendJobCommand,
  UpdateBackendStorageCommand,
} from '@aws-sdk/client-amplifybackend';
import { APP_ID, createAuth, createStorage, ENV, lastRequest, useEmulator } from './harness';

/** Each operation as the unmodified SDK sends it and reads the answer. */
describe('AmplifyBackend operations over HTTP', () => {
  const h = useEmulator({ buckets: [{ name: 'existing-bucket', creationDate: '2024-05-01T00:00:00.000Z' }] });

  test('CreateBackend posts the app and environment to /backend and returns a running CreateBackend job', async () => {
    const response = await h.client.send(new CreateBackendCommand({
      AppId: 'newapp', AppName: 'New app', BackendEnvironmentName: 'prod', ResourceConfig: {}, ResourceName: 'amplify',
    }));

    expect(lastRequest(h)).toMatchObject({
      method: 'POST',
      path: '/backend',
      body: { appId: 'newapp', appName: 'New app', backendEnvironmentName: 'prod', resourceConfig: {}, resourceName: 'amplify' },
    });
    expect(response).toMatchObject({ AppId: 'newapp', BackendEnvironmentName: 'prod', Operation: 'CreateBackend', Status: 'RUNNING' });
    expect(response.JobId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('GetBackend posts the environment name and returns the environment list and amplify-meta.json as a string', async () => {
    const response = await h.client.send(new GetBackendCommand({ AppId: APP_ID, BackendEnvironmentName: ENV }));

    expect(lastRequest(h)).toMatchObject({ method: 'POST', path: `/backend/${APP_ID}/details`, body: { backendEnvironmentName: ENV } });
    expect(response).toMatchObject({ AppId: APP_ID, AppName: 'photo-app', BackendEnvironmentList: [ENV], BackendEnvironmentName: ENV });
    expect(JSON.parse(response.AmplifyMetaConfig!)).toEqual({
      providers: { awscloudformation: { AmplifyAppId: APP_ID, Region: 'us-east-1', StackName: `amplify-${APP_ID}-${ENV}` } },
    });
  });

  test('DeleteBackend posts an empty body to /environments/{env}/remove and returns a DeleteBackend job', async () => {
    const response = await h.client.send(new DeleteBackendCommand({ AppId: APP_ID, BackendEnvironmentName: ENV }));

    expect(lastRequest(h)).toMatchObject({ method: 'POST', path: `/backend/${APP_ID}/environments/${ENV}/remove`, body: {} });
    expect(response).toMatchObject({ AppId: APP_ID, BackendEnvironmentName: ENV, Operation: 'DeleteBackend', Status: 'RUNNING' });
  });

  test('CreateBackendStorage posts the environment, resource name and config to /storage and returns a job', async () => {
    const response = await createStorage(h.client, {
      ResourceConfig: { ServiceName: 'S3', BucketName: 'photos', Permissions: { Authenticated: ['READ', 'DELETE'], UnAuthenticated: ['READ'] } },
    });

    expect(lastRequest(h)).toMatchObject({
      method: 'POST',
      path: `/backend/${APP_ID}/storage`,
      body: {
        backendEnvironmentName: ENV,
        resourceName: 'photos',
        resourceConfig: { serviceName: 'S3', bucketName: 'photos', permissions: { authenticated: ['READ', 'DELETE'], unAuthenticated: ['READ'] } },
      },
    });
    expect(response).toMatchObject({ AppId: APP_ID, BackendEnvironmentName: ENV, Status: 'RUNNING' });
    expect(response.JobId).toBeDefined();
  });

  test('UpdateBackendStorage posts the resource name and new permissions to /storage/{env}', async () => {
    await createStorage(h.client);

    const response = await h.client.send(new UpdateBackendStorageCommand({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      ResourceName: 'photos',
      ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ', 'CREATE_AND_UPDATE'] } },
    }));

    expect(lastRequest(h)).toMatchObject({
      method: 'POST',
      path: `/backend/${APP_ID}/storage/${ENV}`,
      body: { resourceName: 'photos', resourceConfig: { serviceName: 'S3', permissions: { authenticated: ['READ', 'CREATE_AND_UPDATE'] } } },
    });
    expect(response).toMatchObject({ AppId: APP_ID, BackendEnvironmentName: ENV, Status: 'RUNNING' });
  });

  test('DeleteBackendStorage posts the resource and service name to /storage/{env}/remove', async () => {
    await createStorage(h.client);

    const response = await h.client.send(new DeleteBackendStorageCommand({
      AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'photos', ServiceName: 'S3',
    }));

    expect(lastRequest(h)).toMatchObject({
      method: 'POST', path: `/backend/${APP_ID}/storage/${ENV}/remove`, body: { resourceName: 'photos', serviceName: 'S3' },
    });
    expect(response).toMatchObject({ AppId: APP_ID, BackendEnvironmentName: ENV, Status: 'RUNNING' });
  });

  test('ImportBackendStorage posts the bucket and service name to /storage/{env}/import', async () => {
    const response = await h.client.send(new ImportBackendStorageCommand({
      AppId: APP_ID, BackendEnvironmentName: ENV, BucketName: 'existing-bucket', ServiceName: 'S3',
    }));

    expect(lastRequest(h)).toMatchObject({
      method: 'POST', path: `/backend/${APP_ID}/storage/${ENV}/import`, body: { bucketName: 'existing-bucket', serviceName: 'S3' },
    });
    expect(response).toMatchObject({ AppId: APP_ID, BackendEnvironmentName: ENV, Status: 'RUNNING' });
  });

  test('GetBackendStorage posts the resource name to /storage/{env}/details and returns bucket and permissions', async () => {
    await createStorage(h.client);

    const response = await h.client.send(new GetBackendStorageCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'photos' }));

    expect(lastRequest(h)).toMatchObject({ method: 'POST', path: `/backend/${APP_ID}/storage/${ENV}/details`, body: { resourceName: 'photos' } });
    expect(response).toMatchObject({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      ResourceName: 'photos',
      ResourceConfig: { Imported: false, ServiceName: 'S3', BucketName: expect.stringMatching(/^photos\d{5}-dev$/), Permissions: { Authenticated: ['READ'] } },
    });
  });

  test('ListS3Buckets posts to /s3Buckets and returns names and creation dates', async () => {
    const response = await h.client.send(new ListS3BucketsCommand({}));

    expect(lastRequest(h)).toMatchObject({ method: 'POST', path: '/s3Buckets', body: {} });
    expect(response.Buckets).toEqual([{ Name: 'existing-bucket', CreationDate: '2024-05-01T00:00:00.000Z' }]);
    expect(response.NextToken).toBeUndefined();
  });

  test('GetBackendJob sends a GET to /job/{env}/{jobId} and returns status and epoch-millisecond times as strings', async () => {
    const { JobId } = await createStorage(h.client);
    h.clock.advance(10);

    const response = await h.client.send(new GetBackendJobCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, JobId }));

    expect(lastRequest(h)).toMatchObject({ method: 'GET', path: `/backend/${APP_ID}/job/${ENV}/${JobId}`, body: {} });
    expect(response).toMatchObject({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      JobId,
      Operation: 'CreateBackendStorage',
      Status: 'COMPLETED',
      CreateTime: String(h.clock.now - 10),
      UpdateTime: String(h.clock.now - 10),
    });
  });

  test('UpdateBackendJob posts operation and status to /job/{env}/{jobId} and returns the job', async () => {
    const { JobId } = await createStorage(h.client);

    const response = await h.client.send(new UpdateBackendJobCommand({
      AppId: APP_ID, BackendEnvironmentName: ENV, JobId, Operation: 'CreateBackendStorage', Status: 'STALE',
    }));

    expect(lastRequest(h)).toMatchObject({
      method: 'POST', path: `/backend/${APP_ID}/job/${ENV}/${JobId}`, body: { operation: 'CreateBackendStorage', status: 'STALE' },
    });
    expect(response).toMatchObject({ JobId, Operation: 'CreateBackendStorage', Status: 'STALE' });
  });

  test('ListBackendJobs posts filters to /job/{env} and returns the jobs', async () => {
    const { JobId } = await createStorage(h.client);

    const response = await h.client.send(new ListBackendJobsCommand({
      AppId: APP_ID, BackendEnvironmentName: ENV, MaxResults: 5, Operation: 'CreateBackendStorage',
    }));

    expect(lastRequest(h)).toMatchObject({
      method: 'POST', path: `/backend/${APP_ID}/job/${ENV}`, body: { maxResults: 5, operation: 'CreateBackendStorage' },
    });
    expect(response.Jobs).toEqual([expect.objectContaining({ JobId, Operation: 'CreateBackendStorage', Status: 'COMPLETED' })]);
  });

  test('CreateBackendAuth posts the whole config tree, with snake-case social provider keys and MFAMode, to /auth', async () => {
    const response = await h.client.send(new CreateBackendAuthCommand({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      ResourceName: 'userpool',
      ResourceConfig: {
        AuthResources: 'IDENTITY_POOL_AND_USER_POOL',
        Service: 'COGNITO',
        IdentityPoolConfigs: { IdentityPoolName: 'identities', UnauthenticatedLogin: true },
        UserPoolConfigs: {
          RequiredSignUpAttributes: ['EMAIL'],
          SignInMethod: 'EMAIL',
          UserPoolName: 'users',
          Mfa: { MFAMode: 'OPTIONAL', Settings: { MfaTypes: ['TOTP'] } },
          OAuth: {
            OAuthGrantType: 'CODE',
            OAuthScopes: ['EMAIL', 'OPENID'],
            RedirectSignInURIs: ['https://example.com/in'],
            RedirectSignOutURIs: ['https://example.com/out'],
            SocialProviderSettings: {
              Google: { ClientId: 'gid', ClientSecret: 'gsecret' },
              SignInWithApple: { ClientId: 'aid', KeyId: 'kid', PrivateKey: 'pk', TeamId: 'tid' },
            },
          },
          PasswordPolicy: { MinimumLength: 10, AdditionalConstraints: ['REQUIRE_DIGIT'] },
        },
      },
    }));

    expect(lastRequest(h)).toMatchObject({
      method: 'POST',
      path: `/backend/${APP_ID}/auth`,
      body: {
        backendEnvironmentName: ENV,
        resourceName: 'userpool',
        resourceConfig: {
          authResources: 'IDENTITY_POOL_AND_USER_POOL',
          identityPoolConfigs: { identityPoolName: 'identities', unauthenticatedLogin: true },
          userPoolConfigs: {
            mfa: { MFAMode: 'OPTIONAL', settings: { mfaTypes: ['TOTP'] } },
            oAuth: {
              socialProviderSettings: {
                Google: { client_id: 'gid', client_secret: 'gsecret' },
                SignInWithApple: { client_id: 'aid', key_id: 'kid', private_key: 'pk', team_id: 'tid' },
              },
            },
          },
        },
      },
    });
    expect(response).toMatchObject({ AppId: APP_ID, BackendEnvironmentName: ENV, Operation: 'CreateBackendAuth', Status: 'RUNNING' });
  });

  test('UpdateBackendAuth posts the resource name and changed config to /auth/{env}', async () => {
    await createAuth(h.client, false);

    const response = await h.client.send(new UpdateBackendAuthCommand({
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

    expect(lastRequest(h)).toMatchObject({
      method: 'POST',
      path: `/backend/${APP_ID}/auth/${ENV}`,
      body: {
        resourceName: 'userpool',
        resourceConfig: { userPoolConfigs: { passwordPolicy: { minimumLength: 12 } }, identityPoolConfigs: { unauthenticatedLogin: true } },
      },
    });
    expect(response).toMatchObject({ Operation: 'UpdateBackendAuth', Status: 'RUNNING' });
  });

  test('DeleteBackendAuth posts the resource name to /auth/{env}/remove', async () => {
    await createAuth(h.client);

    const response = await h.client.send(new DeleteBackendAuthCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'userpool' }));

    expect(lastRequest(h)).toMatchObject({ method: 'POST', path: `/backend/${APP_ID}/auth/${ENV}/remove`, body: { resourceName: 'userpool' } });
    expect(response).toMatchObject({ Operation: 'DeleteBackendAuth', Status: 'RUNNING' });
  });

  test('ImportBackendAuth posts the pool and client ids to /auth/{env}/import', async () => {
    const response = await h.client.send(new ImportBackendAuthCommand({
      AppId: APP_ID, BackendEnvironmentName: ENV, UserPoolId: 'us-east-1_abc', WebClientId: 'web', NativeClientId: 'native',
    }));

    expect(lastRequest(h)).toMatchObject({
      method: 'POST',
      path: `/backend/${APP_ID}/auth/${ENV}/import`,
      body: { userPoolId: 'us-east-1_abc', webClientId: 'web', nativeClientId: 'native' },
    });
    expect(response).toMatchObject({ Operation: 'ImportBackendAuth', Status: 'RUNNING' });
  });

  test('GetBackendAuth posts the resource name to /auth/{env}/details and returns the config the SDK reads back', async () => {
    await createAuth(h.client, true);

    const response = await h.client.send(new GetBackendAuthCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'userpool' }));

    expect(lastRequest(h)).toMatchObject({ method: 'POST', path: `/backend/${APP_ID}/auth/${ENV}/details`, body: { resourceName: 'userpool' } });
    expect(response).toMatchObject({
      ResourceName: 'userpool',
      ResourceConfig: {
        AuthResources: 'IDENTITY_POOL_AND_USER_POOL',
        Service: 'COGNITO',
        IdentityPoolConfigs: { IdentityPoolName: 'identities', UnauthenticatedLogin: true },
        UserPoolConfigs: { RequiredSignUpAttributes: ['EMAIL'], SignInMethod: 'EMAIL', UserPoolName: 'users' },
      },
    });
  });
});
