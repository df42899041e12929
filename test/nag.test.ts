import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { AmplifyBackend, AmplifyBackendProvider, StoragePermission } from '../src';
import { demoApp, RENAMED } from '../tools/demo/app';

/** Findings the AwsSolutions pack reports that nobody acknowledged, as `rule at path`. */
function unacknowledged(app: App): string[] {
  const report = new AwsSolutionsChecks(app).validateScope(app);
  return report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));
}

/** Every acknowledgement recorded in the tree: where, which rule, why. */
function acknowledgements(root: IConstruct): Array<{ path: string; id: string; reason: string; kind: string }> {
  return root.node.findAll().flatMap((c) => c.node.metadata
    .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((entry) => Object.entries(entry.data as Record<string, string>)
      .map(([id, reason]) => ({ path: c.node.path, id: id.replace(/^annotation::/i, ''), reason, kind: c.constructor.name }))));
}

/**
 * Every construct in one stack: created and referenced environments, auth with social providers whose secrets
 * the handler reads, imported auth, storage, imported storage, a VPC provider with a boundary.
 */
function everyConstruct(): App {
  const app = new App();
  const stack = new Stack(app, 'Everything', { env: { account: '123456789012', region: 'us-east-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, restrictDefaultSecurityGroup: false });
  const boundary = iam.ManagedPolicy.fromManagedPolicyName(stack, 'Boundary', 'amplify-boundary');
  const provider = new AmplifyBackendProvider(stack, 'VpcProvider', { vpc, permissionsBoundary: boundary });
  const staging = new AmplifyBackend(stack, 'Staging', { appId: 'd1', appName: 'app', environmentName: 'staging' });
  staging.addAuth('Users', {
    resourceName: 'users',
    oAuth: {
      callbackUrls: ['https://example.com/'],
      logoutUrls: ['https://example.com/'],
      google: { clientId: 'google-client', clientSecretValue: SecretValue.secretsManager('social/google', { jsonField: 'clientSecret' }) },
      apple: {
        clientId: 'com.example.app',
        teamId: 'TEAM123456',
        keyId: 'KEY1234567',
        privateKeyValue: SecretValue.secretsManager('arn:aws:secretsmanager:us-east-1:123456789012:secret:apple-AbCdEf'),
      },
    },
  });
  staging.addStorage('Photos', { resourceName: 'photos', permissions: { authenticated: [StoragePermission.READ] } });
  const dev = AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd2', environmentName: 'dev' });
  dev.importAuth('Users', {
    userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEfGhI'),
    webClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Web', 'webclient1'),
    nativeClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Native', 'nativeclient1'),
    provider,
  });
  dev.importStorage('Files', { bucket: s3.Bucket.fromBucketName(stack, 'TeamFiles', 'team-files'), provider });
  // The VPC is the user's: its own findings are not this library's.
  Validations.of(vpc).acknowledge({ id: 'AwsSolutions-VPC7', reason: 'test VPC without flow logs' });
  return app;
}

describe('cdk-nag AwsSolutions', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('the full example stack has no unacknowledged finding', () => {
    expect(unacknowledged(demoApp(outdir, RENAMED))).toEqual([]);
  });

  test('a stack with every construct and a VPC provider with a boundary has no unacknowledged finding', () => {
    expect(unacknowledged(everyConstruct())).toEqual([]);
  });

  test('every acknowledgement names one finding of one rule, on one resource the library made, with a reason', () => {
    const app = everyConstruct();
    // aws-cdk-lib records its own acknowledgements (e.g. for literal AZs) and the VPC is the test's: neither is the library's.
    const mine = acknowledgements(app).filter((a) => a.id.startsWith('AwsSolutions-') && !a.path.startsWith('Everything/Vpc'));
    expect(mine.length).toBeGreaterThan(0);
    for (const ack of mine) {
      expect(ack.path).toMatch(/\/(VpcProvider|AmplifyBackendProvider)\//);
      expect(['Stack', 'App', 'AmplifyBackendProvider']).not.toContain(ack.kind);
      // A finding id (`Rule[Finding]`), or a rule that has no findings (the waiter's logging and tracing) on the waiter itself.
      if (!/^AwsSolutions-[A-Z0-9]+\[.+\]$/.test(ack.id)) {
        expect(['AwsSolutions-SF1', 'AwsSolutions-SF2']).toContain(ack.id);
        expect(ack.path).toMatch(/\/waiter-state-machine\/Resource$/);
      }
      expect(ack.reason.length).toBeGreaterThan(40);
    }
  });

  test('acknowledgements hide nothing else: a new wildcard on the same roles is still reported', () => {
    const app = new App();
    const stack = new Stack(app, 'Extra', { env: { account: '123456789012', region: 'us-east-1' } });
    const provider = AmplifyBackendProvider.defaultFor(stack);
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' })
      .addStorage('Photos', { resourceName: 'photos', permissions: { authenticated: [StoragePermission.READ] } });
    provider.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::some-bucket/*'] }));
    expect(unacknowledged(app)).toEqual([
      'AwsSolutions-IAM5[Action::s3:*] at Extra/AmplifyBackendProvider/HandlerRole/DefaultPolicy/Resource',
      'AwsSolutions-IAM5[Resource::arn:aws:s3:::some-bucket/*] at Extra/AmplifyBackendProvider/HandlerRole/DefaultPolicy/Resource',
    ]);
  });
});

describe("aws-cdk-lib's own CloudFormation validation", () => {
  /** The findings of the validation aws-cdk-lib runs at synth (off for the other tests: test/setup-env.ts). */
  function validationFindings(app: App): string[] {
    process.env.CDK_VALIDATION = 'true';
    try {
      const report = JSON.parse(fs.readFileSync(path.join(app.synth().directory, 'validation-report.json'), 'utf8'));
      return (report.pluginReports ?? []).flatMap((plugin: any) => (plugin.violations ?? []).map((v: any) => `${v.ruleName}: ${v.description}`));
    } finally {
      process.env.CDK_VALIDATION = 'false';
    }
  }

  test('a stack with every construct synthesizes with no finding (where an empty stack has one)', () => {
    const empty = new App();
    new Stack(empty, 'Empty');
    expect(validationFindings(empty)).not.toEqual([]);
    expect(validationFindings(everyConstruct())).toEqual([]);
  });
});
