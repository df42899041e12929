import { AmplifyBackendClient, CreateBackendStorageCommand } from '@aws-sdk/client-amplifybackend';
import { Stack } from 'aws-cdk-lib';
import { localDeployment, synth } from './harness';
import { customResources } from '../../local/runner';
import { AmplifyBackend, BackendStorageOptions, StoragePermission } from '../../src';

jest.setTimeout(30_000);

const EXISTING = { environments: [{ appId: 'd1', backendEnvironmentName: 'dev' }], buckets: ['team-files'] };
const READ_WRITE = { authenticated: [StoragePermission.READ, StoragePermission.CREATE_AND_UPDATE] };

/** A stack with storage on the existing environment d1/dev. */
const storageStack = (options: Partial<BackendStorageOptions> = {}) => synth((app) => {
  const stack = new Stack(app, 'Storage');
  AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' })
    .addStorage('Photos', { resourceName: 'photos', permissions: READ_WRITE, ...options });
});
const storageOf = (local: { emulator: { inspect(): { environments: Array<{ backendEnvironmentName: string; storage?: any }> } } }) =>
  local.emulator.inspect().environments.find((env) => env.backendEnvironmentName === 'dev')?.storage;

describe('failures on the emulator, through the shipped bundle', () => {
  test('a storage job that FAILS rolls the stack back, and the message names app, environment, resource and the service text', async () => {
    const local = await localDeployment({ emulator: EXISTING });
    try {
      local.emulator.injectFault('CreateBackendStorage', { kind: 'jobFails', error: 'S3 bucket limit reached' });
      const result = await local.deploy(storageStack());
      expect(result.status).toBe('ROLLBACK_COMPLETE');
      expect(result.failures[0].reason).toMatch(/^Storage "photos" \(app d1, environment dev\): CreateBackendStorage job \S+ FAILED: .*S3 bucket limit reached/);
      expect(storageOf(local)).toBeUndefined();
    } finally {
      await local.close();
    }
  });

  test('a job that FAILS with 7 KB of text fails the deploy with the resource and the text\'s start, not with CloudFormation\'s "too long"', async () => {
    const text = 'Resource handler returned message: "Bucket already exists" (RequestToken: abc, HandlerErrorCode: AlreadyExists)\n'.repeat(70);
    const local = await localDeployment({ emulator: EXISTING });
    try {
      local.emulator.injectFault('CreateBackendStorage', { kind: 'jobFails', error: text });
      const result = await local.deploy(storageStack());
      expect(result.status).toBe('ROLLBACK_COMPLETE');
      const [prefix, rest] = result.failures[0].reason!.split(/ job \S+ FAILED: /);
      expect(prefix).toBe('Storage "photos" (app d1, environment dev): CreateBackendStorage');
      expect(rest.slice(0, 1_000)).toBe(text.slice(0, 1_000));
      expect(storageOf(local)).toBeUndefined();
    } finally {
      await local.close();
    }
  });

  test('a failed permissions update is rolled back to the permissions before it', async () => {
    const local = await localDeployment({ emulator: EXISTING });
    try {
      expect((await local.deploy(storageStack())).status).toBe('CREATE_COMPLETE');
      local.emulator.injectFault('UpdateBackendStorage', { kind: 'jobFails', error: 'Internal error' });
      const result = await local.deploy(storageStack({ permissions: { authenticated: [StoragePermission.READ] } }));
      expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
      expect(storageOf(local).permissions.authenticated).toEqual(['READ', 'CREATE_AND_UPDATE']);
    } finally {
      await local.close();
    }
  });

  test('a rename whose create FAILS is rolled back to the old name', async () => {
    const local = await localDeployment({ emulator: EXISTING });
    try {
      expect((await local.deploy(storageStack())).status).toBe('CREATE_COMPLETE');
      local.emulator.injectFault('CreateBackendStorage', { kind: 'jobFails', error: 'Name rejected' });
      const result = await local.deploy(storageStack({ resourceName: 'media' }));
      expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
      expect(storageOf(local)).toMatchObject({ resourceName: 'photos', permissions: { authenticated: ['READ', 'CREATE_AND_UPDATE'] } });
      expect(customResources(local.stack('Storage')!).map((resource) => resource.physicalResourceId)).toEqual(['d1/dev/photos']);
    } finally {
      await local.close();
    }
  });

  test('a job that never finishes: the handler gives up before the provider, and the rollback still leaves nothing behind', async () => {
    // Provider times scaled by 0.001: the 30-minute total timeout becomes 1.8 s.
    const local = await localDeployment({ emulator: EXISTING, timeScale: 0.001 });
    try {
      local.emulator.injectFault('CreateBackendStorage', { kind: 'jobNeverFinishes' });
      const result = await local.deploy(storageStack());
      expect(result.status).toBe('ROLLBACK_COMPLETE');
      expect(result.failures[0].reason).toMatch(/^Storage "photos" \(app d1, environment dev\): gave up after \d+ seconds, still waiting: CreateBackendStorage job \S+ is RUNNING/);
      expect(storageOf(local)).toBeUndefined();
    } finally {
      await local.close();
    }
  });

  test('importing a bucket the account does not have fails fast, naming it, and imports nothing', async () => {
    const local = await localDeployment({ emulator: EXISTING });
    try {
      const result = await local.deploy(synth((app) => {
        const stack = new Stack(app, 'Import');
        AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }).importStorage('Files', { bucketName: 'no-such-bucket' });
      }));
      expect(result.status).toBe('ROLLBACK_COMPLETE');
      expect(result.failures[0].reason).toContain('bucket "no-such-bucket" is not in this account');
      expect(local.emulator.requests().filter((r) => r.operation === 'ImportBackendStorage')).toEqual([]);
    } finally {
      await local.close();
    }
  });

  test('storage that existed before the stack is refused at onEvent, and the rollback never touches it', async () => {
    const local = await localDeployment({ emulator: EXISTING });
    try {
      const client = new AmplifyBackendClient(local.emulator.clientConfig());
      await client.send(new CreateBackendStorageCommand({
        AppId: 'd1',
        BackendEnvironmentName: 'dev',
        ResourceName: 'photos',
        ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ'] } },
      }));
      // The job ends before the stack is deployed: storage that already exists, not one being made meanwhile.
      await local.emulator.jobsEnded(10_000);
      const result = await local.deploy(storageStack());
      expect(result.status).toBe('ROLLBACK_COMPLETE');
      expect(result.failures[0].reason).toContain('a storage named "photos" already exists in the environment');
      expect(storageOf(local)).toMatchObject({ resourceName: 'photos', permissions: { authenticated: ['READ'] } });
      expect(local.emulator.requests().filter((r) => r.operation === 'DeleteBackendStorage')).toEqual([]);
    } finally {
      await local.close();
    }
  });
});
