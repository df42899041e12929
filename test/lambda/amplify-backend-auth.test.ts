import {
  CreateBackendAuthCommand,
  CreateBackendAuthResourceConfig,
  DeleteBackendAuthCommand,
  GetBackendAuthCommand,
  GetBackendCommand,
  GetBackendJobCommand,
  ListBackendJobsCommand,
  UpdateBackendAuthCommand,
} from '@aws-sdk/client-amplifybackend';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { amplify, nextPoll, notFound, pollOf, request, serviceError, START, T0, testRuntime } from './harness';
import { amplifyBackendAuth, planAuth } from '../../lambda/amplify-backend-auth';
import { ResourceRequest } from '../../lambda/events';
import { isComplete, onEvent } from '../../lambda/reconcile';
import { AUTH_RESOURCE_TYPE } from '../../src/private/contract';

const secretsManager = mockClient(SecretsManagerClient);

const GOOGLE_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:google-AbCdEf';
const APPLE_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:apple-key';
const GOOGLE_SECRET = 'g-secret-value-7f3a';
const APPLE_KEY = '-----BEGIN PRIVATE KEY-----\napple-key-9c2e\n-----END PRIVATE KEY-----';

/** Properties as CloudFormation sends them: numbers and booleans as strings. */
const PROPS = {
  AppId: 'd1',
  EnvironmentName: 'dev',
  ResourceName: 'users',
  UserPoolName: 'users_userpool',
  SignInMethod: 'EMAIL',
  RequiredSignUpAttributes: ['EMAIL'],
  PasswordPolicy: { MinimumLength: '8', AdditionalConstraints: [] as string[] },
  Mfa: { Mode: 'OFF', Types: [] as string[] },
  VerificationMessage: { DeliveryMethod: 'EMAIL' },
  IdentityPool: { Name: 'users_identitypool', AllowGuests: 'true' },
};
const OAUTH = {
  GrantType: 'CODE',
  Scopes: ['EMAIL', 'OPENID'],
  CallbackUrls: ['https://example.com/'],
  LogoutUrls: ['https://example.com/bye'],
  DomainPrefix: 'photo-share',
  Google: { ClientId: 'google-client', ClientSecret: { SecretId: GOOGLE_ARN, JsonField: 'clientSecret' } },
  SignInWithApple: { ClientId: 'com.example.app', TeamId: 'TEAM123456', KeyId: 'KEY1234567', PrivateKey: { SecretId: APPLE_ARN } },
};
const WITH_OAUTH = { ...PROPS, OAuth: OAUTH };
const ID = 'd1/dev/users';

const create = (props: Record<string, unknown> = PROPS) => request('Create', AUTH_RESOURCE_TYPE, props);
const update = (props: Record<string, unknown>, old: Record<string, unknown> = PROPS, id = ID) =>
  request('Update', AUTH_RESOURCE_TYPE, props, { OldResourceProperties: old, PhysicalResourceId: id });
const remove = (id = ID, props: Record<string, unknown> = PROPS) => request('Delete', AUTH_RESOURCE_TYPE, props, { PhysicalResourceId: id });

/** GetBackendAuth's answer for a created auth resource with these settings (as the service echoes what it was sent). */
function reported(name: string, overrides: { pool?: Record<string, unknown>; guests?: boolean | null } = {}) {
  const guests = overrides.guests === undefined ? true : overrides.guests;
  const config: CreateBackendAuthResourceConfig = {
    AuthResources: guests === null ? 'USER_POOL_ONLY' : 'IDENTITY_POOL_AND_USER_POOL',
    Service: 'COGNITO',
    UserPoolConfigs: {
      UserPoolName: 'users_userpool',
      SignInMethod: 'EMAIL',
      RequiredSignUpAttributes: ['EMAIL'],
      PasswordPolicy: { MinimumLength: 8, AdditionalConstraints: [] },
      Mfa: { MFAMode: 'OFF' },
      VerificationMessage: { DeliveryMethod: 'EMAIL' },
      ...overrides.pool,
    },
    IdentityPoolConfigs: guests === null ? undefined : { IdentityPoolName: 'users_identitypool', UnauthenticatedLogin: guests },
  };
  return { AppId: 'd1', BackendEnvironmentName: 'dev', ResourceName: name, ResourceConfig: config };
}
/** The OAuth settings as GetBackendAuth reports them, secrets included (the emulator echoes them too). */
const REPORTED_OAUTH = {
  OAuthGrantType: 'CODE' as const,
  OAuthScopes: ['EMAIL' as const, 'OPENID' as const],
  RedirectSignInURIs: ['https://example.com/'],
  RedirectSignOutURIs: ['https://example.com/bye'],
  DomainPrefix: 'photo-share',
  SocialProviderSettings: {
    Google: { ClientId: 'google-client', ClientSecret: GOOGLE_SECRET },
    SignInWithApple: { ClientId: 'com.example.app', TeamId: 'TEAM123456', KeyId: 'KEY1234567', PrivateKey: APPLE_KEY },
  },
};

