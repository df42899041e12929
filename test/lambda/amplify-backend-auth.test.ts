import {
  BackendJobRespObj,
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
import { amplify, AUTH_PROPERTIES, nextPoll, notFound, pollOf, request, serviceError, START, T0, testRuntime } from './harness';
import { amplifyBackendAuth, planAuth } from '../../lambda/amplify-backend-auth';
import { ResourceRequest } from '../../lambda/events';
import { isComplete, onEvent } from '../../lambda/reconcile';
import { AUTH_RESOURCE_TYPE } from '../../src/private/contract';

const secretsManager = mockClient(SecretsManagerClient);

const GOOGLE_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:google-AbCdEf';
const APPLE_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:apple-key';
const GOOGLE_SECRET = 'g-secret-value-7f3a';
const APPLE_KEY = '-----BEGIN PRIVATE KEY-----\napple-key-9c2e\n-----END PRIVATE KEY-----';

const PROPS = AUTH_PROPERTIES;
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

/** GetBackend's answer with these auth entries (and storage resources) in amplifyMetaConfig. */
function meta(auth: Record<string, { imported?: boolean; identityPool?: boolean }> = {}, storage: string[] = []) {
  const entries = Object.fromEntries(Object.entries(auth).map(([name, a]) => [name, {
    service: 'Cognito',
    serviceType: a.imported ? 'imported' : 'managed',
    output: { UserPoolId: 'us-east-1_Pool1', AppClientIDWeb: 'webclient1', AppClientID: 'nativeclient1', ...(a.identityPool === false ? {} : { IdentityPoolId: 'us-east-1:ident-1' }) },
  }]));
  const buckets = Object.fromEntries(storage.map((name) => [name, { service: 'S3', serviceType: 'managed', output: { BucketName: `${name}-bucket` } }]));
  return { AppId: 'd1', BackendEnvironmentName: 'dev', BackendEnvironmentList: ['dev'], AmplifyMetaConfig: JSON.stringify({ providers: {}, auth: entries, storage: buckets }) };
}
const DATA = { ResourceName: 'users', UserPoolId: 'us-east-1_Pool1', WebClientId: 'webclient1', NativeClientId: 'nativeclient1', IdentityPoolId: 'us-east-1:ident-1' };
const job = (jobId: string, status: string, operation = 'CreateBackendAuth', extra: Partial<BackendJobRespObj> = {}): BackendJobRespObj =>
  ({ AppId: 'd1', BackendEnvironmentName: 'dev', JobId: jobId, Operation: operation, Status: status, ...extra });
/** A job this request started: created just after its onEvent. */
const ours = (jobId: string, status: string, operation = 'CreateBackendAuth', extra: Partial<BackendJobRespObj> = {}) =>
  job(jobId, status, operation, { CreateTime: String(START + 10), ...extra });

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
/** ListBackendJobs' answer: no job runs on the environment, these ones ran. */
function givenIdleEnvironment(jobs: BackendJobRespObj[] = []) {
  amplify.on(ListBackendJobsCommand).resolves({ Jobs: jobs });
}

/** onEvent, which only looks: the poll the framework builds from its answer, and the clock one interval later. */
async function firstPoll(req: ResourceRequest, runtime = testRuntime()) {
  const started = await onEvent(amplifyBackendAuth, req, runtime);
  return { started, poll: pollOf(req, started.PhysicalResourceId, started.AmplifyBackendWait), runtime: nextPoll(runtime) };
}

/** onEvent and the first isComplete, which the framework runs at once: it sends the first call that starts a job. */
async function deployAndPoll(req: ResourceRequest) {
  const deployed = await firstPoll(req);
  return { ...deployed, first: await isComplete(amplifyBackendAuth, deployed.poll, deployed.runtime) };
}

let log: jest.SpyInstance;
beforeEach(() => {
  amplify.reset();
  secretsManager.reset();
  log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  givenIdleEnvironment();
});

describe('auth Create', () => {
  test('onEvent only looks; the first poll creates the user pool and identity pool with every setting as the API spells it', async () => {
    givenNoAuth();
    amplify.on(CreateBackendAuthCommand).resolves({ JobId: 'job-1', Status: 'RUNNING' });

    const { started, poll, runtime } = await firstPoll(create({
      ...PROPS,
      PasswordPolicy: { MinimumLength: '12', AdditionalConstraints: ['REQUIRE_DIGIT', 'REQUIRE_SYMBOL'] },
      Mfa: { Mode: 'OPTIONAL', Types: ['SMS', 'TOTP'], SmsMessage: 'Code: {####}' },
      VerificationMessage: { DeliveryMethod: 'EMAIL', EmailSubject: 'Welcome', EmailMessage: 'Your code is {####}' },
    }));
    expect(started).toEqual({ PhysicalResourceId: ID, AmplifyBackendWait: { startedAt: START } });
    expect(mutatingCalls()).toEqual([]);

    expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['CreateBackendAuth']);
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
    await deployAndPoll(create(userPoolOnly));
    const config = amplify.commandCalls(CreateBackendAuthCommand)[0].args[0].input.ResourceConfig!;
    expect(config.AuthResources).toBe('USER_POOL_ONLY');
    expect(config.IdentityPoolConfigs).toBeUndefined();
  });

  test('social provider secrets are read from Secrets Manager only to send them, the JSON field picked out', async () => {
    givenNoAuth();
    givenSecrets();
    amplify.on(CreateBackendAuthCommand).resolves({ JobId: 'job-1' });

    const { poll, runtime } = await firstPoll(create(WITH_OAUTH));
    // onEvent decides on what the environment has: no secret is read for a decision.
    expect(secretsManager.calls()).toHaveLength(0);

    await isComplete(amplifyBackendAuth, poll, runtime);
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

  test('a poll that finds the job still running reads no secret', async () => {
    givenNoAuth();
    givenSecrets();
    givenIdleEnvironment([ours('job-1', 'RUNNING')]);
    expect(await isComplete(amplifyBackendAuth, pollOf(create(WITH_OAUTH), ID, { startedAt: START }), nextPoll(testRuntime())))
      .toEqual({ IsComplete: false });
    expect(secretsManager.calls()).toHaveLength(0);
    expect(mutatingCalls()).toEqual([]);
  });

  test('the decision itself carries no secret: the values exist only in the call that is sent', () => {
    const plan = planAuth(create(WITH_OAUTH));
    const next = amplifyBackendAuth.decide(plan, { inEnvironment: [], storage: [] }, true);
    expect(next.kind).toBe('call');
    const text = JSON.stringify(next.kind === 'call' && next.call.input);
    expect(text).toContain('google-client');
    expect(text).not.toContain(GOOGLE_SECRET);
    expect(text).not.toContain('apple-key-9c2e');
  });

  test('a secret that cannot be read fails the first poll naming the secret, with nothing started', async () => {
    givenNoAuth();
    secretsManager.on(GetSecretValueCommand).rejects(serviceError('ResourceNotFoundException', 400, 'Secrets Manager can\'t find the specified secret.'));
    const { poll, runtime } = await firstPoll(create(WITH_OAUTH));
    await expect(isComplete(amplifyBackendAuth, poll, runtime)).rejects.toThrow(
      `Auth "users" (app d1, environment dev): ResourceNotFoundException: could not read the Google client secret from Secrets Manager secret ${GOOGLE_ARN} `
      + '(field "clientSecret"): Secrets Manager can\'t find the specified secret.');
    expect(secretsManager.calls()).toHaveLength(1);
    expect(mutatingCalls()).toEqual([]);
  });

  test.each([
    ['is not JSON', GOOGLE_SECRET, 'the secret is not JSON, so the field cannot be read'],
    ['lacks the field', JSON.stringify({ other: GOOGLE_SECRET }), 'the secret has no text in that field'],
  ])('a secret that %s fails the first poll without quoting the value', async (_case, secretString, problem) => {
    givenNoAuth();
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: secretString });
    const { poll, runtime } = await firstPoll(create(WITH_OAUTH));
    const failure = isComplete(amplifyBackendAuth, poll, runtime);
    await expect(failure).rejects.toThrow(problem);
    await expect(failure).rejects.not.toThrow(GOOGLE_SECRET);
    expect(mutatingCalls()).toEqual([]);
    expect(log.mock.calls.join('\n')).not.toContain(GOOGLE_SECRET);
  });

  test('throttling by Secrets Manager means not complete yet, with nothing started', async () => {
    givenNoAuth();
    secretsManager.on(GetSecretValueCommand).rejects(serviceError('ThrottlingException', 400, 'Rate exceeded'));
    const result = await isComplete(amplifyBackendAuth, pollOf(create(WITH_OAUTH), ID, { startedAt: T0 }), testRuntime());
    expect(result).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual([]);
  });

  test('COMPLETED returns the Cognito ids the environment reports, and nothing secret', async () => {
    givenIdleEnvironment([ours('job-1', 'COMPLETED')]);
    givenAuth(reported('users', { pool: { OAuth: REPORTED_OAUTH } }));

    const result = await isComplete(amplifyBackendAuth, pollOf(create(WITH_OAUTH), ID, { startedAt: START }), nextPoll(testRuntime()));

    expect(result).toEqual({ IsComplete: true, Data: DATA });
    expect(JSON.stringify(result)).not.toContain(GOOGLE_SECRET);
    expect(mutatingCalls()).toEqual([]);
    expect(secretsManager.calls()).toHaveLength(0);
  });

  test('a job id that onEvent of an earlier release passed on is still read first; COMPLETED returns the ids', async () => {
    amplify.on(GetBackendJobCommand).resolves(job('job-1', 'COMPLETED'));
    givenAuth(reported('users', { pool: { OAuth: REPORTED_OAUTH } }));
    const result = await isComplete(amplifyBackendAuth, pollOf(create(WITH_OAUTH), ID, { startedAt: T0, jobId: 'job-1' }), testRuntime());
    expect(result).toEqual({ IsComplete: true, Data: DATA });
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
    expect(mutatingCalls()).toEqual([]);
  });

  test('a CreateBackendAuth job that FAILED since the request started fails the deployment with its error, not sent again', async () => {
    givenNoAuth();
    givenSecrets();
    givenIdleEnvironment([ours('job-1', 'FAILED', 'CreateBackendAuth', { Error: 'Domain prefix taken' })]);
    await expect(isComplete(amplifyBackendAuth, pollOf(create(WITH_OAUTH), ID, { startedAt: START }), nextPoll(testRuntime())))
      .rejects.toThrow('Auth "users" (app d1, environment dev): CreateBackendAuth job job-1 FAILED: Domain prefix taken');
    expect(mutatingCalls()).toEqual([]);
    expect(secretsManager.calls()).toHaveLength(0);
  });

  test('a FAILED job an earlier release\'s onEvent started fails the deployment with its error', async () => {
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
  test('a password policy change updates in place at the first poll, keeps the physical id, and sends no fixed setting', async () => {
    givenAuth();
    amplify.on(UpdateBackendAuthCommand).resolves({ JobId: 'upd-1' });
    const stronger = { ...PROPS, PasswordPolicy: { MinimumLength: '12', AdditionalConstraints: ['REQUIRE_UPPERCASE'] } };

    const { started, poll, runtime, first } = await deployAndPoll(update(stronger));
    expect(started).toEqual({ PhysicalResourceId: ID, AmplifyBackendWait: { startedAt: START } });
    expect(first).toEqual({ IsComplete: false });
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

    givenIdleEnvironment([ours('upd-1', 'COMPLETED', 'UpdateBackendAuth')]);
    amplify.on(GetBackendAuthCommand).resolves(reported('users', { pool: { PasswordPolicy: { MinimumLength: 12, AdditionalConstraints: ['REQUIRE_UPPERCASE'] } } }));
    expect(await isComplete(amplifyBackendAuth, poll, nextPoll(runtime))).toEqual({ IsComplete: true, Data: DATA });
    expect(mutatingCalls()).toEqual(['UpdateBackendAuth']);
  });

  test('removing the identity pool updates in place to USER_POOL_ONLY', async () => {
    givenAuth();
    amplify.on(UpdateBackendAuthCommand).resolves({ JobId: 'upd-2' });
    const { IdentityPool: _gone, ...userPoolOnly } = PROPS;
    await deployAndPoll(update(userPoolOnly));
    const config = amplify.commandCalls(UpdateBackendAuthCommand)[0].args[0].input.ResourceConfig!;
    expect(config.AuthResources).toBe('USER_POOL_ONLY');
    expect(config.IdentityPoolConfigs).toBeUndefined();
  });

  test('a new secret reference is sent at the first poll even though GetBackendAuth cannot show the difference; once its job completed the next look is done', async () => {
    givenAuth(reported('users', { pool: { OAuth: REPORTED_OAUTH } }));
    givenSecrets();
    const rotated = { ...OAUTH, Google: { ...OAUTH.Google, ClientSecret: { SecretId: GOOGLE_ARN, JsonField: 'clientSecret', VersionStage: 'AWSPENDING' } } };
    amplify.on(UpdateBackendAuthCommand).resolves({ JobId: 'upd-3' });

    const { poll, runtime } = await firstPoll(update({ ...PROPS, OAuth: rotated }, WITH_OAUTH));
    expect(mutatingCalls()).toEqual([]);
    expect(secretsManager.calls()).toHaveLength(0);

    expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['UpdateBackendAuth']);
    expect(secretsManager.commandCalls(GetSecretValueCommand)[0].args[0].input).toEqual({ SecretId: GOOGLE_ARN, VersionStage: 'AWSPENDING' });

    givenIdleEnvironment([ours('upd-3', 'RUNNING', 'UpdateBackendAuth')]);
    expect(await isComplete(amplifyBackendAuth, poll, nextPoll(runtime))).toEqual({ IsComplete: false });
    givenIdleEnvironment([ours('upd-3', 'COMPLETED', 'UpdateBackendAuth')]);
    expect(await isComplete(amplifyBackendAuth, poll, nextPoll(runtime))).toEqual({ IsComplete: true, Data: DATA });
    expect(mutatingCalls()).toEqual(['UpdateBackendAuth']);
    expect(secretsManager.calls()).toHaveLength(2);
  });

  test('an update whose call took effect though its answer was lost is not sent again: its completed job is found', async () => {
    givenAuth(reported('users', { pool: { OAuth: REPORTED_OAUTH } }));
    givenSecrets();
    const rotated = { ...OAUTH, Google: { ...OAUTH.Google, ClientSecret: { SecretId: GOOGLE_ARN, JsonField: 'clientSecret', VersionStage: 'AWSPENDING' } } };
    givenIdleEnvironment([ours('upd-5', 'COMPLETED', 'UpdateBackendAuth')]);
    const poll = pollOf(update({ ...PROPS, OAuth: rotated }, WITH_OAUTH), ID, { startedAt: START });
    expect(await isComplete(amplifyBackendAuth, poll, nextPoll(testRuntime()))).toEqual({ IsComplete: true, Data: DATA });
    expect(mutatingCalls()).toEqual([]);
    expect(secretsManager.calls()).toHaveLength(0);
  });

  test('an update that completed before the request started does not count: the new secret is still sent', async () => {
    givenAuth(reported('users', { pool: { OAuth: REPORTED_OAUTH } }));
    givenSecrets();
    const rotated = { ...OAUTH, Google: { ...OAUTH.Google, ClientSecret: { SecretId: GOOGLE_ARN, JsonField: 'clientSecret', VersionStage: 'AWSPENDING' } } };
    givenIdleEnvironment([job('upd-0', 'COMPLETED', 'UpdateBackendAuth', { CreateTime: String(START - 60_000) })]);
    amplify.on(UpdateBackendAuthCommand).resolves({ JobId: 'upd-6' });
    const poll = pollOf(update({ ...PROPS, OAuth: rotated }, WITH_OAUTH), ID, { startedAt: START });
    expect(await isComplete(amplifyBackendAuth, poll, testRuntime())).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['UpdateBackendAuth']);
  });

  test('an UpdateBackendAuth job that FAILED fails the deployment with its error and is not sent again', async () => {
    givenAuth(reported('users', { pool: { OAuth: REPORTED_OAUTH } }));
    givenSecrets();
    givenIdleEnvironment([ours('upd-7', 'FAILED', 'UpdateBackendAuth', { Error: 'Invalid Google client' })]);
    const poll = pollOf(update({ ...PROPS, PasswordPolicy: { MinimumLength: '12', AdditionalConstraints: [] } }), ID, { startedAt: START });
    await expect(isComplete(amplifyBackendAuth, poll, nextPoll(testRuntime())))
      .rejects.toThrow('Auth "users" (app d1, environment dev): UpdateBackendAuth job upd-7 FAILED: Invalid Google client');
    expect(mutatingCalls()).toEqual([]);
  });

  test('adding OAuth is in place: the update carries the hosted UI and the providers\' secrets', async () => {
    givenAuth();
    givenSecrets();
    amplify.on(UpdateBackendAuthCommand).resolves({ JobId: 'upd-4' });
    await deployAndPoll(update(WITH_OAUTH));
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
    givenAuth();
    amplify.on(DeleteBackendAuthCommand).resolves({ JobId: 'del-1' });
    amplify.on(CreateBackendAuthCommand).resolves({ JobId: 'new-1' });

    const { started, poll, runtime, first } = await deployAndPoll(update(byUsername));
    expect(started).toEqual({ PhysicalResourceId: ID, AmplifyBackendWait: { startedAt: START } });
    expect(first).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth']);
    expect(amplify.commandCalls(DeleteBackendAuthCommand)[0].args[0].input).toEqual({ AppId: 'd1', BackendEnvironmentName: 'dev', ResourceName: 'users' });

    // The old one is gone: the new one is created.
    givenIdleEnvironment([ours('del-1', 'COMPLETED', 'DeleteBackendAuth')]);
    givenNoAuth();
    expect(await isComplete(amplifyBackendAuth, poll, nextPoll(runtime))).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth', 'CreateBackendAuth']);
    expect(amplify.commandCalls(CreateBackendAuthCommand)[0].args[0].input.ResourceConfig?.UserPoolConfigs?.SignInMethod).toBe('USERNAME');

    // The new one has the new settings: it is not taken for the old one again.
    givenIdleEnvironment([ours('del-1', 'COMPLETED', 'DeleteBackendAuth'), ours('new-1', 'COMPLETED')]);
    givenAuth(reported('users', { pool: { SignInMethod: 'USERNAME' } }));
    expect(await isComplete(amplifyBackendAuth, poll, nextPoll(runtime))).toEqual({ IsComplete: true, Data: DATA });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth', 'CreateBackendAuth']);
  });

  test.each([
    ['a setting that needs a new user pool', { ...PROPS, SignInMethod: 'USERNAME' },
      'changing SignInMethod replaces it: its user pool is removed first, which the service refuses while the environment has storage "photos"; '
      + 'keep SignInMethod as it is, or remove the storage first (its bucket is kept)'],
    ['a rename', { ...PROPS, ResourceName: 'people' },
      'renaming it to "people" removes "users" and its user pool first, which the service refuses while the environment has storage "photos"; '
      + 'keep resourceName, or remove the storage first (its bucket is kept)'],
  ])('a replacement by %s is refused before anything starts while the environment has storage', async (_what, properties, reason) => {
    givenAuth();
    amplify.on(GetBackendCommand).resolves(meta({ users: {} }, ['photos']));
    await expect(onEvent(amplifyBackendAuth, update(properties), testRuntime())).rejects.toThrow(`(app d1, environment dev): ${reason}`);
    expect(mutatingCalls()).toEqual([]);
  });

  test('the old auth found while its removal still runs is not removed again', async () => {
    givenAuth();
    givenIdleEnvironment([ours('del-1', 'RUNNING', 'DeleteBackendAuth')]);
    const poll = pollOf(update({ ...PROPS, SignInMethod: 'USERNAME' }), ID, { startedAt: START });
    expect(await isComplete(amplifyBackendAuth, poll, nextPoll(testRuntime()))).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual([]);
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

  test('removing OAuth replaces the auth; the new one, without OAuth, is not taken for the old one, nor updated after its create', async () => {
    givenAuth(reported('users', { pool: { OAuth: REPORTED_OAUTH } }));
    amplify.on(DeleteBackendAuthCommand).resolves({ JobId: 'del-4' });
    amplify.on(CreateBackendAuthCommand).resolves({ JobId: 'new-4' });
    const { poll, runtime } = await deployAndPoll(update(PROPS, WITH_OAUTH));
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth']);

    givenIdleEnvironment([ours('del-4', 'COMPLETED', 'DeleteBackendAuth')]);
    givenNoAuth();
    expect(await isComplete(amplifyBackendAuth, poll, nextPoll(runtime))).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth', 'CreateBackendAuth']);
    expect(amplify.commandCalls(CreateBackendAuthCommand)[0].args[0].input.ResourceConfig?.UserPoolConfigs?.OAuth).toBeUndefined();

    // The create sent every setting: the in-place part of the change (OAuth gone) needs no update after it.
    givenIdleEnvironment([ours('del-4', 'COMPLETED', 'DeleteBackendAuth'), ours('new-4', 'COMPLETED')]);
    givenAuth(reported('users'));
    expect(await isComplete(amplifyBackendAuth, poll, nextPoll(runtime))).toEqual({ IsComplete: true, Data: DATA });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth', 'CreateBackendAuth']);
  });

  test('a rename removes the old auth first, then creates the new one under a new physical id', async () => {
    amplify.on(GetBackendAuthCommand, { ResourceName: 'users' }).resolves(reported('users'));
    amplify.on(GetBackendAuthCommand, { ResourceName: 'people' }).rejects(notFound());
    amplify.on(GetBackendCommand).resolves(meta({ users: {} }));
    amplify.on(DeleteBackendAuthCommand).resolves({ JobId: 'del-2' });
    amplify.on(CreateBackendAuthCommand).resolves({ JobId: 'new-2' });

    const { started, poll, runtime } = await firstPoll(update({ ...PROPS, ResourceName: 'people' }));
    expect(started).toEqual({ PhysicalResourceId: 'd1/dev/people', AmplifyBackendWait: { startedAt: START } });
    expect(mutatingCalls()).toEqual([]);
    expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth']);
    expect(amplify.commandCalls(DeleteBackendAuthCommand)[0].args[0].input.ResourceName).toBe('users');

    givenIdleEnvironment([ours('del-2', 'COMPLETED', 'DeleteBackendAuth')]);
    amplify.on(GetBackendAuthCommand, { ResourceName: 'users' }).rejects(notFound());
    amplify.on(GetBackendCommand).resolves(meta());
    expect(await isComplete(amplifyBackendAuth, poll, nextPoll(runtime))).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth', 'CreateBackendAuth']);
    expect(amplify.commandCalls(CreateBackendAuthCommand)[0].args[0].input.ResourceName).toBe('people');
  });

  test('the rollback of a refused replacement finds the old auth as wanted and does nothing', async () => {
    givenAuth();
    const { poll, runtime } = await firstPoll(update(PROPS, { ...PROPS, SignInMethod: 'USERNAME' }));
    expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: DATA });
    expect(mutatingCalls()).toEqual([]);
  });

  test('the rollback of a replacement whose create ended late removes the new auth, then creates the old one again', async () => {
    // Forward EMAIL -> USERNAME removed the old auth; its create completed after the handler gave up.
    givenAuth(reported('users', { pool: { SignInMethod: 'USERNAME' } }));
    amplify.on(DeleteBackendAuthCommand).resolves({ JobId: 'del-8' });
    amplify.on(CreateBackendAuthCommand).resolves({ JobId: 'new-8' });
    const { started, poll, runtime, first } = await deployAndPoll(update(PROPS, { ...PROPS, SignInMethod: 'USERNAME' }));
    expect(started.PhysicalResourceId).toBe(ID);
    expect(first).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth']);

    givenIdleEnvironment([ours('del-8', 'COMPLETED', 'DeleteBackendAuth')]);
    givenNoAuth();
    expect(await isComplete(amplifyBackendAuth, poll, nextPoll(runtime))).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth', 'CreateBackendAuth']);
    expect(amplify.commandCalls(CreateBackendAuthCommand)[0].args[0].input.ResourceConfig?.UserPoolConfigs?.SignInMethod).toBe('EMAIL');
  });

  test('the rollback of a rename whose removal failed finds its own auth, keeps its id and removes nothing', async () => {
    // Forward users -> people failed at the removal: users is still there. CloudFormation rolls back with
    // the old properties and the old id.
    givenAuth();
    amplify.on(GetBackendAuthCommand, { ResourceName: 'people' }).rejects(notFound());
    const { started, poll, runtime } = await firstPoll(update(PROPS, { ...PROPS, ResourceName: 'people' }, ID));
    expect(started.PhysicalResourceId).toBe(ID);
    expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: DATA });
    expect(mutatingCalls()).toEqual([]);
  });

  test('the rollback of a rename whose create ended late removes the new auth first, then creates the old one, under the old id', async () => {
    // Forward users -> people removed users, then people appeared after the handler gave up.
    amplify.on(GetBackendAuthCommand, { ResourceName: 'users' }).rejects(notFound());
    amplify.on(GetBackendCommand).resolves(meta({ people: {} }));
    amplify.on(DeleteBackendAuthCommand).resolves({ JobId: 'del-9' });
    amplify.on(CreateBackendAuthCommand).resolves({ JobId: 'new-9' });
    const { started, poll, runtime, first } = await deployAndPoll(update(PROPS, { ...PROPS, ResourceName: 'people' }, ID));
    expect(started.PhysicalResourceId).toBe(ID);
    expect(first).toEqual({ IsComplete: false });
    expect(amplify.commandCalls(DeleteBackendAuthCommand).map((call) => call.args[0].input.ResourceName)).toEqual(['people']);

    givenIdleEnvironment([ours('del-9', 'COMPLETED', 'DeleteBackendAuth')]);
    amplify.on(GetBackendCommand).resolves(meta());
    expect(await isComplete(amplifyBackendAuth, poll, nextPoll(runtime))).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth', 'CreateBackendAuth']);
    expect(amplify.commandCalls(CreateBackendAuthCommand)[0].args[0].input.ResourceName).toBe('users');
  });

  test('a rename onto a name that already exists is refused before anything is removed', async () => {
    amplify.on(GetBackendAuthCommand).resolves(reported('people'));
    amplify.on(GetBackendCommand).resolves(meta({ people: {} }));
    await expect(onEvent(amplifyBackendAuth, update({ ...PROPS, ResourceName: 'people' }), testRuntime()))
      .rejects.toThrow('an auth resource named "people" already exists in the environment');
    expect(mutatingCalls()).toEqual([]);
  });

  test('moving to another environment creates there and leaves the old auth to its Delete', async () => {
    amplify.on(GetBackendAuthCommand).rejects(notFound());
    amplify.on(GetBackendCommand).resolves(meta());
    amplify.on(CreateBackendAuthCommand).resolves({ JobId: 'new-3' });
    const { started, first } = await deployAndPoll(update({ ...PROPS, EnvironmentName: 'prod' }));
    expect(started.PhysicalResourceId).toBe('d1/prod/users');
    expect(first).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['CreateBackendAuth']);
    expect(amplify.commandCalls(CreateBackendAuthCommand)[0].args[0].input.BackendEnvironmentName).toBe('prod');
  });

  test('the rollback of a move to another environment finds its own auth where the old id names it: no conflict, no call', async () => {
    givenAuth();
    const { started, poll, runtime } = await firstPoll(update(PROPS, { ...PROPS, EnvironmentName: 'prod' }, ID));
    expect(started.PhysicalResourceId).toBe(ID);
    expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: DATA });
    expect(mutatingCalls()).toEqual([]);
  });
});

