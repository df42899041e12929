import { Duration, SecretValue, Token } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AmplifyBackend, AmplifyBackendProvider, ImportedBackendStorage, StoragePermission } from '../src';
import { testStack } from './template-helpers';

const { READ, CREATE_AND_UPDATE, DELETE } = StoragePermission;
const READ_ONLY = { authenticated: [READ] };

type Build = (stack: ReturnType<typeof testStack>) => unknown;
const environment = (attrs: { appId?: string; appName?: string; environmentName?: string; resourceName?: string } = {}): Build => (stack) =>
  new AmplifyBackend(stack, 'Env', { appId: 'd1', appName: 'app', environmentName: 'dev', ...attrs });
const reference = (attrs: { appId?: string; environmentName?: string } = {}): Build => (stack) =>
  AmplifyBackend.fromEnvironmentAttributes(stack, 'Env', { appId: 'd1', environmentName: 'dev', ...attrs });
const storage = (options: Record<string, unknown>): Build => (stack) =>
  AmplifyBackend.fromEnvironmentAttributes(stack, 'Env', { appId: 'd1', environmentName: 'dev' })
    .addStorage('Storage', { resourceName: 'photos', permissions: READ_ONLY, ...options } as any);
const imported = (options: Record<string, unknown>): Build => (stack) =>
  new ImportedBackendStorage(stack, 'Files', { backend: AmplifyBackend.fromEnvironmentAttributes(stack, 'Env', { appId: 'd1', environmentName: 'dev' }), ...options });
const provider = (props: { queryInterval?: Duration; totalTimeout?: Duration }): Build => (stack) => new AmplifyBackendProvider(stack, 'Provider', props);
const auth = (options: Record<string, unknown>, environmentName = 'dev'): Build => (stack) =>
  AmplifyBackend.fromEnvironmentAttributes(stack, 'Env', { appId: 'd1', environmentName }).addAuth('Auth', { resourceName: 'users', ...options } as any);
const SECRET = SecretValue.secretsManager('social/google');
const URLS = { callbackUrls: ['https://example.com/'], logoutUrls: ['https://example.com/'] };
const oAuth = (options: Record<string, unknown>, environmentName = 'dev') => auth({ oAuth: { ...URLS, ...options } }, environmentName);
const google = (settings: Record<string, unknown>) => oAuth({ google: { clientId: 'google-client', clientSecretValue: SECRET, ...settings } });
const APPLE = { clientId: 'com.example.app', teamId: 'TEAM123456', keyId: 'KEY1234567', privateKeyValue: SECRET };
const importedAuth = (ids: { userPoolId?: string; identityPoolId?: string }): Build => (stack) =>
  AmplifyBackend.fromEnvironmentAttributes(stack, 'Env', { appId: 'd1', environmentName: 'dev' }).importAuth('Auth', {
    userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', ids.userPoolId ?? 'us-east-1_AbCdEfGhI'),
    webClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Web', 'webclient1'),
    nativeClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Native', 'nativeclient1'),
    identityPoolId: ids.identityPoolId,
  });

