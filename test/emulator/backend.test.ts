import { CreateBackendCommand, DeleteBackendCommand, GetBackendCommand, ListS3BucketsCommand } from '@aws-sdk/client-amplifybackend';
import { APP_ID, createStorage, ENV, Harness, useEmulator } from './harness';

function createEnvironment(h: Harness, environment: string) {
  return h.client.send(new CreateBackendCommand({ AppId: APP_ID, AppName: 'renamed', BackendEnvironmentName: environment }));
}

function getBackend(h: Harness, environment?: string) {
  return h.client.send(new GetBackendCommand({ AppId: APP_ID, BackendEnvironmentName: environment }));
}

describe('backend environments', () => {
  const h = useEmulator({ jobDurationMs: 1000 });

  test('a created environment exists once its job completes, in an app that keeps its first name', async () => {
    await createEnvironment(h, 'prod');
    await expect(getBackend(h, 'prod')).rejects.toMatchObject({ name: 'NotFoundException' });

    h.clock.advance(1000);
    await expect(getBackend(h, 'prod')).resolves.toMatchObject({ AppName: 'photo-app', BackendEnvironmentList: [ENV, 'prod'] });
  });

  test('creating an environment that exists is a BadRequestException saying so', async () => {
    await expect(createEnvironment(h, ENV)).rejects.toMatchObject({
      name: 'BadRequestException',
      message: expect.stringMatching(`Backend environment ${ENV} already exists for app ${APP_ID}.`),
    });
  });

  test('GetBackend without an environment name lists the environments and returns no amplifyMetaConfig', async () => {
    const backend = await getBackend(h);

    expect(backend).toMatchObject({ AppId: APP_ID, BackendEnvironmentList: [ENV] });
    expect(backend.AmplifyMetaConfig).toBeUndefined();
  });

  test('DeleteBackend removes the environment once its job completes and leaves its bucket in the account', async () => {
    await createStorage(h.client);
    h.clock.advance(1000);
    await h.client.send(new DeleteBackendCommand({ AppId: APP_ID, BackendEnvironmentName: ENV }));
    h.clock.advance(1000);

    await expect(getBackend(h)).resolves.toMatchObject({ BackendEnvironmentList: [] });
    expect((await h.client.send(new ListS3BucketsCommand({}))).Buckets).toHaveLength(1);
  });
});

describe('categories the emulator does not model', () => {
  const API = { photos: { service: 'AppSync', providerPlugin: 'awscloudformation', output: { GraphQLAPIIdOutput: 'abc123' } } };
  const FUNCTIONS = { resize: { service: 'Lambda', build: true } };
  const h = useEmulator({ environments: [{ appId: APP_ID, backendEnvironmentName: ENV, otherCategories: { api: API, function: FUNCTIONS } }] });

  test('a seeded environment\'s other categories are in amplifyMetaConfig as given, beside the providers, and kept in a saved world', async () => {
    const meta = JSON.parse((await getBackend(h, ENV)).AmplifyMetaConfig!);
    expect(meta).toMatchObject({ api: API, function: FUNCTIONS });
    expect(Object.keys(meta)).toEqual(['providers', 'api', 'function']);
    expect(h.emulator.saveWorld().apps[0].environments[0].otherCategories).toEqual({ api: API, function: FUNCTIONS });
  });

  test('auth and storage are not seeded as other categories: they have options and operations of their own', async () => {
    expect(() => h.emulator.seedEnvironment({ appId: APP_ID, backendEnvironmentName: 'prod', otherCategories: { storage: {} } }))
      .toThrow(`Environment ${APP_ID}/prod seeds storage as other categories: seed auth with \`auth\``);
  });
});
