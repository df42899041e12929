/**
 * An existing environment's storage managed through a provider in private subnets, with a permissions
 * boundary on every role the library creates. The environment and its auth must exist in the account:
 * set INTEG_APP_ID and INTEG_ENVIRONMENT before deploying with `npx projen integ:update`.
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack, aws_ec2 as ec2, aws_iam as iam, aws_logs as logs } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AmplifyBackend, AmplifyBackendProvider, StoragePermission } from '../../src';

// No stack traces in the metadata: they hold the absolute paths of the machine that synthesized it.
const app = new App({ stackTraces: false, context: { [cxapi.DISABLE_CREATION_STACK_TRACES]: true } });
const stack = new Stack(app, 'AmplifyBackendProviderInVpc');

const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
const boundary = new iam.ManagedPolicy(stack, 'Boundary', {
  statements: [new iam.PolicyStatement({ actions: ['amplifybackend:*', 'logs:*', 'ec2:*NetworkInterface*', 'lambda:InvokeFunction', 'states:*'], resources: ['*'] })],
});
const provider = new AmplifyBackendProvider(stack, 'Provider', {
  vpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
  permissionsBoundary: boundary,
  logRetention: logs.RetentionDays.ONE_WEEK,
});

const backend = AmplifyBackend.fromEnvironmentAttributes(stack, 'Existing', {
  appId: process.env.INTEG_APP_ID ?? 'd1exampleapp',
  environmentName: process.env.INTEG_ENVIRONMENT ?? 'dev',
});
backend.addStorage('Uploads', {
  resourceName: 'uploads',
  permissions: { authenticated: [StoragePermission.READ, StoragePermission.CREATE_AND_UPDATE] },
  provider,
});

new IntegTest(app, 'ProviderInVpc', { testCases: [stack] });
