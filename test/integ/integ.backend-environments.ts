/**
 * The example setup as an integ-runner test: an Amplify app, a new backend environment with auth and
 * storage, and a second environment with a user pool and a bucket from the same stack linked to it. `npm test` verifies the
 * committed snapshot offline; `npx integ-runner --update-on-failed --force` deploys it to a real account.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack, aws_amplify as amplify, aws_cognito as cognito, aws_s3 as s3 } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AmplifyBackend, SignInMethod, StoragePermission } from '../../src';

// No stack traces in the metadata: they hold the absolute paths of the machine that synthesized it.
const app = new App({ stackTraces: false, context: { [cxapi.DISABLE_CREATION_STACK_TRACES]: true } });
const stack = new Stack(app, 'AmplifyBackendEnvironments');

const amplifyApp = new amplify.CfnApp(stack, 'App', { name: 'cdk-amplify-backend-integ' });

const staging = new AmplifyBackend(stack, 'Staging', {
  appId: amplifyApp.attrAppId,
  appName: amplifyApp.name,
  environmentName: 'staging',
  removalPolicy: RemovalPolicy.DESTROY,
});
staging.addAuth('Users', {
  resourceName: 'integusers',
  signInMethod: SignInMethod.EMAIL,
  allowUnauthenticatedIdentities: true,
  removalPolicy: RemovalPolicy.DESTROY,
});
const photos = staging.addStorage('Photos', {
  resourceName: 'photos',
  permissions: {
    authenticated: [StoragePermission.READ, StoragePermission.CREATE_AND_UPDATE, StoragePermission.DELETE],
    unauthenticated: [StoragePermission.READ],
  },
});

const teamFiles = new s3.Bucket(stack, 'TeamFiles', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
const dev = new AmplifyBackend(stack, 'Dev', {
  appId: amplifyApp.attrAppId,
  appName: amplifyApp.name,
  environmentName: 'dev',
  removalPolicy: RemovalPolicy.DESTROY,
});
const teamPool = new cognito.UserPool(stack, 'TeamPool', { removalPolicy: RemovalPolicy.DESTROY });
dev.importAuth('TeamUsers', {
  userPool: teamPool,
  webClient: teamPool.addClient('Web'),
  nativeClient: teamPool.addClient('Native', { generateSecret: true }),
});
dev.importStorage('TeamFiles', { bucket: teamFiles });

const integ = new IntegTest(app, 'BackendEnvironments', { testCases: [stack] });

// After deployment the service reports the storage with the permissions the stack declared.
integ.assertions.awsApiCall('AmplifyBackend', 'GetBackendStorage', {
  AppId: amplifyApp.attrAppId,
  BackendEnvironmentName: 'staging',
  ResourceName: photos.resourceName,
}).expect(ExpectedResult.objectLike({
  ResourceConfig: {
    Permissions: { Authenticated: ['READ', 'CREATE_AND_UPDATE', 'DELETE'], UnAuthenticated: ['READ'] },
  },
}));