describe('auth taken over (adopt)', () => {
  const ADOPTED_ID = `${ID} (adopted)`;
  const ADOPT = { ...PROPS, Adopt: 'true' };

  test('existing auth as declared is taken over: no call, the physical id says adopted, the ids are the attributes', async () => {
    givenAuth();
    const { started, poll, runtime } = await firstPoll(create(ADOPT));
    expect(started.PhysicalResourceId).toBe(ADOPTED_ID);
    expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: DATA });
    expect(mutatingCalls()).toEqual([]);
  });

  test('what differs and can change in place is updated (adopt+update): one UpdateBackendAuth, under the adopted id', async () => {
    givenAuth(reported('users', { pool: { PasswordPolicy: { MinimumLength: 12, AdditionalConstraints: ['REQUIRE_DIGIT'] } } }));
    amplify.on(UpdateBackendAuthCommand).resolves({ JobId: 'upd-1', Status: 'RUNNING' });
    const { started, poll, runtime } = await firstPoll(create(ADOPT));
    expect(started.PhysicalResourceId).toBe(ADOPTED_ID);
    expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['UpdateBackendAuth']);
    expect(amplify.commandCalls(UpdateBackendAuthCommand)[0].args[0].input.ResourceConfig?.UserPoolConfigs?.PasswordPolicy)
      .toEqual({ MinimumLength: 8, AdditionalConstraints: [] });

    givenAuth();
    givenIdleEnvironment([ours('upd-1', 'COMPLETED', 'UpdateBackendAuth')]);
    expect(await isComplete(amplifyBackendAuth, poll, nextPoll(runtime))).toEqual({ IsComplete: true, Data: DATA });
    expect(mutatingCalls()).toEqual(['UpdateBackendAuth']);
  });

  test.each([
    ['UserPoolName', { UserPoolName: 'other_userpool' }, 'UserPoolName "other_userpool" → "users_userpool"'],
    ['SignInMethod', { SignInMethod: 'USERNAME' }, 'SignInMethod "USERNAME" → "EMAIL"'],
  ])('a takeover that would replace the auth (%s differs) is refused before anything starts, naming both values', async (_name, pool, values) => {
    givenAuth(reported('users', { pool }));
    await expect(onEvent(amplifyBackendAuth, create(ADOPT), testRuntime()))
      .rejects.toThrow(`taking over auth "users" as declared would replace it (${values}; UpdateBackendAuth cannot change it), removing a user pool this stack did not make`);
    expect(mutatingCalls()).toEqual([]);
  });

  test('auth that does not exist is created as usual, under the stack\'s own id', async () => {
    givenNoAuth();
    const { started } = await firstPoll(create(ADOPT));
    expect(started.PhysicalResourceId).toBe(ID);
  });

  test('imported auth of that name is not taken over as created auth', async () => {
    amplify.on(GetBackendAuthCommand).resolves(reported('users'));
    amplify.on(GetBackendCommand).resolves(meta({ users: { imported: true } }));
    await expect(onEvent(amplifyBackendAuth, create(ADOPT), testRuntime())).rejects.toThrow('"users" is imported auth (user pool us-east-1_Pool1); use ImportedBackendAuth for it');
  });

  test('its Delete forgets it: no call, whatever the environment holds', async () => {
    givenAuth();
    const { started, poll, runtime } = await firstPoll(remove(ADOPTED_ID, ADOPT));
    expect(started.PhysicalResourceId).toBe(ADOPTED_ID);
    expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: true, Data: {} });
    expect(amplify.calls()).toHaveLength(0);
  });

  test('an in-place update keeps the adopted id', async () => {
    givenAuth();
    amplify.on(UpdateBackendAuthCommand).resolves({ JobId: 'upd-2' });
    const changed = { ...ADOPT, PasswordPolicy: { MinimumLength: '12', AdditionalConstraints: [] } };
    const { started } = await firstPoll(update(changed, ADOPT, ADOPTED_ID));
    expect(started.PhysicalResourceId).toBe(ADOPTED_ID);
  });

  test.each([
    ['a rename', { ...PROPS, Adopt: 'true', ResourceName: 'people', UserPoolName: 'people_userpool' }, 'Renaming the auth to "people" would first remove auth "users" and its user pool'],
    ['a fixed setting', { ...PROPS, Adopt: 'true', SignInMethod: 'USERNAME' }, 'Changing SignInMethod, which replaces the auth, would first remove auth "users" and its user pool'],
  ])('%s of auth taken over is refused before anything starts: the stack never removes it', async (_name, props, reason) => {
    givenAuth();
    await expect(onEvent(amplifyBackendAuth, update(props, ADOPT, ADOPTED_ID), testRuntime()))
      .rejects.toThrow(`${reason}, which this stack took over (adopt) and never removes`);
    expect(mutatingCalls()).toEqual([]);
  });
});

