import { CloudFormationClient, DescribeStacksCommand, GetTemplateCommand, ListStackResourcesCommand, Parameter } from '@aws-sdk/client-cloudformation';
import { AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { runCli } from './harness';
import { Harness } from '../emulator/harness';

/** A resource of a deployed stack: what ListStackResources and the template say of it. */
export interface StackResource {
  readonly type: string;
  /** @default - none: a resource whose create failed */
  readonly physicalId?: string;
  /** @default 'CREATE_COMPLETE' */
  readonly status?: string;
  readonly properties?: Record<string, unknown>;
}

export interface StackOptions {
  /** Parameter values as DescribeStacks reports them. @default - none */
  readonly parameters?: Parameter[];
  /** The template's parameter declarations. @default - none */
  readonly templateParameters?: Record<string, unknown>;
  /** ListStackResources page size. @default - one page */
  readonly pageSize?: number;
}

export const stackId = (name: string) => `arn:aws:cloudformation:us-east-1:123456789012:stack/${name}/5f1e2d3c-0000-4000-8000-000000000000`;

/** The property every custom resource carries besides its own. */
const SERVICE_TOKEN = { 'Fn::GetAtt': ['ProviderframeworkonEvent9094E16D', 'Arn'] };

/**
 * CloudFormation, mocked: answers DescribeStacks, ListStackResources (paged) and GetTemplate for the
 * stacks a test deploys, and says that any other stack does not exist.
 */
export function mockCloudFormation(): AwsClientStub<CloudFormationClient> {
  const cloudFormation = mockClient(CloudFormationClient);
  beforeEach(() => {
    cloudFormation.reset();
    cloudFormation.on(DescribeStacksCommand).callsFake(({ StackName }) => {
      throw Object.assign(new Error(`Stack with id ${StackName} does not exist`), { name: 'ValidationError', $metadata: { httpStatusCode: 400 } });
    });
  });
  afterAll(() => cloudFormation.restore());
  return cloudFormation;
}

/** Makes the mocked CloudFormation answer for a stack of these resources (by logical id, in template order). */
export function deployStack(
  cloudFormation: AwsClientStub<CloudFormationClient>, name: string, resources: Record<string, StackResource>, options: StackOptions = {},
): void {
  const id = stackId(name);
  cloudFormation.on(DescribeStacksCommand, { StackName: name }).resolves({
    Stacks: [{ StackName: name, StackId: id, StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date(0), Parameters: options.parameters }],
  });
  const summaries = Object.entries(resources).map(([logicalId, resource]) => ({
    LogicalResourceId: logicalId,
    PhysicalResourceId: resource.physicalId,
    ResourceType: resource.type,
    ResourceStatus: resource.status ?? 'CREATE_COMPLETE',
    LastUpdatedTimestamp: new Date(0),
  })) as Array<{ LogicalResourceId: string; ResourceType: string; ResourceStatus: 'CREATE_COMPLETE'; LastUpdatedTimestamp: Date }>;
  const pageSize = options.pageSize ?? Math.max(1, summaries.length);
  for (let page = 0; page * pageSize < Math.max(1, summaries.length); page++) {
    const more = (page + 1) * pageSize < summaries.length;
    cloudFormation.on(ListStackResourcesCommand, { StackName: id, NextToken: page === 0 ? undefined : `page${page}` }).resolves({
      StackResourceSummaries: summaries.slice(page * pageSize, (page + 1) * pageSize),
      NextToken: more ? `page${page + 1}` : undefined,
    });
  }
  const template = {
    Parameters: options.templateParameters,
    Resources: Object.fromEntries(Object.entries(resources).map(([logicalId, resource]) => [logicalId, {
      Type: resource.type,
      Properties: resource.type.startsWith('Custom::') ? { ServiceToken: SERVICE_TOKEN, ...resource.properties } : resource.properties,
    }])),
  };
  cloudFormation.on(GetTemplateCommand, { StackName: id, TemplateStage: 'Processed' }).resolves({ TemplateBody: JSON.stringify(template) });
}

/** `drift --stack <each> --endpoint-url <emulator> <args>` */
export function drift(harness: Harness, stacks: readonly string[], ...args: string[]) {
  return runCli(['drift', ...stacks.flatMap((stack) => ['--stack', stack]), '--endpoint-url', harness.emulator.endpoint, ...args]);
}
