import { App, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AmplifyBackend, StoragePermission } from '../../src';

/**
 * The demo's Amplify app, its seeded ("console-created") environment, the user pool and bucket that
 * already exist in the account, and the Google client secret kept in Secrets Manager.
 */
export const DEMO = {
  appId: 'd1demo2app3',
  appName: 'photo-share',
  newEnvironment: 'staging',
  consoleEnvironment: 'dev',
  existingBucket: 'team-files-123456789012',
  existingUserPool: { userPoolId: 'us-east-1_TeamPool1', webClientId: 'teamweb1a2b3c4d5e6f7g8h9i0j', nativeClientId: 'teamnative1a2b3c4d5e6f7g8h9' },
  existingIdentityPool: 'us-east-1:0123abcd-0123-4567-89ab-0123456789ab',
  googleClientSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:photo-share/google-AbCdEf',
} as const;

/** The versions of the example app the demo deploys one after another. */
export interface DemoVersion {
  /** Storage resource name: renaming it replaces the storage. */
  readonly resourceName: string;
  readonly authenticated: StoragePermission[];
  readonly guests: StoragePermission[];
  /** Sign in with Google too: the client secret is read from Secrets Manager at deploy time. */
  readonly signInWithGoogle?: boolean;
}

export const INITIAL: DemoVersion = {
  resourceName: 'photos',
  authenticated: [StoragePermission.READ, StoragePermission.CREATE_AND_UPDATE],
  guests: [StoragePermission.READ],
};
export const PERMISSIONS_CHANGED: DemoVersion = {
  ...INITIAL,
  authenticated: [StoragePermission.READ, StoragePermission.CREATE_AND_UPDATE, StoragePermission.DELETE],
};
export const RENAMED: DemoVersion = { ...PERMISSIONS_CHANGED, resourceName: 'media' };
export const WITH_GOOGLE: DemoVersion = { ...RENAMED, signInWithGoogle: true };

/**
 * The example app: a new backend environment with auth (its identity pool lets guests in) and storage
 * for signed-in users and guests, and the environment the console created with the app, with an
 * existing user pool and an existing bucket linked to it.
 */
export function demoApp(outdir: string, version: DemoVersion): App {
  // Path metadata names the constructs in the demo's report, as `cdk synth` would.
  const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
  const stack = new Stack(app, 'AmplifyDemo', { env: { account: '123456789012', region: 'us-east-1' } });

  const staging = new AmplifyBackend(stack, 'Staging', {
    appId: DEMO.appId,
    appName: DEMO.appName,
    environmentName: DEMO.newEnvironment,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  staging.addAuth('Users', {
    resourceName: 'photoshare',
    allowUnauthenticatedIdentities: true,
    oAuth: version.signInWithGoogle ? {
      domainPrefix: 'photo-share-demo',
      callbackUrls: ['https://photos.example.com/'],
      logoutUrls: ['https://photos.example.com/'],
      google: {
        clientId: 'photo-share.apps.googleusercontent.com',
        clientSecretValue: SecretValue.secretsManager(DEMO.googleClientSecretArn, { jsonField: 'clientSecret' }),
      },
    } : undefined,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  staging.addStorage('Photos', {
    resourceName: version.resourceName,
    bucketName: 'photos',
    permissions: { authenticated: version.authenticated, unauthenticated: version.guests },
  });

  // Adopted: it existed before the stack, so the stack never removes it.
  const dev = new AmplifyBackend(stack, 'Dev', {
    appId: DEMO.appId,
    appName: DEMO.appName,
    environmentName: DEMO.consoleEnvironment,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  dev.importAuth('TeamUsers', {
    userPool: cognito.UserPool.fromUserPoolId(stack, 'TeamPool', DEMO.existingUserPool.userPoolId),
    webClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'TeamWebClient', DEMO.existingUserPool.webClientId),
    nativeClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'TeamNativeClient', DEMO.existingUserPool.nativeClientId),
    identityPoolId: DEMO.existingIdentityPool,
  });
  dev.importStorage('TeamFiles', { bucketName: DEMO.existingBucket });
  return app;
}
