import * as fs from 'fs';
import * as path from 'path';
import { freshOutdir, localDeployment, stackOf } from './harness';
import { ResourceEvent, StackArtifact } from '../../local/runner';
import { StateFolder } from '../../local/state-folder';
import { DEMO, demoApp, DemoVersion, INITIAL, PERMISSIONS_CHANGED, RENAMED } from '../../tools/demo/app';

jest.setTimeout(30_000);

const SEEDED = { environments: [{ appId: DEMO.appId, backendEnvironmentName: DEMO.consoleEnvironment }], buckets: [DEMO.existingBucket] };

/** Each version synthesized into a folder removed right after reading it: a saved stack must not need the assembly it came from. */
function demoStack(version: DemoVersion): StackArtifact {
  const outdir = freshOutdir();
  const stack = stackOf(demoApp(outdir, version));
  const copy = fs.mkdtempSync(`${outdir}-assets-`);
  const assets = new Map([...stack.assets].map(([hash, dir]) => {
    fs.cpSync(dir, path.join(copy, hash), { recursive: true });
    return [hash, path.join(copy, hash)];
  }));
  return { ...stack, assets };
}

/**
 * One command as its own process would run it: a deployment started from the folder (an empty world
 * the first time), `act`, then the world and the stack saved back. Returns the resource events.
 */
async function command(folder: StateFolder, act: (local: Awaited<ReturnType<typeof localDeployment>>) => Promise<void>): Promise<ResourceEvent[]> {
  const events: ResourceEvent[] = [];
  const world = folder.readWorld();
  const local = await localDeployment({ emulator: world ? { world } : SEEDED, stacks: folder.readStacks(), onEvent: (event) => events.push(event) });
  try {
    await act(local);
    folder.writeWorld(local.emulator.saveWorld());
    const state = local.stack('AmplifyDemo');
    if (state) folder.writeStack(state);
    else folder.removeStack('AmplifyDemo');
  } finally {
    await local.close();
  }
  return events;
}

/** Finished steps of the custom resources as `[logical id prefix, action_status]`. */
const finished = (events: ResourceEvent[]) => events.filter((event) => event.status !== 'IN_PROGRESS' && event.model === 'provider')
  .map((event) => [event.logicalId.replace(/[0-9A-F]{8}$/, ''), `${event.rollback ? 'ROLLBACK ' : ''}${event.action}_${event.status}`]);

