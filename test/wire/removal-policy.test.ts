import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { localDeployment, synth } from './harness';
import { AmplifyBackend, StoragePermission } from '../../src';

jest.setTimeout(30_000);

/**
 * A stack that creates d1/staging, with `removalPolicy` as a prop and then `applyRemovalPolicy(applied)`:
 * deployed, destroyed; what the emulator saw of it.
 */
async function deployAndDestroy(prop: RemovalPolicy | undefined, applied: RemovalPolicy) {
  const local = await localDeployment();
  try {
    const stack = synth((app) => {
      new AmplifyBackend(new Stack(app, 'Environments'), 'Staging', { appId: 'd1', appName: 'app', environmentName: 'staging', removalPolicy: prop })
        .applyRemovalPolicy(applied);
    });
    const statuses = [(await local.deploy(stack)).status, (await local.destroy('Environments')).status];
    const deletes = local.emulator.requests().filter((request) => request.operation === 'DeleteBackend');
    const remaining = local.emulator.inspect().environments.map((env) => `${env.appId}/${env.backendEnvironmentName}`);
    return { statuses, deletes, remaining };
  } finally {
    await local.close();
  }
}

describe('AmplifyBackend.applyRemovalPolicy on the emulator', () => {
  test('DESTROY over the default RETAIN: destroying the stack removes the environment it created with DeleteBackend', async () => {
    const { statuses, deletes, remaining } = await deployAndDestroy(undefined, RemovalPolicy.DESTROY);
    expect(statuses).toEqual(['CREATE_COMPLETE', 'DELETE_COMPLETE']);
    expect(deletes.map((request) => request.path)).toEqual(['/backend/d1/environments/staging/remove']);
    expect(remaining).not.toContain('d1/staging');
  });

  test('RETAIN over a DESTROY prop: destroying the stack sends no DeleteBackend and the environment stays', async () => {
    const { statuses, deletes, remaining } = await deployAndDestroy(RemovalPolicy.DESTROY, RemovalPolicy.RETAIN);
    expect(statuses).toEqual(['CREATE_COMPLETE', 'DELETE_COMPLETE']);
    expect(deletes).toEqual([]);
    expect(remaining).toContain('d1/staging');
  });
});

describe('auth and storage in an environment the stack removes, on the emulator', () => {
  /** A stack that creates d1/staging (DESTROY) with auth and storage; deployed, destroyed; what the emulator saw. */
  async function destroyWithChildren(authPolicy?: RemovalPolicy) {
    const local = await localDeployment({ emulator: { requireAuthForStorage: true } });
    try {
      const stack = synth((app) => {
        const staging = new AmplifyBackend(new Stack(app, 'Environments'), 'Staging', {
          appId: 'd1', appName: 'app', environmentName: 'staging', removalPolicy: RemovalPolicy.DESTROY,
        });
        staging.addAuth('Users', { resourceName: 'users', removalPolicy: authPolicy });
        staging.addStorage('Photos', { resourceName: 'photos', permissions: { authenticated: [StoragePermission.READ] } });
      });
      const statuses = [(await local.deploy(stack)).status, (await local.destroy('Environments')).status];
      const deletes = local.emulator.requests().filter((request) => request.operation?.startsWith('Delete')).map((request) => request.operation);
      return { statuses, deletes, environments: local.emulator.inspect().environments };
    } finally {
      await local.close();
    }
  }

  test('by default the auth is deleted first (DESTROY, as its environment), then the environment: nothing is left', async () => {
    const { statuses, deletes, environments } = await destroyWithChildren();
    expect(statuses).toEqual(['CREATE_COMPLETE', 'DELETE_COMPLETE']);
    expect(deletes).toEqual(['DeleteBackendStorage', 'DeleteBackendAuth', 'DeleteBackend']);
    expect(environments).toEqual([]);
  });

  test('auth kept with RETAIN gets no DeleteBackendAuth, and DeleteBackend removes it with the environment all the same', async () => {
    const { statuses, deletes, environments } = await destroyWithChildren(RemovalPolicy.RETAIN);
    expect(statuses).toEqual(['CREATE_COMPLETE', 'DELETE_COMPLETE']);
    expect(deletes).toEqual(['DeleteBackendStorage', 'DeleteBackend']);
    expect(environments).toEqual([]);
  });
});
