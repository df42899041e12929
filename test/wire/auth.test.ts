import { RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { callsWhilePending, effectiveCalls, localDeployment, synth } from './harness';
import { EmulatorSnapshot, secretFingerprint } from '../../local/emulator';
import { StackArtifact, StackResult } from '../../local/runner';
import { AmplifyBackend, SignInMethod, StoragePermission } from '../../src';

jest.setTimeout(30_000);

const GOOGLE_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:photo-share/google-AbCdEf';
const APPLE_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:photo-share/apple-key';
/** Values that must reach the service and nothing else. */
const GOOGLE_SECRET = 'GOCSPX-known-google-secret-4d1f';
const APPLE_KEY = '-----BEGIN PRIVATE KEY-----\nMIGTAgEAknownapplekey8e2c\n-----END PRIVATE KEY-----';
const SECRETS = { [GOOGLE_ARN]: JSON.stringify({ clientId: 'not-read', clientSecret: GOOGLE_SECRET }), [APPLE_ARN]: APPLE_KEY };
const KNOWN_VALUES = [GOOGLE_SECRET, 'known-google-secret', 'knownapplekey8e2c'];

/** The console created d1/dev with the app, and a user pool and bucket exist in the account. */
const EMULATOR = {
  requireAuthForStorage: true,
  environments: [{ appId: 'd1', backendEnvironmentName: 'dev' }],
  buckets: ['team-files'],
};

interface Version {
  readonly minLength: number;
  readonly signInMethod: SignInMethod;
}

/**
 * A new environment with auth (Google and Apple sign-in, guests allowed) and guest-readable storage, and
 * the console's environment with an existing user pool and bucket linked to it: one deployment.
 */
const app = (version: Version): StackArtifact => synth((cdkApp) => {
  const stack = new Stack(cdkApp, 'Photos');
  const staging = new AmplifyBackend(stack, 'Staging', { appId: 'd1', appName: 'photo-share', environmentName: 'staging', removalPolicy: RemovalPolicy.DESTROY });
  staging.addAuth('Users', {
    resourceName: 'photousers',
    signInMethod: version.signInMethod,
    passwordPolicy: { minLength: version.minLength },
    allowUnauthenticatedIdentities: true,
    oAuth: {
      domainPrefix: 'photo-share',
      callbackUrls: ['https://photos.example.com/'],
      logoutUrls: ['https://photos.example.com/'],
      google: { clientId: 'google-client', clientSecretValue: SecretValue.secretsManager(GOOGLE_ARN, { jsonField: 'clientSecret' }) },
      apple: { clientId: 'com.example.photos', teamId: 'TEAM123456', keyId: 'KEY1234567', privateKeyValue: SecretValue.secretsManager(APPLE_ARN) },
    },
    removalPolicy: RemovalPolicy.DESTROY,
  });
  staging.addStorage('Photos', {
    resourceName: 'photos',
    permissions: { authenticated: [StoragePermission.READ, StoragePermission.CREATE_AND_UPDATE], unauthenticated: [StoragePermission.READ] },
  });

  const dev = AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' });
  dev.importAuth('Users', {
    userPool: cognito.UserPool.fromUserPoolId(stack, 'TeamPool', 'us-east-1_TeamPool1'),
    webClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'TeamWeb', 'teamwebclient'),
    nativeClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'TeamNative', 'teamnativeclient'),
    identityPoolId: 'us-east-1:0123abcd-0123-4567-89ab-0123456789ab',
  });
  dev.importStorage('Files', { bucketName: 'team-files' });
});

const environment = (snapshot: EmulatorSnapshot, name: string) => snapshot.environments.find((env) => env.backendEnvironmentName === name);
const status = (result: StackResult) => [result.status, ...result.failures.map((failure) => `${failure.logicalId}: ${failure.reason}`)].join(' | ');

