import { Duration, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import {
  AmplifyBackend, AmplifyBackendApi, AmplifyBackendAuth, AmplifyBackendProvider, AmplifyBackendStorage, ApiAuthorization, ApiSchema,
  ImportedBackendAuth, ImportedBackendStorage, StoragePermission,
} from '../src';
import { testStack } from './template-helpers';

/**
 * Props as plain JavaScript, Python dicts or any jsii language can pass them: untyped (`any`), with required props
 * left out, structs empty and values of the wrong kind. Each is refused at synth naming the construct path, the
 * prop and what is expected, never with a TypeError.
 */
type Build = (stack: Stack) => unknown;
const dev = (stack: Stack) => AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' });
const environment = (props: any): Build => (stack) => new AmplifyBackend(stack, 'Env', props);
const storage = (options: any): Build => (stack) => dev(stack).addStorage('Photos', { resourceName: 'photos', ...options });
const auth = (options: any): Build => (stack) => dev(stack).addAuth('Users', { resourceName: 'users', ...options });
const oAuth = (options: any): Build => auth({ oAuth: { callbackUrls: ['https://example.com/'], logoutUrls: ['https://example.com/'], ...options } });
const pool = (stack: Stack) => ({
  userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEfGhI'),
  webClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Web', 'webclient1'),
  nativeClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Native', 'nativeclient1'),
});
const SCHEMA = ApiSchema.fromString('type Todo @model @auth(rules: [{ allow: public }]) { id: ID! }');
const api = (options: any): Build => (stack) => dev(stack).addApi('Api', { resourceName: 'todo', schema: SCHEMA, ...options });
const SECRET = SecretValue.secretsManager('social/google');
const READ = [StoragePermission.READ];

const REFUSED: Array<[string, Build, string]> = [
  ['AmplifyBackend without props', environment(undefined),
    'Invalid AmplifyBackend at TestStack/Env: its props are missing; give an object with appId, appName, environmentName.'],
  ['AmplifyBackend without appName', environment({ appId: 'd1', environmentName: 'dev' }),
    'Invalid appName at TestStack/Env: it is required; give a string, the name of the Amplify app.'],
  ['AmplifyBackend with a number for appName', environment({ appId: 'd1', appName: 42, environmentName: 'dev' }),
    'Invalid appName 42 at TestStack/Env: give a string, the name of the Amplify app.'],
  ['AmplifyBackend without environmentName', environment({ appId: 'd1', appName: 'app' }),
    'Invalid environmentName at TestStack/Env: it is required; give a string, the backend environment name.'],
  ['AmplifyBackend with a null appId', environment({ appId: null, appName: 'app', environmentName: 'dev' }),
    'Invalid appId at TestStack/Env: it is required; give a string, the Amplify app id.'],
  ['AmplifyBackend with a removal policy that is not one', environment({ appId: 'd1', appName: 'app', environmentName: 'dev', removalPolicy: 'keep' }),
    'Invalid removalPolicy "keep" at TestStack/Env: give a RemovalPolicy (DESTROY, RETAIN or RETAIN_ON_UPDATE_OR_DELETE).'],
  ['AmplifyBackend with an object that is no provider', environment({ appId: 'd1', appName: 'app', environmentName: 'dev', provider: {} }),
    'Invalid provider {} at TestStack/Env: give an IAmplifyBackendProvider, e.g. new AmplifyBackendProvider(...).'],
  ['fromEnvironmentAttributes without environmentName', (stack) => AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1' } as any),
    'Invalid environmentName at TestStack/Dev: it is required; give a string, the backend environment name.'],
  ['storage with permissions: {}', storage({ permissions: {} }),
    'Invalid permissions.authenticated at TestStack/Dev/Photos: it is required; give a list of StoragePermission values (READ, CREATE_AND_UPDATE, DELETE).'],
  ['storage without permissions', storage({}),
    'Invalid permissions at TestStack/Dev/Photos: it is required; give a StoragePermissions (an object).'],
  ['storage with one permission for a list', storage({ permissions: { authenticated: 'READ' } }),
    'Invalid permissions.authenticated "READ" at TestStack/Dev/Photos: give a list of StoragePermission values (READ, CREATE_AND_UPDATE, DELETE).'],
  ['storage with one guest permission for a list', storage({ permissions: { authenticated: READ, unauthenticated: 'READ' } }),
    'Invalid permissions.unauthenticated "READ" at TestStack/Dev/Photos: give a list of StoragePermission values'],
  ['storage without resourceName', (stack) => dev(stack).addStorage('Photos', { permissions: { authenticated: READ } } as any),
    'Invalid resourceName at TestStack/Dev/Photos: it is required; give a string, the storage resource\'s name.'],
  ['storage with a number for bucketName', storage({ permissions: { authenticated: READ }, bucketName: 5 }),
    'Invalid bucketName 5 at TestStack/Dev/Photos: give a string, the bucket name prefix.'],
  ['storage without its environment', (stack) => new AmplifyBackendStorage(stack, 'Photos', { resourceName: 'photos', permissions: { authenticated: READ } } as any),
    'Invalid backend at TestStack/Photos: it is required; give an IAmplifyBackend: new AmplifyBackend(...) or AmplifyBackend.fromEnvironmentAttributes(...).'],
  ['storage in an environment given by name', (stack) => new AmplifyBackendStorage(stack, 'Photos', { backend: 'dev', resourceName: 'photos', permissions: { authenticated: READ } } as any),
    'Invalid backend "dev" at TestStack/Photos: give an IAmplifyBackend'],
  ['fromStorageAttributes without bucketName', (stack) => AmplifyBackendStorage.fromStorageAttributes(stack, 'Photos', { resourceName: 'photos' } as any),
    'Invalid bucketName at TestStack/Photos: it is required; give a string, the bucket\'s name.'],
  ['imported storage without its environment', (stack) => new ImportedBackendStorage(stack, 'Files', { bucketName: 'team-files' } as any),
    'Invalid backend at TestStack/Files: it is required; give an IAmplifyBackend'],
  ['imported storage with a name for bucket', (stack) => dev(stack).importStorage('Files', { bucket: 'team-files' } as any),
    'Invalid bucket "team-files" at TestStack/Dev/Files: give an s3.IBucket (an object with bucketName).'],
  ['auth without resourceName', (stack) => dev(stack).addAuth('Users', {} as any),
    'Invalid resourceName at TestStack/Dev/Users: it is required; give a string, the auth resource\'s name.'],
  ['auth with "false" for identityPool', auth({ identityPool: 'false' }), 'Invalid identityPool "false" at TestStack/Dev/Users: give true or false.'],
  ['auth with a number for passwordPolicy', auth({ passwordPolicy: 8 }),
    'Invalid passwordPolicy 8 at TestStack/Dev/Users: give a BackendAuthPasswordPolicy (an object).'],
  ['auth with a string for minLength', auth({ passwordPolicy: { minLength: '8' } }), 'Invalid passwordPolicy.minLength "8" at TestStack/Dev/Users: give a number.'],
  ['auth with one sign-up attribute for a list', auth({ requiredSignUpAttributes: 'EMAIL' }),
    'Invalid requiredSignUpAttributes "EMAIL" at TestStack/Dev/Users: give a list of SignUpAttribute values.'],
  ['auth with an MFA second factor missing otp', auth({ mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { sms: true } }),
    'Invalid mfaSecondFactor.otp at TestStack/Dev/Users: it is required; give true or false.'],
  ['auth with a string for userVerification', auth({ userVerification: 'email' }),
    'Invalid userVerification "email" at TestStack/Dev/Users: give a BackendAuthUserVerification (an object).'],
  ['auth with oAuth: {}', auth({ oAuth: {} }), 'Invalid oAuth.callbackUrls at TestStack/Dev/Users: it is required; give a list of URLs.'],
  ['auth with a Google provider without its secret', oAuth({ google: { clientId: 'google-client' } }),
    'Invalid oAuth.google.clientSecretValue at TestStack/Dev/Users: it is required; give a SecretValue from AWS Secrets Manager.'],
  ['auth with an object for a secret, never shown', oAuth({ facebook: { clientId: 'fb', clientSecretValue: { value: 's3cr3t-value' } } }),
    'Invalid oAuth.facebook.clientSecretValue (an object) at TestStack/Dev/Users: give a SecretValue from AWS Secrets Manager.'],
  ['auth with Sign in with Apple without teamId', oAuth({ apple: { clientId: 'com.example', keyId: 'KEY1234567', privateKeyValue: SECRET } }),
    'Invalid oAuth.apple.teamId at TestStack/Dev/Users: it is required; give a string, the Apple team id.'],
  ['auth without its environment', (stack) => new AmplifyBackendAuth(stack, 'Users', { resourceName: 'users' } as any),
    'Invalid backend at TestStack/Users: it is required; give an IAmplifyBackend'],
  ['fromAuthAttributes without client ids', (stack) => AmplifyBackendAuth.fromAuthAttributes(stack, 'Users', { resourceName: 'users', userPoolId: 'us-east-1_AbC' } as any),
    'Invalid webClientId at TestStack/Users: it is required; give a string, the web app client id.'],
  ['imported auth without a user pool', (stack) => dev(stack).importAuth('Users', { ...pool(stack), userPool: undefined } as any),
    'Invalid userPool at TestStack/Dev/Users: it is required; give a cognito.IUserPool (an object with userPoolId).'],
  ['imported auth with an id for webClient', (stack) => dev(stack).importAuth('Users', { ...pool(stack), webClient: 'webclient1' } as any),
    'Invalid webClient "webclient1" at TestStack/Dev/Users: give a cognito.IUserPoolClient (an object with userPoolClientId).'],
  ['a provider with seconds as a number', (stack) => new AmplifyBackendProvider(stack, 'Provider', { queryInterval: 5 } as any),
    'Invalid queryInterval 5 at TestStack/Provider: give a Duration.'],
  ['a provider with a VPC id for a VPC', (stack) => new AmplifyBackendProvider(stack, 'Provider', { vpc: 'vpc-0123' } as any),
    'Invalid vpc "vpc-0123" at TestStack/Provider: give an ec2.IVpc.'],
  ['a provider with one subnet type for a selection', (stack) => new AmplifyBackendProvider(stack, 'Provider', { vpcSubnets: 'PRIVATE' } as any),
    'Invalid vpcSubnets "PRIVATE" at TestStack/Provider: give an ec2.SubnetSelection.'],
  ['a provider with a security group id for the list', (stack) => new AmplifyBackendProvider(stack, 'Provider', { securityGroups: 'sg-0123' } as any),
    'Invalid securityGroups "sg-0123" at TestStack/Provider: give a list of ec2.ISecurityGroup objects.'],
  ['a provider with a log group name for a log group', (stack) => new AmplifyBackendProvider(stack, 'Provider', { logGroup: '/aws/lambda/x' } as any),
    'Invalid logGroup "/aws/lambda/x" at TestStack/Provider: give a logs.ILogGroup.'],
  ['a provider with a retention name for a RetentionDays', (stack) => new AmplifyBackendProvider(stack, 'Provider', { logRetention: 'ONE_YEAR' } as any),
    'Invalid logRetention "ONE_YEAR" at TestStack/Provider: give a number.'],
  ['a provider with an ARN for a permissions boundary', (stack) => new AmplifyBackendProvider(stack, 'Provider', { permissionsBoundary: 'arn:aws:iam::1:policy/b' } as any),
    'Invalid permissionsBoundary "arn:aws:iam::1:policy/b" at TestStack/Provider: give an iam.IManagedPolicy.'],
  ['a provider with a number for the framework function\'s name', (stack) => new AmplifyBackendProvider(stack, 'Provider', { providerFunctionName: 7 } as any),
    'Invalid providerFunctionName 7 at TestStack/Provider: give a string.'],
  ['a provider with a string for totalTimeout', (stack) => new AmplifyBackendProvider(stack, 'Provider', { totalTimeout: '30 minutes' } as any),
    'Invalid totalTimeout "30 minutes" at TestStack/Provider: give a Duration.'],
  ['imported auth with a string for nativeClient', (stack) => dev(stack).importAuth('Users', { ...pool(stack), nativeClient: 'nativeclient1' } as any),
    'Invalid nativeClient "nativeclient1" at TestStack/Dev/Users: give a cognito.IUserPoolClient (an object with userPoolClientId).'],
  ['imported auth with a number for identityPoolId', (stack) => dev(stack).importAuth('Users', { ...pool(stack), identityPoolId: 5 } as any),
    'Invalid identityPoolId 5 at TestStack/Dev/Users: give a string, the identity pool id.'],
  ['fromStorageAttributes without resourceName', (stack) => AmplifyBackendStorage.fromStorageAttributes(stack, 'Photos', { bucketName: 'b' } as any),
    'Invalid resourceName at TestStack/Photos: it is required; give a string, the storage resource\'s name.'],
  ['storage with a removal policy that is not one', storage({ permissions: { authenticated: READ }, removalPolicy: 'unlink' }),
    'Invalid removalPolicy "unlink" at TestStack/Dev/Photos: give a RemovalPolicy'],
  ['imported storage with a string for provider', (stack) => dev(stack).importStorage('Files', { bucketName: 'team-files', provider: 'default' } as any),
    'Invalid provider "default" at TestStack/Dev/Files: give an IAmplifyBackendProvider'],
  ['auth with a number for userPoolName', auth({ userPoolName: 7 }), 'Invalid userPoolName 7 at TestStack/Dev/Users: give a string, the user pool\'s name.'],
  ['auth with a number for signInMethod', auth({ signInMethod: 1 }), 'Invalid signInMethod 1 at TestStack/Dev/Users: give a SignInMethod value.'],
  ['auth with a list for mfa', auth({ mfa: ['OPTIONAL'] }), 'Invalid mfa ["OPTIONAL"] at TestStack/Dev/Users: give a cognito.Mfa value.'],
  ['auth with a number for mfaMessage', auth({ mfa: cognito.Mfa.OPTIONAL, mfaMessage: 123456 }),
    'Invalid mfaMessage 123456 at TestStack/Dev/Users: give a string, the SMS text with {####}.'],
  ['auth with a number for identityPoolName', auth({ identityPoolName: 1 }), 'Invalid identityPoolName 1 at TestStack/Dev/Users: give a string, the identity pool\'s name.'],
  ['auth with "yes" for allowUnauthenticatedIdentities', auth({ allowUnauthenticatedIdentities: 'yes' }),
    'Invalid allowUnauthenticatedIdentities "yes" at TestStack/Dev/Users: give true or false.'],
  ['auth with a string for the OAuth scopes', oAuth({ scopes: 'EMAIL' }), 'Invalid oAuth.scopes "EMAIL" at TestStack/Dev/Users: give a list of BackendOAuthScope values.'],
  ['auth with a number for the domain prefix', oAuth({ domainPrefix: 1 }), 'Invalid oAuth.domainPrefix 1 at TestStack/Dev/Users: give a string, the hosted UI\'s domain prefix.'],
  ['auth with a number for the grant type', oAuth({ grantType: 0 }), 'Invalid oAuth.grantType 0 at TestStack/Dev/Users: give an OAuthGrantType value.'],
  ['auth with a string for the Apple provider', oAuth({ apple: 'com.example' }),
    'Invalid oAuth.apple "com.example" at TestStack/Dev/Users: give a BackendAuthAppleProvider (an object).'],
  ['auth with a number for the verification delivery method', auth({ userVerification: { deliveryMethod: 1 } }),
    'Invalid userVerification.deliveryMethod 1 at TestStack/Dev/Users: give a VerificationDeliveryMethod value.'],
  ['auth with a string for requireSymbols', auth({ passwordPolicy: { requireSymbols: 'no' } }),
    'Invalid passwordPolicy.requireSymbols "no" at TestStack/Dev/Users: give true or false.'],
  ['an API without a schema', (stack) => dev(stack).addApi('Api', { resourceName: 'todo' } as any),
    'Invalid schema at TestStack/Dev/Api: it is required; give an ApiSchema: ApiSchema.fromFile(path) or ApiSchema.fromString(sdl).'],
  ['an API with SDL text for its schema', api({ schema: 'type Todo { id: ID! }' }),
    'Invalid schema "type Todo { id: ID! }" at TestStack/Dev/Api: give an ApiSchema'],
  ['an API with a mode name for defaultAuthorization', api({ defaultAuthorization: 'API_KEY' }),
    'Invalid defaultAuthorization "API_KEY" at TestStack/Dev/Api: give an ApiAuthorization: ApiAuthorization.userPool(), apiKey(), iam() or openIdConnect({ ... }).'],
  ['an API with one mode for additionalAuthorizations', api({ additionalAuthorizations: ApiAuthorization.iam() }),
    'Invalid additionalAuthorizations a ApiAuthorization at TestStack/Dev/Api: give a list of ApiAuthorization objects'],
  ['an API key with a number of days for expires', api({ defaultAuthorization: ApiAuthorization.apiKey({ expires: 365 as any }) }),
    'Invalid expires 365 at TestStack/Dev/Api: give an Expiration, e.g. Expiration.after(Duration.days(365)).'],
  ['OpenID Connect without the issuer', api({ additionalAuthorizations: [ApiAuthorization.openIdConnect({ providerName: 'idp' } as any)] }),
    'Invalid oidcProvider at TestStack/Dev/Api: it is required; give a string, the issuer\'s URL.'],
  ['fromApiAttributes without apiId', (stack) => AmplifyBackendApi.fromApiAttributes(stack, 'Api', { resourceName: 'todo' } as any),
    'Invalid apiId at TestStack/Api: it is required; give a string, the AppSync API id.'],
  ['a provider with a number for a function name', (stack) => new AmplifyBackendProvider(stack, 'Provider', { totalTimeout: Duration.minutes(10), handlerFunctionName: 42 } as any),
    'Invalid handlerFunctionName 42 at TestStack/Provider: give a string.'],
];

describe('props from plain JavaScript and other jsii languages', () => {
  test.each(REFUSED)('%s is refused at synth with the path, the prop and what is expected', (_case, build, message) => {
    let error: unknown;
    try {
      build(testStack());
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain(message);
  });

  test('a refused secret of the wrong kind is never shown', () => {
    expect(() => oAuth({ google: { clientId: 'g', clientSecretValue: ['s3cr3t-value'] } })(testStack()))
      .toThrow(expect.objectContaining({ message: expect.not.stringContaining('s3cr3t-value') }));
  });

  test('optional props given as undefined or null count as not given', () => {
    const build = storage({ permissions: { authenticated: READ, unauthenticated: undefined }, bucketName: null, removalPolicy: undefined });
    expect(() => build(testStack())).not.toThrow();
  });
});

/**
 * Every prop of every construct, nested ones included, given a value of the wrong kind in an otherwise valid
 * set: refused naming the prop's path. `base` is a valid set; each path is set to the value after it.
 */
const WRONG_KIND: Array<[string, (stack: Stack, props: any) => unknown, (stack: Stack) => Record<string, unknown>, Array<[string, unknown]>]> = [
  ['AmplifyBackend', (stack, props) => new AmplifyBackend(stack, 'Subject', props), () => ({ appId: 'd1', appName: 'app', environmentName: 'dev' }), [
    ['appId', 1], ['appName', 1], ['environmentName', 1], ['resourceName', 1], ['removalPolicy', 1], ['provider', 1], ['cloneFrom', 1],
  ]],
  ['AmplifyBackend.fromEnvironmentAttributes', (stack, props) => AmplifyBackend.fromEnvironmentAttributes(stack, 'Subject', props),
    () => ({ appId: 'd1', environmentName: 'dev' }), [['appId', 1], ['environmentName', 1]]],
  ['AmplifyBackendStorage', (stack, props) => new AmplifyBackendStorage(stack, 'Subject', props),
    (stack) => ({ backend: dev(stack), resourceName: 'photos', permissions: { authenticated: READ } }), [
      ['backend', 1], ['resourceName', 1], ['permissions', 1], ['permissions.authenticated', 1], ['permissions.unauthenticated', 1],
      ['bucketName', 1], ['adopt', 'yes'], ['removalPolicy', 1], ['provider', 1],
    ]],
  ['AmplifyBackendStorage.fromStorageAttributes', (stack, props) => AmplifyBackendStorage.fromStorageAttributes(stack, 'Subject', props),
    () => ({ resourceName: 'photos', bucketName: 'photos' }), [['resourceName', 1], ['bucketName', 1]]],
  ['ImportedBackendStorage', (stack, props) => new ImportedBackendStorage(stack, 'Subject', props), (stack) => ({ backend: dev(stack), bucketName: 'team-files' }), [
    ['backend', 1], ['bucket', 1], ['bucketName', 1], ['adopt', 'yes'], ['removalPolicy', 1], ['provider', 1],
  ]],
  ['AmplifyBackendAuth', (stack, props) => new AmplifyBackendAuth(stack, 'Subject', props), (stack) => ({
    backend: dev(stack),
    resourceName: 'users',
    mfa: cognito.Mfa.OPTIONAL,
    passwordPolicy: {},
    mfaSecondFactor: { sms: true, otp: false },
    userVerification: {},
    oAuth: {
      callbackUrls: ['https://example.com/'],
      logoutUrls: ['https://example.com/'],
      google: { clientId: 'g', clientSecretValue: SECRET },
      facebook: { clientId: 'f', clientSecretValue: SECRET },
      amazon: { clientId: 'a', clientSecretValue: SECRET },
      apple: { clientId: 'com.example', teamId: 'TEAM123456', keyId: 'KEY1234567', privateKeyValue: SECRET },
    },
  }), [
    ['backend', 1], ['resourceName', 1], ['userPoolName', 1], ['signInMethod', 1], ['requiredSignUpAttributes', 1], ['passwordPolicy', 1],
    ['passwordPolicy.minLength', '8'], ['passwordPolicy.requireLowercase', 1], ['passwordPolicy.requireUppercase', 1],
    ['passwordPolicy.requireDigits', 1], ['passwordPolicy.requireSymbols', 1], ['mfa', 1], ['mfaSecondFactor', 1],
    ['mfaSecondFactor.sms', 1], ['mfaSecondFactor.otp', 1], ['mfaSecondFactor.email', 1], ['mfaMessage', 1], ['userVerification', 1],
    ['userVerification.deliveryMethod', 1], ['userVerification.emailSubject', 1], ['userVerification.emailBody', 1],
    ['userVerification.smsMessage', 1], ['identityPool', 1], ['identityPoolName', 1], ['allowUnauthenticatedIdentities', 1], ['oAuth', 1],
    ['oAuth.domainPrefix', 1], ['oAuth.callbackUrls', 1], ['oAuth.logoutUrls', 1], ['oAuth.grantType', 1], ['oAuth.scopes', 1],
    ['oAuth.google', 1], ['oAuth.google.clientId', 1], ['oAuth.google.clientSecretValue', 1], ['oAuth.facebook', 1],
    ['oAuth.facebook.clientId', 1], ['oAuth.facebook.clientSecretValue', 1], ['oAuth.amazon', 1], ['oAuth.amazon.clientId', 1],
    ['oAuth.amazon.clientSecretValue', 1], ['oAuth.apple', 1], ['oAuth.apple.clientId', 1], ['oAuth.apple.teamId', 1],
    ['oAuth.apple.keyId', 1], ['oAuth.apple.privateKeyValue', 1], ['adopt', 1], ['removalPolicy', 1], ['provider', 1],
  ]],
  ['AmplifyBackendAuth.fromAuthAttributes', (stack, props) => AmplifyBackendAuth.fromAuthAttributes(stack, 'Subject', props),
    () => ({ resourceName: 'users', userPoolId: 'us-east-1_AbC', webClientId: 'w', nativeClientId: 'n' }), [
      ['resourceName', 1], ['userPoolId', 1], ['webClientId', 1], ['nativeClientId', 1], ['identityPoolId', 1],
    ]],
  ['ImportedBackendAuth', (stack, props) => new ImportedBackendAuth(stack, 'Subject', props), (stack) => ({ backend: dev(stack), ...pool(stack) }), [
    ['backend', 1], ['userPool', 1], ['webClient', 1], ['nativeClient', 1], ['identityPoolId', 1], ['adopt', 'true'], ['removalPolicy', 1], ['provider', 1],
  ]],
  ['AmplifyBackendApi', (stack, props) => new AmplifyBackendApi(stack, 'Subject', props), (stack) => ({ backend: dev(stack), resourceName: 'todo', schema: SCHEMA }), [
    ['backend', 1], ['resourceName', 1], ['apiName', 1], ['schema', 1], ['defaultAuthorization', 1], ['additionalAuthorizations', 1],
    ['conflictResolution', 1], ['generateModels', 1], ['adopt', 1], ['removalPolicy', 1], ['provider', 1],
  ]],
  ['AmplifyBackendApi.fromApiAttributes', (stack, props) => AmplifyBackendApi.fromApiAttributes(stack, 'Subject', props),
    () => ({ resourceName: 'todo', apiId: 'abc' }), [['resourceName', 1], ['apiId', 1], ['graphqlUrl', 1]]],
  ['AmplifyBackendProvider', (stack, props) => new AmplifyBackendProvider(stack, 'Subject', props), () => ({}), [
    ['vpc', 1], ['vpcSubnets', 1], ['securityGroups', 1], ['logGroup', 1], ['logRetention', '1'], ['queryInterval', 1], ['totalTimeout', 1],
    ['permissionsBoundary', 1], ['handlerFunctionName', 1], ['providerFunctionName', 1],
  ]],
];

/** A copy of `props` with the value at a dotted path set. */
function withValue(props: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [key, ...rest] = path.split('.');
  return { ...props, [key]: rest.length === 0 ? value : withValue({ ...(props[key] as Record<string, unknown>) }, rest.join('.'), value) };
}

const WRONG_KIND_CASES = WRONG_KIND.flatMap(([construct, declare, base, paths]) =>
  paths.map(([path, value]) => [construct, path, value, declare, base] as const));

describe('every prop of every construct, given a value of the wrong kind', () => {
  test.each(WRONG_KIND_CASES)('%s %s is refused naming it', (_construct, path, value, declare, base) => {
    const stack = testStack();
    // Secrets are refused without their value.
    const given = path.endsWith('Value') ? `(a ${typeof value})` : JSON.stringify(value);
    const message = `Invalid ${path} ${given} at TestStack/Subject: give`;
    expect(() => declare(stack, withValue(base(stack), path, value))).toThrow(message);
  });
});
