import { RemovalPolicy } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AmplifyBackend } from '../src';
import { DEFAULT_SERVICE_TOKEN, policyStatements, testStack } from './template-helpers';

describe('AmplifyBackend', () => {
  test('declares Custom::AmplifyBackend, retained by default', () => {
    const stack = testStack();
    new AmplifyBackend(stack, 'Dev', { appId: 'd1', appName: 'photos-app', environmentName: 'dev', resourceName: 'amplify' });
    Template.fromStack(stack).hasResource('Custom::AmplifyBackend', {
      Properties: { AppId: 'd1', AppName: 'photos-app', EnvironmentName: 'dev', ResourceName: 'amplify' },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('RemovalPolicy.DESTROY lets CloudFormation send the Delete that removes the environment', () => {
    const stack = testStack();
    new AmplifyBackend(stack, 'Dev', { appId: 'd1', appName: 'app', environmentName: 'dev', removalPolicy: RemovalPolicy.DESTROY });
    Template.fromStack(stack).hasResource('Custom::AmplifyBackend', { DeletionPolicy: 'Delete' });
  });

  test('the handler may create backends and manage this app\'s environments, nothing more', () => {
    const stack = testStack();
    new AmplifyBackend(stack, 'Dev', { appId: 'd1', appName: 'app', environmentName: 'dev' });
    new AmplifyBackend(stack, 'Prod', { appId: 'd1', appName: 'app', environmentName: 'prod' });
    const arn = (suffix: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:amplifybackend:us-east-1:123456789012:/backend/${suffix}`]] });
    const amplify = policyStatements(stack).filter((s) => [s.Action].flat().some((a) => a.startsWith('amplifybackend:')));
    expect(amplify).toEqual([
      expect.objectContaining({ Action: 'amplifybackend:CreateBackend', Resource: arn('*') }),
      expect.objectContaining({
        Action: ['amplifybackend:GetBackend', 'amplifybackend:DeleteBackend', 'amplifybackend:GetBackendJob', 'amplifybackend:ListBackendJobs'],
        Resource: arn('d1/*'),
      }),
    ]);
  });

  test.each([
    [{ appId: 'D1' }, 'Invalid appId "D1" at TestStack/Env: use the Amplify app id'],
    [{ environmentName: 'Prod' }, 'Invalid environmentName "Prod" at TestStack/Env: use 2 to 10 lowercase letters.'],
    [{ environmentName: 'development' }, 'Invalid environmentName "development" at TestStack/Env: use 2 to 10 lowercase letters.'],
  ])('%p is refused at synth', (bad, message) => {
    const attrs = { appId: 'd1', environmentName: 'dev', ...bad };
    expect(() => new AmplifyBackend(testStack(), 'Env', { ...attrs, appName: 'app' })).toThrow(message);
    expect(() => AmplifyBackend.fromEnvironmentAttributes(testStack(), 'Env', attrs)).toThrow(message);
  });

  test('its custom resource, whole: the properties, the default provider\'s service token, retained, nothing more', () => {
    const stack = testStack();
    new AmplifyBackend(stack, 'Dev', { appId: 'd1', appName: 'app', environmentName: 'dev' });
    expect(Template.fromStack(stack).findResources('Custom::AmplifyBackend')).toEqual({
      Dev4FA30A25: {
        Type: 'Custom::AmplifyBackend',
        Properties: { ServiceToken: DEFAULT_SERVICE_TOKEN, ServiceTimeout: '2100', AppId: 'd1', AppName: 'app', EnvironmentName: 'dev' },
        UpdateReplacePolicy: 'Retain',
        DeletionPolicy: 'Retain',
      },
    });
  });
});
