import { Stack } from 'aws-cdk-lib';
import { freshOutdir, localDeployment, stackOf, synth } from './harness';
import { ReplacementRule, StackArtifact } from '../../local/runner';
import { AmplifyBackend, StoragePermission } from '../../src';
import { replacingChanges } from '../../src/private/contract';
import { DEMO, demoApp, DemoVersion, INITIAL, PERMISSIONS_CHANGED, RENAMED } from '../../tools/demo/app';

jest.setTimeout(30_000);

const versions = new Map<DemoVersion, StackArtifact>();
const demoStack = (version: DemoVersion) => versions.get(version) ?? versions.set(version, stackOf(demoApp(freshOutdir(), version))).get(version)!;
const SEEDED = { environments: [{ appId: DEMO.appId, backendEnvironmentName: DEMO.consoleEnvironment }], buckets: [DEMO.existingBucket] };
const RULE: ReplacementRule = replacingChanges;

/** The change set of the custom resources as `[logical id prefix, kind, properties, replaced by]`. */
const summary = (changes: ReturnType<Awaited<ReturnType<typeof localDeployment>>['changes']>) => changes.filter((change) => change.model === 'provider')
  .map((change) => [change.logicalId.replace(/[0-9A-F]{8}$/, ''), change.kind, change.properties, change.replacedBy]);

describe('change sets: what a deployment would do to the custom resources, without doing it', () => {
  test('a new stack creates every custom resource, each after what it depends on; once deployed, the same stack changes nothing', async () => {
    const local = await localDeployment({ emulator: SEEDED });
    try {
      // The provider's functions, state machine and roles come first: every resource of the stack is created.
      const all = local.changes(demoStack(INITIAL), RULE);
      expect(all.map((change) => change.logicalId).sort()).toEqual(Object.keys(demoStack(INITIAL).template.Resources).sort());
      expect(all.findIndex((change) => change.type === 'AWS::StepFunctions::StateMachine')).toBeLessThan(all.findIndex((change) => change.model === 'provider'));
      expect(summary(all)).toEqual([
        ['Staging', 'create', [], []], ['StagingUsers', 'create', [], []], ['StagingPhotos', 'create', [], []],
        ['Dev', 'create', [], []], ['DevTeamUsers', 'create', [], []], ['DevTeamFiles', 'create', [], []],
      ]);
      // Declared in reverse, every resource still comes after the ones it depends on.
      const initial = demoStack(INITIAL);
      const reversedResources = Object.fromEntries(Object.entries(initial.template.Resources).reverse());
      const reversed = { ...initial, template: { ...initial.template, Resources: reversedResources } };
      expect(summary(local.changes(reversed, RULE)).map(([id]) => id)).toEqual(['Dev', 'DevTeamUsers', 'DevTeamFiles', 'Staging', 'StagingUsers', 'StagingPhotos']);
      expect((await local.deploy(demoStack(INITIAL))).status).toBe('CREATE_COMPLETE');
      expect(local.changes(demoStack(INITIAL), RULE)).toEqual([]);
    } finally {
      await local.close();
    }
  });

  test('a permission change is one update naming the property; a rename is a replacement naming its cause', async () => {
    const local = await localDeployment({ emulator: SEEDED });
    try {
      await local.deploy(demoStack(INITIAL));
      expect(summary(local.changes(demoStack(PERMISSIONS_CHANGED), RULE))).toEqual([['StagingPhotos', 'update', ['AuthenticatedPermissions'], []]]);
      expect(summary(local.changes(demoStack(RENAMED), RULE)))
        .toEqual([['StagingPhotos', 'replace', ['ResourceName', 'AuthenticatedPermissions'], ['ResourceName']]]);
    } finally {
      await local.close();
    }
  });

  test('a removed resource is deleted; one that reads a replaced resource\'s attributes changes with it, as far as can be known before', async () => {
    const app = (resourceName: string | undefined) => synth((cdkApp) => {
      const stack = new Stack(cdkApp, 'Changes');
      const dev = AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' });
      if (!resourceName) return;
      const storage = dev.addStorage('Photos', { resourceName, permissions: { authenticated: [StoragePermission.READ] } });
      // A second environment's storage named after the first one's bucket: it reads an attribute of the first.
      AmplifyBackend.fromEnvironmentAttributes(stack, 'Prod', { appId: 'd1', environmentName: 'prod' })
        .addStorage('Mirror', { resourceName: 'mirror', bucketName: storage.resourceName, permissions: { authenticated: [StoragePermission.READ] } });
    });
    const local = await localDeployment({
      emulator: { environments: [{ appId: 'd1', backendEnvironmentName: 'dev', auth: {} }, { appId: 'd1', backendEnvironmentName: 'prod', auth: {} }] },
    });
    try {
      expect((await local.deploy(app('photos'))).status).toBe('CREATE_COMPLETE');
      const renamed = local.changes(app('media'), RULE);
      expect(summary(renamed)).toEqual([['DevPhotos', 'replace', ['ResourceName'], ['ResourceName']], ['ProdMirror', 'update', ['BucketName'], []]]);
      expect(summary(local.changes(app(undefined), RULE))).toEqual([['DevPhotos', 'delete', [], []], ['ProdMirror', 'delete', [], []]]);
    } finally {
      await local.close();
    }
  });
});
