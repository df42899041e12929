import { UpdateBackendStorageCommand } from '@aws-sdk/client-amplifybackend';
import { DescribeStacksCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { deployStack, drift, mockCloudFormation, stackId, StackResource } from './drift-harness';
import { hermeticAwsEnvironment, runCli } from './harness';
import { APP_ID, createStorage, ENV, useEmulator } from '../emulator/harness';

hermeticAwsEnvironment();
const cloudFormation = mockCloudFormation();

const ENVIRONMENT: StackResource = {
  type: 'Custom::AmplifyBackend', physicalId: `${APP_ID}/${ENV}`, properties: { AppId: APP_ID, AppName: 'photo-app', EnvironmentName: ENV },
};
const PHOTOS: StackResource = {
  type: 'Custom::AmplifyBackendStorage',
  physicalId: `${APP_ID}/${ENV}/photos`,
  properties: { AppId: APP_ID, EnvironmentName: ENV, ResourceName: 'photos', BucketName: 'photos', AuthenticatedPermissions: ['READ'] },
};

describe('drift: the command', () => {
  const harness = useEmulator();
  beforeEach(async () => {
    await createStorage(harness.client);
  });

  test('--json: one document with every stack, every resource, its status and each property that differs (absent as null)', async () => {
    await harness.client.send(new UpdateBackendStorageCommand({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      ResourceName: 'photos',
      ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ'], UnAuthenticated: ['READ'] } },
    }));
    deployStack(cloudFormation, 'Backends', { Dev: ENVIRONMENT, Photos: PHOTOS, Failed: { type: 'Custom::AmplifyBackendAuth', status: 'CREATE_FAILED' } });
    deployStack(cloudFormation, 'Empty', { Topic: { type: 'AWS::SNS::Topic', physicalId: 'arn:aws:sns:us-east-1:123456789012:t' } });

    const result = await drift(harness, ['Backends', 'Empty'], '--json');

    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      stacks: [
        {
          stackName: 'Backends',
          stackId: stackId('Backends'),
          resources: [
            { logicalId: 'Dev', type: 'Custom::AmplifyBackend', physicalId: `${APP_ID}/${ENV}`, status: 'in-sync', differences: [], unknown: [] },
            {
              logicalId: 'Photos',
              type: 'Custom::AmplifyBackendStorage',
              physicalId: `${APP_ID}/${ENV}/photos`,
              status: 'drifted',
              differences: [{ property: 'UnauthenticatedPermissions', declared: null, live: ['READ'] }],
              unknown: [],
            },
            {
              logicalId: 'Failed',
              type: 'Custom::AmplifyBackendAuth',
              physicalId: null,
              status: 'unknown',
              reason: 'CloudFormation reports it CREATE_FAILED and has no physical id for it',
              differences: [],
              unknown: [],
            },
          ],
        },
        { stackName: 'Empty', stackId: stackId('Empty'), resources: [] },
      ],
    });
  });

  test('text: a summary line per stack, then a row per resource; a stack without Amplify resources says so', async () => {
    deployStack(cloudFormation, 'Backends', { Dev: ENVIRONMENT, Photos: PHOTOS });
    deployStack(cloudFormation, 'Empty', {});

    expect(await drift(harness, ['Backends', 'Empty'])).toEqual({
      code: 0,
      stdout: 'Backends: 2 in sync\n'
        + `  in sync  Dev     Custom::AmplifyBackend         ${APP_ID}/${ENV}\n`
        + `  in sync  Photos  Custom::AmplifyBackendStorage  ${APP_ID}/${ENV}/photos\n`
        + '\n'
        + 'Empty: no resources of cdk-amplify-backend\n',
      stderr: '',
    });
  });

  test('every page of ListStackResources is read (by the stack\'s ARN, which DescribeStacks reports)', async () => {
    const others = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`Queue${i}`, { type: 'AWS::SQS::Queue', physicalId: `q${i}` }]));
    deployStack(cloudFormation, 'Backends', { ...others, Dev: ENVIRONMENT, Photos: PHOTOS }, { pageSize: 2 });

    const result = await drift(harness, ['Backends']);

    expect(result.stdout).toMatch(/^Backends: 2 in sync\n/);
    expect(cloudFormation.commandCalls(ListStackResourcesCommand).length).toBe(4);
  });

  test('a stack that does not exist: exit 2, naming it and the Region, before anything is printed on stdout', async () => {
    deployStack(cloudFormation, 'Backends', { Dev: ENVIRONMENT });

    expect(await drift(harness, ['Backends', 'Bakends'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'cdk-amplify-backend drift: --stack "Bakends" names no stack in Region us-east-1 (Stack with id Bakends does not exist). '
        + 'Check the name, and --region or --profile.\n',
    });
  });

  test('a failed CloudFormation call: exit 1, naming the operation and the service\'s error', async () => {
    cloudFormation.on(DescribeStacksCommand).rejects(Object.assign(new Error('User is not authorized to perform: cloudformation:DescribeStacks'),
      { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }));

    const result = await drift(harness, ['Backends']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DescribeStacks failed: AccessDenied: User is not authorized to perform: cloudformation:DescribeStacks');
  });
});

describe('drift: AWS errors as the jobs commands say them', () => {
  test('no Region: exit 4 before any call, naming the settings that set one', async () => {
    delete process.env.AWS_REGION;

    const result = await runCli(['drift', '--stack', 'Backends']);

    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^No AWS Region is set \(.*\)\.\nGive --region \(for example --region us-east-1\), set AWS_REGION, /);
    expect(cloudFormation.calls()).toEqual([]);
  });

  test('an AmplifyBackend endpoint that refuses connections: exit 5, naming --endpoint-url', async () => {
    deployStack(cloudFormation, 'Backends', { Dev: ENVIRONMENT });

    const result = await runCli(['drift', '--stack', 'Backends', '--endpoint-url', 'http://127.0.0.1:1']);

    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^GetBackend failed: the endpoint refused the connection .*\nCheck that --endpoint-url http:\/\/127\.0\.0\.1:1 is right and that the service runs there\.\n$/);
  });
});

describe('drift: bad arguments exit 2', () => {
  test.each([
    [[], 'Missing required option: --stack <name>.'],
    [['--stack', 'my_stack'], 'Invalid --stack "my_stack": use a stack name (letters, digits and hyphens, starting with a letter) or a stack ARN.'],
    [['--stack', 'A', '--json=yes'], '--json takes no value; got "--json=yes".'],
    [['--stack', 'A', '--endpoint-url', 'localhost:4566'], 'Invalid --endpoint-url "localhost:4566": use an http:// or https:// URL, e.g. http://127.0.0.1:4566.'],
  ])('drift %j', async (args, problem) => {
    const result = await runCli(['drift', ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe(`cdk-amplify-backend drift: ${problem}`);
  });
});