describe('a state folder: a local stack that lasts between processes', () => {
  test('later deployments update only what changed, clean up a replacement, and destroy with the code that was deployed', async () => {
    const folder = new StateFolder(path.join(freshOutdir(), '.cdk-amplify-backend'));
    expect(folder.readWorld()).toBeUndefined();
    expect(folder.readStacks()).toEqual([]);

    const created = await command(folder, async (local) => expect((await local.deploy(demoStack(INITIAL))).status).toBe('CREATE_COMPLETE'));
    expect(finished(created)).toHaveLength(6);
    const saved = folder.readStack('AmplifyDemo')!;
    // Every resource of the template is saved, the provider's functions and roles with the custom resources.
    expect([...saved.resources.keys()].sort()).toEqual(Object.keys(demoStack(INITIAL).template.Resources).sort());
    expect([...saved.artifact.assets.values()].every((dir) => dir.startsWith(folder.dir) && fs.existsSync(dir))).toBe(true);

    const updated = await command(folder, async (local) => expect((await local.deploy(demoStack(PERMISSIONS_CHANGED))).status).toBe('UPDATE_COMPLETE'));
    // Kept: the assets of the stack as now deployed (the same handler code, a new template), not the old template.
    const kept = fs.readdirSync(path.join(folder.dir, 'assets')).sort();
    expect(kept).toEqual([...folder.readStack('AmplifyDemo')!.artifact.assets.keys()].sort());
    expect(kept.filter((hash) => saved.artifact.assets.has(hash))).toHaveLength(kept.length - 1);
    expect(finished(updated)).toEqual([['StagingPhotos', 'UPDATE_COMPLETE']]);

    const renamed = await command(folder, async (local) => expect((await local.deploy(demoStack(RENAMED))).status).toBe('UPDATE_COMPLETE'));
    expect(finished(renamed)).toEqual([['StagingPhotos', 'UPDATE_COMPLETE'], ['StagingPhotos', 'DELETE_COMPLETE']]);

    const again = await command(folder, async (local) => expect((await local.deploy(demoStack(RENAMED))).status).toBe('UPDATE_COMPLETE'));
    expect(again).toEqual([]);

    const destroyed = await command(folder, async (local) => expect((await local.destroy('AmplifyDemo')).status).toBe('DELETE_COMPLETE'));
    expect(finished(destroyed).map(([, step]) => step)).toEqual(Array(6).fill('DELETE_COMPLETE'));
    expect(folder.readStacks()).toEqual([]);
    expect(fs.readdirSync(path.join(folder.dir, 'assets'))).toEqual([]);
    expect(folder.readWorld()!.apps.flatMap((app) => app.environments.map((env) => env.name))).toEqual([DEMO.consoleEnvironment]);
  });

  test('a failed update rolls back, and the previous state is what stays saved', async () => {
    const folder = new StateFolder(path.join(freshOutdir(), 'state'));
    await command(folder, async (local) => {
      await local.deploy(demoStack(INITIAL));
    });
    const before = folder.readStack('AmplifyDemo')!;

    const failed = await command(folder, async (local) => {
      local.emulator.injectFault('UpdateBackendStorage', { kind: 'jobFails', error: 'Internal error' });
      expect((await local.deploy(demoStack(PERMISSIONS_CHANGED))).status).toBe('UPDATE_ROLLBACK_COMPLETE');
    });
    expect(finished(failed)).toEqual([['StagingPhotos', 'UPDATE_FAILED'], ['StagingPhotos', 'ROLLBACK UPDATE_COMPLETE']]);
    const after = folder.readStack('AmplifyDemo')!;
    expect([...after.resources.values()]).toEqual([...before.resources.values()]);
    expect(after.artifact.template).toEqual(before.artifact.template);

    // The next deployment of the change is an update again, not a no-op.
    const retried = await command(folder, async (local) => expect((await local.deploy(demoStack(PERMISSIONS_CHANGED))).status).toBe('UPDATE_COMPLETE'));
    expect(finished(retried)).toEqual([['StagingPhotos', 'UPDATE_COMPLETE']]);
  });

  test('one command at a time: a live holder is named, a dead one\'s lock is taken over, a released one is free', () => {
    const folder = new StateFolder(path.join(freshOutdir(), 'locked'));
    const release = folder.lock('local deploy');
    expect(() => folder.lock('local destroy')).toThrow(`${folder.dir} is in use by local deploy (process ${process.pid}): wait for it to end, `
      + `or remove ${path.join(folder.dir, 'lock')} if that process is gone.`);
    release();
    folder.lock('local destroy')();
    // A pid far above any Linux pid_max: no such process.
    fs.writeFileSync(path.join(folder.dir, 'lock'), JSON.stringify({ pid: 2 ** 30, holder: 'local deploy' }));
    const again = folder.lock('local destroy');
    expect(JSON.parse(fs.readFileSync(path.join(folder.dir, 'lock'), 'utf8')).holder).toBe('local destroy');
    again();
  });

  test('a stack file of another format is refused, saying what to do', () => {
    const folder = new StateFolder(freshOutdir());
    fs.mkdirSync(path.join(folder.dir, 'stacks'));
    fs.writeFileSync(path.join(folder.dir, 'stacks', 'Old.json'), JSON.stringify({ format: 0 }));
    expect(() => folder.readStacks()).toThrow(/Cannot read stack file of format 0 in .*: this version reads format 2\. Destroy with the version that deployed it/);
  });
});
