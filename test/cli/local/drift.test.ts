import { UpdateBackendStorageCommand } from '@aws-sdk/client-amplifybackend';
import { MemoryState, storageStack } from './local-state-double';
import { driftLocalStacks } from '../../../cli/local/drift';
import { APP_ID, ENV, savedWorldWithStorage, startHarness, stopHarness } from '../../emulator/harness';

/** What `local drift` printed and returned. */
async function localDrift(state: MemoryState, stacks: string[] = [], json = false) {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: (text: string) => void (out.stdout += text),
    stderr: (text: string) => void (out.stderr += text),
    env: {},
    cwd: '/',
    isTTY: false,
    now: Date.now,
    sleep: async () => undefined,
    interrupted: () => new Promise<void>(() => undefined),
  };
  const code = await driftLocalStacks(state, stacks, json, io);
  return { code, ...out };
}

/** The world after someone let guests read `photos` and signed-in users delete, as through `local serve`. */
async function changedWorld() {
  const harness = await startHarness({ world: await savedWorldWithStorage(), environments: undefined, seed: undefined });
  await harness.client.send(new UpdateBackendStorageCommand({
    AppId: APP_ID,
    BackendEnvironmentName: ENV,
    ResourceName: 'photos',
    ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ', 'DELETE'], UnAuthenticated: ['READ'] } },
  }));
  const image = harness.emulator.saveWorld();
  await stopHarness(harness);
  return image;
}

describe('local drift', () => {
  test('the local stacks as deployed: in sync, exit 0; the world is only read', async () => {
    const state = new MemoryState(await savedWorldWithStorage(), [storageStack()]);

    expect(await localDrift(state)).toEqual({
      code: 0,
      stdout: `AppStorage: 1 in sync\n  in sync  Photos  Custom::AmplifyBackendStorage  ${APP_ID}/${ENV}/photos\n`,
      stderr: '',
    });
    expect(state.written).toEqual([]);
  });

  test('storage changed outside the stack: drifted, naming each permission that differs, exit 1; --json has stackId null', async () => {
    const state = new MemoryState(await changedWorld(), [storageStack()]);

    const text = await localDrift(state);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe('AppStorage: 1 drifted\n'
      + `  drifted  Photos  Custom::AmplifyBackendStorage  ${APP_ID}/${ENV}/photos\n`
      + '           AuthenticatedPermissions: declared ["READ"], live ["READ","DELETE"]\n'
      + '           UnauthenticatedPermissions: declared (none), live ["READ"]\n');

    const json = await localDrift(state, [], true);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).stacks[0]).toMatchObject({ stackName: 'AppStorage', stackId: null, resources: [{ logicalId: 'Photos', status: 'drifted' }] });
  });

  test('--stack picks stacks; one that is not local: exit 2, naming the local ones', async () => {
    const state = new MemoryState(await changedWorld(), [storageStack('Zeta'), storageStack('Alpha')]);

    expect((await localDrift(state, ['Alpha'])).stdout).toMatch(/^Alpha: 1 drifted\n/);
    expect((await localDrift(state)).stdout).toMatch(/^Alpha: 1 drifted\n[\s\S]*\nZeta: 1 drifted\n/);
    expect(await localDrift(state, ['Alpha', 'Beta'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'cdk-amplify-backend local drift: --stack "Beta" is not a local stack in /projects/photo-share/.cdk-amplify-backend; the local stacks: Alpha, Zeta.\n',
    });
  });

  test('no local stacks: exit 1, saying what to run', async () => {
    expect(await localDrift(new MemoryState(await savedWorldWithStorage(), []))).toEqual({
      code: 1,
      stdout: '',
      stderr: 'No local stacks in /projects/photo-share/.cdk-amplify-backend: run "cdk-amplify-backend local deploy" first, or give the --state-dir it used.\n',
    });
  });
});
