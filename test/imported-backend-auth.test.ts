import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AmplifyBackend, ImportedBackendAuth } from '../src';
import { DEFAULT_SERVICE_TOKEN, policyStatements, testStack } from './template-helpers';

function setup() {
  const stack = testStack();
  const backend = AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' });
  const userPool = new cognito.UserPool(stack, 'Pool');
  return {
    stack,
    backend,
    userPool,
    webClient: userPool.addClient('Web'),
    nativeClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Native', 'nativeclient1'),
  };
}

describe('ImportedBackendAuth', () => {
  test('adopt: true tells the handler to take a user pool already linked over (Adopt)', () => {
    const stack = testStack();
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }).importAuth('Users', {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEfGhI'),
      webClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Web', 'webclient1'),
      nativeClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Native', 'nativeclient1'),
      adopt: true,
    });
    Template.fromStack(stack).hasResourceProperties('Custom::AmplifyImportedBackendAuth', { UserPoolId: 'us-east-1_AbCdEfGhI', Adopt: true });
  });

  test('links a user pool and its clients by their ids, keeps the given objects, and reads the generated name from the resource', () => {
    const { stack, backend, userPool, webClient, nativeClient } = setup();
    const auth = backend.importAuth('Users', { userPool, webClient, nativeClient, identityPoolId: 'us-east-1:0123abcd-0123-4567-89ab-0123456789ab' });
    Template.fromStack(stack).hasResource('Custom::AmplifyImportedBackendAuth', {
      Properties: {
        AppId: 'd1',
        EnvironmentName: 'dev',
        UserPoolId: { Ref: stack.getLogicalId(userPool.node.defaultChild as cognito.CfnUserPool) },
        WebClientId: { Ref: stack.getLogicalId(webClient.node.defaultChild as cognito.CfnUserPoolClient) },
        NativeClientId: 'nativeclient1',
        IdentityPoolId: 'us-east-1:0123abcd-0123-4567-89ab-0123456789ab',
      },
      DeletionPolicy: 'Delete',
    });
    expect(auth.userPool).toBe(userPool);
    expect(auth.webClient).toBe(webClient);
    expect(auth.nativeClientId).toBe('nativeclient1');
    expect(stack.resolve(auth.resourceName)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^DevUsers/), 'ResourceName'] });
  });

  test('without an identity pool none is sent and identityPoolId is undefined', () => {
    const { stack, backend, userPool, webClient, nativeClient } = setup();
    const auth = new ImportedBackendAuth(stack, 'Users', { backend, userPool, webClient, nativeClient });
    const [resource] = Object.values(Template.fromStack(stack).findResources('Custom::AmplifyImportedBackendAuth'));
    expect(resource.Properties.IdentityPoolId).toBeUndefined();
    expect(auth.identityPoolId).toBeUndefined();
  });

  test('the handler may link and unlink on the app, and read no secret', () => {
    const { stack, backend, userPool, webClient, nativeClient } = setup();
    backend.importAuth('Users', { userPool, webClient, nativeClient });
    const actions = policyStatements(stack).flatMap((statement) => [statement.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['amplifybackend:ImportBackendAuth', 'amplifybackend:DeleteBackendAuth', 'amplifybackend:GetBackend']));
    expect(actions).not.toContain('amplifybackend:CreateBackendAuth');
    expect(actions.filter((action) => action.startsWith('secretsmanager:'))).toEqual([]);
  });

  test('its custom resource, whole: the pool and client ids, the default provider\'s service token, unlinked on delete', () => {
    const { stack, backend } = setup();
    backend.importAuth('Users', {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Existing', 'us-east-1_AbCdEfGhI'),
      webClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'ExistingWeb', 'webclient1'),
      nativeClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'ExistingNative', 'nativeclient1'),
    });
    expect(Object.values(Template.fromStack(stack).findResources('Custom::AmplifyImportedBackendAuth'))).toEqual([{
      Type: 'Custom::AmplifyImportedBackendAuth',
      Properties: {
        ServiceToken: DEFAULT_SERVICE_TOKEN,
        ServiceTimeout: '2100',
        AppId: 'd1',
        EnvironmentName: 'dev',
        UserPoolId: 'us-east-1_AbCdEfGhI',
        WebClientId: 'webclient1',
        NativeClientId: 'nativeclient1',
      },
      UpdateReplacePolicy: 'Delete',
      DeletionPolicy: 'Delete',
    }]);
  });
});
