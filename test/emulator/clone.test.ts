import {
  CloneBackendCommand, CreateBackendAuthCommand, CreateBackendCommand, GetBackendAuthCommand, GetBackendJobCommand, ImportBackendAuthCommand,
  ImportBackendStorageCommand, ListBackendJobsCommand,
} from '@aws-sdk/client-amplifybackend';
import { APP_ID, createAuth, createStorage, ENV, Harness, startFailure, useEmulator } from './harness';

const clone = (h: Harness, target = 'rehearsal', source = ENV) =>
  h.client.send(new CloneBackendCommand({ AppId: APP_ID, BackendEnvironmentName: source, TargetEnvironmentName: target }));
const environment = (h: Harness, name: string) => h.emulator.inspect().environments.find((env) => env.backendEnvironmentName === name);

describe('CloneBackend', () => {
  const h = useEmulator({ jobDurationMs: 1000, buckets: ['team-files'] });

  test('the target exists once the job completes, with created auth and storage as new resources of the same definitions', async () => {
    await createAuth(h.client, true);
    h.clock.advance(1000);
    await createStorage(h.client);
    h.clock.advance(1000);
    const started = await clone(h);
    expect(started).toMatchObject({ AppId: APP_ID, BackendEnvironmentName: ENV, Operation: 'CloneBackend', Status: 'RUNNING' });
    expect(environment(h, 'rehearsal')).toBeUndefined();

    h.clock.advance(1000);
    const [source, target] = [environment(h, ENV)!, environment(h, 'rehearsal')!];
    expect(target.auth).toMatchObject({ resourceName: source.auth!.resourceName, imported: false, resourceConfig: source.auth!.resourceConfig });
    expect(target.auth!.outputs.UserPoolId).not.toBe(source.auth!.outputs.UserPoolId);
    expect(target.auth!.outputs.IdentityPoolId).not.toBe(source.auth!.outputs.IdentityPoolId);
    expect(target.storage).toMatchObject({ resourceName: 'photos', imported: false, permissions: source.storage!.permissions });
    expect(source.storage!.bucketName).toMatch(/^photos\d{5}-dev$/);
    expect(target.storage!.bucketName).toMatch(/^photos\d{5}-rehearsal$/);
    expect(h.emulator.hasBucket(target.storage!.bucketName)).toBe(true);
    const auth = await h.client.send(new GetBackendAuthCommand({ AppId: APP_ID, BackendEnvironmentName: 'rehearsal', ResourceName: 'userpool' }));
    expect(auth.ResourceConfig?.UserPoolConfigs?.UserPoolName).toBe('users');
  });

  test('imported auth and storage point to the same user pool and bucket', async () => {
    await h.client.send(new ImportBackendAuthCommand({
      AppId: APP_ID, BackendEnvironmentName: ENV, UserPoolId: 'us-east-1_Pool1', WebClientId: 'web1', NativeClientId: 'native1',
    }));
    h.clock.advance(1000);
    await h.client.send(new ImportBackendStorageCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, BucketName: 'team-files', ServiceName: 'S3' }));
    h.clock.advance(1000);
    await clone(h);
    h.clock.advance(1000);
    const [source, target] = [environment(h, ENV)!, environment(h, 'rehearsal')!];
    expect(target.auth).toEqual(source.auth);
    expect(target.storage).toEqual({ ...source.storage, bucketName: 'team-files' });
  });

  test('the clone copies the source as it is when the job ends, and the source is left as it was', async () => {
    await createAuth(h.client);
    h.clock.advance(1000);
    const before = environment(h, ENV);
    await clone(h);
    h.clock.advance(1000);
    expect(environment(h, ENV)).toEqual(before);
    expect(h.emulator.requests().filter((request) => request.mutating).map((request) => request.operation)).toEqual(['CreateBackendAuth', 'CloneBackend']);
  });

  test('a clone job that fails leaves no target and the source as it was, with the failure in the job', async () => {
    await createStorage(h.client);
    h.clock.advance(1000);
    const before = environment(h, ENV);
    h.emulator.injectFault('CloneBackend', { kind: 'jobFails', error: 'Stack amplify-rehearsal failed' }, { appId: APP_ID });
    const { JobId } = await clone(h);
    h.clock.advance(1000);
    expect(environment(h, 'rehearsal')).toBeUndefined();
    expect(environment(h, ENV)).toEqual(before);
    await expect(h.client.send(new GetBackendJobCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, JobId }))).resolves
      .toMatchObject({ Operation: 'CloneBackend', Status: 'FAILED', Error: 'Stack amplify-rehearsal failed' });
  });

  test.each<[string, (given: Harness) => Promise<unknown>, RegExp]>([
    ['a source that does not exist', (given) => clone(given, 'rehearsal', 'prod'), /^Backend environment prod not found for app/],
    ['a target that exists', async (given) => {
      await given.client.send(new CreateBackendCommand({ AppId: APP_ID, AppName: 'photo-app', BackendEnvironmentName: 'rehearsal' }));
      given.clock.advance(1000);
      return clone(given);
    }, /Backend environment rehearsal already exists/],
    ['the source as its own target', (given) => clone(given, ENV), /targetEnvironmentName dev is the environment to clone/],
    ['a target name the service does not take', (given) => clone(given, 'Rehearsal'), /Invalid targetEnvironmentName "Rehearsal": an environment name has lowercase letters only/],
    ['a job pending on the source', async (given) => {
      await createStorage(given.client);
      return clone(given);
    }, /There is already a pending job for the requested appId d2abc3def4 and backendEnvironmentName dev/],
    ['a job pending on the target (it is being created)', async (given) => {
      await given.client.send(new CreateBackendCommand({ AppId: APP_ID, AppName: 'photo-app', BackendEnvironmentName: 'rehearsal' }));
      return clone(given);
    }, /There is already a pending job for the requested appId d2abc3def4 and backendEnvironmentName rehearsal/],
  ])('refuses %s before starting anything', async (_case, call, message) => {
    await expect(call(h)).rejects.toMatchObject({ message: expect.stringMatching(message) });
    expect(h.emulator.inspect().jobs.filter((job) => job.operation === 'CloneBackend')).toEqual([]);
  });

  test('a source whose user pool name would not fit the target\'s name is refused (the service appends the environment name)', async () => {
    const userPoolName = 'u'.repeat(120);
    await h.client.send(new CreateBackendAuthCommand({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      ResourceName: 'userpool',
      ResourceConfig: { AuthResources: 'USER_POOL_ONLY', Service: 'COGNITO', UserPoolConfigs: { RequiredSignUpAttributes: ['EMAIL'], SignInMethod: 'EMAIL', UserPoolName: userPoolName } },
    }));
    h.clock.advance(1000);
    await expect(clone(h)).rejects.toMatchObject({
      message: expect.stringContaining(`Invalid userPoolName of the source's auth "${userPoolName}": it has 120 characters, and a user pool name has 1 to 118.`),
    });
    await expect(clone(h, 'qa')).resolves.toMatchObject({ Operation: 'CloneBackend' });
  });
});

