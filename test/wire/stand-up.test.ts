import { CfnOutput, CfnParameter, Fn, RemovalPolicy, Stack, App } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { freshOutdir, localDeployment, synth } from './harness';
import { readAssembly } from '../../local/runner';
import { AmplifyBackend, StoragePermission } from '../../src';

jest.setTimeout(30_000);

const DEV = { environments: [{ appId: 'd1', backendEnvironmentName: 'dev', auth: {} }] };

describe('every resource of a stack is stood up as CloudFormation would', () => {
  test('a bucket the stack creates exists in the emulated account, so storage links it; destroy unlinks it, then deletes the bucket', async () => {
    const stack = synth((app) => {
      const scope = new Stack(app, 'Own');
      const mine = new s3.Bucket(scope, 'Mine', { removalPolicy: RemovalPolicy.DESTROY });
      AmplifyBackend.fromEnvironmentAttributes(scope, 'Dev', { appId: 'd1', environmentName: 'dev' }).importStorage('Files', { bucket: mine });
      new CfnOutput(scope, 'Bucket', { value: mine.bucketName });
    });
    const local = await localDeployment({ emulator: DEV });
    try {
      const created = await local.deploy(stack);
      expect(created.status).toBe('CREATE_COMPLETE');
      // Named as CloudFormation names it: stack, logical id, a suffix; lowercase, as S3 needs.
      const bucket = local.outputs('Own').Bucket;
      expect(bucket).toMatch(/^own-mine[0-9a-f]{8}-[a-z0-9]{13}$/);
      const account = () => local.emulator.inspect().buckets.map((b) => b.name);
      expect(account()).toContain(bucket);
      expect(local.emulator.inspect().environments[0].storage).toMatchObject({ bucketName: bucket, imported: true });

      // The name lasts: a second deployment of the same stack changes nothing.
      expect((await local.deploy(stack)).failures).toEqual([]);
      expect(local.outputs('Own').Bucket).toBe(bucket);

      expect((await local.destroy('Own')).status).toBe('DELETE_COMPLETE');
      expect(local.emulator.inspect().environments[0].storage).toBeUndefined();
      expect(account()).not.toContain(bucket);
    } finally {
      await local.close();
    }
  });

  test('a retained bucket stays in the account after destroy; one whose name is taken fails the create, saying so', async () => {
    const stack = synth((app) => {
      new s3.Bucket(new Stack(app, 'Kept'), 'Kept', { bucketName: 'kept-files' });
    });
    const local = await localDeployment({ emulator: { buckets: [] } });
    try {
      expect((await local.deploy(stack)).status).toBe('CREATE_COMPLETE');
      const destroyed = await local.destroy('Kept');
      expect(destroyed.status).toBe('DELETE_COMPLETE');
      expect(local.emulator.inspect().buckets.map((b) => b.name)).toEqual(['kept-files']);

      const again = await local.deploy(stack);
      expect(again.status).toBe('ROLLBACK_COMPLETE');
      expect(again.failures.map((failure) => failure.reason)).toEqual(['kept-files already exists (BucketAlreadyOwnedByYou: the account has a bucket of that name)']);
    } finally {
      await local.close();
    }
  });

  test('RetainExceptOnCreate (RETAIN_ON_UPDATE_OR_DELETE) deletes what a rolled back create made, and keeps it on destroy', async () => {
    const stack = (failing: boolean) => synth((app) => {
      const scope = new Stack(app, 'Kept');
      new s3.Bucket(scope, 'Kept', { bucketName: 'kept-on-delete', removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE });
      if (failing) AmplifyBackend.fromEnvironmentAttributes(scope, 'Dev', { appId: 'd1', environmentName: 'dev' }).importStorage('Gone', { bucketName: 'not-there' });
    });
    const local = await localDeployment({ emulator: DEV });
    const buckets = () => local.emulator.inspect().buckets.map((b) => b.name);
    try {
      expect((await local.deploy(stack(true))).status).toBe('ROLLBACK_COMPLETE');
      expect(buckets()).not.toContain('kept-on-delete');
      expect((await local.deploy(stack(false))).status).toBe('CREATE_COMPLETE');
      expect((await local.destroy('Kept')).status).toBe('DELETE_COMPLETE');
      expect(buckets()).toContain('kept-on-delete');
    } finally {
      await local.close();
    }
  });

  test('parameters take their defaults, then the values given, which later deployments keep; one without a value is refused before anything starts', async () => {
    const stack = (withRequired: boolean) => synth((app) => {
      const scope = new Stack(app, 'Params');
      const env = new CfnParameter(scope, 'EnvName', { default: 'dev' });
      if (withRequired) new CfnParameter(scope, 'Required');
      const backend = AmplifyBackend.fromEnvironmentAttributes(scope, 'Env', { appId: 'd1', environmentName: env.valueAsString });
      backend.addStorage('Photos', { resourceName: 'photos', permissions: { authenticated: [StoragePermission.READ] } });
      new CfnOutput(scope, 'Environment', { value: env.valueAsString });
    });
    const local = await localDeployment({ emulator: { environments: [...DEV.environments, { appId: 'd1', backendEnvironmentName: 'prod', auth: {} }] } });
    try {
      expect((await local.deploy(stack(false))).status).toBe('CREATE_COMPLETE');
      expect(local.outputs('Params').Environment).toBe('dev');
      expect(local.emulator.inspect().environments.find((env) => env.backendEnvironmentName === 'dev')?.storage?.resourceName).toBe('photos');

      expect((await local.deploy(stack(false), { parameters: { EnvName: 'prod' } })).status).toBe('UPDATE_COMPLETE');
      expect(local.outputs('Params').Environment).toBe('prod');
      expect((await local.deploy(stack(false))).failures).toEqual([]);
      // BootstrapVersion names an SSM parameter; nothing uses its value here, so nothing fails on it.
      expect(local.stack('Params')!.parameters).toEqual({ EnvName: 'prod', BootstrapVersion: '/cdk-bootstrap/hnb659fds/version' });

      await expect(local.deploy(stack(true))).rejects.toThrow('Stack Params: parameter Required has no default and no value; give one with --parameters Params:Required=<value>.');
      await expect(local.deploy(stack(false), { parameters: { Nope: 'x' } })).rejects.toThrow('Stack Params has no parameter Nope; its parameters: EnvName, BootstrapVersion.');
    } finally {
      await local.close();
    }
  });

  test('Fn::ImportValue and Fn::GetStackOutput read the outputs of stacks deployed before', async () => {
    const app = new App({ outdir: freshOutdir(), context: { '@aws-cdk/core:defaultCrossStackReferences': 'weak' } });
    const producer = new Stack(app, 'Producer', { env: { account: '123456789012', region: 'us-east-1' } });
    const backend = new AmplifyBackend(producer, 'Env', { appId: 'd1', appName: 'photos', environmentName: 'staging', removalPolicy: RemovalPolicy.DESTROY });
    const auth = backend.addAuth('Users', { resourceName: 'users', removalPolicy: RemovalPolicy.DESTROY });
    new CfnOutput(producer, 'PoolExport', { value: auth.userPoolId, exportName: 'photos-pool' });
    const consumer = new Stack(app, 'Consumer', { env: { account: '123456789012', region: 'us-east-1' } });
    new CfnOutput(consumer, 'Imported', { value: Fn.importValue('photos-pool') });
    new CfnOutput(consumer, 'Referenced', { value: auth.userPoolId });
    const [first, second] = readAssembly(app.synth().directory);
    expect(JSON.stringify(second.template.Outputs)).toContain('Fn::GetStackOutput');

    const local = await localDeployment();
    try {
      expect((await local.deploy(first)).status).toBe('CREATE_COMPLETE');
      expect((await local.deploy(second)).status).toBe('CREATE_COMPLETE');
      const pool = local.emulator.inspect().environments[0].auth!.outputs.UserPoolId;
      expect(local.outputs('Consumer')).toEqual({ Imported: pool, Referenced: pool });
    } finally {
      await local.close();
    }
  });

  test('a secret the stack creates is in the local Secrets Manager: auth reads its client secret there, with nothing given', async () => {
    const stack = synth((app) => {
      const scope = new Stack(app, 'Social');
      const google = new secretsmanager.Secret(scope, 'Google', { generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'clientSecret' } });
      AmplifyBackend.fromEnvironmentAttributes(scope, 'Dev', { appId: 'd1', environmentName: 'prod' }).addAuth('Users', {
        resourceName: 'users',
        removalPolicy: RemovalPolicy.DESTROY,
        oAuth: {
          domainPrefix: 'photos',
          callbackUrls: ['https://example.com/'],
          logoutUrls: ['https://example.com/'],
          google: { clientId: 'google-client', clientSecretValue: google.secretValueFromJson('clientSecret') },
        },
      });
    });
    const local = await localDeployment({ emulator: { environments: [{ appId: 'd1', backendEnvironmentName: 'prod' }] } });
    try {
      const result = await local.deploy(stack);
      expect(result.failures).toEqual([]);
      expect(result.status).toBe('CREATE_COMPLETE');
      const secret = [...result.state.resources.values()].find((resource) => resource.type === 'AWS::SecretsManager::Secret')!;
      expect(secret.physicalResourceId).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:Google[0-9A-F]{8}-[A-Z0-9]{13}-[A-Z0-9]{6}$/);
      expect(local.secretsManager.requests()).toEqual([secret.physicalResourceId]);
      expect((await local.destroy('Social')).status).toBe('DELETE_COMPLETE');
    } finally {
      await local.close();
    }
  });
});
