import { RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  AmplifyBackend, AmplifyBackendAuth, BackendOAuthScope, OAuthGrantType, SignInMethod, SignUpAttribute, VerificationDeliveryMethod,
} from '../src';
import { DEFAULT_SERVICE_TOKEN, policyStatements, testStack } from './template-helpers';

const GOOGLE_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:google-AbCdEf';

function dev(stack = testStack()) {
  return { stack, backend: AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }) };
}

describe('AmplifyBackendAuth', () => {
  test('adopt: true tells the handler to take existing auth of that name over (Adopt); without it the property is absent', () => {
    const stack = testStack();
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }).addAuth('Users', { resourceName: 'users', adopt: true });
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Prod', { appId: 'd1', environmentName: 'prod' }).addAuth('Users', { resourceName: 'users' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::AmplifyBackendAuth', { EnvironmentName: 'dev', Adopt: true });
    template.hasResourceProperties('Custom::AmplifyBackendAuth', { EnvironmentName: 'prod', Adopt: Match.absent() });
  });

  test('defaults: email sign-in with email required, 8-character passwords, no MFA, an identity pool without guests, retained', () => {
    const { stack, backend } = dev();
    backend.addAuth('Users', { resourceName: 'users' });
    Template.fromStack(stack).hasResource('Custom::AmplifyBackendAuth', {
      Properties: {
        AppId: 'd1',
        EnvironmentName: 'dev',
        ResourceName: 'users',
        UserPoolName: 'users_userpool',
        SignInMethod: 'EMAIL',
        RequiredSignUpAttributes: ['EMAIL'],
        PasswordPolicy: { MinimumLength: 8, AdditionalConstraints: [] },
        Mfa: { Mode: 'OFF', Types: [] },
        VerificationMessage: { DeliveryMethod: 'EMAIL' },
        IdentityPool: { Name: 'users_identitypool', AllowGuests: false },
      },
      DeletionPolicy: 'Retain',
    });
  });

  test('every setting reaches the template as the handler reads it', () => {
    const { stack, backend } = dev();
    backend.addAuth('Users', {
      resourceName: 'users',
      userPoolName: 'photo users',
      signInMethod: SignInMethod.PHONE_NUMBER,
      requiredSignUpAttributes: [SignUpAttribute.PHONE_NUMBER, SignUpAttribute.NAME],
      passwordPolicy: { minLength: 12, requireDigits: true, requireUppercase: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: true, otp: true },
      mfaMessage: 'Your sign-in code is {####}',
      userVerification: { smsMessage: 'Your verification code is {####}' },
      identityPoolName: 'photo_identities',
      allowUnauthenticatedIdentities: true,
      oAuth: {
        domainPrefix: 'photo-share',
        callbackUrls: ['https://example.com/', 'myapp://'],
        logoutUrls: ['https://example.com/bye'],
        grantType: OAuthGrantType.IMPLICIT,
        scopes: [BackendOAuthScope.OPENID, BackendOAuthScope.EMAIL],
        google: { clientId: 'google-client', clientSecretValue: SecretValue.secretsManager(GOOGLE_ARN, { jsonField: 'clientSecret' }) },
      },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Template.fromStack(stack).hasResource('Custom::AmplifyBackendAuth', {
      Properties: {
        UserPoolName: 'photo users',
        SignInMethod: 'PHONE_NUMBER',
        RequiredSignUpAttributes: ['PHONE_NUMBER', 'NAME'],
        PasswordPolicy: { MinimumLength: 12, AdditionalConstraints: ['REQUIRE_DIGIT', 'REQUIRE_UPPERCASE'] },
        Mfa: { Mode: 'ON', Types: ['SMS', 'TOTP'], SmsMessage: 'Your sign-in code is {####}' },
        VerificationMessage: { DeliveryMethod: 'SMS', SmsMessage: 'Your verification code is {####}' },
        IdentityPool: { Name: 'photo_identities', AllowGuests: true },
        OAuth: {
          GrantType: 'IMPLICIT',
          Scopes: ['OPENID', 'EMAIL'],
          CallbackUrls: ['https://example.com/', 'myapp://'],
          LogoutUrls: ['https://example.com/bye'],
          DomainPrefix: 'photo-share',
          Google: { ClientId: 'google-client', ClientSecret: { SecretId: GOOGLE_ARN, JsonField: 'clientSecret' } },
        },
      },
      DeletionPolicy: 'Delete',
    });
  });

  test('without an identity pool the template says so by leaving it out', () => {
    const { stack, backend } = dev();
    backend.addAuth('Users', { resourceName: 'users', identityPool: false, signInMethod: SignInMethod.USERNAME });
    const [resource] = Object.values(Template.fromStack(stack).findResources('Custom::AmplifyBackendAuth'));
    expect(resource.Properties.IdentityPool).toBeUndefined();
    expect(resource.Properties.RequiredSignUpAttributes).toEqual(['EMAIL']);
  });

  test('secrets stay in Secrets Manager: the template holds where they are, the handler may read exactly those', () => {
    const { stack, backend } = dev();
    const inApp = new secretsmanager.Secret(stack, 'AppleKey');
    backend.addAuth('Users', {
      resourceName: 'users',
      oAuth: {
        callbackUrls: ['https://example.com/'],
        logoutUrls: ['https://example.com/'],
        google: { clientId: 'g', clientSecretValue: SecretValue.secretsManager(GOOGLE_ARN) },
        facebook: { clientId: 'f', clientSecretValue: SecretValue.secretsManager('social/facebook', { jsonField: 'appSecret' }) },
        amazon: { clientId: 'a', clientSecretValue: secretsmanager.Secret.fromSecretNameV2(stack, 'Amazon', 'social/amazon').secretValueFromJson('secret') },
        apple: { clientId: 'com.example', teamId: 'TEAM123456', keyId: 'KEY1234567', privateKeyValue: inApp.secretValue },
      },
    });
    const template = Template.fromStack(stack);
    const [resource] = Object.values(template.findResources('Custom::AmplifyBackendAuth'));
    expect(stack.resolve(resource.Properties.OAuth)).toMatchObject({
      Google: { ClientSecret: { SecretId: GOOGLE_ARN } },
      Facebook: { ClientSecret: { SecretId: 'social/facebook', JsonField: 'appSecret' } },
      LoginWithAmazon: { ClientSecret: { SecretId: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:us-east-1:123456789012:secret:social/amazon']] }, JsonField: 'secret' } },
      SignInWithApple: { PrivateKey: { SecretId: { Ref: stack.getLogicalId(inApp.node.defaultChild as secretsmanager.CfnSecret) } } },
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('{{resolve:');

    const reads = policyStatements(stack).filter((statement) => [statement.Action].flat().some((action) => action.startsWith('secretsmanager:')));
    expect(reads).toEqual([expect.objectContaining({
      Action: 'secretsmanager:GetSecretValue',
      Resource: [
        GOOGLE_ARN,
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:us-east-1:123456789012:secret:social/facebook-??????']] },
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:us-east-1:123456789012:secret:social/amazon-??????']] },
        { Ref: stack.getLogicalId(inApp.node.defaultChild as secretsmanager.CfnSecret) },
      ],
    })]);
  });

  test('without social providers the handler may read no secret at all', () => {
    const { stack, backend } = dev();
    backend.addAuth('Users', { resourceName: 'users', oAuth: { callbackUrls: ['https://example.com/'], logoutUrls: ['https://example.com/'] } });
    expect(policyStatements(stack).flatMap((statement) => [statement.Action].flat()).filter((action) => action.startsWith('secretsmanager:'))).toEqual([]);
  });

  test('attributes come from the custom resource; the Cognito objects reference them', () => {
    const { stack, backend } = dev();
    const auth = backend.addAuth('Users', { resourceName: 'users' });
    const id = expect.stringMatching(/^DevUsers/);
    expect(stack.resolve(auth.userPoolId)).toEqual({ 'Fn::GetAtt': [id, 'UserPoolId'] });
    expect(stack.resolve(auth.identityPoolId)).toEqual({ 'Fn::GetAtt': [id, 'IdentityPoolId'] });
    expect(stack.resolve(auth.webClientId)).toEqual({ 'Fn::GetAtt': [id, 'WebClientId'] });
    expect(stack.resolve(auth.nativeClientId)).toEqual({ 'Fn::GetAtt': [id, 'NativeClientId'] });
    expect(stack.resolve(auth.resourceName)).toEqual({ 'Fn::GetAtt': [id, 'ResourceName'] });
    expect(stack.resolve(auth.userPool.userPoolId)).toEqual({ 'Fn::GetAtt': [id, 'UserPoolId'] });
    expect(stack.resolve(auth.webClient.userPoolClientId)).toEqual({ 'Fn::GetAtt': [id, 'WebClientId'] });
  });

  test('without an identity pool, identityPoolId is undefined at synth, not a token that resolves to nothing', () => {
    const { backend } = dev();
    const auth = backend.addAuth('Users', { resourceName: 'users', identityPool: false });
    expect(auth.identityPoolId).toBeUndefined();
  });

  test('fromAuthAttributes references existing auth without creating anything', () => {
    const stack = testStack();
    const auth = AmplifyBackendAuth.fromAuthAttributes(stack, 'Existing', {
      resourceName: 'users', userPoolId: 'us-east-1_Abc', webClientId: 'web', nativeClientId: 'native',
    });
    expect(auth.userPool.userPoolId).toBe('us-east-1_Abc');
    expect(auth.nativeClient.userPoolClientId).toBe('native');
    expect(auth.identityPoolId).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('Custom::AmplifyBackendAuth', 0);
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('the user verification defaults to email unless users sign in with their phone number only', () => {
    const { stack, backend } = dev();
    backend.addAuth('Users', { resourceName: 'users', signInMethod: SignInMethod.EMAIL_AND_PHONE_NUMBER, userVerification: { deliveryMethod: VerificationDeliveryMethod.SMS } });
    Template.fromStack(stack).hasResourceProperties('Custom::AmplifyBackendAuth', {
      RequiredSignUpAttributes: ['EMAIL', 'PHONE_NUMBER'], VerificationMessage: { DeliveryMethod: 'SMS' },
    });
  });

  test('its custom resource, whole: every setting, where the secret is (never its value), the service token, retained', () => {
    const { stack, backend } = dev();
    backend.addAuth('Users', {
      resourceName: 'users',
      allowUnauthenticatedIdentities: true,
      oAuth: {
        callbackUrls: ['https://example.com/'],
        logoutUrls: ['https://example.com/'],
        google: { clientId: 'google-client', clientSecretValue: SecretValue.secretsManager(GOOGLE_ARN, { jsonField: 'clientSecret' }) },
      },
    });
    expect(Object.values(Template.fromStack(stack).findResources('Custom::AmplifyBackendAuth'))).toEqual([{
      Type: 'Custom::AmplifyBackendAuth',
      Properties: {
        ServiceToken: DEFAULT_SERVICE_TOKEN,
        ServiceTimeout: '2100',
        AppId: 'd1',
        EnvironmentName: 'dev',
        ResourceName: 'users',
        UserPoolName: 'users_userpool',
        SignInMethod: 'EMAIL',
        RequiredSignUpAttributes: ['EMAIL'],
        PasswordPolicy: { MinimumLength: 8, AdditionalConstraints: [] },
        Mfa: { Mode: 'OFF', Types: [] },
        VerificationMessage: { DeliveryMethod: 'EMAIL' },
        IdentityPool: { Name: 'users_identitypool', AllowGuests: true },
        OAuth: {
          GrantType: 'CODE',
          Scopes: ['PHONE', 'EMAIL', 'OPENID', 'PROFILE', 'AWS_COGNITO_SIGNIN_USER_ADMIN'],
          CallbackUrls: ['https://example.com/'],
          LogoutUrls: ['https://example.com/'],
          Google: { ClientId: 'google-client', ClientSecret: { SecretId: GOOGLE_ARN, JsonField: 'clientSecret' } },
        },
      },
      UpdateReplacePolicy: 'Retain',
      DeletionPolicy: 'Retain',
    }]);
  });
});
