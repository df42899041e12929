import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { callsWhilePending, freshOutdir, localDeployment } from './harness';
import { EmulatorOptions, EmulatorSnapshot, RecordedRequest } from '../../local/emulator';
import { customResources, readAssembly, StackArtifact } from '../../local/runner';
import { AmplifyBackend, IBackendEnvironment, StoragePermission } from '../../src';
import { changedEnvironment } from '../changed-environment';

jest.setTimeout(30_000);

const APP = { appId: 'd1', appName: 'photo-share' };
const READ = { authenticated: [StoragePermission.READ] };

/** Mutating calls that reached the service (answered or not), as `<operation> <environment>`. */
function mutations(requests: readonly RecordedRequest[]): string[] {
  return requests.filter((request) => request.mutating && request.status < 300).map((request) => `${request.operation} ${changedEnvironment(request)}`);
}

const environment = (snapshot: EmulatorSnapshot, name: string) => snapshot.environments.find((env) => env.backendEnvironmentName === name);

/** The app's stacks by name: `build` declares them. */
function synthApp(build: (app: App) => void): Map<string, StackArtifact> {
  const app = new App({ outdir: freshOutdir() });
  build(app);
  return new Map(readAssembly(app.synth().directory).map((stack) => [stack.name, stack]));
}

/** A rehearsal stack: `prod` cloned into `rehearsal`, removed with the stack. */
function rehearsal(app: App): void {
  const stack = new Stack(app, 'Rehearsal');
  const prod = AmplifyBackend.fromEnvironmentAttributes(stack, 'Prod', { appId: APP.appId, environmentName: 'prod' });
  new AmplifyBackend(stack, 'Rehearsal', { ...APP, environmentName: 'rehearsal', cloneFrom: prod, removalPolicy: RemovalPolicy.DESTROY });
}

/** The production stack (auth the service creates, a bucket of the account imported) and the rehearsal stack, in one app. */
const PRODUCTION_AND_REHEARSAL = () => synthApp((app) => {
  const stack = new Stack(app, 'Production');
  const prod = new AmplifyBackend(stack, 'Prod', { ...APP, environmentName: 'prod' });
  prod.addAuth('Users', { resourceName: 'users' });
  prod.importStorage('Media', { bucketName: 'photo-share-media' });
  rehearsal(app);
});

async function withLocal<T>(emulator: EmulatorOptions, run: (local: Awaited<ReturnType<typeof localDeployment>>) => Promise<T>): Promise<T> {
  const local = await localDeployment({ emulator: { buckets: ['photo-share-media'], ...emulator } });
  try {
    return await run(local);
  } finally {
    await local.close();
  }
}