/** Every input the service or CloudFormation would refuse at deploy time, refused at synth with what to fix. */
const INVALID: Array<[string, Build, string]> = [
  ['an app id in capitals', environment({ appId: 'D1' }), 'Invalid appId "D1" at TestStack/Env: use the Amplify app id, "d" followed by up to 19 lowercase letters and digits'],
  ['an app id without the d', reference({ appId: 'a1b2c3' }), 'Invalid appId "a1b2c3" at TestStack/Env: use the Amplify app id'],
  ['an app id of 21 characters', environment({ appId: `d${'1'.repeat(20)}` }), `Invalid appId "d${'1'.repeat(20)}" at TestStack/Env`],
  ['an empty app name', environment({ appName: '' }), 'Invalid appName "" at TestStack/Env: use the Amplify app\'s name, 1 to 255 characters.'],
  ['an environment resource name with a hyphen', environment({ resourceName: 'my-env' }), 'Invalid resourceName "my-env" at TestStack/Env: use 1 to 128 letters and digits.'],
  ['an environment name in capitals', environment({ environmentName: 'Prod' }), 'Invalid environmentName "Prod" at TestStack/Env: use 2 to 10 lowercase letters.'],
  ['an environment name of one letter', reference({ environmentName: 'p' }), 'Invalid environmentName "p" at TestStack/Env: use 2 to 10 lowercase letters.'],
  ['an environment name of 11 letters', environment({ environmentName: 'development' }), 'Invalid environmentName "development" at TestStack/Env: use 2 to 10 lowercase letters.'],
  ['an environment name with a digit', reference({ environmentName: 'dev2' }), 'Invalid environmentName "dev2" at TestStack/Env: use 2 to 10 lowercase letters.'],
  ['a resource name with a hyphen', storage({ resourceName: 'my-photos' }), 'Invalid resourceName "my-photos" at TestStack/Env/Storage: use 1 to 128 letters and digits.'],
  ['a bucket name of 2 characters', storage({ bucketName: 'ab' }), 'Invalid bucketName "ab" at TestStack/Env/Storage: use 3 to 47 lowercase letters, digits and hyphens, starting with a letter or digit and not with '
    + 'xn--, sthree-, amzn-s3-demo- (the service appends a suffix).'],
  ['a bucket name of 48 characters', storage({ bucketName: 'b'.repeat(48) }), `Invalid bucketName "${'b'.repeat(48)}" at TestStack/Env/Storage: use 3 to 47`],
  ['a bucket name in capitals', storage({ bucketName: 'Photos' }), 'Invalid bucketName "Photos" at TestStack/Env/Storage'],
  ['a bucket name with an underscore', storage({ bucketName: 'my_photos' }), 'Invalid bucketName "my_photos" at TestStack/Env/Storage'],
  ['a bucket name starting with a hyphen', storage({ bucketName: '-photos' }), 'Invalid bucketName "-photos" at TestStack/Env/Storage'],
  ['a bucket name with a prefix S3 reserves', storage({ bucketName: 'xn--photos' }), 'Invalid bucketName "xn--photos" at TestStack/Env/Storage'],
  ['no permissions for signed-in users', storage({ permissions: { authenticated: [] } }),
    'Invalid permissions.authenticated at TestStack/Env/Storage: the list is empty; name at least one of READ, CREATE_AND_UPDATE, DELETE, or omit it.'],
  ['a permission listed twice', storage({ permissions: { authenticated: [READ, READ] } }), 'Invalid permissions.authenticated at TestStack/Env/Storage: "READ" is listed twice.'],
  ['an empty guest list', storage({ permissions: { authenticated: [READ], unauthenticated: [] } }), 'Invalid permissions.unauthenticated at TestStack/Env/Storage: the list is empty'],
  ['a guest permission listed twice', storage({ permissions: { authenticated: [READ], unauthenticated: [READ, READ] } }), 'Invalid permissions.unauthenticated at TestStack/Env/Storage: "READ" is listed twice.'],
  ['a permission the API does not know', storage({ permissions: { authenticated: ['WRITE'] } }), 'Invalid permissions.authenticated at TestStack/Env/Storage: "WRITE" is not one of READ, CREATE_AND_UPDATE, DELETE.'],
  ['guests allowed what signed-in users are not', storage({ permissions: { authenticated: [READ], unauthenticated: [READ, DELETE] } }),
    'Invalid permissions at TestStack/Env/Storage: guests (unauthenticated) get DELETE, which signed-in users do not; give signed-in users every permission guests have.'],
  ['an imported bucket given twice', (stack) => imported({ bucketName: 'abc', bucket: s3.Bucket.fromBucketName(stack, 'B', 'abc') })(stack), 'give exactly one of bucket and bucketName'],
  ['an imported bucket not given', imported({}), 'Invalid ImportedBackendStorage at TestStack/Files: give exactly one of bucket and bucketName.'],
  ['an imported bucket name S3 would refuse', imported({ bucketName: 'Team_Files' }), 'Invalid bucketName "Team_Files" at TestStack/Files: use an S3 bucket name'],
  ['a query interval below a second', provider({ queryInterval: Duration.millis(500) }), 'Invalid queryInterval 500 millis at TestStack/Provider: use whole seconds from 1 second to 5 minutes.'],
  ['a query interval over 5 minutes', provider({ queryInterval: Duration.minutes(6), totalTimeout: Duration.minutes(30) }), 'Invalid queryInterval 6 minutes at TestStack/Provider'],
  ['a total timeout over CloudFormation\'s hour', provider({ totalTimeout: Duration.minutes(60) }),
    'Invalid totalTimeout 1 hour at TestStack/Provider: use 1 to 55 minutes (CloudFormation waits at most an hour for a custom resource).'],
  ['a total timeout under a minute', provider({ totalTimeout: Duration.seconds(30) }), 'Invalid totalTimeout 30 seconds at TestStack/Provider: use 1 to 55 minutes'],
  ['a total timeout the interval does not divide', provider({ queryInterval: Duration.seconds(7), totalTimeout: Duration.minutes(10) }),
    'Invalid totalTimeout 10 minutes at TestStack/Provider: use a whole multiple of queryInterval (7 seconds).'],
  ['an auth resource name with an underscore', auth({ resourceName: 'my_users' }), 'Invalid resourceName "my_users" at TestStack/Env/Auth: use 1 to 128 letters and digits.'],
  ['a user pool name of 129 characters', auth({ userPoolName: 'u'.repeat(129) }), `Invalid userPoolName "${'u'.repeat(129)}" at TestStack/Env/Auth: use 1 to 124 letters`],
  ['a user pool name with a slash', auth({ userPoolName: 'users/prod' }), 'Invalid userPoolName "users/prod" at TestStack/Env/Auth: use 1 to 124 letters, digits, spaces and + = , . @ _ - '
    + '(the service appends "-" and the environment name, and Cognito allows 128).'],
  ['a default user pool name too long for the environment, from a long resource name', auth({ resourceName: 'u'.repeat(120) }, 'staging'),
    `Invalid userPoolName (the default, from resourceName) "${'u'.repeat(120)}_userpool" at TestStack/Env/Auth: use 1 to 120 letters`],
  ['an identity pool name with a space', auth({ identityPoolName: 'photo ids' }), 'Invalid identityPoolName "photo ids" at TestStack/Env/Auth'],
  ['an identity pool name with a hyphen', auth({ identityPoolName: 'photo-ids' }), 'Invalid identityPoolName "photo-ids" at TestStack/Env/Auth: use 1 to 123 letters, digits and underscores '
    + '(the service appends "__" and the environment name, and Cognito allows 128).'],
  ['a sign-in method the API does not know', auth({ signInMethod: 'FACE' }), 'Invalid signInMethod "FACE" at TestStack/Env/Auth: use one of USERNAME, EMAIL, PHONE_NUMBER, EMAIL_AND_PHONE_NUMBER.'],
  ['a sign-up attribute the API does not know', auth({ requiredSignUpAttributes: ['EMAIL', 'SHOE_SIZE'] }), 'Invalid requiredSignUpAttributes at TestStack/Env/Auth: "SHOE_SIZE" is not one of ADDRESS'],
  ['a sign-up attribute listed twice', auth({ requiredSignUpAttributes: ['EMAIL', 'EMAIL'] }), 'Invalid requiredSignUpAttributes at TestStack/Env/Auth: "EMAIL" is listed twice.'],
  ['passwords of 5 characters', auth({ passwordPolicy: { minLength: 5 } }), 'Invalid passwordPolicy.minLength 5 at TestStack/Env/Auth: use a whole number from 6 to 99.'],
  ['passwords of 100 characters', auth({ passwordPolicy: { minLength: 100 } }), 'Invalid passwordPolicy.minLength 100 at TestStack/Env/Auth: use a whole number from 6 to 99.'],
  ['a fractional password length', auth({ passwordPolicy: { minLength: 8.5 } }), 'Invalid passwordPolicy.minLength 8.5 at TestStack/Env/Auth'],
  ['an MFA mode the API does not know', auth({ mfa: 'SOMETIMES' }), 'Invalid mfa "SOMETIMES" at TestStack/Env/Auth: use one of OFF, OPTIONAL, ON.'],
  ['second factors with MFA off', auth({ mfaSecondFactor: { sms: true, otp: true } }),
    'Invalid mfaSecondFactor/mfaMessage at TestStack/Env/Auth: mfa is OFF; set mfa to OPTIONAL or REQUIRED, or leave them out.'],
  ['MFA required with no second factor', auth({ mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { sms: false, otp: false } }),
    'Invalid mfaSecondFactor at TestStack/Env/Auth: with mfa ON, enable sms, otp or both.'],
  ['an email second factor', auth({ mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { sms: false, otp: true, email: true } }),
    'Invalid mfaSecondFactor at TestStack/Env/Auth: email is not a second factor the AmplifyBackend API offers; use sms and/or otp.'],
  ['an MFA message without the code', auth({ mfa: cognito.Mfa.OPTIONAL, mfaMessage: 'Your code' }),
    'Invalid mfaMessage "Your code" at TestStack/Env/Auth: use 6 to 140 characters with {####} where the code goes.'],
  ['a verification email without the code', auth({ userVerification: { emailBody: 'Welcome aboard' } }),
    'Invalid userVerification.emailBody "Welcome aboard" at TestStack/Env/Auth: use 6 to 20000 characters with {####} where the code goes.'],
  ['a verification text of 141 characters', auth({ userVerification: { smsMessage: `{####}${'x'.repeat(135)}` } }), 'Invalid userVerification.smsMessage'],
  ['an empty verification email subject', auth({ userVerification: { emailSubject: '' } }), 'Invalid userVerification.emailSubject "" at TestStack/Env/Auth: use 1 to 140 characters.'],
  ['guests without an identity pool', auth({ identityPool: false, allowUnauthenticatedIdentities: true }),
    'Invalid identityPool at TestStack/Env/Auth: it is false, so allowUnauthenticatedIdentities and identityPoolName have no identity pool to apply to.'],
  ['a domain prefix with "cognito"', oAuth({ domainPrefix: 'my-cognito-app' }), 'Invalid oAuth.domainPrefix "my-cognito-app" at TestStack/Env/Auth: use 1 to 59 lowercase letters'],
  ['a domain prefix starting with a hyphen', oAuth({ domainPrefix: '-photos' }), 'Invalid oAuth.domainPrefix "-photos" at TestStack/Env/Auth'],
  ['a domain prefix in capitals', oAuth({ domainPrefix: 'Photos' }), 'Invalid oAuth.domainPrefix "Photos" at TestStack/Env/Auth'],
  ['no callback URL', oAuth({ callbackUrls: [] }), 'Invalid oAuth.callbackUrls at TestStack/Env/Auth: the list is empty; give at least one URL.'],
  ['a logout URL without a scheme', oAuth({ logoutUrls: ['example.com/bye'] }), 'Invalid oAuth.logoutUrls "example.com/bye" at TestStack/Env/Auth: use absolute URLs'],
  ['no OAuth scope', oAuth({ scopes: [] }), 'Invalid oAuth.scopes at TestStack/Env/Auth: the list is empty; name at least one of PHONE, EMAIL, OPENID, PROFILE'],
  ['a grant type the API does not know', oAuth({ grantType: 'CLIENT_CREDENTIALS' }), 'Invalid oAuth.grantType "CLIENT_CREDENTIALS" at TestStack/Env/Auth: use one of CODE, IMPLICIT.'],
  ['a client id with a space', google({ clientId: 'google client' }), 'Invalid oAuth.google.clientId "google client" at TestStack/Env/Auth: use the id the provider issued'],
  ['an Apple team id in lowercase', oAuth({ apple: { ...APPLE, teamId: 'team123456' } }), 'Invalid oAuth.apple.teamId "team123456" at TestStack/Env/Auth: use the 10 capital letters and digits Apple shows.'],
  ['an Apple key id of 9 characters', oAuth({ apple: { ...APPLE, keyId: 'KEY123456' } }), 'Invalid oAuth.apple.keyId "KEY123456" at TestStack/Env/Auth'],
  ['a plain-text client secret', google({ clientSecretValue: SecretValue.unsafePlainText('s3cr3t-value') }),
    'Invalid oAuth.google.clientSecretValue at TestStack/Env/Auth: a plain-text value would be written into the template or the custom resource\'s properties; '
    + 'give a secret in AWS Secrets Manager: SecretValue.secretsManager(arn, { jsonField }), or secret.secretValue / secret.secretValueFromJson(field) of an ISecret.'],
  ['a plain string where a secret goes', oAuth({ facebook: { clientId: 'fb', clientSecretValue: 's3cr3t-value' } }), 'Invalid oAuth.facebook.clientSecretValue at TestStack/Env/Auth: a plain-text value'],
  ['an SSM SecureString private key', oAuth({ apple: { ...APPLE, privateKeyValue: SecretValue.ssmSecure('/apple/key') } }),
    'Invalid oAuth.apple.privateKeyValue at TestStack/Env/Auth: an SSM SecureString parameter (CloudFormation resolves it into the properties) would be written'],
  ['a user pool id without a region', importedAuth({ userPoolId: 'AbCdEfGhI' }), 'Invalid userPool "AbCdEfGhI" at TestStack/Env/Auth: use a Cognito user pool id, e.g. us-east-1_AbCdEfGhI.'],
  ['an identity pool id without a region', importedAuth({ identityPoolId: '0123abcd' }), 'Invalid identityPoolId "0123abcd" at TestStack/Env/Auth: use a Cognito identity pool id'],
];

