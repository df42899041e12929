/**
 * `preview` against AWS: the deployed stacks from CloudFormation (mocked, as for drift), the live backend from the
 * AmplifyBackend API (the emulator, over --endpoint-url), the app from a cloud assembly folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CreateBackendStorageCommand } from '@aws-sdk/client-amplifybackend';
import { CfnParameter } from 'aws-cdk-lib';
import { deployStack, mockCloudFormation } from './drift-harness';
import { hermeticAwsEnvironment, runCli } from './harness';
import { PreviewWorkspace } from './preview-harness';
import { AmplifyBackend, StoragePermission } from '../../src';
import { createAuth, Harness, startHarness, stopHarness } from '../emulator/harness';

hermeticAwsEnvironment();
const cloudFormation = mockCloudFormation();
jest.setTimeout(60_000);

const APP_ID = 'd2abc3def4';

let ws: PreviewWorkspace;
let harness: Harness;
beforeEach(async () => {
  ws = new PreviewWorkspace();
  harness = await startHarness({ requireAuthForStorage: true });
  await createAuth(harness.client, true);
});
afterEach(async () => {
  ws.remove();
  await stopHarness(harness);
});

/** The emulator's environment `dev` (with its auth, taken over) and storage `photos` of `permissions`. */
const app = (permissions: StoragePermission[] = [StoragePermission.READ]) => ws.app((stack) => {
  const dev = new AmplifyBackend(stack, 'Dev', { appId: APP_ID, appName: 'photo-app', environmentName: 'dev' });
  dev.addAuth('Auth', {
    resourceName: 'userpool', userPoolName: 'users', identityPoolName: 'identities', allowUnauthenticatedIdentities: true, adopt: true,
  });
  dev.addStorage('Photos', { resourceName: 'photos', permissions: { authenticated: permissions } });
});

const preview = (cdkOut: string, ...args: string[]) => runCli(['preview', '--app', cdkOut, '--endpoint-url', harness.emulator.endpoint, ...args]);
const rows = (stdout: string) => stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line)).filter((line) => line.event === 'row');

/** The custom resources of the synthesized stack, as CloudFormation would hold them once deployed. */
function deployedAs(cdkOut: string, physicalIds: Record<string, string>) {
  const template = JSON.parse(fs.readFileSync(path.join(cdkOut, 'Backend.template.json'), 'utf8'));
  const resources = Object.entries(template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>)
    .filter(([, resource]) => resource.Type.startsWith('Custom::AmplifyBackend'))
    .map(([logicalId, resource]) => {
      const { ServiceToken: _token, ...properties } = resource.Properties;
      return [logicalId, { type: resource.Type, physicalId: physicalIds[resource.Type], properties }] as const;
    });
  return Object.fromEntries(resources);
}

describe('preview', () => {
  test('a stack not deployed yet: every resource a Create, decided against the live backend: adopt what exists, create the rest', async () => {
    const result = await preview(app());

    expect(result.code).toBe(1);
    expect(result.stdout).toBe([
      'Stack Backend (not deployed yet)',
      '  adopt         Dev',
      // The auth the test harness makes has no password policy, MFA or verification message: the construct declares them.
      '  adopt+update  Dev/Auth    ~ PasswordPolicy.MinimumLength: (none) → 8, ~ Mfa.Mode: (none) → OFF, ~ VerificationMessage.DeliveryMethod: (none) → EMAIL',
      '  create        Dev/Photos  (CreateBackendStorage)',
      '',
      '2 resources would change (1 create, 1 adopt+update, 1 adopt).',
      '',
    ].join('\n'));
  });

  test('a deployed stack: unchanged where the template is the same, update with the fields that change, deployed → declared', async () => {
    await createStorageIn(harness);
    const deployed = deployedAs(app(), {
      'Custom::AmplifyBackend': `${APP_ID}/dev (adopted)`,
      'Custom::AmplifyBackendAuth': `${APP_ID}/dev/userpool (adopted)`,
      'Custom::AmplifyBackendStorage': `${APP_ID}/dev/photos`,
    });
    deployStack(cloudFormation, 'Backend', deployed);

    const unchanged = await preview(app(), '--json');
    expect(unchanged.code).toBe(0);
    expect(rows(unchanged.stdout).map((row) => row.kind)).toEqual(['unchanged', 'unchanged', 'unchanged']);

    const changed = await preview(app([StoragePermission.READ, StoragePermission.DELETE]), '--json');
    expect(changed.code).toBe(1);
    expect(rows(changed.stdout)[2]).toEqual({
      event: 'row',
      stack: 'Backend',
      kind: 'update',
      path: 'Dev/Photos',
      logicalId: expect.any(String),
      type: 'Custom::AmplifyBackendStorage',
      physicalId: `${APP_ID}/dev/photos`,
      fields: [{ property: 'AuthenticatedPermissions', from: ['READ'], to: ['READ', 'DELETE'] }],
      operation: 'UpdateBackendStorage',
      reason: null,
      unknown: [],
    });
  });

  test('a value known only at deploy time is shown as unknown, never guessed: the handler\'s decision is not predicted', async () => {
    const cdkOut = ws.app((stack) => {
      const appId = new CfnParameter(stack, 'AppId').valueAsString;
      new AmplifyBackend(stack, 'Dev', { appId, appName: 'photo-app', environmentName: 'dev' });
    });
    const result = await preview(cdkOut);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  create  Dev  ? AppId: unknown until deploy (Ref AppId, a parameter given at deploy time)\n');
    expect(result.stderr).toContain('Note: 1 resource has values known only at deploy time');
  });

  test('bad arguments and AWS configuration exit as the jobs commands do: 2, 4, 5', async () => {
    const cdkOut = app();
    expect(await preview(cdkOut, '--stack', 'Other')).toMatchObject({ code: 2, stderr: 'No stack "Other"; the stacks: Backend.\n' });
    delete process.env.AWS_REGION;
    expect(await preview(cdkOut)).toMatchObject({ code: 4, stderr: expect.stringContaining('No AWS Region is set') });
    expect(await runCli(['preview', '--app', cdkOut, '--region', 'us-east-1', '--endpoint-url', 'http://127.0.0.1:9'])).toMatchObject({
      code: 5, stderr: expect.stringContaining('Reading Dev (Custom::AmplifyBackend) failed: the endpoint refused the connection'),
    });
  });
});

function createStorageIn(h: Harness) {
  return h.client.send(new CreateBackendStorageCommand({
    AppId: APP_ID, BackendEnvironmentName: 'dev', ResourceName: 'photos', ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ'] } },
  }));
}
