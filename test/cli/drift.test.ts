import {
  DeleteBackendAuthCommand, DeleteBackendCommand, DeleteBackendStorageCommand, ImportBackendAuthCommand, ImportBackendStorageCommand,
  UpdateBackendStorageCommand,
} from '@aws-sdk/client-amplifybackend';
import { deployStack, drift, mockCloudFormation, StackResource } from './drift-harness';
import { hermeticAwsEnvironment } from './harness';
import { APP_ID, createStorage, ENV, Harness, useEmulator } from '../emulator/harness';

hermeticAwsEnvironment();
const cloudFormation = mockCloudFormation();
const STACK = 'PhotoShare';

/** The lines under a resource's row, without their indentation. */
const detailsOf = (stdout: string, logicalId: string): string[] => {
  const lines = stdout.split('\n');
  const row = lines.findIndex((line) => line.includes(` ${logicalId} `));
  const end = lines.findIndex((line, index) => index > row && !line.startsWith('           '));
  return lines.slice(row + 1, end).map((line) => line.trim());
};

/** `{ status, details }` of one resource after `drift --stack PhotoShare`, and the exit code. */
async function driftOf(harness: Harness, resources: Record<string, StackResource>, logicalId: string) {
  deployStack(cloudFormation, STACK, resources);
  const result = await drift(harness, [STACK]);
  const row = result.stdout.split('\n').find((line) => line.includes(` ${logicalId} `)) ?? '';
  return { code: result.code, status: row.trim().split(/\s{2,}/)[0], details: detailsOf(result.stdout, logicalId), result };
}

describe('drift of Custom::AmplifyBackend (environments)', () => {
  const harness = useEmulator();
  const environment = (appName: unknown): Record<string, StackResource> => ({
    Dev: { type: 'Custom::AmplifyBackend', physicalId: `${APP_ID}/${ENV} (adopted)`, properties: { AppId: APP_ID, AppName: appName, EnvironmentName: ENV } },
  });

  test('an environment that exists, in an app of the declared name, is in sync: exit 0', async () => {
    const { code, status, details, result } = await driftOf(harness, environment('photo-app'), 'Dev');

    expect({ code, status, details }).toEqual({ code: 0, status: 'in sync', details: [] });
    expect(result.stdout).toBe(`${STACK}: 1 in sync\n  in sync  Dev  Custom::AmplifyBackend  ${APP_ID}/${ENV} (adopted)\n`);
    expect(result.stderr).toBe('');
  });

  test('a clone is an environment: what it was cloned from is not compared, even a source that is gone', async () => {
    const clone = { Dev: { type: 'Custom::AmplifyBackend', physicalId: `${APP_ID}/${ENV}`, properties: { AppId: APP_ID, AppName: 'photo-app', EnvironmentName: ENV, CloneFrom: 'prod' } } };
    expect(await driftOf(harness, clone, 'Dev')).toMatchObject({ code: 0, status: 'in sync', details: [] });
  });

  test('an app renamed in the Amplify console is drifted: the declared name and the live one, exit 1', async () => {
    expect(await driftOf(harness, environment('photo-share'), 'Dev')).toMatchObject({
      code: 1, status: 'drifted', details: ['AppName: declared "photo-share", live "photo-app"'],
    });
  });

  test('an environment removed outside the stack is missing, exit 1', async () => {
    await harness.client.send(new DeleteBackendCommand({ AppId: APP_ID, BackendEnvironmentName: ENV }));

    expect(await driftOf(harness, environment('photo-app'), 'Dev')).toMatchObject({
      code: 1, status: 'missing', details: [`GetBackend does not list environment "${ENV}" of app ${APP_ID}`],
    });
  });

  test('an app name taken from another resource at deploy time is unknown, shown with the live value: exit 0 with a note', async () => {
    const resources = { App: { type: 'AWS::Amplify::App', physicalId: `arn:aws:amplify:us-east-1:123456789012:apps/${APP_ID}` }, ...environment({ 'Fn::GetAtt': ['App', 'AppName'] }) };

    const { code, status, details, result } = await driftOf(harness, resources, 'Dev');

    expect({ code, status, details }).toEqual({
      code: 0,
      status: 'unknown',
      details: [`AppName: unknown, resolved by CloudFormation at deploy time from Fn::GetAtt App.AppName (AWS::Amplify::App arn:aws:amplify:us-east-1:123456789012:apps/${APP_ID}); live "photo-app"`],
    });
    expect(result.stderr).toMatch(/^Note: 1 resource could not be compared in full \(unknown above: .*\)\. Unknown alone is not drift: exit code 0\.\n$/);
  });
});