/** GetBackend's answer with these auth entries in amplifyMetaConfig. */
function meta(auth: Record<string, { imported?: boolean; identityPool?: boolean }> = {}) {
  const entries = Object.fromEntries(Object.entries(auth).map(([name, a]) => [name, {
    service: 'Cognito',
    serviceType: a.imported ? 'imported' : 'managed',
    output: { UserPoolId: 'us-east-1_Pool1', AppClientIDWeb: 'webclient1', AppClientID: 'nativeclient1', ...(a.identityPool === false ? {} : { IdentityPoolId: 'us-east-1:ident-1' }) },
  }]));
  return { AppId: 'd1', BackendEnvironmentName: 'dev', BackendEnvironmentList: ['dev'], AmplifyMetaConfig: JSON.stringify({ providers: {}, auth: entries }) };
}
const DATA = { ResourceName: 'users', UserPoolId: 'us-east-1_Pool1', WebClientId: 'webclient1', NativeClientId: 'nativeclient1', IdentityPoolId: 'us-east-1:ident-1' };
const job = (jobId: string, status: string, operation = 'CreateBackendAuth') => ({ AppId: 'd1', BackendEnvironmentName: 'dev', JobId: jobId, Operation: operation, Status: status });

const mutatingCalls = () => amplify.calls()
  .map((call) => (call.args[0] as object).constructor.name.replace(/Command$/, ''))
  .filter((name) => /^(Create|Update|Delete|Import)/.test(name));

function givenNoAuth() {
  amplify.on(GetBackendAuthCommand).rejects(notFound());
  amplify.on(GetBackendCommand).resolves(meta());
}
function givenAuth(found = reported('users')) {
  amplify.on(GetBackendAuthCommand).resolves(found);
  amplify.on(GetBackendCommand).resolves(meta({ users: {} }));
}
function givenSecrets() {
  secretsManager.on(GetSecretValueCommand, { SecretId: GOOGLE_ARN })
    .resolves({ ARN: GOOGLE_ARN, SecretString: JSON.stringify({ clientSecret: GOOGLE_SECRET }) });
  secretsManager.on(GetSecretValueCommand, { SecretId: APPLE_ARN }).resolves({ ARN: APPLE_ARN, SecretString: APPLE_KEY });
}

async function firstPoll(req: ResourceRequest, runtime = testRuntime()) {
  const started = await onEvent(amplifyBackendAuth, req, runtime);
  return { started, poll: pollOf(req, started.PhysicalResourceId, started.AmplifyBackendWait), runtime: nextPoll(runtime) };
}

let log: jest.SpyInstance;
beforeEach(() => {
  amplify.reset();
  secretsManager.reset();
  log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  amplify.on(ListBackendJobsCommand).resolves({ Jobs: [] });
});

