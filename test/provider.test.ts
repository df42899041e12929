import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AmplifyBackend, AmplifyBackendProvider, StoragePermission } from '../src';
import { maskedTemplate, policyStatements, testStack } from './template-helpers';

const READ = { authenticated: [StoragePermission.READ] };

describe('AmplifyBackendProvider', () => {
  // The one whole-template snapshot: what the provider adds to a stack (the constructs' own resources are
  // asserted whole in their tests), so an aws-cdk-lib upgrade that changes the Provider framework shows here once.
  test('the provider, whole, with asset hashes masked, matches its snapshot', () => {
    const stack = testStack();
    new AmplifyBackendProvider(stack, 'AmplifyBackendProvider');
    expect(maskedTemplate(stack)).toMatchSnapshot();
  });

  test('constructs without a provider share the stack\'s default; one given a provider uses only that', () => {
    const stack = testStack();
    const custom = new AmplifyBackendProvider(stack, 'Slow', { queryInterval: Duration.seconds(30), totalTimeout: Duration.minutes(50) });
    const dev = AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' });
    const prod = AmplifyBackend.fromEnvironmentAttributes(stack, 'Prod', { appId: 'd1', environmentName: 'prod' });
    const test = AmplifyBackend.fromEnvironmentAttributes(stack, 'Test', { appId: 'd1', environmentName: 'test' });
    dev.addStorage('A', { resourceName: 'a', permissions: READ });
    prod.addStorage('B', { resourceName: 'b', permissions: READ });
    test.addStorage('C', { resourceName: 'c', permissions: READ, provider: custom });
    const template = Template.fromStack(stack);

    template.resourceCountIs('AWS::StepFunctions::StateMachine', 2);
    const tokens = Object.values(template.findResources('Custom::AmplifyBackendStorage')).map((r: any) => JSON.stringify(r.Properties.ServiceToken));
    expect(tokens[0]).toEqual(tokens[1]);
    expect(tokens[2]).not.toEqual(tokens[0]);
    template.hasResourceProperties('Custom::AmplifyBackendStorage', { ResourceName: 'c', ServiceTimeout: '3300' });
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { QUERY_INTERVAL_SECONDS: '30', WAIT_TIMEOUT_SECONDS: '3000' } } });
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      DefinitionString: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('"IntervalSeconds":30,"MaxAttempts":100,')])] },
    });
  });

  test('a VPC and a permissions boundary reach every function and role the library creates', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    const boundary = new iam.ManagedPolicy(stack, 'Boundary', { statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })] });
    const provider = new AmplifyBackendProvider(stack, 'Provider', { vpc, permissionsBoundary: boundary });
    new AmplifyBackend(stack, 'Dev', { appId: 'd1', appName: 'app', environmentName: 'dev', provider }).addStorage('S', { resourceName: 's', permissions: READ, provider });
    const template = Template.fromStack(stack);

    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(4);
    for (const fn of functions) expect(fn.Properties.VpcConfig.SubnetIds).toHaveLength(2);
    const roles = Object.entries(template.findResources('AWS::IAM::Role')).filter(([id]) => !id.startsWith('Vpc'));
    expect(roles.length).toBeGreaterThanOrEqual(3);
    const boundaryRef = { Ref: stack.getLogicalId(boundary.node.defaultChild as iam.CfnManagedPolicy) };
    for (const [, role] of roles) expect(role.Properties.PermissionsBoundary).toEqual(boundaryRef);
  });

  test('functions log to one log group with retention, created without the logRetention custom resource', () => {
    const stack = testStack();
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }).addStorage('S', { resourceName: 's', permissions: READ });
    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::LogRetention', 0);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 365 }, DeletionPolicy: 'Retain' });
    const logGroup = Object.keys(template.findResources('AWS::Logs::LogGroup'))[0];
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties.LoggingConfig).toEqual(expect.objectContaining({ LogGroup: { Ref: logGroup } }));
    }
  });

  test('a log group, function names and a retention can be chosen', () => {
    const stack = testStack();
    const logGroup = new logs.LogGroup(stack, 'Mine');
    const provider = new AmplifyBackendProvider(stack, 'Provider', { logGroup, handlerFunctionName: 'amplify-jobs', providerFunctionName: 'amplify-provider' });
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }).addStorage('S', { resourceName: 's', permissions: READ, provider });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResourceProperties('AWS::Lambda::Function', { FunctionName: 'amplify-jobs', LoggingConfig: { LogGroup: { Ref: stack.getLogicalId(logGroup.node.defaultChild as logs.CfnLogGroup) } } });
    template.hasResourceProperties('AWS::Lambda::Function', { FunctionName: 'amplify-provider' });
  });

  test('the roles have no managed policy outside a VPC, and write logs to the provider\'s log group only', () => {
    const stack = testStack();
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }).addStorage('S', { resourceName: 's', permissions: READ });
    const template = Template.fromStack(stack);
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const logStatements = policyStatements(stack).filter((s) => [s.Action].flat().some((a) => a.startsWith('logs:')));
    expect(logStatements.length).toBeGreaterThan(0);
    for (const statement of logStatements) {
      expect(JSON.stringify(statement.Resource)).toMatch(/AmplifyBackendProviderLogs/);
    }
  });

  test('defaultFor refuses to mistake another construct for the provider', () => {
    const stack = testStack();
    new iam.Role(stack, 'AmplifyBackendProvider', { assumedBy: new iam.AccountRootPrincipal() });
    expect(() => AmplifyBackendProvider.defaultFor(stack)).toThrow('TestStack/AmplifyBackendProvider is not an AmplifyBackendProvider; choose another id for it.');
  });
});
