import { SecretValue } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
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

describe('the handler role with auth', () => {
  const GOOGLE_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:google-AbCdEf';

  test('gets the auth actions on the apps that declare auth, and GetSecretValue on exactly the secrets of their providers', () => {
    const stack = testStack();
    const urls = { callbackUrls: ['https://example.com/'], logoutUrls: ['https://example.com/'] };
    new AmplifyBackend(stack, 'Staging', { appId: 'd1', appName: 'app', environmentName: 'staging' }).addAuth('Users', {
      resourceName: 'users',
      oAuth: { ...urls, google: { clientId: 'g', clientSecretValue: SecretValue.secretsManager(GOOGLE_ARN, { jsonField: 'clientSecret' }) } },
    });
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Prod', { appId: 'd1', environmentName: 'prod' }).addAuth('Users', {
      resourceName: 'users',
      oAuth: { ...urls, amazon: { clientId: 'a', clientSecretValue: SecretValue.secretsManager('social/amazon') } },
    });
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd2', environmentName: 'dev' }).importAuth('Users', {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEfGhI'),
      webClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Web', 'webclient1'),
      nativeClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Native', 'nativeclient1'),
    });

    const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
    const handlerPolicy = Object.entries(policies).find(([id]) => id.startsWith('AmplifyBackendProviderHandlerRoleDefaultPolicy'))![1];
    const statements = handlerPolicy.Properties.PolicyDocument.Statement;
    expect(statements.slice(3)).toEqual([
      {
        Effect: 'Allow',
        Action: ['amplifybackend:CreateBackendAuth', 'amplifybackend:UpdateBackendAuth', 'amplifybackend:DeleteBackendAuth',
          'amplifybackend:GetBackendAuth', 'amplifybackend:GetBackend', 'amplifybackend:GetBackendJob', 'amplifybackend:ListBackendJobs'],
        Resource: arn('d1/*'),
      },
      {
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: [GOOGLE_ARN, { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:us-east-1:123456789012:secret:social/amazon-??????']] }],
      },
      {
        Effect: 'Allow',
        Action: ['amplifybackend:ImportBackendAuth', 'amplifybackend:GetBackend', 'amplifybackend:DeleteBackendAuth',
          'amplifybackend:GetBackendJob', 'amplifybackend:ListBackendJobs'],
        Resource: arn('d2/*'),
      },
    ]);
    expect(statements.slice(0, 3).map((statement: { Action: unknown }) => statement.Action)).toEqual([
      ['logs:CreateLogStream', 'logs:PutLogEvents'],
      'amplifybackend:CreateBackend',
      ['amplifybackend:GetBackend', 'amplifybackend:DeleteBackend', 'amplifybackend:GetBackendJob', 'amplifybackend:ListBackendJobs'],
    ]);
  });
});
