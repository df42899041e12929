import { Duration, Token } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AmplifyBackend, AmplifyBackendProvider, ImportedBackendStorage, StoragePermission } from '../src';
import { testStack } from './template-helpers';

const { READ, CREATE_AND_UPDATE, DELETE } = StoragePermission;
const READ_ONLY = { authenticated: [READ] };

type Build = (stack: ReturnType<typeof testStack>) => unknown;
const environment = (attrs: { appId?: string; environmentName?: string } = {}): Build => (stack) =>
  new AmplifyBackend(stack, 'Env', { appId: 'd1', appName: 'app', environmentName: 'dev', ...attrs });
const reference = (attrs: { appId?: string; environmentName?: string } = {}): Build => (stack) =>
  AmplifyBackend.fromEnvironmentAttributes(stack, 'Env', { appId: 'd1', environmentName: 'dev', ...attrs });
const storage = (options: Record<string, unknown>): Build => (stack) =>
  AmplifyBackend.fromEnvironmentAttributes(stack, 'Env', { appId: 'd1', environmentName: 'dev' })
    .addStorage('Storage', { resourceName: 'photos', permissions: READ_ONLY, ...options } as any);
const imported = (options: Record<string, unknown>): Build => (stack) =>
  new ImportedBackendStorage(stack, 'Files', { backend: AmplifyBackend.fromEnvironmentAttributes(stack, 'Env', { appId: 'd1', environmentName: 'dev' }), ...options });
const provider = (props: { queryInterval?: Duration; totalTimeout?: Duration }): Build => (stack) => new AmplifyBackendProvider(stack, 'Provider', props);

/** Every input the service or CloudFormation would refuse at deploy time, refused at synth with what to fix. */
const INVALID: Array<[string, Build, string]> = [
  ['an app id in capitals', environment({ appId: 'D1' }), 'Invalid appId "D1" at TestStack/Env: use the Amplify app id, "d" followed by up to 19 lowercase letters and digits'],
  ['an app id without the d', reference({ appId: 'a1b2c3' }), 'Invalid appId "a1b2c3" at TestStack/Env: use the Amplify app id'],
  ['an app id of 21 characters', environment({ appId: `d${'1'.repeat(20)}` }), `Invalid appId "d${'1'.repeat(20)}" at TestStack/Env`],
  ['an environment name in capitals', environment({ environmentName: 'Prod' }), 'Invalid environmentName "Prod" at TestStack/Env: use 2 to 10 lowercase letters.'],
  ['an environment name of one letter', reference({ environmentName: 'p' }), 'Invalid environmentName "p" at TestStack/Env: use 2 to 10 lowercase letters.'],
  ['an environment name of 11 letters', environment({ environmentName: 'development' }), 'Invalid environmentName "development" at TestStack/Env: use 2 to 10 lowercase letters.'],
  ['an environment name with a digit', reference({ environmentName: 'dev2' }), 'Invalid environmentName "dev2" at TestStack/Env: use 2 to 10 lowercase letters.'],
  ['a resource name with a hyphen', storage({ resourceName: 'my-photos' }), 'Invalid resourceName "my-photos" at TestStack/Env/Storage: use letters and digits only.'],
  ['a bucket name of 2 characters', storage({ bucketName: 'ab' }), 'Invalid bucketName "ab" at TestStack/Env/Storage: use 3 to 47 lowercase letters, digits and hyphens (the service appends a suffix).'],
  ['a bucket name of 48 characters', storage({ bucketName: 'b'.repeat(48) }), `Invalid bucketName "${'b'.repeat(48)}" at TestStack/Env/Storage: use 3 to 47`],
  ['a bucket name in capitals', storage({ bucketName: 'Photos' }), 'Invalid bucketName "Photos" at TestStack/Env/Storage'],
  ['a bucket name with an underscore', storage({ bucketName: 'my_photos' }), 'Invalid bucketName "my_photos" at TestStack/Env/Storage'],
  ['no permissions for signed-in users', storage({ permissions: { authenticated: [] } }),
    'Invalid permissions.authenticated at TestStack/Env/Storage: the list is empty; name at least one of READ, CREATE_AND_UPDATE, DELETE, or omit it.'],
  ['a permission listed twice', storage({ permissions: { authenticated: [READ, READ] } }), 'Invalid permissions.authenticated at TestStack/Env/Storage: "READ" is listed twice.'],
  ['an empty guest list', storage({ permissions: { authenticated: [READ], unauthenticated: [] } }), 'Invalid permissions.unauthenticated at TestStack/Env/Storage: the list is empty'],
  ['a guest permission listed twice', storage({ permissions: { authenticated: [READ], unauthenticated: [READ, READ] } }), 'Invalid permissions.unauthenticated at TestStack/Env/Storage: "READ" is listed twice.'],
  ['a permission the API does not know', storage({ permissions: { authenticated: ['WRITE'] } }), 'Invalid permissions.authenticated at TestStack/Env/Storage: "WRITE" is not one of READ, CREATE_AND_UPDATE, DELETE.'],
  ['guests allowed what signed-in users are not', storage({ permissions: { authenticated: [READ], unauthenticated: [READ, DELETE] } }),
    'Invalid permissions at TestStack/Env/Storage: guests (unauthenticated) get DELETE, which signed-in users do not; give signed-in users every permission guests have.'],
  ['an imported bucket given twice', (stack) => imported({ bucketName: 'abc', bucket: s3.Bucket.fromBucketName(stack, 'B', 'abc') })(stack), 'give exactly one of bucket and bucketName'],
  ['an imported bucket not given', imported({}), 'Invalid ImportedBackendStorage at TestStack/Files: give exactly one of bucket and bucketName.'],
  ['an imported bucket name S3 would refuse', imported({ bucketName: 'Team_Files' }), 'Invalid bucketName "Team_Files" at TestStack/Files: use an S3 bucket name'],
  ['a query interval below a second', provider({ queryInterval: Duration.millis(500) }), 'Invalid queryInterval 500 millis at TestStack/Provider: use whole seconds from 1 second to 5 minutes.'],
  ['a query interval over 5 minutes', provider({ queryInterval: Duration.minutes(6), totalTimeout: Duration.minutes(30) }), 'Invalid queryInterval 6 minutes at TestStack/Provider'],
  ['a total timeout over CloudFormation\'s hour', provider({ totalTimeout: Duration.minutes(60) }),
    'Invalid totalTimeout 1 hour at TestStack/Provider: use 1 to 55 minutes (CloudFormation waits at most an hour for a custom resource).'],
  ['a total timeout under a minute', provider({ totalTimeout: Duration.seconds(30) }), 'Invalid totalTimeout 30 seconds at TestStack/Provider: use 1 to 55 minutes'],
  ['a total timeout the interval does not divide', provider({ queryInterval: Duration.seconds(7), totalTimeout: Duration.minutes(10) }),
    'Invalid totalTimeout 10 minutes at TestStack/Provider: use a whole multiple of queryInterval (7 seconds).'],
];

