import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UpdateBackendStorageCommand } from '@aws-sdk/client-amplifybackend';
import { runCli } from './harness';
import { MemoryState, storageStack } from './local-state-double';
import { driftLocalStacks } from '../../cli/local/drift';
import { LocalUsageError } from '../../cli/local/errors';
import { APP_ID, ENV, savedWorldWithStorage, startHarness, stopHarness } from '../emulator/harness';

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
    onInterrupt: () => () => undefined,
    exit: () => undefined,
    readStdin: async () => '',
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

  test('--stack picks stacks; one that is not local is a bad argument, naming the local ones', async () => {
    const state = new MemoryState(await changedWorld(), [storageStack('Zeta'), storageStack('Alpha')]);

    expect((await localDrift(state, ['Alpha'])).stdout).toMatch(/^Alpha: 1 drifted\n/);
    expect((await localDrift(state)).stdout).toMatch(/^Alpha: 1 drifted\n[\s\S]*\nZeta: 1 drifted\n/);
    await expect(localDrift(state, ['Alpha', 'Beta'])).rejects.toThrow(new LocalUsageError('No stack "Beta"; the stacks: Alpha, Zeta.'));
  });
});

describe('local drift, the command', () => {
  let stateDir: string;
  beforeEach(() => {
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-drift-'));
  });
  afterEach(() => fs.rmSync(stateDir, { recursive: true, force: true }));

  test('nothing deployed: says so, exit 0; --json an empty document', async () => {
    expect(await runCli(['local', 'drift', '--state-dir', stateDir])).toEqual({ code: 0, stdout: `Nothing deployed in ${stateDir}.\n`, stderr: '' });
    expect(JSON.parse((await runCli(['local', 'drift', '--state-dir', stateDir, '--json'])).stdout)).toEqual({ stacks: [] });
  });

  test('a --stack that is not deployed locally: exit 2, naming it', async () => {
    expect(await runCli(['local', 'drift', '--state-dir', stateDir, '--stack', 'AppStorage']))
      .toEqual({ code: 2, stdout: '', stderr: 'No stack "AppStorage"; the stacks: none.\n' });
  });
});
