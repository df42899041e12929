import {
  BadRequestException,
  DeleteBackendStorageCommand,
  GetBackendCommand,
  GetBackendStorageCommand,
  ImportBackendStorageCommand,
  ListS3BucketsCommand,
  NotFoundException,
  UpdateBackendStorageCommand,
} from '@aws-sdk/client-amplifybackend';
import { APP_ID, createStorage, ENV, Harness, useEmulator } from './harness';

function importStorage(h: Harness, bucketName: string) {
  return h.client.send(new ImportBackendStorageCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, BucketName: bucketName, ServiceName: 'S3' }));
}

function getStorage(h: Harness, resourceName: string) {
  return h.client.send(new GetBackendStorageCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: resourceName }));
}

function unlinkStorage(h: Harness, resourceName: string) {
  return h.client.send(new DeleteBackendStorageCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: resourceName, ServiceName: 'S3' }));
}

async function bucketNames(h: Harness): Promise<string[]> {
  return (await h.client.send(new ListS3BucketsCommand({}))).Buckets!.map((bucket) => bucket.Name!);
}

async function storageMeta(h: Harness): Promise<Record<string, Record<string, unknown>>> {
  const backend = await h.client.send(new GetBackendCommand({ AppId: APP_ID, BackendEnvironmentName: ENV }));
  return JSON.parse(backend.AmplifyMetaConfig!).storage;
}

