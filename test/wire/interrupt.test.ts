import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { localDeployment, synth } from './harness';
import { customResources, ResourceEvent, StackArtifact } from '../../local/runner';
import { AmplifyBackend, StoragePermission } from '../../src';

jest.setTimeout(30_000);

/** An environment the stack creates and deletes, with auth and storage, every one DESTROY. */
const app = (environmentName: string, changed = false): StackArtifact => synth((cdkApp) => {
  const stack = new Stack(cdkApp, 'Stops');
  const env = new AmplifyBackend(stack, 'Env', { appId: 'd1', appName: 'photos', environmentName, removalPolicy: RemovalPolicy.DESTROY });
  env.addAuth('Users', { resourceName: 'users', removalPolicy: RemovalPolicy.DESTROY, passwordPolicy: { minLength: changed ? 12 : 8 } });
  const permissions = changed ? [StoragePermission.READ, StoragePermission.DELETE] : [StoragePermission.READ];
  env.addStorage('Photos', { resourceName: 'photos', permissions: { authenticated: permissions } });
});

/** Aborts when `when` first matches a resource event; the events, for assertions. */
function stopWhen(when: (event: ResourceEvent) => boolean) {
  const controller = new AbortController();
  const events: ResourceEvent[] = [];
  return {
    signal: controller.signal,
    events,
    onEvent: (event: ResourceEvent) => {
      events.push(event);
      if (!controller.signal.aborted && when(event)) controller.abort();
    },
  };
}

type Stopper = ReturnType<typeof stopWhen>;

/** Runs `use` on a local deployment with the first version deployed; its events from then on go to `stop`. */
async function afterFirstDeploy(stop: Stopper, use: (local: Awaited<ReturnType<typeof localDeployment>>) => Promise<void>): Promise<void> {
  let watching = false;
  const local = await localDeployment({ onEvent: (event) => watching && stop.onEvent(event) });
  try {
    expect((await local.deploy(app('staging'))).status).toBe('CREATE_COMPLETE');
    watching = true;
    await use(local);
  } finally {
    await local.close();
  }
}

const custom = (events: ResourceEvent[]) => events.filter((event) => event.model === 'provider' && event.status !== 'IN_PROGRESS')
  .map((event) => `${event.type.replace('Custom::Amplify', '')} ${event.rollback ? 'ROLLBACK ' : ''}${event.action}_${event.status}`);

describe('an operation asked to stop starts nothing more, lets the steps in flight end, and says exactly what exists', () => {
  test('a first deploy stopped while the environment is created keeps it; the next deploy goes on from there', async () => {
    const stop = stopWhen((event) => event.type === 'Custom::AmplifyBackend' && event.status === 'IN_PROGRESS');
    const local = await localDeployment({ onEvent: stop.onEvent });
    try {
      const stopped = await local.deploy(app('staging'), { signal: stop.signal });
      expect(stopped.status).toBe('CREATE_INTERRUPTED');
      expect(custom(stop.events)).toEqual(['Backend CREATE_COMPLETE']);
      expect(customResources(stopped.state).map((resource) => resource.physicalResourceId)).toEqual(['d1/staging']);
      expect(local.emulator.inspect().environments.map((env) => [env.backendEnvironmentName, Boolean(env.auth), Boolean(env.storage)])).toEqual([['staging', false, false]]);

      const resumed = await local.deploy(app('staging'));
      expect(resumed.status).toBe('UPDATE_COMPLETE');
      expect(custom(stop.events.slice(-4))).toEqual(['BackendAuth CREATE_COMPLETE', 'BackendStorage CREATE_COMPLETE']);
      expect(local.emulator.inspect().environments[0]).toMatchObject({ auth: expect.anything(), storage: expect.objectContaining({ resourceName: 'photos' }) });
    } finally {
      await local.close();
    }
  });

  test('a stop before anything started leaves no stack', async () => {
    const controller = new AbortController();
    controller.abort();
    const local = await localDeployment();
    try {
      expect((await local.deploy(app('staging'), { signal: controller.signal })).status).toBe('CREATE_INTERRUPTED');
      expect(local.stack('Stops')).toBeUndefined();
      expect(local.emulator.inspect().environments).toEqual([]);
    } finally {
      await local.close();
    }
  });

  test('an update stopped after a replacement, before its cleanup, keeps the old environment as a leftover that the next deploy deletes', async () => {
    const stop = stopWhen((event) => event.type === 'Custom::AmplifyBackendStorage' && event.status === 'COMPLETE');
    await afterFirstDeploy(stop, async (local) => {
      const stopped = await local.deploy(app('prod'), { signal: stop.signal });
      expect(stopped.status).toBe('UPDATE_INTERRUPTED');
      expect(stopped.state.leftovers.map((resource) => resource.physicalResourceId).sort()).toEqual(['d1/staging', 'd1/staging/photos', 'd1/staging/users']);
      expect(local.emulator.inspect().environments.map((env) => env.backendEnvironmentName).sort()).toEqual(['prod', 'staging']);

      const finished = await local.deploy(app('prod'));
      expect(finished.status).toBe('UPDATE_COMPLETE');
      expect(finished.state.leftovers).toEqual([]);
      expect(local.emulator.inspect().environments.map((env) => env.backendEnvironmentName)).toEqual(['prod']);
    });
  });

  test('a destroy stopped after its first delete keeps the rest, and the next destroy finishes it', async () => {
    const stop = stopWhen((event) => event.action === 'DELETE' && event.type === 'Custom::AmplifyBackendStorage');
    await afterFirstDeploy(stop, async (local) => {
      const stopped = await local.destroy('Stops', { signal: stop.signal });
      expect(stopped.status).toBe('DELETE_INTERRUPTED');
      expect(custom(stop.events)).toEqual(['BackendStorage DELETE_COMPLETE']);
      expect(customResources(stopped.state).map((resource) => resource.physicalResourceId).sort()).toEqual(['d1/staging', 'd1/staging/users']);
      expect((await local.destroy('Stops')).status).toBe('DELETE_COMPLETE');
      expect(local.emulator.inspect().environments).toEqual([]);
    });
  });

  test('a rollback stopped midway keeps what it has not undone; deploying again converges', async () => {
    // Auth is updated, then storage fails: the rollback undoes storage, then auth; it is stopped as it starts.
    const stop = stopWhen((event) => event.rollback && event.status === 'IN_PROGRESS');
    await afterFirstDeploy(stop, async (local) => {
      local.emulator.injectFault('UpdateBackendStorage', { kind: 'jobFails', error: 'Internal error' });
      const stopped = await local.deploy(app('staging', true), { signal: stop.signal });
      expect(stopped.status).toBe('UPDATE_ROLLBACK_INTERRUPTED');
      expect(custom(stop.events)).toEqual(['BackendAuth UPDATE_COMPLETE', 'BackendStorage UPDATE_FAILED', 'BackendStorage ROLLBACK UPDATE_COMPLETE']);
      const auth = customResources(stopped.state).find((resource) => resource.type === 'Custom::AmplifyBackendAuth')!;
      expect(auth.properties.PasswordPolicy).toMatchObject({ MinimumLength: 12 });

      expect((await local.deploy(app('staging', true))).status).toBe('UPDATE_COMPLETE');
      expect(local.emulator.inspect().environments[0].storage?.permissions).toEqual({ authenticated: ['READ', 'DELETE'], unAuthenticated: [] });
      expect(local.changes(app('staging', true), () => [])).toEqual([]);
    });
  });
});