describe('input validation at synth', () => {
  test.each(INVALID)('%s is refused', (_case, build, message) => {
    expect(() => build(testStack())).toThrow(message);
  });

  test.each<[string, Build]>([
    ['the longest environment name', environment({ environmentName: 'abcdefghij' })],
    ['a 20-character app id', reference({ appId: `d${'a'.repeat(19)}` })],
    ['a 47-character bucket name', storage({ bucketName: 'b'.repeat(47) })],
    ['guests with what signed-in users have', storage({ permissions: { authenticated: [READ, CREATE_AND_UPDATE], unauthenticated: [READ] } })],
    ['a 1-second interval and a 55-minute timeout', provider({ queryInterval: Duration.seconds(1), totalTimeout: Duration.minutes(55) })],
    ['the shortest passwords and a custom URL scheme', auth({ passwordPolicy: { minLength: 6 }, oAuth: { callbackUrls: ['myapp://'], logoutUrls: ['myapp://'] } })],
    ['every social provider from Secrets Manager', oAuth({
      google: { clientId: 'g', clientSecretValue: SECRET },
      facebook: { clientId: 'f', clientSecretValue: SecretValue.secretsManager('arn:aws:secretsmanager:us-east-1:123456789012:secret:fb-AbCdEf', { jsonField: 'secret' }) },
      amazon: { clientId: 'a', clientSecretValue: SECRET },
      apple: APPLE,
    })],
    ['auth and imported auth from tokens', (stack) => {
      auth({ resourceName: Token.asString({ Ref: 'Name' }), userPoolName: Token.asString({ Ref: 'Pool' }), passwordPolicy: { minLength: Token.asNumber({ Ref: 'Len' }) } })(stack);
      AmplifyBackend.fromEnvironmentAttributes(stack, 'Other', { appId: 'd1', environmentName: 'prod' }).importAuth('Imported', {
        userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', Token.asString({ Ref: 'PoolId' })),
        webClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Web', Token.asString({ Ref: 'Web' })),
        nativeClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Native', Token.asString({ Ref: 'Native' })),
        identityPoolId: Token.asString({ Ref: 'IdentityPool' }),
      });
    }],
    ['tokens, whose values are known only at deploy time', (stack) => new AmplifyBackend(stack, 'Env', {
      appId: Token.asString({ Ref: 'AppId' }), appName: 'app', environmentName: Token.asString({ Ref: 'EnvName' }),
    }).addStorage('Storage', { resourceName: Token.asString({ Ref: 'Name' }), bucketName: Token.asString({ Ref: 'Bucket' }), permissions: READ_ONLY })],
  ])('%s passes', (_case, build) => {
    expect(() => build(testStack())).not.toThrow();
  });

  test('guest write or delete access is allowed, with a synth warning', () => {
    const stack = testStack();
    storage({ permissions: { authenticated: [READ, CREATE_AND_UPDATE, DELETE], unauthenticated: [READ, CREATE_AND_UPDATE] } })(stack);
    Annotations.fromStack(stack).hasWarning('/TestStack/Env/Storage', Match.stringLikeRegexp('Guests \\(unauthenticated users\\) get CREATE_AND_UPDATE'));
  });
});