describe('where a clone\'s job is listed', () => {
  describe('by default, under the source (its path names it)', () => {
    const h = useEmulator({ jobDurationMs: 1000 });

    test('the answer names the source; the job is read, listed and pending there, and the source takes no other job meanwhile', async () => {
      const { JobId, BackendEnvironmentName } = await clone(h);
      expect(BackendEnvironmentName).toBe(ENV);
      await expect(h.client.send(new GetBackendJobCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, JobId }))).resolves.toMatchObject({ Status: 'RUNNING' });
      await expect(h.client.send(new GetBackendJobCommand({ AppId: APP_ID, BackendEnvironmentName: 'rehearsal', JobId }))).rejects.toMatchObject({ name: 'NotFoundException' });
      expect((await h.client.send(new ListBackendJobsCommand({ AppId: APP_ID, BackendEnvironmentName: ENV }))).Jobs).toHaveLength(1);
      await expect(createStorage(h.client)).rejects.toMatchObject({ message: expect.stringMatching('already a pending job') });
    });
  });

  describe('with cloneJobsUnder: \'target\'', () => {
    const h = useEmulator({ jobDurationMs: 1000, jobDurations: { CreateBackendStorage: 500 }, jobListingByApp: { [APP_ID]: { cloneJobsUnder: 'target' } } });

    test('the answer names the target, where the job is read and listed; the source takes other jobs meanwhile, and the clone copies it when its job ends', async () => {
      const { JobId, BackendEnvironmentName } = await clone(h);
      expect(BackendEnvironmentName).toBe('rehearsal');
      await expect(h.client.send(new GetBackendJobCommand({ AppId: APP_ID, BackendEnvironmentName: 'rehearsal', JobId }))).resolves.toMatchObject({ Status: 'RUNNING' });
      expect((await h.client.send(new ListBackendJobsCommand({ AppId: APP_ID, BackendEnvironmentName: ENV }))).Jobs).toEqual([]);
      await expect(createStorage(h.client)).resolves.toMatchObject({ Status: 'RUNNING' });
      h.clock.advance(1000);
      expect(environment(h, 'rehearsal')!.storage).toMatchObject({ resourceName: 'photos', permissions: { authenticated: ['READ'] } });
    });
  });

  test('an option that is neither is refused at start', async () => {
    expect(await startFailure({ cloneJobsUnder: 'both' as any })).toBe('Invalid cloneJobsUnder "both": use one of source, target.');
  });
});
