import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AmplifyBackend, AmplifyBackendStorage, StoragePermission } from '../src';
import { DEFAULT_SERVICE_TOKEN, policyStatements, testStack } from './template-helpers';

const STORAGE_ACTIONS = [
  'amplifybackend:CreateBackendStorage', 'amplifybackend:UpdateBackendStorage', 'amplifybackend:DeleteBackendStorage',
  'amplifybackend:GetBackendStorage', 'amplifybackend:GetBackendJob', 'amplifybackend:ListBackendJobs',
];

function storageIn(stack: Stack, environmentName: string, appId = 'd1a2b3c4d5e6f7') {
  const backend = AmplifyBackend.fromEnvironmentAttributes(stack, `Env-${appId}-${environmentName}`, { appId, environmentName });
  return new AmplifyBackendStorage(stack, `Storage-${appId}-${environmentName}`, {
    backend,
    resourceName: 'photos',
    permissions: { authenticated: [StoragePermission.READ, StoragePermission.CREATE_AND_UPDATE] },
  });
}

describe('AmplifyBackendStorage', () => {
  test('adopt: true tells the handler to take existing storage of that name over (Adopt); without it the property is absent', () => {
    const stack = testStack();
    const dev = AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' });
    dev.addStorage('Photos', { resourceName: 'photos', permissions: { authenticated: [StoragePermission.READ] }, adopt: true });
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Prod', { appId: 'd1', environmentName: 'prod' })
      .addStorage('Files', { resourceName: 'files', permissions: { authenticated: [StoragePermission.READ] }, adopt: false });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::AmplifyBackendStorage', { ResourceName: 'photos', Adopt: true });
    template.hasResourceProperties('Custom::AmplifyBackendStorage', { ResourceName: 'files', Adopt: Match.absent() });
  });

  test('storage in three environments shares one provider and gets three custom resources', () => {
    const stack = testStack();
    for (const env of ['dev', 'test', 'prod']) storageIn(stack, env);
    const template = Template.fromStack(stack);

    template.resourceCountIs('Custom::AmplifyBackendStorage', 3);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    // The user function serves both roles; the framework adds onEvent, isComplete and onTimeout.
    template.resourceCountIs('AWS::Lambda::Function', 4);
    template.hasResourceProperties('Custom::AmplifyBackendStorage', {
      AppId: 'd1a2b3c4d5e6f7',
      EnvironmentName: 'prod',
      ResourceName: 'photos',
      AuthenticatedPermissions: ['READ', 'CREATE_AND_UPDATE'],
      UnauthenticatedPermissions: [],
      ServiceTimeout: '2100',
    });
  });

  test('the handler may call only the storage actions, on the apps of the stack, never on a bare *', () => {
    const stack = testStack();
    storageIn(stack, 'dev', 'd111');
    storageIn(stack, 'prod', 'd111');
    storageIn(stack, 'dev', 'd222');

    const amplify = policyStatements(stack).filter((s) => [s.Action].flat().some((a) => a.startsWith('amplifybackend:')));
    expect(amplify).toHaveLength(1);
    expect([amplify[0].Action].flat().sort()).toEqual([...STORAGE_ACTIONS].sort());
    const arn = (appId: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:amplifybackend:us-east-1:123456789012:/backend/${appId}/*`]],
    });
    expect(amplify[0].Resource).toEqual([arn('d111'), arn('d222')]);
    for (const statement of policyStatements(stack)) {
      if ([statement.Action].flat().some((a) => a.startsWith('amplifybackend:'))) expect([statement.Resource].flat()).not.toContain('*');
    }
  });

  test('the handler runs on an explicit Node.js runtime from the bundled asset', () => {
    const stack = testStack();
    storageIn(stack, 'dev');
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Runtime: 'nodejs24.x',
      Environment: { Variables: { WAIT_TIMEOUT_SECONDS: '1800', QUERY_INTERVAL_SECONDS: '3' } },
    });
  });

  test('bucketName, guest permissions and the removal policy reach the template', () => {
    const stack = testStack();
    const backend = AmplifyBackend.fromEnvironmentAttributes(stack, 'Env', { appId: 'd1', environmentName: 'dev' });
    new AmplifyBackendStorage(stack, 'Storage', {
      backend,
      resourceName: 'media',
      bucketName: 'media-files',
      permissions: { authenticated: [StoragePermission.READ], unauthenticated: [StoragePermission.READ] },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Template.fromStack(stack).hasResource('Custom::AmplifyBackendStorage', {
      Properties: { BucketName: 'media-files', UnauthenticatedPermissions: ['READ'] },
      DeletionPolicy: 'Retain',
    });
  });

  test('attributes come from the custom resource and grants target the bucket it reports', () => {
    const stack = testStack();
    const storage = storageIn(stack, 'dev');
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const grant = storage.grantRead(role, 'public/*');

    expect(grant.success).toBe(true);
    expect(stack.resolve(storage.bucketName)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Storage/), 'BucketName'] });
    expect(stack.resolve(storage.resourceName)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Storage/), 'ResourceName'] });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('Reader') }],
      PolicyDocument: {
        Statement: [Match.objectLike({
          Action: Match.arrayWith(['s3:GetObject*']),
          Resource: Match.arrayWith([{
            'Fn::Join': ['', Match.arrayWith([{ 'Fn::GetAtt': [Match.stringLikeRegexp('Storage'), 'BucketName'] }, '/public/*'])],
          }]),
        })],
      },
    });
  });

  test('grantReadWrite lets the grantee write and delete objects', () => {
    const stack = testStack();
    const role = new iam.Role(stack, 'Writer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    storageIn(stack, 'dev').grantReadWrite(role);
    const actions = policyStatements(stack).flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['s3:PutObject', 's3:DeleteObject*']));
  });

  test('fromStorageAttributes references existing storage without creating anything', () => {
    const stack = testStack();
    const storage = AmplifyBackendStorage.fromStorageAttributes(stack, 'Existing', { resourceName: 'photos', bucketName: 'photos123-dev' });
    storage.grantRead(new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));
    expect(storage.bucket.bucketName).toBe('photos123-dev');
    Template.fromStack(stack).resourceCountIs('Custom::AmplifyBackendStorage', 0);
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('guest read access produces no warning', () => {
    const stack = testStack();
    const backend = AmplifyBackend.fromEnvironmentAttributes(stack, 'Env', { appId: 'd1', environmentName: 'dev' });
    new AmplifyBackendStorage(stack, 'Storage', {
      backend,
      resourceName: 'photos',
      permissions: { authenticated: [StoragePermission.READ], unauthenticated: [StoragePermission.READ] },
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('its custom resource, whole: the properties, the default provider\'s service token, removed on delete (unlinked, the bucket stays)', () => {
    const stack = testStack();
    storageIn(stack, 'dev');
    expect(Object.values(Template.fromStack(stack).findResources('Custom::AmplifyBackendStorage'))).toEqual([{
      Type: 'Custom::AmplifyBackendStorage',
      Properties: {
        ServiceToken: DEFAULT_SERVICE_TOKEN,
        ServiceTimeout: '2100',
        AppId: 'd1a2b3c4d5e6f7',
        EnvironmentName: 'dev',
        ResourceName: 'photos',
        AuthenticatedPermissions: ['READ', 'CREATE_AND_UPDATE'],
        UnauthenticatedPermissions: [],
      },
      UpdateReplacePolicy: 'Delete',
      DeletionPolicy: 'Delete',
    }]);
  });
});
