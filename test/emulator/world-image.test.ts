import { DeleteBackendCommand, GetBackendCommand, GetBackendJobCommand, ListS3BucketsCommand } from '@aws-sdk/client-amplifybackend';
import { APP_ID, createAuth, createStorage, ENV, Harness, listAllJobs, startFailure, startHarness, stopHarness } from './harness';

/** A saved world (`saveWorld()`), restored into a new emulator (`world`): what a local stack keeps between commands. */
describe('saved worlds', () => {
  const harnesses: Harness[] = [];
  const start = async (...args: Parameters<typeof startHarness>) => {
    const harness = await startHarness(...args);
    harnesses.push(harness);
    return harness;
  };
  afterEach(async () => {
    await Promise.all(harnesses.splice(0).map(stopHarness));
  });

  /** An emulator with auth and storage created in ENV and a bucket of its own, every job ended. */
  async function used(): Promise<Harness> {
    const harness = await start({ jobDurationMs: 1000, buckets: ['team-files'], region: 'eu-west-1' });
    await createAuth(harness.client, true);
    harness.clock.advance(1000);
    await createStorage(harness.client);
    harness.clock.advance(1000);
    return harness;
  }

  test('a restored world answers as the saved one did: environments, auth, storage, buckets, jobs and the Region', async () => {
    const before = await used();
    const restored = await start({ world: before.emulator.saveWorld(), environments: undefined, seed: undefined });

    expect(restored.emulator.inspect()).toEqual(before.emulator.inspect());
    const meta = JSON.parse((await restored.client.send(new GetBackendCommand({ AppId: APP_ID, BackendEnvironmentName: ENV }))).AmplifyMetaConfig!);
    expect(meta.providers.awscloudformation.Region).toBe('eu-west-1');
    expect(meta.storage.photos.output.BucketName).toMatch(/^photos\d{5}-dev$/);
    expect(meta.auth.userpool.output.UserPoolId).toMatch(/^eu-west-1_/);
    expect((await restored.client.send(new ListS3BucketsCommand({}))).Buckets!.map((bucket) => bucket.Name))
      .toEqual(['team-files', meta.storage.photos.output.BucketName]);
    const { jobs } = await listAllJobs(restored);
    expect(jobs.map((job) => [job.Operation, job.Status])).toEqual([['CreateBackendStorage', 'COMPLETED'], ['CreateBackendAuth', 'COMPLETED']]);
    await expect(restored.client.send(new GetBackendJobCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, JobId: jobs[0].JobId })))
      .resolves.toMatchObject({ Status: 'COMPLETED' });
  });

  test('names generated after a restore go on from where the saved world stopped, as if it had never stopped', async () => {
    const uninterrupted = await used();
    const interrupted = await used();
    const restored = await start({ world: interrupted.emulator.saveWorld(), environments: undefined, seed: undefined, jobDurationMs: 1000 });

    for (const harness of [uninterrupted, restored]) {
      await harness.client.send(new DeleteBackendCommand({ AppId: APP_ID, BackendEnvironmentName: ENV }));
      harness.clock.advance(1000);
      harness.emulator.seedEnvironment({ appId: APP_ID, backendEnvironmentName: ENV, auth: {} });
      await createStorage(harness.client);
      harness.clock.advance(1000);
    }
    const generated = (harness: Harness) => harness.emulator.inspect().environments.map((env) => [env.auth?.outputs, env.storage?.bucketName]);
    expect(generated(restored)).toEqual(generated(uninterrupted));
    expect(generated(restored)).not.toEqual(generated(interrupted));
  });

  test('an app whose environments are all gone is kept', async () => {
    const harness = await start({ jobDurationMs: 0 });
    await harness.client.send(new DeleteBackendCommand({ AppId: APP_ID, BackendEnvironmentName: ENV }));
    const restored = await start({ world: harness.emulator.saveWorld(), environments: undefined, seed: undefined });

    await expect(restored.client.send(new GetBackendCommand({ AppId: APP_ID }))).resolves.toMatchObject({ AppName: 'photo-app', BackendEnvironmentList: [] });
  });

  test('a world is not saved while a job runs: its effect would be lost', async () => {
    const harness = await start({ jobDurationMs: 1000 });
    const { JobId } = await createStorage(harness.client);

    expect(() => harness.emulator.saveWorld()).toThrow(`Job ${JobId} (CreateBackendStorage) on ${APP_ID}/${ENV} is still running: save the world once it has ended.`);
    harness.clock.advance(1000);
    expect(harness.emulator.saveWorld().jobs).toHaveLength(1);
  });

  test('a saved world brings its own environments, buckets, seed and Region: giving them too is refused', async () => {
    const world = (await start()).emulator.saveWorld();
    expect(await startFailure({ world, region: 'eu-west-1', buckets: ['b1'] }))
      .toBe('Give buckets, region or world, not both: a saved world brings its own; seed environments and buckets into it with seedEnvironment() and seedBucket().');
    expect(await startFailure({ world: { ...world, format: 2 as 1 } })).toBe('Cannot read a world image of format 2: this emulator reads format 1.');
  });

  test('environments and buckets seeded into a running emulator are there as if seeded at start; seeding one twice is refused', async () => {
    const harness = await start();
    harness.emulator.seedEnvironment({ appId: APP_ID, backendEnvironmentName: 'staging', auth: { resourceName: 'users' } });
    harness.emulator.seedBucket('team-files');

    expect(harness.emulator.inspect().environments.find((env) => env.backendEnvironmentName === 'staging')?.auth).toMatchObject({ resourceName: 'users', imported: false });
    expect(harness.emulator.inspect().buckets.map((bucket) => bucket.name)).toEqual(['team-files']);
    expect(() => harness.emulator.seedEnvironment({ appId: APP_ID, backendEnvironmentName: ENV })).toThrow(`Environment ${APP_ID}/${ENV} exists already: seed an environment once.`);
    expect(() => harness.emulator.seedBucket('team-files')).toThrow('Bucket team-files exists already: seed a bucket once.');
  });
});
