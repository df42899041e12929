import { RemovalPolicies, RemovalPolicy, Resource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AmplifyBackend, AmplifyBackendAuth, AmplifyBackendStorage, ImportedBackendAuth, ImportedBackendStorage, StoragePermission } from '../src';
import { testStack } from './template-helpers';

/** Declares one construct in a fresh stack, with the `removalPolicy` prop when one is given. */
type Declare = (stack: Stack, removalPolicy?: RemovalPolicy) => Resource;

const dev = (stack: Stack) => AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' });

const CONSTRUCTS: Array<[string, string, Declare]> = [
  ['AmplifyBackend', 'Custom::AmplifyBackend', (stack, removalPolicy) =>
    new AmplifyBackend(stack, 'Staging', { appId: 'd1', appName: 'app', environmentName: 'staging', removalPolicy })],
  ['AmplifyBackendAuth', 'Custom::AmplifyBackendAuth', (stack, removalPolicy) =>
    new AmplifyBackendAuth(stack, 'Users', { backend: dev(stack), resourceName: 'users', removalPolicy })],
  ['ImportedBackendAuth', 'Custom::AmplifyImportedBackendAuth', (stack, removalPolicy) => new ImportedBackendAuth(stack, 'Users', {
    backend: dev(stack),
    userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEfGhI'),
    webClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Web', 'webclient1'),
    nativeClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Native', 'nativeclient1'),
    removalPolicy,
  })],
  ['AmplifyBackendStorage', 'Custom::AmplifyBackendStorage', (stack, removalPolicy) =>
    new AmplifyBackendStorage(stack, 'Photos', { backend: dev(stack), resourceName: 'photos', permissions: { authenticated: [StoragePermission.READ] }, removalPolicy })],
  ['ImportedBackendStorage', 'Custom::AmplifyImportedBackendStorage', (stack, removalPolicy) =>
    new ImportedBackendStorage(stack, 'Files', { backend: dev(stack), bucketName: 'team-files', removalPolicy })],
];

const POLICIES: Array<[RemovalPolicy, string]> = [[RemovalPolicy.DESTROY, 'Delete'], [RemovalPolicy.RETAIN, 'Retain']];

describe.each(CONSTRUCTS)('%s', (_name, type, declare) => {
  test.each(POLICIES)('applyRemovalPolicy(%s) gives the template the removalPolicy prop gives: DeletionPolicy %s', (policy, deletionPolicy) => {
    const applied = testStack();
    declare(applied).applyRemovalPolicy(policy);
    const given = testStack();
    declare(given, policy);
    Template.fromStack(applied).hasResource(type, { DeletionPolicy: deletionPolicy, UpdateReplacePolicy: deletionPolicy });
    expect(Template.fromStack(applied).toJSON()).toEqual(Template.fromStack(given).toJSON());
  });

  test.each(POLICIES)('RemovalPolicies.of(stack).apply(%s) reaches it too: DeletionPolicy %s', (policy, deletionPolicy) => {
    const stack = testStack();
    declare(stack);
    RemovalPolicies.of(stack).apply(policy, { applyToResourceTypes: [type] });
    Template.fromStack(stack).hasResource(type, { DeletionPolicy: deletionPolicy, UpdateReplacePolicy: deletionPolicy });
  });
});