describe('auth Create', () => {
  test('onEvent creates the user pool and identity pool with every setting as the API spells it', async () => {
    givenNoAuth();
    amplify.on(CreateBackendAuthCommand).resolves({ JobId: 'job-1', Status: 'RUNNING' });

    const started = await onEvent(amplifyBackendAuth, create({
      ...PROPS,
      PasswordPolicy: { MinimumLength: '12', AdditionalConstraints: ['REQUIRE_DIGIT', 'REQUIRE_SYMBOL'] },
      Mfa: { Mode: 'OPTIONAL', Types: ['SMS', 'TOTP'], SmsMessage: 'Code: {####}' },
      VerificationMessage: { DeliveryMethod: 'EMAIL', EmailSubject: 'Welcome', EmailMessage: 'Your code is {####}' },
    }), testRuntime());

    expect(started).toEqual({ PhysicalResourceId: ID, AmplifyBackendWait: { startedAt: START, jobId: 'job-1' } });
    expect(amplify.commandCalls(CreateBackendAuthCommand)[0].args[0].input).toEqual({
      AppId: 'd1',
      BackendEnvironmentName: 'dev',
      ResourceName: 'users',
      ResourceConfig: {
        AuthResources: 'IDENTITY_POOL_AND_USER_POOL',
        Service: 'COGNITO',
        UserPoolConfigs: {
          UserPoolName: 'users_userpool',
          SignInMethod: 'EMAIL',
          RequiredSignUpAttributes: ['EMAIL'],
          PasswordPolicy: { MinimumLength: 12, AdditionalConstraints: ['REQUIRE_DIGIT', 'REQUIRE_SYMBOL'] },
          Mfa: { MFAMode: 'OPTIONAL', Settings: { MfaTypes: ['SMS', 'TOTP'], SmsMessage: 'Code: {####}' } },
          VerificationMessage: { DeliveryMethod: 'EMAIL', EmailSettings: { EmailSubject: 'Welcome', EmailMessage: 'Your code is {####}' } },
        },
        IdentityPoolConfigs: { IdentityPoolName: 'users_identitypool', UnauthenticatedLogin: true },
      },
    });
    expect(secretsManager.calls()).toHaveLength(0);
  });

  test('a user pool without identity pool is USER_POOL_ONLY, with no identity pool settings', async () => {
    givenNoAuth();
    amplify.on(CreateBackendAuthCommand).resolves({ JobId: 'job-1' });
    const { IdentityPool: _none, ...userPoolOnly } = PROPS;
    await onEvent(amplifyBackendAuth, create(userPoolOnly), testRuntime());
    const config = amplify.commandCalls(CreateBackendAuthCommand)[0].args[0].input.ResourceConfig!;
    expect(config.AuthResources).toBe('USER_POOL_ONLY');
    expect(config.IdentityPoolConfigs).toBeUndefined();
  });

  test('social provider secrets are read from Secrets Manager only to send them, the JSON field picked out', async () => {
    givenNoAuth();
    givenSecrets();
    amplify.on(CreateBackendAuthCommand).resolves({ JobId: 'job-1' });

    await onEvent(amplifyBackendAuth, create(WITH_OAUTH), testRuntime());

    expect(secretsManager.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input))
      .toEqual([{ SecretId: GOOGLE_ARN }, { SecretId: APPLE_ARN }]);
    expect(amplify.commandCalls(CreateBackendAuthCommand)[0].args[0].input.ResourceConfig?.UserPoolConfigs?.OAuth).toEqual({
      OAuthGrantType: 'CODE',
      OAuthScopes: ['EMAIL', 'OPENID'],
      RedirectSignInURIs: ['https://example.com/'],
      RedirectSignOutURIs: ['https://example.com/bye'],
      DomainPrefix: 'photo-share',
      SocialProviderSettings: {
        Google: { ClientId: 'google-client', ClientSecret: GOOGLE_SECRET },
        SignInWithApple: { ClientId: 'com.example.app', TeamId: 'TEAM123456', KeyId: 'KEY1234567', PrivateKey: APPLE_KEY },
      },
    });
  });

  test('the decision itself carries no secret: the values exist only in the call that is sent', () => {
    const plan = planAuth(create(WITH_OAUTH));
    const next = amplifyBackendAuth.decide(plan, { inEnvironment: [] }, true);
    expect(next.kind).toBe('call');
    const text = JSON.stringify(next.kind === 'call' && next.call.input);
    expect(text).toContain('google-client');
    expect(text).not.toContain(GOOGLE_SECRET);
    expect(text).not.toContain('apple-key-9c2e');
  });

  test('a secret that cannot be read fails onEvent naming the secret, with nothing started', async () => {
    givenNoAuth();
    secretsManager.on(GetSecretValueCommand).rejects(serviceError('ResourceNotFoundException', 400, 'Secrets Manager can\'t find the specified secret.'));
    await expect(onEvent(amplifyBackendAuth, create(WITH_OAUTH), testRuntime())).rejects.toThrow(
      `Auth "users" (app d1, environment dev): ResourceNotFoundException: could not read the Google client secret from Secrets Manager secret ${GOOGLE_ARN} `
      + '(field "clientSecret"): Secrets Manager can\'t find the specified secret.');
    expect(mutatingCalls()).toEqual([]);
  });

  test.each([
    ['is not JSON', GOOGLE_SECRET, 'the secret is not JSON, so the field cannot be read'],
    ['lacks the field', JSON.stringify({ other: GOOGLE_SECRET }), 'the secret has no text in that field'],
  ])('a secret that %s fails onEvent without quoting the value', async (_case, secretString, problem) => {
    givenNoAuth();
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: secretString });
    const failure = onEvent(amplifyBackendAuth, create(WITH_OAUTH), testRuntime());
    await expect(failure).rejects.toThrow(problem);
    await expect(failure).rejects.not.toThrow(GOOGLE_SECRET);
    expect(mutatingCalls()).toEqual([]);
  });

  test('throttling by Secrets Manager means not complete yet', async () => {
    givenNoAuth();
    secretsManager.on(GetSecretValueCommand).rejects(serviceError('ThrottlingException', 400, 'Rate exceeded'));
    const result = await isComplete(amplifyBackendAuth, pollOf(create(WITH_OAUTH), ID, { startedAt: T0 }), testRuntime());
    expect(result).toEqual({ IsComplete: false });
  });

  test('COMPLETED returns the Cognito ids the environment reports, and nothing secret', async () => {
    amplify.on(GetBackendJobCommand).resolves(job('job-1', 'COMPLETED'));
    givenAuth(reported('users', { pool: { OAuth: REPORTED_OAUTH } }));

    const result = await isComplete(amplifyBackendAuth, pollOf(create(WITH_OAUTH), ID, { startedAt: T0, jobId: 'job-1' }), testRuntime());

    expect(result).toEqual({ IsComplete: true, Data: DATA });
    expect(JSON.stringify(result)).not.toContain(GOOGLE_SECRET);
    expect(mutatingCalls()).toEqual([]);
    expect(secretsManager.calls()).toHaveLength(0);
  });

  test('an auth resource of that name found before anything started is a conflict', async () => {
    givenAuth();
    await expect(onEvent(amplifyBackendAuth, create(), testRuntime()))
      .rejects.toThrow('Auth "users" (app d1, environment dev): an auth resource named "users" already exists in the environment');
    expect(mutatingCalls()).toEqual([]);
  });

  test('another auth resource in the environment is refused: the service allows one', async () => {
    amplify.on(GetBackendAuthCommand).rejects(notFound());
    amplify.on(GetBackendCommand).resolves(meta({ cognito1a2b: { imported: true } }));
    await expect(onEvent(amplifyBackendAuth, create(), testRuntime()))
      .rejects.toThrow('the environment already has the auth resource "cognito1a2b" (imported) and allows one');
    expect(mutatingCalls()).toEqual([]);
  });

  test('imported auth of the same name is not taken over', async () => {
    amplify.on(GetBackendAuthCommand).resolves(reported('users'));
    amplify.on(GetBackendCommand).resolves(meta({ users: { imported: true } }));
    await expect(isComplete(amplifyBackendAuth, pollOf(create(), ID, { startedAt: T0 }), testRuntime()))
      .rejects.toThrow('"users" is imported auth (user pool us-east-1_Pool1); use ImportedBackendAuth for it');
  });

  test('a FAILED job fails the deployment with its error', async () => {
    amplify.on(GetBackendJobCommand).resolves({ ...job('job-1', 'FAILED'), Error: 'Domain prefix taken' });
    await expect(isComplete(amplifyBackendAuth, pollOf(create(), ID, { startedAt: T0, jobId: 'job-1' }), testRuntime()))
      .rejects.toThrow('Auth "users" (app d1, environment dev): CreateBackendAuth job job-1 FAILED: Domain prefix taken');
  });

  test('a property the service would refuse fails onEvent before any call', async () => {
    await expect(onEvent(amplifyBackendAuth, create({ ...PROPS, PasswordPolicy: { MinimumLength: 'eight' } }), testRuntime()))
      .rejects.toThrow('Custom::AmplifyBackendAuth Storage1A2B3C: property PasswordPolicy.MinimumLength must be a whole number, got "eight"');
    expect(amplify.calls()).toHaveLength(0);
  });
});

