import { Annotations as CoreAnnotations, CfnResource, RemovalPolicies, RemovalPolicy, Resource, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
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

const SNAPSHOT_REFUSED = /Invalid removalPolicy SNAPSHOT at TestStack\/\w+: the AmplifyBackend API keeps no snapshots\. Use RemovalPolicy\.DESTROY \(.+\) or RemovalPolicy\.RETAIN \(.+\)\./;

describe.each(CONSTRUCTS)('%s with SNAPSHOT', (_name, type, declare) => {
  test('the removalPolicy prop SNAPSHOT is refused at once, naming the policies that apply and what they do', () => {
    expect(() => declare(testStack(), RemovalPolicy.SNAPSHOT)).toThrow(SNAPSHOT_REFUSED);
  });

  test('applyRemovalPolicy(SNAPSHOT) is refused at synth', () => {
    const stack = testStack();
    declare(stack).applyRemovalPolicy(RemovalPolicy.SNAPSHOT);
    expect(() => Template.fromStack(stack)).toThrow(SNAPSHOT_REFUSED);
  });

  test('RemovalPolicies.of(stack).snapshot() is refused at synth', () => {
    const stack = testStack();
    declare(stack);
    RemovalPolicies.of(stack).snapshot({ applyToResourceTypes: [type] });
    expect(() => Template.fromStack(stack)).toThrow(SNAPSHOT_REFUSED);
  });
});

test('the SNAPSHOT message says what DESTROY and RETAIN do to the construct', () => {
  expect(() => CONSTRUCTS[3][2](testStack(), RemovalPolicy.SNAPSHOT)).toThrow('Invalid removalPolicy SNAPSHOT at TestStack/Photos: the AmplifyBackend API '
    + 'keeps no snapshots. Use RemovalPolicy.DESTROY (DeleteBackendStorage unlinks the storage; the service keeps its bucket) or '
    + 'RemovalPolicy.RETAIN (the storage stays linked).');
});

describe('auth and storage in an environment the stack removes', () => {
  const WARNING = 'cdk-amplify-backend:retainedInDestroyedEnvironment';
  const staging = (stack: Stack, removalPolicy?: RemovalPolicy) =>
    new AmplifyBackend(stack, 'Staging', { appId: 'd1', appName: 'app', environmentName: 'staging', removalPolicy });
  const deletionPolicyOf = (construct: Resource) => Template.fromStack(Stack.of(construct)).toJSON().Resources[
    Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnResource)].DeletionPolicy;
  const warnings = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(WARNING));
  const pool = (stack: Stack) => ({
    userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEfGhI'),
    webClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Web', 'webclient1'),
    nativeClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Native', 'nativeclient1'),
  });

  test('auth added to an environment the stack removes is removed with it by default (DESTROY), and nothing warns', () => {
    const stack = testStack();
    const users = staging(stack, RemovalPolicy.DESTROY).addAuth('Users', { resourceName: 'users' });
    expect(deletionPolicyOf(users)).toBe('Delete');
    expect(warnings(stack)).toEqual([]);
  });

  test('auth keeps RETAIN as its default in an environment the stack keeps, or only references', () => {
    const stack = testStack();
    const kept = staging(stack).addAuth('Users', { resourceName: 'users' });
    const referenced = AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }).addAuth('Users', { resourceName: 'users' });
    expect([deletionPolicyOf(kept), deletionPolicyOf(referenced)]).toEqual(['Retain', 'Retain']);
  });

  test('auth with RETAIN in an environment the stack removes gets a warning saying its user pool goes with the environment', () => {
    const stack = testStack();
    staging(stack, RemovalPolicy.DESTROY).addAuth('Users', { resourceName: 'users', removalPolicy: RemovalPolicy.RETAIN });
    Annotations.fromStack(stack).hasWarning('/TestStack/Staging/Users', 'Auth at TestStack/Staging/Users has removal policy RETAIN, but it is in '
      + 'environment "staging" of app d1, which TestStack/Staging removes (RemovalPolicy.DESTROY) with DeleteBackend, and DeleteBackend removes '
      + 'everything in the environment: this auth goes with it, its user pool and every user in it included. RETAIN only means the stack sends '
      + 'no DeleteBackendAuth first. Give it RemovalPolicy.DESTROY to say what happens (auth in an environment the stack removes has it by '
      + 'default), or keep the environment (RemovalPolicy.RETAIN). If the environment exists already (the stack adopts it and never removes it), '
      + `acknowledge this warning. [ack: ${WARNING}]`);
  });

  test.each<[string, (stack: Stack, env: AmplifyBackend) => Resource, string]>([
    ['created storage', (_stack, env) => env.addStorage('Photos', { resourceName: 'photos', permissions: { authenticated: [StoragePermission.READ] } }),
      'this storage is unlinked with it (the service keeps its bucket, as on every unlink)'],
    ['imported storage', (_stack, env) => env.importStorage('Photos', { bucketName: 'team-files' }),
      'this bucket is unlinked with it (the bucket itself is never touched)'],
    ['imported auth', (stack, env) => env.importAuth('Photos', pool(stack)),
      'this user pool is unlinked with it (the Cognito resources themselves are never touched)'],
  ])('%s with RETAIN there gets the warning too, saying what becomes of it', (_case, declareChild, outcome) => {
    const stack = testStack();
    declareChild(stack, staging(stack, RemovalPolicy.DESTROY)).applyRemovalPolicy(RemovalPolicy.RETAIN);
    Annotations.fromStack(stack).hasWarning('/TestStack/Staging/Photos', Match.stringLikeRegexp(`DeleteBackend removes everything in the environment: ${
      outcome.replace(/[()]/g, '\\$&')}\\.`));
  });

  test('retained storage beside auth the stack deletes is told that the stack\'s delete would fail at the auth', () => {
    const stack = testStack();
    const env = staging(stack, RemovalPolicy.DESTROY);
    env.addAuth('Users', { resourceName: 'users' });
    env.addStorage('Photos', { resourceName: 'photos', permissions: { authenticated: [StoragePermission.READ] }, removalPolicy: RemovalPolicy.RETAIN });
    Annotations.fromStack(stack).hasWarning('/TestStack/Staging/Photos', Match.stringLikeRegexp('Also, the stack deletes the environment\'s auth at '
      + 'TestStack/Staging/Users before the environment, which the service refuses while storage is linked: the stack\'s delete would fail there\\.'));
  });

  test('a policy set after the constructs, over the whole stack, is the one the warning looks at', () => {
    const stack = testStack();
    staging(stack).addAuth('Users', { resourceName: 'users' });
    RemovalPolicies.of(stack).destroy({ applyToResourceTypes: ['Custom::AmplifyBackend'] });
    expect(warnings(stack).map((warning) => warning.id)).toEqual(['/TestStack/Staging/Users']);
  });

  test('acknowledging it, for an environment that exists already, removes the warning', () => {
    const stack = testStack();
    const users = staging(stack, RemovalPolicy.DESTROY).addAuth('Users', { resourceName: 'users', removalPolicy: RemovalPolicy.RETAIN });
    CoreAnnotations.of(users).acknowledgeWarning(WARNING, 'staging exists already: the stack adopts it and never removes it');
    expect(warnings(stack)).toEqual([]);
  });

  test('children with DESTROY, or in an environment the stack keeps, get no warning', () => {
    const stack = testStack();
    const destroyed = staging(stack, RemovalPolicy.DESTROY);
    destroyed.addAuth('Users', { resourceName: 'users' });
    destroyed.addStorage('Photos', { resourceName: 'photos', permissions: { authenticated: [StoragePermission.READ] } });
    const kept = new AmplifyBackend(stack, 'Prod', { appId: 'd1', appName: 'app', environmentName: 'prod' });
    kept.addAuth('Users', { resourceName: 'users', removalPolicy: RemovalPolicy.RETAIN });
    kept.addStorage('Photos', { resourceName: 'photos', permissions: { authenticated: [StoragePermission.READ] }, removalPolicy: RemovalPolicy.RETAIN });
    expect(warnings(stack)).toEqual([]);
  });
});