describe('drift of Custom::AmplifyBackendStorage (created storage)', () => {
  const harness = useEmulator();
  const storage = (bucketName: unknown = 'photos'): Record<string, StackResource> => ({
    Photos: {
      type: 'Custom::AmplifyBackendStorage',
      physicalId: `${APP_ID}/${ENV}/photos`,
      properties: { AppId: APP_ID, EnvironmentName: ENV, ResourceName: 'photos', BucketName: bucketName, AuthenticatedPermissions: ['READ'], UnauthenticatedPermissions: [] },
    },
  });
  beforeEach(async () => {
    await createStorage(harness.client);
  });

  test('storage with the declared permissions, in a bucket the declared name starts, is in sync', async () => {
    expect(await driftOf(harness, storage(), 'Photos')).toMatchObject({ code: 0, status: 'in sync', details: [] });
  });

  test('guests given read access in the console: drifted, with the declared and live guest permissions', async () => {
    await harness.client.send(new UpdateBackendStorageCommand({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      ResourceName: 'photos',
      ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ', 'DELETE'], UnAuthenticated: ['READ'] } },
    }));

    expect(await driftOf(harness, storage(), 'Photos')).toMatchObject({
      code: 1,
      status: 'drifted',
      details: ['AuthenticatedPermissions: declared ["READ"], live ["READ","DELETE"]', 'UnauthenticatedPermissions: declared [], live ["READ"]'],
    });
  });

  test('storage unlinked outside the stack is missing', async () => {
    await harness.client.send(new DeleteBackendStorageCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'photos', ServiceName: 'S3' }));

    expect(await driftOf(harness, storage(), 'Photos')).toMatchObject({
      code: 1, status: 'missing', details: [`GetBackendStorage finds no storage "photos" in environment "${ENV}" of app ${APP_ID}`],
    });
  });

  test('a bucket name imported from another stack is unknown; the permissions are still compared', async () => {
    const { code, status, details } = await driftOf(harness, storage({ 'Fn::ImportValue': 'shared-bucket-prefix' }), 'Photos');

    expect({ code, status }).toEqual({ code: 0, status: 'unknown' });
    expect(details).toEqual([expect.stringMatching(/^BucketName: unknown, resolved by CloudFormation at deploy time from Fn::ImportValue.*; live "photos\d{5}-dev"$/)]);
  });

  test('an unknown bucket name does not hide permissions changed in the console: drifted, exit 1', async () => {
    await harness.client.send(new UpdateBackendStorageCommand({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      ResourceName: 'photos',
      ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ'], UnAuthenticated: ['READ'] } },
    }));
    const { code, status, details } = await driftOf(harness, storage({ 'Fn::ImportValue': 'shared-bucket-prefix' }), 'Photos');

    expect({ code, status }).toEqual({ code: 1, status: 'drifted' });
    expect(details).toEqual([
      'UnauthenticatedPermissions: declared [], live ["READ"]',
      expect.stringMatching(/^BucketName: unknown, resolved by CloudFormation at deploy time from Fn::ImportValue/),
    ]);
  });
});

describe('drift of Custom::AmplifyImportedBackendStorage (imported buckets)', () => {
  const harness = useEmulator({ buckets: ['team-files', 'other-files'] });
  let resourceName: string;
  const importBucket = async (bucket: string) => {
    await harness.client.send(new ImportBackendStorageCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ServiceName: 'S3', BucketName: bucket }));
    return harness.emulator.inspect().environments.find((env) => env.backendEnvironmentName === ENV)!.storage!.resourceName;
  };
  const unlink = (name: string) => harness.client.send(new DeleteBackendStorageCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: name, ServiceName: 'S3' }));
  const imported = (bucketName: unknown, extra: Record<string, StackResource> = {}): Record<string, StackResource> => ({
    ...extra,
    TeamFiles: { type: 'Custom::AmplifyImportedBackendStorage', physicalId: `${APP_ID}/${ENV}/${resourceName}`, properties: { AppId: APP_ID, EnvironmentName: ENV, BucketName: bucketName } },
  });
  beforeEach(async () => {
    resourceName = await importBucket('team-files');
  });

  test('the declared bucket, still linked, is in sync', async () => {
    expect(await driftOf(harness, imported('team-files'), 'TeamFiles')).toMatchObject({ code: 0, status: 'in sync', details: [] });
  });

  test('another bucket linked in its place in the console: drifted, naming both buckets', async () => {
    await unlink(resourceName);
    await importBucket('other-files');

    expect(await driftOf(harness, imported('team-files'), 'TeamFiles')).toMatchObject({
      code: 1, status: 'drifted', details: ['BucketName: declared "team-files", live "other-files"'],
    });
  });

  test('a bucket unlinked outside the stack is missing', async () => {
    await unlink(resourceName);

    expect(await driftOf(harness, imported('team-files'), 'TeamFiles')).toMatchObject({
      code: 1, status: 'missing', details: [`GetBackend lists no imported storage in environment "${ENV}" of app ${APP_ID}`],
    });
  });

  test('a bucket of the same stack is unknown, shown with its physical id and the live bucket', async () => {
    const bucket = { Bucket: { type: 'AWS::S3::Bucket', physicalId: 'team-files' } };

    expect(await driftOf(harness, imported({ Ref: 'Bucket' }, bucket), 'TeamFiles')).toMatchObject({
      code: 0,
      status: 'unknown',
      details: ['BucketName: unknown, resolved by CloudFormation at deploy time from Ref Bucket (AWS::S3::Bucket team-files); live "team-files"'],
    });
  });
});

