import { CreateBackendAuthCommand, DeleteBackendAuthCommand, UpdateBackendAuthCommand } from '@aws-sdk/client-amplifybackend';
import { deployStack, drift, mockCloudFormation, StackResource } from './drift-harness';
import { hermeticAwsEnvironment } from './harness';
import { AUTH_RESOURCE_TYPE, AuthResourceProperties } from '../../src/private/contract';
import { APP_ID, ENV, Harness, useEmulator } from '../emulator/harness';

hermeticAwsEnvironment();
const cloudFormation = mockCloudFormation();
const STACK = 'PhotoShare';

/** Secret values as the service reports them back: none of them may ever be printed. */
const GOOGLE_SECRET = 'PLANTED-google-client-secret-0d7f';
const APPLE_KEY = 'PLANTED-apple-private-key-93be';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:photo-share/social-AbCdEf';

/** `Custom::AmplifyBackendAuth` as the construct declares it: every default filled in, secrets as references. */
const DECLARED: AuthResourceProperties = {
  AppId: APP_ID,
  EnvironmentName: ENV,
  ResourceName: 'photoshare',
  UserPoolName: 'photoshareusers',
  SignInMethod: 'EMAIL',
  RequiredSignUpAttributes: ['EMAIL', 'NAME'],
  PasswordPolicy: { MinimumLength: 12, AdditionalConstraints: ['REQUIRE_DIGIT', 'REQUIRE_SYMBOL'] },
  Mfa: { Mode: 'OPTIONAL', Types: ['TOTP'] },
  VerificationMessage: { DeliveryMethod: 'EMAIL' },
  IdentityPool: { Name: 'photoshareidentities', AllowGuests: true },
  OAuth: {
    GrantType: 'CODE',
    Scopes: ['EMAIL', 'OPENID'],
    CallbackUrls: ['https://photos.example.com/'],
    LogoutUrls: ['https://photos.example.com/'],
    DomainPrefix: 'photo-share',
    Google: { ClientId: '1234.apps.googleusercontent.com', ClientSecret: { SecretId: SECRET_ARN, JsonField: 'google' } },
    SignInWithApple: { ClientId: 'com.example.photos', TeamId: 'ABCDE12345', KeyId: 'KEY1234567', PrivateKey: { SecretId: SECRET_ARN, JsonField: 'apple' } },
  },
};

/** Creates the declared auth in the emulator, as the handler would have, with the secrets' values sent. */
function createDeclaredAuth(harness: Harness) {
  return harness.client.send(new CreateBackendAuthCommand({
    AppId: APP_ID,
    BackendEnvironmentName: ENV,
    ResourceName: 'photoshare',
    ResourceConfig: {
      AuthResources: 'IDENTITY_POOL_AND_USER_POOL',
      Service: 'COGNITO',
      IdentityPoolConfigs: { IdentityPoolName: 'photoshareidentities', UnauthenticatedLogin: true },
      UserPoolConfigs: {
        UserPoolName: 'photoshareusers',
        SignInMethod: 'EMAIL',
        RequiredSignUpAttributes: ['NAME', 'EMAIL'],
        PasswordPolicy: { MinimumLength: 12, AdditionalConstraints: ['REQUIRE_SYMBOL', 'REQUIRE_DIGIT'] },
        Mfa: { MFAMode: 'OPTIONAL', Settings: { MfaTypes: ['TOTP'], SmsMessage: 'Your code is {####}' } },
        VerificationMessage: { DeliveryMethod: 'EMAIL', EmailSettings: { EmailSubject: 'Your code', EmailMessage: 'Code: {####}' } },
        OAuth: {
          OAuthGrantType: 'CODE',
          OAuthScopes: ['OPENID', 'EMAIL'],
          RedirectSignInURIs: ['https://photos.example.com/'],
          RedirectSignOutURIs: ['https://photos.example.com/'],
          DomainPrefix: 'photo-share',
          SocialProviderSettings: {
            Google: { ClientId: '1234.apps.googleusercontent.com', ClientSecret: GOOGLE_SECRET },
            SignInWithApple: { ClientId: 'com.example.photos', TeamId: 'ABCDE12345', KeyId: 'KEY1234567', PrivateKey: APPLE_KEY },
          },
        },
      },
    },
  }));
}