/**
 * Every name the service takes, at its length limit (passes) and one past it (refused), with the limit in the
 * message. Names that get `-<env>` or `__<env>` appended lose the environment name's length, so those are
 * tried in the shortest environment name the rule allows ("qa") and the longest ("abcdefghij").
 */
const LIMITS: Array<[string, (length: number) => Build, number, string]> = [
  ['appId', (n) => environment({ appId: `d${'1'.repeat(n - 1)}` }), 20, 'appId'],
  ['appName', (n) => environment({ appName: 'a'.repeat(n) }), 255, 'use the Amplify app\'s name, 1 to 255 characters'],
  ['environmentName', (n) => environment({ environmentName: 'e'.repeat(n) }), 10, 'use 2 to 10 lowercase letters'],
  ['the environment\'s resourceName', (n) => environment({ resourceName: 'r'.repeat(n) }), 128, 'use 1 to 128 letters and digits'],
  ['storage resourceName', (n) => storage({ resourceName: 'r'.repeat(n) }), 128, 'use 1 to 128 letters and digits'],
  ['bucketName', (n) => storage({ bucketName: 'b'.repeat(n) }), 47, 'use 3 to 47 lowercase letters'],
  ['an imported bucketName', (n) => imported({ bucketName: 'b'.repeat(n) }), 63, 'use an S3 bucket name: 3 to 63'],
  ['auth resourceName', (n) => auth({ resourceName: 'r'.repeat(n), userPoolName: 'users', identityPoolName: 'ids' }), 128, 'use 1 to 128 letters and digits'],
  ['userPoolName in "qa"', (n) => auth({ userPoolName: 'u'.repeat(n) }, 'qa'), 125, 'use 1 to 125 letters'],
  ['userPoolName in "abcdefghij"', (n) => auth({ userPoolName: 'u'.repeat(n) }, 'abcdefghij'), 117, 'use 1 to 117 letters'],
  ['identityPoolName in "qa"', (n) => auth({ identityPoolName: 'i'.repeat(n) }, 'qa'), 124, 'use 1 to 124 letters, digits and underscores'],
  ['identityPoolName in "abcdefghij"', (n) => auth({ identityPoolName: 'i'.repeat(n) }, 'abcdefghij'), 116, 'use 1 to 116 letters'],
  ['oAuth.domainPrefix in "qa"', (n) => oAuth({ domainPrefix: 'd'.repeat(n) }, 'qa'), 60, 'use 1 to 60 lowercase letters'],
  ['oAuth.domainPrefix in "abcdefghij"', (n) => oAuth({ domainPrefix: 'd'.repeat(n) }, 'abcdefghij'), 52, 'use 1 to 52 lowercase letters'],
];

describe('every name at its length limit and one past it', () => {
  test.each(LIMITS)('%s of the longest allowed length passes', (_name, build, limit) => {
    expect(() => build(limit)(testStack())).not.toThrow();
  });

  test.each(LIMITS)('%s one character longer is refused, and 200 longer too', (_name, build, limit, message) => {
    expect(() => build(limit + 1)(testStack())).toThrow(message);
    expect(() => build(limit + 200)(testStack())).toThrow(message);
  });
});

test('a refused secret is never shown in the message', () => {
  expect(() => google({ clientSecretValue: SecretValue.unsafePlainText('s3cr3t-value') })(testStack())).toThrow(expect.objectContaining({
    message: expect.not.stringContaining('s3cr3t-value'),
  }));
});