describe('drift of Custom::AmplifyImportedBackendAuth (imported user pools)', () => {
  const harness = useEmulator();
  const LINK = { UserPoolId: 'us-east-1_TeamPool1', WebClientId: 'webclient1', NativeClientId: 'nativeclient1', IdentityPoolId: 'us-east-1:0123abcd-0123-4567-89ab-0123456789ab' };
  let resourceName: string;
  const importAuth = async (link: Omit<typeof LINK, 'IdentityPoolId'> & { IdentityPoolId?: string }) => {
    await harness.client.send(new ImportBackendAuthCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ...link }));
    return harness.emulator.inspect().environments.find((env) => env.backendEnvironmentName === ENV)!.auth!.resourceName;
  };
  const unlink = (name: string) =>
    harness.client.send(new DeleteBackendAuthCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: name }));
  const imported = (properties: Record<string, unknown>, extra: Record<string, StackResource> = {}): Record<string, StackResource> => ({
    ...extra,
    TeamUsers: {
      type: 'Custom::AmplifyImportedBackendAuth',
      physicalId: `${APP_ID}/${ENV}/${resourceName}`,
      properties: { AppId: APP_ID, EnvironmentName: ENV, ...LINK, ...properties },
    },
  });
  beforeEach(async () => {
    resourceName = await importAuth(LINK);
  });

  test('the declared user pool, clients and identity pool, still linked, are in sync', async () => {
    expect(await driftOf(harness, imported({}), 'TeamUsers')).toMatchObject({ code: 0, status: 'in sync', details: [] });
  });

  test('the user pool linked again in the console with another web client and no identity pool: drifted, each id that differs', async () => {
    await unlink(resourceName);
    await importAuth({ ...LINK, WebClientId: 'webclient2', IdentityPoolId: undefined });

    expect(await driftOf(harness, imported({}), 'TeamUsers')).toMatchObject({
      code: 1,
      status: 'drifted',
      details: ['WebClientId: declared "webclient1", live "webclient2"', `IdentityPoolId: declared "${LINK.IdentityPoolId}", live (none)`],
    });
  });

  test('a user pool unlinked outside the stack is missing', async () => {
    await unlink(resourceName);

    expect(await driftOf(harness, imported({}), 'TeamUsers')).toMatchObject({
      code: 1, status: 'missing', details: [`GetBackend lists no imported auth in environment "${ENV}" of app ${APP_ID}`],
    });
  });

  test('a user pool of the same stack is unknown; the clients are still compared', async () => {
    const pool = { TeamPool: { type: 'AWS::Cognito::UserPool', physicalId: LINK.UserPoolId } };

    expect(await driftOf(harness, imported({ UserPoolId: { Ref: 'TeamPool' } }, pool), 'TeamUsers')).toMatchObject({
      code: 0,
      status: 'unknown',
      details: [`UserPoolId: unknown, resolved by CloudFormation at deploy time from Ref TeamPool (AWS::Cognito::UserPool ${LINK.UserPoolId}); live "${LINK.UserPoolId}"`],
    });
  });

  test('an unknown user pool does not hide a web client linked again in the console: drifted, exit 1', async () => {
    const pool = { TeamPool: { type: 'AWS::Cognito::UserPool', physicalId: LINK.UserPoolId } };
    await unlink(resourceName);
    resourceName = await importAuth({ ...LINK, WebClientId: 'webclient2' });

    expect(await driftOf(harness, imported({ UserPoolId: { Ref: 'TeamPool' } }, pool), 'TeamUsers')).toMatchObject({
      code: 1,
      status: 'drifted',
      details: ['WebClientId: declared "webclient1", live "webclient2"', expect.stringMatching(/^UserPoolId: unknown, resolved by CloudFormation at deploy time from Ref TeamPool/)],
    });
  });
});