describe('auth Update', () => {
  test('a password policy change updates in place, keeps the physical id, and sends no fixed setting', async () => {
    givenAuth();
    amplify.on(UpdateBackendAuthCommand).resolves({ JobId: 'upd-1' });
    const stronger = { ...PROPS, PasswordPolicy: { MinimumLength: '12', AdditionalConstraints: ['REQUIRE_UPPERCASE'] } };

    const { started, poll, runtime } = await firstPoll(update(stronger));

    expect(started).toEqual({ PhysicalResourceId: ID, AmplifyBackendWait: { startedAt: START, jobId: 'upd-1' } });
    expect(amplify.commandCalls(UpdateBackendAuthCommand)[0].args[0].input).toEqual({
      AppId: 'd1',
      BackendEnvironmentName: 'dev',
      ResourceName: 'users',
      ResourceConfig: {
        AuthResources: 'IDENTITY_POOL_AND_USER_POOL',
        Service: 'COGNITO',
        UserPoolConfigs: {
          PasswordPolicy: { MinimumLength: 12, AdditionalConstraints: ['REQUIRE_UPPERCASE'] },
          Mfa: { MFAMode: 'OFF' },
          VerificationMessage: { DeliveryMethod: 'EMAIL' },
        },
        IdentityPoolConfigs: { UnauthenticatedLogin: true },
      },
    });

    amplify.on(GetBackendJobCommand).resolves(job('upd-1', 'COMPLETED', 'UpdateBackendAuth'));
    amplify.on(GetBackendAuthCommand).resolves(reported('users', { pool: { PasswordPolicy: { MinimumLength: 12, AdditionalConstraints: ['REQUIRE_UPPERCASE'] } } }));
    expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: DATA });
    expect(mutatingCalls()).toEqual(['UpdateBackendAuth']);
  });

  test('removing the identity pool updates in place to USER_POOL_ONLY', async () => {
    givenAuth();
    amplify.on(UpdateBackendAuthCommand).resolves({ JobId: 'upd-2' });
    const { IdentityPool: _gone, ...userPoolOnly } = PROPS;
    await onEvent(amplifyBackendAuth, update(userPoolOnly), testRuntime());
    const config = amplify.commandCalls(UpdateBackendAuthCommand)[0].args[0].input.ResourceConfig!;
    expect(config.AuthResources).toBe('USER_POOL_ONLY');
    expect(config.IdentityPoolConfigs).toBeUndefined();
  });

  test('a new secret reference is sent even though GetBackendAuth cannot show the difference; the next look is done', async () => {
    givenAuth(reported('users', { pool: { OAuth: REPORTED_OAUTH } }));
    givenSecrets();
    const rotated = { ...OAUTH, Google: { ...OAUTH.Google, ClientSecret: { SecretId: GOOGLE_ARN, JsonField: 'clientSecret', VersionStage: 'AWSPENDING' } } };
    amplify.on(UpdateBackendAuthCommand).resolves({ JobId: 'upd-3' });

    const { poll, runtime } = await firstPoll(update({ ...PROPS, OAuth: rotated }, WITH_OAUTH));
    expect(mutatingCalls()).toEqual(['UpdateBackendAuth']);
    expect(secretsManager.commandCalls(GetSecretValueCommand)[0].args[0].input).toEqual({ SecretId: GOOGLE_ARN, VersionStage: 'AWSPENDING' });

    amplify.on(GetBackendJobCommand).resolves(job('upd-3', 'COMPLETED', 'UpdateBackendAuth'));
    expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: DATA });
    expect(mutatingCalls()).toEqual(['UpdateBackendAuth']);
  });

  test('adding OAuth is in place: the update carries the hosted UI and the providers\' secrets', async () => {
    givenAuth();
    givenSecrets();
    amplify.on(UpdateBackendAuthCommand).resolves({ JobId: 'upd-4' });
    await onEvent(amplifyBackendAuth, update(WITH_OAUTH), testRuntime());
    expect(amplify.commandCalls(UpdateBackendAuthCommand)[0].args[0].input.ResourceConfig?.UserPoolConfigs?.OAuth?.SocialProviderSettings)
      .toEqual(REPORTED_OAUTH.SocialProviderSettings);
  });

  test('unchanged settings reported in another order call nothing', async () => {
    givenAuth(reported('users', { pool: { RequiredSignUpAttributes: ['EMAIL'], PasswordPolicy: { MinimumLength: 8 } } }));
    const { poll, runtime } = await firstPoll(update(PROPS));
    expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: DATA });
    expect(mutatingCalls()).toEqual([]);
  });

  test('a setting the API cannot change replaces the auth under the same id: removed first, then created, then done', async () => {
    const byUsername = { ...PROPS, SignInMethod: 'USERNAME' };
    amplify.on(GetBackendAuthCommand).resolves(reported('users'));
    amplify.on(GetBackendCommand).resolves(meta({ users: {} }));
    amplify.on(DeleteBackendAuthCommand).resolves({ JobId: 'del-1' });
    amplify.on(CreateBackendAuthCommand).resolves({ JobId: 'new-1' });

    const { started, poll, runtime } = await firstPoll(update(byUsername));
    expect(started).toEqual({ PhysicalResourceId: ID, AmplifyBackendWait: { startedAt: START, jobId: 'del-1' } });
    expect(amplify.commandCalls(DeleteBackendAuthCommand)[0].args[0].input).toEqual({ AppId: 'd1', BackendEnvironmentName: 'dev', ResourceName: 'users' });

    // The old one is gone: the new one is created.
    amplify.on(GetBackendJobCommand).resolves(job('del-1', 'COMPLETED', 'DeleteBackendAuth'));
    amplify.on(GetBackendAuthCommand).rejects(notFound());
    amplify.on(GetBackendCommand).resolves(meta());
    expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: false });
    expect(amplify.commandCalls(CreateBackendAuthCommand)[0].args[0].input.ResourceConfig?.UserPoolConfigs?.SignInMethod).toBe('USERNAME');

    // The new one has the new settings: it is not taken for the old one again.
    amplify.on(GetBackendAuthCommand).resolves(reported('users', { pool: { SignInMethod: 'USERNAME' } }));
    amplify.on(GetBackendCommand).resolves(meta({ users: {} }));
    expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: DATA });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth', 'CreateBackendAuth']);
  });

  test.each([
    ['the user pool name', { UserPoolName: 'people' }],
    ['the required attributes', { RequiredSignUpAttributes: ['EMAIL', 'NAME'] }],
    ['the identity pool name', { IdentityPool: { Name: 'people_ids', AllowGuests: 'true' } }],
  ])('changing %s is a replacement too', (_what, change) => {
    expect(planAuth(update({ ...PROPS, ...change })).replaces).toMatchObject({ userPoolName: 'users_userpool', signInMethod: 'EMAIL' });
  });

  test('removing OAuth is a replacement (the API cannot remove it); adding it is not', () => {
    expect(planAuth(update(PROPS, WITH_OAUTH)).replaces).toMatchObject({ oAuth: true });
    expect(planAuth(update(WITH_OAUTH, PROPS)).replaces).toBeUndefined();
  });

  test('removing OAuth replaces the auth; the new one, without OAuth, is not taken for the old one', async () => {
    amplify.on(GetBackendAuthCommand).resolves(reported('users', { pool: { OAuth: REPORTED_OAUTH } }));
    amplify.on(GetBackendCommand).resolves(meta({ users: {} }));
    amplify.on(DeleteBackendAuthCommand).resolves({ JobId: 'del-4' });
    const { poll, runtime } = await firstPoll(update(PROPS, WITH_OAUTH));
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth']);

    amplify.on(GetBackendJobCommand).resolves(job('new-4', 'COMPLETED'));
    amplify.on(GetBackendAuthCommand).resolves(reported('users'));
    expect(await isComplete(amplifyBackendAuth, { ...poll, AmplifyBackendWait: { startedAt: START, jobId: 'new-4' } }, runtime))
      .toEqual({ IsComplete: true, Data: DATA });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth']);
  });

  test('a rename removes the old auth first, then creates the new one under a new physical id', async () => {
    amplify.on(GetBackendAuthCommand, { ResourceName: 'users' }).resolves(reported('users'));
    amplify.on(GetBackendAuthCommand, { ResourceName: 'people' }).rejects(notFound());
    amplify.on(GetBackendCommand).resolves(meta({ users: {} }));
    amplify.on(DeleteBackendAuthCommand).resolves({ JobId: 'del-2' });
    amplify.on(CreateBackendAuthCommand).resolves({ JobId: 'new-2' });

    const { started, poll, runtime } = await firstPoll(update({ ...PROPS, ResourceName: 'people' }));
    expect(started.PhysicalResourceId).toBe('d1/dev/people');
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth']);

    amplify.on(GetBackendJobCommand).resolves(job('del-2', 'COMPLETED', 'DeleteBackendAuth'));
    amplify.on(GetBackendAuthCommand, { ResourceName: 'users' }).rejects(notFound());
    amplify.on(GetBackendCommand).resolves(meta());
    expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth', 'CreateBackendAuth']);
    expect(amplify.commandCalls(CreateBackendAuthCommand)[0].args[0].input.ResourceName).toBe('people');
  });

  test('the rollback of a refused replacement finds the old auth as wanted and does nothing', async () => {
    givenAuth();
    const { poll, runtime } = await firstPoll(update(PROPS, { ...PROPS, SignInMethod: 'USERNAME' }));
    expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: DATA });
    expect(mutatingCalls()).toEqual([]);
  });
});