describe('auth on the emulator, through the shipped bundle, with storage needing it', () => {
  test('one deployment creates an environment with auth and guest storage, and links existing Cognito and S3 resources; '
    + 'updates in place; destroys, unlinking what it imported; no secret value anywhere but at the service', async () => {
    const local = await localDeployment({ emulator: EMULATOR, secrets: SECRETS });
    const seen: string[] = [];
    try {
      const v1 = app({ minLength: 8, signInMethod: SignInMethod.EMAIL });
      seen.push(JSON.stringify(v1.template));
      const created = await local.deploy(v1);
      expect(status(created)).toBe('CREATE_COMPLETE');
      seen.push(JSON.stringify([...created.state.resources.values()].map((resource) => resource.attributes)));

      const afterCreate = local.emulator.inspect();
      const auth = environment(afterCreate, 'staging')?.auth;
      expect(auth).toMatchObject({
        resourceName: 'photousers',
        imported: false,
        resourceConfig: {
          authResources: 'IDENTITY_POOL_AND_USER_POOL',
          identityPoolConfigs: { unauthenticatedLogin: true },
          userPoolConfigs: { signInMethod: 'EMAIL', passwordPolicy: { minimumLength: 8 } },
        },
      });
      // The service got the secrets, in the snake-case keys of the wire (the emulator keeps their fingerprints):
      // what the grep below must not find anywhere else.
      expect((auth?.resourceConfig.userPoolConfigs as any).oAuth.socialProviderSettings).toEqual({
        Google: { client_id: 'google-client', client_secret: secretFingerprint(GOOGLE_SECRET) },
        SignInWithApple: { client_id: 'com.example.photos', key_id: 'KEY1234567', private_key: secretFingerprint(APPLE_KEY), team_id: 'TEAM123456' },
      });
      expect(local.secretsManager.requests()).toEqual(expect.arrayContaining([GOOGLE_ARN, APPLE_ARN]));
      expect(environment(afterCreate, 'staging')?.storage).toMatchObject({ resourceName: 'photos', permissions: { unAuthenticated: ['READ'] } });
      expect(environment(afterCreate, 'dev')).toMatchObject({
        auth: { imported: true, outputs: { UserPoolId: 'us-east-1_TeamPool1' } },
        storage: { imported: true, bucketName: 'team-files' },
      });
      // The attributes are the ids the environment reports.
      const stagingAuth = [...created.state.resources.values()].find((resource) => resource.type === 'Custom::AmplifyBackendAuth');
      expect(stagingAuth?.attributes).toEqual({
        ResourceName: 'photousers',
        UserPoolId: auth?.outputs.UserPoolId,
        WebClientId: auth?.outputs.AppClientIDWeb,
        NativeClientId: auth?.outputs.AppClientID,
        IdentityPoolId: auth?.outputs.IdentityPoolId,
      });

      // A longer minimum password length: the same user pool, updated in place.
      const v2 = app({ minLength: 12, signInMethod: SignInMethod.EMAIL });
      const updated = await local.deploy(v2);
      expect(status(updated)).toBe('UPDATE_COMPLETE');
      seen.push(JSON.stringify(v2.template), JSON.stringify([...updated.state.resources.values()].map((resource) => resource.attributes)));
      const afterUpdate = environment(local.emulator.inspect(), 'staging')?.auth;
      expect(afterUpdate?.outputs.UserPoolId).toBe(auth?.outputs.UserPoolId);
      expect(afterUpdate?.resourceConfig.userPoolConfigs).toMatchObject({ passwordPolicy: { minimumLength: 12 } });

      // Another sign-in method needs a new user pool, which the service refuses while storage depends on the auth: the handler
      // refuses it before anything starts, and the stack rolls back intact.
      const refused = await local.deploy(app({ minLength: 12, signInMethod: SignInMethod.USERNAME }));
      expect(refused.status).toBe('UPDATE_ROLLBACK_COMPLETE');
      expect(refused.failures[0].reason).toMatch(/^Auth "photousers" \(app d1, environment staging\): changing SignInMethod replaces it: its user pool is removed first, which the service refuses while the environment has storage "photos"/);
      expect(local.emulator.requests().filter((request) => request.operation === 'DeleteBackendAuth')).toEqual([]);
      seen.push(...refused.failures.map((failure) => failure.reason ?? ''));
      expect(environment(local.emulator.inspect(), 'staging')?.auth?.outputs.UserPoolId).toBe(auth?.outputs.UserPoolId);

      const destroyed = await local.destroy('Photos');
      expect(status(destroyed)).toBe('DELETE_COMPLETE');
      const afterDestroy = local.emulator.inspect();
      expect(environment(afterDestroy, 'staging')).toBeUndefined();
      expect(environment(afterDestroy, 'dev')).toEqual(expect.objectContaining({ backendEnvironmentName: 'dev' }));
      expect(environment(afterDestroy, 'dev')?.auth).toBeUndefined();
      expect(environment(afterDestroy, 'dev')?.storage).toBeUndefined();
      expect(callsWhilePending(local.emulator.requests())).toEqual([]);

      seen.push(...local.logs.map((log) => log.line));
      expect(local.logs.length).toBeGreaterThan(10);
      for (const text of seen) for (const value of KNOWN_VALUES) expect(text).not.toContain(value);
    } finally {
      await local.close();
    }
  });

  test.each([[5, {}], [19, { AWS_MAX_ATTEMPTS: '1' }]])(
    'with 429s, 504s before and after the effect and console jobs (seed %i), each auth is created or imported once, and no secret leaks',
    async (seed, handlerEnvironment) => {
      const probabilities = { throttle: 0.05, timeoutBeforeEffect: 0.05, timeoutAfterEffect: 0.15, externalJob: 0.1 };
      const local = await localDeployment({
        emulator: { ...EMULATOR, randomFaults: { seed, probabilities, throttleBurst: 2, externalJobDurationMs: 150 } },
        secrets: SECRETS,
        environment: handlerEnvironment,
      });
      try {
        const created = await local.deploy(app({ minLength: 8, signInMethod: SignInMethod.EMAIL }));
        expect(status(created)).toBe('CREATE_COMPLETE');
        expect(status(await local.destroy('Photos'))).toBe('DELETE_COMPLETE');
        const requests = local.emulator.requests();
        expect(callsWhilePending(requests)).toEqual([]);
        for (const operation of ['CreateBackendAuth', 'ImportBackendAuth']) {
          expect([...effectiveCalls(requests, operation)].map(([target, count]) => `${operation} ${target} ×${count}`)).toEqual([`${operation} ${
            operation === 'CreateBackendAuth' ? 'd1/staging/photousers' : 'd1/dev/'} ×1`]);
        }
        const faults = local.emulator.faultCounts();
        expect(faults.throttle + faults.timeoutBeforeEffect + faults.timeoutAfterEffect + faults.externalJob).toBeGreaterThan(3);
        const visible = [...local.logs.map((log) => log.line), ...created.failures.map((failure) => failure.reason ?? '')].join('\n');
        for (const value of KNOWN_VALUES) expect(visible).not.toContain(value);
      } finally {
        await local.close();
      }
    },
  );

  test('a secret that is not in Secrets Manager fails the deployment naming the secret, and it rolls back clean', async () => {
    const local = await localDeployment({ emulator: EMULATOR, secrets: { [APPLE_ARN]: APPLE_KEY } });
    try {
      const result = await local.deploy(app({ minLength: 8, signInMethod: SignInMethod.EMAIL }));
      expect(result.status).toBe('ROLLBACK_COMPLETE');
      const reasons = result.failures.map((failure) => failure.reason).join('\n');
      expect(reasons).toContain(`could not read the Google client secret from Secrets Manager secret ${GOOGLE_ARN} (field "clientSecret")`);
      const after = local.emulator.inspect();
      expect(environment(after, 'staging')).toBeUndefined();
      expect(environment(after, 'dev')?.auth).toBeUndefined();
    } finally {
      await local.close();
    }
  });
});
