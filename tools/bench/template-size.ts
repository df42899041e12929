import { App, CustomResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Row } from './stats';
import { AmplifyBackend, StoragePermission } from '../../src';

const bytes = (stack: Stack) => JSON.stringify(Template.fromStack(stack).toJSON()).length;
const resourceCount = (stack: Stack) => Object.keys(Template.fromStack(stack).toJSON().Resources).length;

/** n storage resources in n existing environments of one app, behind this library's provider. */
function ours(n: number): Stack {
  const stack = new Stack(new App(), 'Ours', { env: { account: '123456789012', region: 'us-east-1' } });
  for (let i = 0; i < n; i++) {
    AmplifyBackend.fromEnvironmentAttributes(stack, `Env${i}`, { appId: 'd1bench', environmentName: `env${String.fromCharCode(97 + i)}` })
      .addStorage('Storage', { resourceName: 'files', permissions: { authenticated: [StoragePermission.READ] } });
  }
  return stack;
}

/** The same n storage resources as one AwsCustomResource each (CreateBackendStorage, DeleteBackendStorage). */
function awsCustomResources(n: number): Stack {
  const stack = new Stack(new App(), 'Baseline', { env: { account: '123456789012', region: 'us-east-1' } });
  for (let i = 0; i < n; i++) {
    const environment = `env${String.fromCharCode(97 + i)}`;
    new cr.AwsCustomResource(stack, `Storage${i}`, {
      onCreate: {
        service: 'AmplifyBackend',
        action: 'CreateBackendStorage',
        parameters: {
          AppId: 'd1bench',
          BackendEnvironmentName: environment,
          ResourceName: 'files',
          ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ'] } },
        },
        physicalResourceId: cr.PhysicalResourceId.of(`d1bench/${environment}/files`),
      },
      onDelete: {
        service: 'AmplifyBackend',
        action: 'DeleteBackendStorage',
        parameters: { AppId: 'd1bench', BackendEnvironmentName: environment, ResourceName: 'files', ServiceName: 'S3' },
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: ['arn:aws:amplifybackend:us-east-1:123456789012:/backend/d1bench/*'] }),
      installLatestAwsSdk: false,
    });
  }
  return stack;
}

/** A plain Provider with separate onEvent and isComplete functions, and one custom resource on it. */
function plainProvider(): Stack {
  const stack = new Stack(new App(), 'PlainProvider', { env: { account: '123456789012', region: 'us-east-1' } });
  const fn = (id: string) => new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'),
  });
  const onEvent = fn('OnEvent');
  const isComplete = fn('IsComplete');
  for (const handler of [onEvent, isComplete]) {
    handler.addToRolePolicy(new iam.PolicyStatement({ actions: ['amplifybackend:GetBackendJob'], resources: ['arn:aws:amplifybackend:us-east-1:123456789012:/backend/d1bench/*'] }));
  }
  const provider = new cr.Provider(stack, 'Provider', { onEventHandler: onEvent, isCompleteHandler: isComplete });
  new CustomResource(stack, 'Resource', { serviceToken: provider.serviceToken, resourceType: 'Custom::Thing' });
  return stack;
}

/** Template bytes per additional storage resource, and the resources the provider adds to a stack. */
export function templateRows(): Row[] {
  const perResource = (build: (n: number) => Stack) => (bytes(build(11)) - bytes(build(1))) / 10;
  const oursBytes = perResource(ours);
  const baselineBytes = perResource(awsCustomResources);
  const providerResources = (n: number) => resourceCount(ours(n)) - n;
  const constant = providerResources(1) === providerResources(11);
  const plain = resourceCount(plainProvider()) - 1;
  return [
    {
      metric: 'CloudFormation template bytes per additional storage resource; provider resources as N grows',
      baseline: `one AwsCustomResource per resource: ${baselineBytes.toFixed(0)} B`,
      ours: `${oursBytes.toFixed(0)} B (${(100 * oursBytes / baselineBytes).toFixed(0)}%); provider resources ${constant ? 'constant' : 'GROW'} (${providerResources(1)} at N=1 and N=11)`,
      goal: '≤ 30% of baseline; constant',
      met: oursBytes <= 0.3 * baselineBytes && constant,
    },
    {
      metric: 'AWS resources the provider adds to a stack (roles, policies, functions, state machine, log group)',
      baseline: `Provider with separate onEvent and isComplete functions: ${plain}`,
      ours: `${providerResources(1)}`,
      goal: 'fewer, on the Provider framework',
      met: providerResources(1) < plain,
    },
  ];
}
