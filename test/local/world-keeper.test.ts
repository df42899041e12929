import { AmplifyBackendClient, GetBackendStorageCommand, UpdateBackendStorageCommand } from '@aws-sdk/client-amplifybackend';
import { WorldImage } from '../../local/emulator';
import { WorldKeeper } from '../../local/world-keeper';
import { APP_ID, ENV, savedWorldWithStorage, startHarness, stopHarness } from '../emulator/harness';

const guestsMayWrite = new UpdateBackendStorageCommand({
  AppId: APP_ID,
  BackendEnvironmentName: ENV,
  ResourceName: 'photos',
  ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ'], UnAuthenticated: ['READ', 'CREATE_AND_UPDATE'] } },
});

describe('WorldKeeper: a served emulator whose world is saved after every change', () => {
  let saves: WorldImage[];
  let keeper: WorldKeeper;
  let client: AmplifyBackendClient;
  const start = async (jobDurationMs: number) => {
    saves = [];
    keeper = await WorldKeeper.start({ world: await savedWorldWithStorage(), jobDurationMs }, (image) => saves.push(image));
    client = new AmplifyBackendClient({ ...keeper.emulator.clientConfig(), maxAttempts: 1 });
  };
  afterEach(async () => {
    client.destroy();
    await keeper.stop(0);
  });

  test('a change whose job ends at once is saved before its answer arrives; reads save nothing', async () => {
    await start(0);
    expect(saves).toHaveLength(1);

    await client.send(guestsMayWrite);
    expect(saves).toHaveLength(2);
    await client.send(new GetBackendStorageCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'photos' }));
    expect(saves).toHaveLength(2);

    const restored = await startHarness({ world: saves[1], environments: undefined, seed: undefined });
    const { ResourceConfig: config } = await restored.client.send(new GetBackendStorageCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'photos' }));
    await stopHarness(restored);
    expect(config?.Permissions?.UnAuthenticated).toEqual(['READ', 'CREATE_AND_UPDATE']);
  });

  test('a change whose job runs is saved when the job has ended, with no further request', async () => {
    await start(200);
    await client.send(guestsMayWrite);
    expect(saves).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(saves).toHaveLength(2);
    expect(saves[1].jobs.at(-1)).toMatchObject({ operation: 'UpdateBackendStorage', status: 'COMPLETED' });
  });

  test('stopping waits for a running job and saves its effect', async () => {
    await start(200);
    await client.send(guestsMayWrite);

    expect(await keeper.stop(2_000)).toEqual([]);
    expect(saves.at(-1)!.jobs.at(-1)).toMatchObject({ operation: 'UpdateBackendStorage', status: 'COMPLETED' });
  });
});
