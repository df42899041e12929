import { AmplifyBackendClient, UpdateBackendStorageCommand } from '@aws-sdk/client-amplifybackend';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { freshOutdir, localDeployment, stackOf } from './harness';
import { localDrift } from '../../cli/local/drift';
import { LocalDeployment } from '../../local/local-deployment';
import { DEMO, demoApp, INITIAL } from '../../tools/demo/app';

jest.setTimeout(30_000);

/** `type status [property: declared → live ...]` of every resource of the deployed demo stack, read from a saved image of the world. */
async function driftOf(local: LocalDeployment): Promise<string[]> {
  const [{ rows }] = await localDrift([local.stack('AmplifyDemo')!], local.emulator.saveWorld());
  return rows.map((row) => [row.type, row.status, ...row.differences.map((d) => `${d.property}: ${JSON.stringify(d.declared)} → ${JSON.stringify(d.live)}`)].join(' '));
}

describe('drift of the example app deployed on the local stack, and bringing it back', () => {
  test('every resource type is in sync after a deploy; guest write access added with the SDK is drift; a deploy that sends an Update repairs it', async () => {
    const environments = [{ appId: DEMO.appId, appName: DEMO.appName, backendEnvironmentName: DEMO.consoleEnvironment }];
    const local = await localDeployment({ emulator: { environments, buckets: [DEMO.existingBucket] } });
    try {
      expect((await local.deploy(stackOf(demoApp(freshOutdir(), INITIAL)))).status).toBe('CREATE_COMPLETE');
      const inSync = [
        'Custom::AmplifyBackend in-sync', 'Custom::AmplifyBackendAuth in-sync', 'Custom::AmplifyBackendStorage in-sync',
        'Custom::AmplifyBackend in-sync', 'Custom::AmplifyImportedBackendAuth in-sync', 'Custom::AmplifyImportedBackendStorage in-sync',
      ];
      expect((await driftOf(local)).sort()).toEqual(inSync.sort());

      // Someone widens the guests' permissions in the console.
      const console = new AmplifyBackendClient({ ...local.emulator.clientConfig(), maxAttempts: 1 });
      await console.send(new UpdateBackendStorageCommand({
        AppId: DEMO.appId,
        BackendEnvironmentName: DEMO.newEnvironment,
        ResourceName: INITIAL.resourceName,
        ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: INITIAL.authenticated, UnAuthenticated: ['READ', 'CREATE_AND_UPDATE'] } },
      }));
      console.destroy();
      await local.emulator.jobsEnded(10_000);
      expect(await driftOf(local)).toContain('Custom::AmplifyBackendStorage drifted UnauthenticatedPermissions: ["READ"] → ["READ","CREATE_AND_UPDATE"]');

      // The README's repair: a property the handler ignores makes CloudFormation send an Update.
      const app = demoApp(freshOutdir(), INITIAL);
      const photos = Stack.of(app.node.findChild('AmplifyDemo')).node.findChild('Staging').node.findChild('Photos');
      (photos.node.defaultChild as CfnResource).addPropertyOverride('DriftRepair', '2026-12-03');
      expect((await local.deploy(stackOf(app))).status).toBe('UPDATE_COMPLETE');
      expect((await driftOf(local)).sort()).toEqual(inSync.sort());
    } finally {
      await local.close();
    }
  });
});