describe('input validation at synth', () => {
  test.each(INVALID)('%s is refused', (_case, build, message) => {
    expect(() => build(testStack())).toThrow(message);
  });

  test.each<[string, Build]>([
    ['the longest environment name', environment({ environmentName: 'abcdefghij' })],
    ['a 20-character app id', reference({ appId: `d${'a'.repeat(19)}` })],
    ['a 47-character bucket name', storage({ bucketName: 'b'.repeat(47) })],
    ['guests with what signed-in users have', storage({ permissions: { authenticated: [READ, CREATE_AND_UPDATE], unauthenticated: [READ] } })],
    ['a 1-second interval and a 55-minute timeout', provider({ queryInterval: Duration.seconds(1), totalTimeout: Duration.minutes(55) })],
    ['tokens, whose values are known only at deploy time', (stack) => new AmplifyBackend(stack, 'Env', {
      appId: Token.asString({ Ref: 'AppId' }), appName: 'app', environmentName: Token.asString({ Ref: 'EnvName' }),
    }).addStorage('Storage', { resourceName: Token.asString({ Ref: 'Name' }), bucketName: Token.asString({ Ref: 'Bucket' }), permissions: READ_ONLY })],
  ])('%s passes', (_case, build) => {
    expect(() => build(testStack())).not.toThrow();
  });

  test('guest write or delete access is allowed, with a synth warning', () => {
    const stack = testStack();
    storage({ permissions: { authenticated: [READ, CREATE_AND_UPDATE, DELETE], unauthenticated: [READ, CREATE_AND_UPDATE] } })(stack);
    Annotations.fromStack(stack).hasWarning('/TestStack/Env/Storage', Match.stringLikeRegexp('Guests \\(unauthenticated users\\) get CREATE_AND_UPDATE'));
  });
});
