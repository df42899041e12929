import * as fs from 'fs';
import * as path from 'path';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { hermeticAwsEnvironment, runCli, tempFolders } from './harness';
import { AmplifyBackend, SignInMethod, StoragePermission } from '../../src';

hermeticAwsEnvironment();
jest.setTimeout(60_000);

const FAST = ['--time-scale', '0.01', '--job-duration', '50'];
const tempFolder = tempFolders('local-diff-');

interface Version {
  /** Leave the storage out of the app. */
  readonly withoutStorage?: boolean;
  readonly storagePolicy?: RemovalPolicy;
  readonly bucketName?: string;
  readonly signInMethod?: SignInMethod;
}

/** Environment d1/staging with auth and storage, as a cloud assembly folder (read by --app, not run). */
function assembly(version: Version = {}): string {
  const app = new App({ outdir: tempFolder(), context: { 'aws:cdk:enable-path-metadata': true } });
  const stack = new Stack(app, 'Photos', { env: { account: '111122223333', region: 'eu-west-1' } });
  const env = new AmplifyBackend(stack, 'Staging', { appId: 'd1', appName: 'photos', environmentName: 'staging', removalPolicy: RemovalPolicy.DESTROY });
  env.addAuth('Users', { resourceName: 'users', removalPolicy: RemovalPolicy.DESTROY, signInMethod: version.signInMethod });
  if (!version.withoutStorage) {
    env.addStorage('Photos', {
      resourceName: 'photos',
      bucketName: version.bucketName ?? 'photos',
      removalPolicy: version.storagePolicy,
      permissions: { authenticated: [StoragePermission.READ] },
    });
  }
  return app.synth().directory;
}

/** The diff's lines of the Amplify resources (the provider's own are unchanged between these versions). */
const amplifyLines = (stdout: string) => stdout.split('\n').filter((line) => /^ {2}\[.*\) /.test(line) && line.includes('Custom::Amplify'));

/** Deploys the first version into a fresh state folder; returns the folder. */
async function deployed(version: Version = {}): Promise<string> {
  const state = path.join(tempFolder(), 'state');
  const first = await runCli(['local', 'deploy', '--app', assembly(version), '--state-dir', state, ...FAST]);
  expect(first.code).toBe(0);
  return state;
}

describe('local diff predicts what local deploy does', () => {
  test('a DeletionPolicy change alone is shown, and the deploy only records it; a retained resource removed is [=] retain, and the deploy keeps it', async () => {
    const state = await deployed();
    const retained = assembly({ storagePolicy: RemovalPolicy.RETAIN });
    const diff = await runCli(['local', 'diff', '--app', retained, '--state-dir', state]);
    expect(amplifyLines(diff.stdout)).toEqual([
      '  [~] Staging/Photos (Custom::AmplifyBackendStorage) DeletionPolicy: Delete → Retain, UpdateReplacePolicy: Delete → Retain (recorded; nothing is sent to the resource)',
    ]);
    const deploy = await runCli(['local', 'deploy', '--app', retained, '--state-dir', state, '--json', ...FAST]);
    expect(deploy.code).toBe(0);
    expect(deploy.stdout.split('\n').filter((line) => line.includes('"event":"resource"'))).toEqual([]);
    const saved = JSON.parse(fs.readFileSync(path.join(state, 'stacks', 'Photos.json'), 'utf8'));
    expect(saved.resources.find((resource: { type: string }) => resource.type === 'Custom::AmplifyBackendStorage').deletionPolicy).toBe('Retain');

    const removed = assembly({ withoutStorage: true });
    const removal = await runCli(['local', 'diff', '--app', removed, '--state-dir', state]);
    expect(amplifyLines(removal.stdout)).toEqual([
      '  [=] Staging/Photos (Custom::AmplifyBackendStorage) retain: removed from the stack, and DeletionPolicy Retain keeps it as it is',
    ]);
    const kept = await runCli(['local', 'deploy', '--app', removed, '--state-dir', state, ...FAST]);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toMatch(/Staging\/Photos +DELETE skipped \(DeletionPolicy Retain\)/);
    const world = JSON.parse(fs.readFileSync(path.join(state, 'world.json'), 'utf8'));
    expect(world.apps[0].environments[0].storage.resourceName).toBe('photos');

    // The storage kept in the environment is found by the next create of the same name: the handler refuses it, as predicted.
    const again = assembly();
    const conflict = await runCli(['local', 'diff', '--app', again, '--state-dir', state, '--json']);
    const refusedChange = conflict.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line)).find((event) => event.refused);
    expect(refusedChange).toMatchObject({ event: 'change', construct: 'Staging/Photos', kind: 'create' });
    const refusedDeploy = await runCli(['local', 'deploy', '--app', again, '--state-dir', state, ...FAST]);
    expect(refusedDeploy.code).toBe(1);
    expect(refusedDeploy.stderr).toContain(refusedChange.refused);
  });

  test.each([
    ['a bucket-name change alone', { bucketName: 'media' }, 'Staging/Photos (Custom::AmplifyBackendStorage) update refused: Storage "photos" (app d1, environment staging): '
      + 'bucketName cannot change to "media" while resourceName stays "photos"'],
    ['replacing auth while the environment has storage', { signInMethod: SignInMethod.USERNAME }, 'Staging/Users (Custom::AmplifyBackendAuth) replace refused: '
      + 'Auth "users" (app d1, environment staging): changing SignInMethod replaces it: its user pool is removed first, which the service refuses'],
  ])('%s is shown as refused, with the handler\'s reason, and the deploy fails with that reason', async (_what, version, line) => {
    const state = await deployed();
    const changed = assembly(version);
    const diff = await runCli(['local', 'diff', '--app', changed, '--state-dir', state]);
    const [refused] = amplifyLines(diff.stdout);
    expect(refused.startsWith(`  [!] ${line}`)).toBe(true);
    const reason = /refused: (.*) \(the deploy would fail here and roll back\)$/.exec(refused)![1];

    const deploy = await runCli(['local', 'deploy', '--app', changed, '--state-dir', state, ...FAST]);
    expect(deploy.code).toBe(1);
    expect(deploy.stdout).toMatch(/^ {2}Photos {2}UPDATE_ROLLBACK_COMPLETE$/m);
    expect(deploy.stderr).toContain(reason);
  });
});
