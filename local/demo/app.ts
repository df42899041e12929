import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AmplifyBackend, StoragePermission } from '../../src';

/** The demo's Amplify app, its seeded ("console-created") environment and its existing bucket. */
export const DEMO = {
  appId: 'd1demo2app3',
  appName: 'photo-share',
  newEnvironment: 'staging',
  consoleEnvironment: 'dev',
  existingBucket: 'team-files-123456789012',
} as const;

/** The versions of the example app the demo deploys one after another. */
export interface DemoVersion {
  /** Storage resource name: renaming it replaces the storage. */
  readonly resourceName: string;
  readonly authenticated: StoragePermission[];
  readonly guests: StoragePermission[];
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

/**
 * The example app: a new backend environment with storage for signed-in users and guests, and the
 * environment the console created with the app, with an existing bucket linked to it.
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
  dev.importStorage('TeamFiles', { bucketName: DEMO.existingBucket });
  return app;
}