describe('auth Delete', () => {
  test('Delete removes the auth resource and completes when it is gone, reading only what the environment lists', async () => {
    amplify.on(GetBackendCommand).resolvesOnce(meta({ users: {} })).resolvesOnce(meta({ users: {} })).resolves(meta());
    amplify.on(DeleteBackendAuthCommand).resolves({ JobId: 'del-3' });
    amplify.on(GetBackendJobCommand).resolves(job('del-3', 'COMPLETED', 'DeleteBackendAuth'));

    const { started, poll, runtime } = await firstPoll(remove());
    expect(started).toEqual({ PhysicalResourceId: ID, AmplifyBackendWait: { startedAt: START, jobId: 'del-3' } });
    expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth']);
    expect(amplify.commandCalls(GetBackendAuthCommand)).toHaveLength(0);
  });

  test('a Delete of auth already gone succeeds without a call, twice', async () => {
    givenNoAuth();
    for (let i = 0; i < 2; i++) {
      const { poll, runtime } = await firstPoll(remove());
      expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    }
    expect(mutatingCalls()).toEqual([]);
  });

  test('a Delete refused while storage depends on the auth fails with the service text, nothing started', async () => {
    givenAuth();
    amplify.on(DeleteBackendAuthCommand).rejects(serviceError('BadRequestException', 400, 'Storage resource photos depends on auth resource users: remove the storage first.'));
    await expect(onEvent(amplifyBackendAuth, remove(), testRuntime())).rejects.toThrow('BadRequestException: Storage resource photos depends on auth resource users');
  });

  test('the marker id of a Create whose onEvent threw names no auth: no call', async () => {
    const { poll, runtime } = await firstPoll(remove('AWSCDK::CustomResourceProviderFramework::CREATE_FAILED'));
    expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    expect(amplify.calls()).toHaveLength(0);
  });
});

describe('auth handler logs', () => {
  test('one structured line per decision; no secret in any of them', async () => {
    givenNoAuth();
    givenSecrets();
    amplify.on(CreateBackendAuthCommand).resolves({ JobId: 'job-1', Status: 'RUNNING' });
    const { poll, runtime } = await firstPoll(create(WITH_OAUTH));
    amplify.on(GetBackendJobCommand).resolves(job('job-1', 'COMPLETED'));
    givenAuth(reported('users', { pool: { OAuth: REPORTED_OAUTH } }));
    await isComplete(amplifyBackendAuth, poll, runtime);

    const lines = log.mock.calls.map((call) => String(call[0]));
    expect(lines.map((line) => JSON.parse(line).decision)).toEqual(['wait', 'done']);
    for (const secret of [GOOGLE_SECRET, 'apple-key-9c2e']) expect(lines.join('\n')).not.toContain(secret);
  });
});