describe('storage rules', () => {
  const h = useEmulator({ buckets: ['legacy-uploads'] });

  test('storage needs an existing environment: NotFoundException for resource type BackendEnvironment', async () => {
    const attempt = createStorage(h.client, { BackendEnvironmentName: 'nope' });

    await expect(attempt).rejects.toBeInstanceOf(NotFoundException);
    await expect(attempt).rejects.toMatchObject({ ResourceType: 'BackendEnvironment' });
  });

  test('a created bucket gets digits and the environment as a suffix on the given prefix', async () => {
    await createStorage(h.client, { ResourceConfig: { ServiceName: 'S3', BucketName: 'photos', Permissions: { Authenticated: ['READ'] } } });

    expect((await getStorage(h, 'photos')).ResourceConfig!.BucketName).toMatch(/^photos\d{5}-dev$/);
  });

  test('without a bucket name the emulator derives one from the resource name', async () => {
    await createStorage(h.client, { ResourceName: 'Avatars', ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ'] } } });

    expect((await getStorage(h, 'Avatars')).ResourceConfig!.BucketName).toMatch(/^avatars\d{5}-dev$/);
  });

  test('an environment holds one storage resource: a second create or an import is rejected', async () => {
    await createStorage(h.client);

    await expect(createStorage(h.client, { ResourceName: 'second' })).rejects.toThrow(/already has the storage resource photos/);
    await expect(importStorage(h, 'legacy-uploads')).rejects.toBeInstanceOf(BadRequestException);
  });

  test('ListS3Buckets lists the configured buckets, then the ones storage jobs created', async () => {
    await createStorage(h.client);

    expect(await bucketNames(h)).toEqual(['legacy-uploads', expect.stringMatching(/^photos\d{5}-dev$/)]);
  });

  test('import needs a bucket that exists in the account: NotFoundException naming it', async () => {
    const attempt = importStorage(h, 'not-in-account');

    await expect(attempt).rejects.toBeInstanceOf(NotFoundException);
    await expect(attempt).rejects.toThrow('S3 bucket not-in-account not found in the account.');
  });

  test('an imported bucket shows in amplifyMetaConfig under storage as S3 with serviceType imported', async () => {
    await importStorage(h, 'legacy-uploads');

    const storage = await storageMeta(h);
    const [resourceName] = Object.keys(storage);
    expect(resourceName).toMatch(/^s3[0-9a-f]{8}$/);
    expect(storage[resourceName]).toMatchObject({ service: 'S3', serviceType: 'imported', output: { BucketName: 'legacy-uploads' } });
    expect((await getStorage(h, resourceName)).ResourceConfig).toMatchObject({ Imported: true, BucketName: 'legacy-uploads' });
  });

  test('created storage shows in amplifyMetaConfig without a serviceType', async () => {
    await createStorage(h.client);

    const storage = await storageMeta(h);
    expect(storage.photos).toMatchObject({ service: 'S3', output: { BucketName: expect.stringMatching(/^photos\d{5}-dev$/) } });
    expect(storage.photos.serviceType).toBeUndefined();
  });

  test('unlinking storage keeps both created and imported buckets in the account', async () => {
    await createStorage(h.client);
    await unlinkStorage(h, 'photos');
    await importStorage(h, 'legacy-uploads');
    const [imported] = Object.keys(await storageMeta(h));
    await unlinkStorage(h, imported);

    expect(await storageMeta(h)).toBeUndefined();
    expect(await bucketNames(h)).toEqual(['legacy-uploads', expect.stringMatching(/^photos\d{5}-dev$/)]);
  });

  test('unlinking a storage resource that does not exist is a NotFoundException', async () => {
    await expect(unlinkStorage(h, 'photos')).rejects.toMatchObject({ name: 'NotFoundException', ResourceType: 'Storage' });
  });

  test('an update changes the permissions and keeps the bucket', async () => {
    await createStorage(h.client);
    const before = await getStorage(h, 'photos');

    await h.client.send(new UpdateBackendStorageCommand({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      ResourceName: 'photos',
      ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ', 'DELETE'], UnAuthenticated: ['READ'] } },
    }));

    const after = await getStorage(h, 'photos');
    expect(after.ResourceConfig).toEqual({ ...before.ResourceConfig, Permissions: { Authenticated: ['READ', 'DELETE'], UnAuthenticated: ['READ'] } });
  });

  test('imported storage cannot be updated', async () => {
    await importStorage(h, 'legacy-uploads');
    const [imported] = Object.keys(await storageMeta(h));

    const attempt = h.client.send(new UpdateBackendStorageCommand({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      ResourceName: imported,
      ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ'] } },
    }));

    await expect(attempt).rejects.toThrow(/is imported and cannot be updated/);
  });
});

describe('storage body validation', () => {
  const h = useEmulator();

  test('a missing required key is a BadRequestException that names it', async () => {
    const attempt = createStorage(h.client, { ResourceConfig: { ServiceName: 'S3', Permissions: undefined } });

    await expect(attempt).rejects.toBeInstanceOf(BadRequestException);
    await expect(attempt).rejects.toThrow('Missing required key resourceConfig.permissions.');
  });

  test('enum values are checked: serviceName and permission elements', async () => {
    const wrongService = createStorage(h.client, { ResourceConfig: { ServiceName: 'S4' as 'S3', Permissions: { Authenticated: ['READ'] } } });
    const wrongPermission = createStorage(h.client, { ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['WRITE' as 'READ'] } } });

    await expect(wrongService).rejects.toThrow('resourceConfig.serviceName must be one of S3, got "S4".');
    await expect(wrongPermission).rejects.toThrow('resourceConfig.permissions.authenticated[0] must be one of CREATE_AND_UPDATE, DELETE, READ, got "WRITE".');
  });
});

describe('ListS3Buckets pagination', () => {
  const names = Array.from({ length: 12 }, (_, index) => `bucket-${String(index).padStart(2, '0')}`);
  const h = useEmulator({ buckets: names });

  test('returns 10 buckets per page and the rest after nextToken', async () => {
    const first = await h.client.send(new ListS3BucketsCommand({}));
    const second = await h.client.send(new ListS3BucketsCommand({ NextToken: first.NextToken }));

    expect(first.Buckets).toHaveLength(10);
    expect(second.NextToken).toBeUndefined();
    expect([...first.Buckets!, ...second.Buckets!].map((bucket) => bucket.Name)).toEqual(names);
  });
});