describe('auth Delete', () => {
  test('Delete removes the auth resource at the first poll and completes when it is gone, reading only what the environment lists', async () => {
    amplify.on(GetBackendCommand).resolves(meta({ users: {} }));
    amplify.on(DeleteBackendAuthCommand).resolves({ JobId: 'del-3' });

    const { started, poll, runtime } = await firstPoll(remove());
    expect(started).toEqual({ PhysicalResourceId: ID, AmplifyBackendWait: { startedAt: START } });
    expect(mutatingCalls()).toEqual([]);
    expect(await isComplete(amplifyBackendAuth, poll, runtime)).toEqual({ IsComplete: false });
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth']);
    expect(amplify.commandCalls(DeleteBackendAuthCommand)[0].args[0].input).toEqual({ AppId: 'd1', BackendEnvironmentName: 'dev', ResourceName: 'users' });

    givenIdleEnvironment([ours('del-3', 'COMPLETED', 'DeleteBackendAuth')]);
    amplify.on(GetBackendCommand).resolves(meta());
    expect(await isComplete(amplifyBackendAuth, poll, nextPoll(runtime))).toEqual({ IsComplete: true, Data: {} });
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

  test('a Delete refused while storage depends on the auth fails the first poll with the service text, nothing started', async () => {
    givenAuth();
    amplify.on(DeleteBackendAuthCommand).rejects(serviceError('BadRequestException', 400, 'Storage resource photos depends on auth resource users: remove the storage first.'));
    const { poll, runtime } = await firstPoll(remove());
    expect(mutatingCalls()).toEqual([]);
    await expect(isComplete(amplifyBackendAuth, poll, runtime))
      .rejects.toThrow('Auth "users" (app d1, environment dev): BadRequestException: Storage resource photos depends on auth resource users');
    // The one call was refused: no job was started.
    expect(mutatingCalls()).toEqual(['DeleteBackendAuth']);
  });

  test('a DeleteBackendAuth job that FAILED since the Delete started fails it with the job error', async () => {
    givenAuth();
    givenIdleEnvironment([ours('del-5', 'FAILED', 'DeleteBackendAuth', { Error: 'Storage depends on this auth' })]);
    await expect(isComplete(amplifyBackendAuth, pollOf(remove(), ID, { startedAt: START }), nextPoll(testRuntime())))
      .rejects.toThrow('Auth "users" (app d1, environment dev): DeleteBackendAuth job del-5 FAILED: Storage depends on this auth');
    expect(mutatingCalls()).toEqual([]);
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
    const { poll, runtime, first } = await deployAndPoll(create(WITH_OAUTH));
    expect(first).toEqual({ IsComplete: false });
    expect(secretsManager.calls()).toHaveLength(2);
    givenIdleEnvironment([ours('job-1', 'COMPLETED')]);
    givenAuth(reported('users', { pool: { OAuth: REPORTED_OAUTH } }));
    await isComplete(amplifyBackendAuth, poll, nextPoll(runtime));

    const lines = log.mock.calls.map((call) => String(call[0]));
    expect(lines.map((line) => JSON.parse(line).decision)).toEqual(['wait', 'wait', 'done']);
    expect(JSON.parse(lines[1])).toMatchObject({ phase: 'isComplete', reason: 'started CreateBackendAuth', jobId: 'job-1' });
    for (const secret of [GOOGLE_SECRET, 'apple-key-9c2e']) expect(lines.join('\n')).not.toContain(secret);
  });
});