const AS_DECLARED = DECLARED as unknown as Record<string, unknown>;
const stackOf = (properties: Record<string, unknown> = AS_DECLARED, extra: Record<string, StackResource> = {}) => ({
  ...extra,
  Users: { type: AUTH_RESOURCE_TYPE, physicalId: `${APP_ID}/${ENV}/photoshare`, properties },
});

/** The row of `Users` and the lines under it. */
function usersRow(stdout: string): { status: string; details: string[] } {
  const lines = stdout.split('\n');
  const row = lines.findIndex((line) => line.includes(' Users '));
  const details = lines.slice(row + 1).filter((line) => line.startsWith(' '.repeat(11))).map((line) => line.trim());
  return { status: lines[row].trim().split(/\s{2,}/)[0], details };
}

describe('drift of Custom::AmplifyBackendAuth (created auth)', () => {
  const harness = useEmulator();
  beforeEach(async () => {
    await createDeclaredAuth(harness);
  });

  test('auth with every declared setting (lists in another order, service defaults the template leaves out) is in sync', async () => {
    deployStack(cloudFormation, STACK, stackOf());
    const result = await drift(harness, [STACK]);

    expect(result).toEqual({ code: 0, stdout: `${STACK}: 1 in sync\n  in sync  Users  ${AUTH_RESOURCE_TYPE}  ${APP_ID}/${ENV}/photoshare\n`, stderr: '' });
  });

  test('MFA, guest access and a Google client changed in the console: drifted, each setting with its declared and live value', async () => {
    await harness.client.send(new UpdateBackendAuthCommand({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      ResourceName: 'photoshare',
      ResourceConfig: {
        AuthResources: 'IDENTITY_POOL_AND_USER_POOL',
        Service: 'COGNITO',
        IdentityPoolConfigs: { UnauthenticatedLogin: false },
        UserPoolConfigs: {
          Mfa: { MFAMode: 'ON', Settings: { MfaTypes: ['SMS', 'TOTP'], SmsMessage: 'Your code is {####}' } },
          OAuth: {
            OAuthGrantType: 'CODE',
            OAuthScopes: ['OPENID', 'EMAIL'],
            RedirectSignInURIs: ['https://photos.example.com/'],
            RedirectSignOutURIs: ['https://photos.example.com/'],
            DomainPrefix: 'photo-share',
            SocialProviderSettings: { Google: { ClientId: '9999.apps.googleusercontent.com', ClientSecret: `${GOOGLE_SECRET}-new` } },
          },
        },
      },
    }));
    deployStack(cloudFormation, STACK, stackOf());
    const result = await drift(harness, [STACK]);

    expect(result.code).toBe(1);
    expect(usersRow(result.stdout)).toEqual({
      status: 'drifted',
      details: [
        'Mfa.Mode: declared "OPTIONAL", live "ON"',
        'Mfa.Types: declared ["TOTP"], live ["SMS","TOTP"]',
        'IdentityPool.AllowGuests: declared true, live false',
        'OAuth.Google.ClientId: declared "1234.apps.googleusercontent.com", live "9999.apps.googleusercontent.com"',
        'OAuth.SignInWithApple.ClientId: declared "com.example.photos", live (none)',
        'OAuth.SignInWithApple.TeamId: declared "ABCDE12345", live (none)',
        'OAuth.SignInWithApple.KeyId: declared "KEY1234567", live (none)',
      ],
    });
  });

  test('auth removed outside the stack is missing', async () => {
    await harness.client.send(new DeleteBackendAuthCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'photoshare' }));
    deployStack(cloudFormation, STACK, stackOf());
    const result = await drift(harness, [STACK]);

    expect(result.code).toBe(1);
    expect(usersRow(result.stdout)).toEqual({
      status: 'missing', details: [`GetBackendAuth finds no auth "photoshare" in environment "${ENV}" of app ${APP_ID}`],
    });
  });

  test('callback URLs taken from another resource at deploy time are unknown, shown with their live value; the rest is compared', async () => {
    const distribution = { Site: { type: 'AWS::CloudFront::Distribution', physicalId: 'E2ABCDEF' } };
    const oAuth = { ...DECLARED.OAuth, CallbackUrls: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['Site', 'DomainName'] }, '/']] }] };
    deployStack(cloudFormation, STACK, stackOf({ ...DECLARED, OAuth: oAuth }, distribution));
    const result = await drift(harness, [STACK]);

    expect(result.code).toBe(0);
    expect(usersRow(result.stdout)).toEqual({
      status: 'unknown',
      details: ['OAuth.CallbackUrls: unknown, resolved by CloudFormation at deploy time from Fn::GetAtt Site.DomainName '
        + '(AWS::CloudFront::Distribution E2ABCDEF); live ["https://photos.example.com/"]'],
    });
  });

  test('unknown callback URLs do not hide logout URLs that differ: drifted, exit 1', async () => {
    const distribution = { Site: { type: 'AWS::CloudFront::Distribution', physicalId: 'E2ABCDEF' } };
    const oAuth = {
      ...DECLARED.OAuth,
      CallbackUrls: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['Site', 'DomainName'] }, '/']] }],
      LogoutUrls: ['https://photos.example.com/bye'],
    };
    deployStack(cloudFormation, STACK, stackOf({ ...DECLARED, OAuth: oAuth }, distribution));
    const result = await drift(harness, [STACK]);

    expect(result.code).toBe(1);
    expect(usersRow(result.stdout)).toEqual({
      status: 'drifted',
      details: ['OAuth.LogoutUrls: declared ["https://photos.example.com/bye"], live ["https://photos.example.com/"]',
        expect.stringMatching(/^OAuth\.CallbackUrls: unknown, resolved by CloudFormation at deploy time/)],
    });
  });
});

