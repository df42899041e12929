import { CfnParameter, RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AmplifyBackend, IBackendEnvironment } from '../src';
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

describe('AmplifyBackend with cloneFrom', () => {
  const arn = (suffix: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:amplifybackend:us-east-1:123456789012:/backend/${suffix}`]] });
  const amplifyStatements = (stack: ReturnType<typeof testStack>) => policyStatements(stack).filter((s) => [s.Action].flat().some((a) => a.startsWith('amplifybackend:')));

  test('names its source in CloneFrom, as a reference or a construct of the app', () => {
    const stack = testStack();
    const prod = AmplifyBackend.fromEnvironmentAttributes(stack, 'Prod', { appId: 'd1', environmentName: 'prod' });
    new AmplifyBackend(stack, 'Rehearsal', { appId: 'd1', appName: 'app', environmentName: 'rehearsal', cloneFrom: prod, removalPolicy: RemovalPolicy.DESTROY });
    const dev = new AmplifyBackend(stack, 'Dev', { appId: 'd1', appName: 'app', environmentName: 'dev' });
    new AmplifyBackend(stack, 'Test', { appId: 'd1', appName: 'app', environmentName: 'test', cloneFrom: dev });
    const template = Template.fromStack(stack);
    template.hasResource('Custom::AmplifyBackend', { Properties: { EnvironmentName: 'rehearsal', CloneFrom: 'prod' }, DeletionPolicy: 'Delete' });
    template.hasResourceProperties('Custom::AmplifyBackend', { EnvironmentName: 'test', CloneFrom: 'dev' });
    template.hasResourceProperties('Custom::AmplifyBackend', { EnvironmentName: 'dev', CloneFrom: Match.absent() });
  });

  test('the handler may clone in the clone\'s app only, and creates nothing with CreateBackend there', () => {
    const stack = testStack();
    const prod = AmplifyBackend.fromEnvironmentAttributes(stack, 'Prod', { appId: 'd1', environmentName: 'prod' });
    new AmplifyBackend(stack, 'Rehearsal', { appId: 'd1', appName: 'app', environmentName: 'rehearsal', cloneFrom: prod });
    new AmplifyBackend(stack, 'Other', { appId: 'd2', appName: 'app', environmentName: 'dev' });
    expect(amplifyStatements(stack)).toEqual([
      expect.objectContaining({ Action: 'amplifybackend:CloneBackend', Resource: arn('d1/*') }),
      expect.objectContaining({
        Action: ['amplifybackend:GetBackend', 'amplifybackend:DeleteBackend', 'amplifybackend:GetBackendJob', 'amplifybackend:ListBackendJobs'],
        Resource: [arn('d1/*'), arn('d2/*')],
      }),
      expect.objectContaining({ Action: 'amplifybackend:CreateBackend', Resource: arn('*') }),
    ]);
  });

  test('without a clone in the stack, the handler may not clone', () => {
    const stack = testStack();
    new AmplifyBackend(stack, 'Dev', { appId: 'd1', appName: 'app', environmentName: 'dev' });
    expect(JSON.stringify(amplifyStatements(stack))).not.toContain('CloneBackend');
  });

  test.each<[string, (stack: ReturnType<typeof testStack>) => IBackendEnvironment, string]>([
    ['an environment of another Amplify app', (stack) => AmplifyBackend.fromEnvironmentAttributes(stack, 'Prod', { appId: 'd2', environmentName: 'prod' }),
      'Invalid cloneFrom at TestStack/Rehearsal: environment "prod" of app d2 (TestStack/Prod) is in another Amplify app than this environment (d1); '
      + 'CloneBackend copies an environment within its app: give an environment of app d1.'],
    ['the environment itself', (stack) => AmplifyBackend.fromEnvironmentAttributes(stack, 'Same', { appId: 'd1', environmentName: 'rehearsal' }),
      'Invalid cloneFrom at TestStack/Rehearsal: it names environment "rehearsal" itself; give another environment of app d1 to clone from.'],
    ['an environment of another CDK app', () => AmplifyBackend.fromEnvironmentAttributes(testStack('Other'), 'Prod', { appId: 'd1', environmentName: 'prod' }),
      'Invalid cloneFrom at TestStack/Rehearsal: environment "prod" of app d1 (Other/Prod) belongs to another CDK app; declare the source in this app, '
      + 'or refer to it with AmplifyBackend.fromEnvironmentAttributes().'],
    ['an environment name', () => 'prod' as any,
      'Invalid cloneFrom "prod" at TestStack/Rehearsal: give an IAmplifyBackend: new AmplifyBackend(...) or AmplifyBackend.fromEnvironmentAttributes(...).'],
  ])('a source that is %s is refused at synth', (_case, source, message) => {
    const stack = testStack();
    expect(() => new AmplifyBackend(stack, 'Rehearsal', { appId: 'd1', appName: 'app', environmentName: 'rehearsal', cloneFrom: source(stack) })).toThrow(message);
  });

  test('the clone\'s own name follows the environment-name rules', () => {
    const stack = testStack();
    const prod = AmplifyBackend.fromEnvironmentAttributes(stack, 'Prod', { appId: 'd1', environmentName: 'prod' });
    expect(() => new AmplifyBackend(stack, 'Rehearsal', { appId: 'd1', appName: 'app', environmentName: 'prod-copy', cloneFrom: prod }))
      .toThrow('Invalid environmentName "prod-copy" at TestStack/Rehearsal: use 2 to 10 lowercase letters.');
  });

  test('an app id known only at deploy time is not compared, the environment names still are', () => {
    const stack = testStack();
    const appId = new CfnParameter(stack, 'AppId').valueAsString;
    const prod = AmplifyBackend.fromEnvironmentAttributes(stack, 'Prod', { appId: 'd1', environmentName: 'prod' });
    expect(() => new AmplifyBackend(stack, 'Rehearsal', { appId, appName: 'app', environmentName: 'rehearsal', cloneFrom: prod })).not.toThrow();
    const same = AmplifyBackend.fromEnvironmentAttributes(stack, 'Same', { appId, environmentName: 'test' });
    expect(() => new AmplifyBackend(stack, 'Test', { appId, appName: 'app', environmentName: 'test', cloneFrom: same })).toThrow('it names environment "test" itself');
  });
});
