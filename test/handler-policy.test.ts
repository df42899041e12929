import { Template } from 'aws-cdk-lib/assertions';
import { AmplifyBackend, StoragePermission } from '../src';
import { testStack } from './template-helpers';

const arn = (suffix: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:amplifybackend:us-east-1:123456789012:/backend/${suffix}`]] });

describe('the handler role', () => {
  test('gets only the actions each resource type needs, on the apps that use it', () => {
    const stack = testStack();
    new AmplifyBackend(stack, 'Staging', { appId: 'd1', appName: 'app', environmentName: 'staging' })
      .addStorage('Photos', { resourceName: 'photos', permissions: { authenticated: [StoragePermission.READ] } });
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd2', environmentName: 'dev' }).importStorage('Files', { bucketName: 'team-files' });
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Other', { appId: 'd3', environmentName: 'dev' })
      .addStorage('More', { resourceName: 'more', permissions: { authenticated: [StoragePermission.READ] } });

    const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
    const handlerPolicy = Object.entries(policies).find(([id]) => id.startsWith('AmplifyBackendProviderHandlerRoleDefaultPolicy'))![1];
    const statements = handlerPolicy.Properties.PolicyDocument.Statement;
    expect(statements).toEqual([
      expect.objectContaining({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'] }),
      { Effect: 'Allow', Action: 'amplifybackend:CreateBackend', Resource: arn('*') },
      {
        Effect: 'Allow',
        Action: ['amplifybackend:GetBackend', 'amplifybackend:DeleteBackend', 'amplifybackend:GetBackendJob', 'amplifybackend:ListBackendJobs'],
        Resource: arn('d1/*'),
      },
      {
        Effect: 'Allow',
        Action: ['amplifybackend:CreateBackendStorage', 'amplifybackend:UpdateBackendStorage', 'amplifybackend:DeleteBackendStorage',
          'amplifybackend:GetBackendStorage', 'amplifybackend:GetBackendJob', 'amplifybackend:ListBackendJobs'],
        Resource: [arn('d1/*'), arn('d3/*')],
      },
      {
        Effect: 'Allow',
        Action: ['amplifybackend:ImportBackendStorage', 'amplifybackend:GetBackend', 'amplifybackend:DeleteBackendStorage',
          'amplifybackend:GetBackendJob', 'amplifybackend:ListBackendJobs'],
        Resource: arn('d2/*'),
      },
      { Effect: 'Allow', Action: 'amplifybackend:ListS3Buckets', Resource: '*' },
    ]);
  });
});