describe('drift never shows a secret value', () => {
  const harness = useEmulator();
  beforeEach(async () => {
    await createDeclaredAuth(harness);
  });

  /** Everything drift printed, in both formats, for a stack whose auth drifted in every provider setting. */
  async function everyOutput(properties: Record<string, unknown>, options: Parameters<typeof deployStack>[3] = {}): Promise<string> {
    deployStack(cloudFormation, STACK, stackOf(properties), options);
    const text = await drift(harness, [STACK]);
    const json = await drift(harness, [STACK], '--json');
    expect([text.code, json.code]).toEqual([1, 1]);
    return [text.stdout, text.stderr, json.stdout, json.stderr].join('\n');
  }

  test('the client secret and private key GetBackendAuth reports appear nowhere, --json included', async () => {
    const oAuth = {
      ...DECLARED.OAuth,
      Google: { ClientId: 'other.apps.googleusercontent.com', ClientSecret: { SecretId: SECRET_ARN, JsonField: 'google' } },
      SignInWithApple: { ClientId: 'com.example.other', TeamId: 'ZZZZZ99999', KeyId: 'KEY0000000', PrivateKey: { SecretId: SECRET_ARN, JsonField: 'apple' } },
    };
    const output = await everyOutput({ ...DECLARED, OAuth: oAuth });

    expect(output).toContain('OAuth.Google.ClientId');
    expect(output).toContain('OAuth.SignInWithApple.KeyId');
    expect(output).not.toContain('PLANTED');
  });

  test('a declared provider whose secret is written into the template (never by the construct) is not printed either', async () => {
    const oAuth = { ...DECLARED.OAuth, Google: { ClientId: 'other.apps.googleusercontent.com', ClientSecret: 'PLANTED-in-template' } };
    const output = await everyOutput({ ...DECLARED, OAuth: oAuth });

    expect(output).toContain('OAuth.Google.ClientId');
    expect(output).not.toContain('PLANTED');
  });

  test('a NoEcho parameter\'s value, even where DescribeStacks reports it, is unknown and not printed', async () => {
    const output = await everyOutput({ ...DECLARED, UserPoolName: { Ref: 'PoolName' }, SignInMethod: 'USERNAME' }, {
      parameters: [{ ParameterKey: 'PoolName', ParameterValue: 'PLANTED-noecho-value' }],
      templateParameters: { PoolName: { Type: 'String', NoEcho: true } },
    });

    expect(output).toContain('UserPoolName: unknown, resolved by CloudFormation at deploy time from Ref PoolName, a NoEcho parameter');
    expect(output).not.toContain('PLANTED');
  });
});