describe('a clone on the emulator, through the shipped bundle', () => {
  test('the clone is created with CloneBackend: its auth is new, its imported storage the source\'s bucket, the source untouched', async () => {
    const stacks = PRODUCTION_AND_REHEARSAL();
    await withLocal({}, async (local) => {
      expect((await local.deploy(stacks.get('Production')!)).status).toBe('CREATE_COMPLETE');
      const before = environment(local.emulator.inspect(), 'prod');
      const requestsBefore = local.emulator.requests().length;
      const result = await local.deploy(stacks.get('Rehearsal')!);
      expect(result.status).toBe('CREATE_COMPLETE');
      expect(customResources(result.state).map((resource) => resource.physicalResourceId)).toEqual(['d1/rehearsal']);

      const after = local.emulator.inspect();
      const [prod, copy] = [environment(after, 'prod')!, environment(after, 'rehearsal')!];
      expect(prod).toEqual(before);
      expect(copy.auth).toMatchObject({ resourceName: 'users', imported: false, resourceConfig: prod.auth!.resourceConfig });
      expect(copy.auth!.outputs.UserPoolId).not.toBe(prod.auth!.outputs.UserPoolId);
      expect(copy.storage).toEqual(prod.storage);
      expect(copy.storage).toMatchObject({ imported: true, bucketName: 'photo-share-media' });
      expect(mutations(local.emulator.requests().slice(requestsBefore))).toEqual(['CloneBackend rehearsal']);
    });
  });

  test('a clone that fails fails the deployment with the service\'s text; the rollback leaves the source untouched', async () => {
    const stacks = synthApp(rehearsal);
    const prodSeed = { appId: APP.appId, appName: APP.appName, backendEnvironmentName: 'prod', auth: {} };
    await withLocal({ environments: [prodSeed] }, async (local) => {
      const before = environment(local.emulator.inspect(), 'prod');
      local.emulator.injectFault('CloneBackend', { kind: 'jobFails', error: 'Resource is not in the state stackUpdateComplete' }, { appId: APP.appId });
      const result = await local.deploy(stacks.get('Rehearsal')!);
      expect(result.status).toBe('ROLLBACK_COMPLETE');
      expect(result.failures.map((failure) => failure.reason)).toEqual([expect.stringMatching(
        /^Environment "rehearsal" of app d1 \(a clone of "prod"\): CloneBackend job \S+ FAILED: Resource is not in the state stackUpdateComplete/)]);
      const after = local.emulator.inspect();
      expect(environment(after, 'prod')).toEqual(before);
      expect(environment(after, 'rehearsal')).toBeUndefined();
      expect(mutations(local.emulator.requests())).toEqual(['CloneBackend rehearsal']);
    });
  });

  test('destroying the rehearsal stack deletes the clone alone: the source keeps its auth and its bucket', async () => {
    const stacks = PRODUCTION_AND_REHEARSAL();
    await withLocal({}, async (local) => {
      for (const name of ['Production', 'Rehearsal']) expect((await local.deploy(stacks.get(name)!)).status).toBe('CREATE_COMPLETE');
      const before = environment(local.emulator.inspect(), 'prod');
      const requestsBefore = local.emulator.requests().length;
      expect((await local.destroy('Rehearsal')).status).toBe('DELETE_COMPLETE');
      const after = local.emulator.inspect();
      expect(mutations(local.emulator.requests().slice(requestsBefore))).toEqual(['DeleteBackend rehearsal']);
      expect(environment(after, 'rehearsal')).toBeUndefined();
      expect(environment(after, 'prod')).toEqual(before);
      expect(after.buckets.map((bucket) => bucket.name)).toContain('photo-share-media');
    });
  });

  test.each(['source', 'target'] as const)('a clone declared beside its source in one new app waits for the source\'s auth and storage (clone jobs under the %s)',
    async (cloneJobsUnder) => {
      const stacks = synthApp((app) => {
        const stack = new Stack(app, 'Backends');
        const prod = new AmplifyBackend(stack, 'Prod', { ...APP, environmentName: 'prod' });
        prod.addAuth('Users', { resourceName: 'users' });
        // Declared before the source's storage: it waits for it all the same. Two things make it wait, either one enough:
        // the stack orders it after the source's resources, and the handler waits while its source runs a job.
        new AmplifyBackend(stack, 'Rehearsal', { ...APP, environmentName: 'rehearsal', cloneFrom: prod as IBackendEnvironment, removalPolicy: RemovalPolicy.DESTROY });
        prod.addStorage('Photos', { resourceName: 'photos', bucketName: 'photos', permissions: READ });
      });
      await withLocal({ cloneJobsUnder }, async (local) => {
        expect((await local.deploy(stacks.get('Backends')!)).status).toBe('CREATE_COMPLETE');
        const snapshot = local.emulator.inspect();
        const storageJob = snapshot.jobs.find((job) => job.operation === 'CreateBackendStorage')!;
        const cloneCall = local.emulator.requests().find((request) => request.operation === 'CloneBackend' && request.status < 300)!;
        expect(cloneCall.time).toBeGreaterThanOrEqual(storageJob.endsAt);
        const [prod, copy] = [environment(snapshot, 'prod')!, environment(snapshot, 'rehearsal')!];
        expect(copy.auth?.resourceName).toBe('users');
        expect(copy.storage).toMatchObject({ resourceName: 'photos', imported: false, permissions: prod.storage!.permissions });
        expect(copy.storage!.bucketName).toMatch(/^photos\d{5}-rehearsal$/);
        expect(callsWhilePending(local.emulator.requests())).toEqual([]);
        expect(mutations(local.emulator.requests())).toEqual(['CreateBackend prod', 'CreateBackendAuth prod', 'CreateBackendStorage prod', 'CloneBackend rehearsal']);
      });
    });
});
