/**
 * The declared side of a deployed stack, from CloudFormation: its resources of the given types with
 * their physical ids (ListStackResources) and their properties in the deployed template (GetTemplate,
 * processed), resolved as far as the command can (see template-values.ts).
 */
import {
  CloudFormationClient, DescribeStacksCommand, GetTemplateCommand, paginateListStackResources, Stack, StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { callService, ServiceCallError } from '../service-error';
import { DeclaredProperties, UnknownValue } from './declared';
import { DeclaredResource } from './drift-rows';
import { resolveTemplateValue, StackValues } from './template-values';

export interface DeployedStack {
  readonly name: string;
  /** The stack's ARN. */
  readonly id: string;
  readonly resources: DeclaredResource[];
  /** What its references resolve against: pseudo parameters, parameter values, its resources. */
  readonly values: StackValues;
}

/** DescribeStacks found no stack of that name or id in the Region. */
export class StackNotFoundError extends Error {
  constructor(readonly stackName: string, readonly region: string, readonly serviceText: string) {
    super(`stack "${stackName}" does not exist in Region ${region} (${serviceText})`);
    this.name = 'StackNotFoundError';
  }
}

/** The parts of a template read here. */
interface Template {
  readonly Parameters?: Record<string, { readonly Type?: string; readonly NoEcho?: boolean | string }>;
  readonly Resources?: Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown>; readonly DeletionPolicy?: string }>;
}

/** Reads a stack's resources of `types` with their declared properties, in the template's order. */
export async function readDeployedStack(client: CloudFormationClient, stackName: string, types: readonly string[]): Promise<DeployedStack> {
  const stack = await describeStack(client, stackName);
  const id = stack.StackId!;
  const summaries = await callService('ListStackResources', async () => {
    const all: StackResourceSummary[] = [];
    for await (const page of paginateListStackResources({ client }, { StackName: id })) all.push(...page.StackResourceSummaries ?? []);
    return all;
  });
  const ours = new Map(summaries.filter((summary) => types.includes(summary.ResourceType ?? '')).map((summary) => [summary.LogicalResourceId!, summary]));
  if (ours.size === 0) return { name: stack.StackName!, id, resources: [], values: stackValues(stack, {}, summaries) };

  const { TemplateBody: body } = await callService('GetTemplate', () => client.send(new GetTemplateCommand({ StackName: id, TemplateStage: 'Processed' })));
  const template = parseTemplate(body, stack.StackName!);
  const values = stackValues(stack, template, summaries);
  const resources = Object.entries(template.Resources ?? {}).flatMap(([logicalId, resource]): DeclaredResource[] => {
    const summary = ours.get(logicalId);
    if (!summary) return [];
    return [{
      logicalId,
      type: resource.Type,
      physicalId: summary.PhysicalResourceId || undefined,
      status: summary.ResourceStatus ?? '',
      declared: resolveTemplateValue(resource.Properties ?? {}, values) as DeclaredProperties,
      template: resource.Properties ?? {},
      deletionPolicy: resource.DeletionPolicy,
    }];
  });
  return { name: stack.StackName!, id, resources, values };
}

async function describeStack(client: CloudFormationClient, stackName: string): Promise<Stack> {
  try {
    const { Stacks: stacks } = await callService('DescribeStacks', () => client.send(new DescribeStacksCommand({ StackName: stackName })));
    return stacks![0];
  } catch (error) {
    // CloudFormation answers a stack it does not know with a ValidationError "Stack with id <name> does not exist".
    const cause = error instanceof ServiceCallError ? error.serviceError as Error : undefined;
    if (cause?.name === 'ValidationError' && /does not exist/.test(cause.message)) {
      throw new StackNotFoundError(stackName, await client.config.region(), cause.message);
    }
    throw error;
  }
}

function parseTemplate(body: string | undefined, stackName: string): Template {
  try {
    return JSON.parse(body ?? '{}');
  } catch {
    throw new Error(`The deployed template of stack ${stackName} is not JSON; drift reads JSON templates, as the CDK writes them.`);
  }
}

/** `AWS::URLSuffix` by partition, where it is known (elsewhere a reference to it stays unknown). */
const URL_SUFFIXES: Readonly<Record<string, string>> = { 'aws': 'amazonaws.com', 'aws-cn': 'amazonaws.com.cn', 'aws-us-gov': 'amazonaws.com' };

/** What references resolve against: pseudo parameters from the stack's ARN, parameter values, the stack's resources. */
function stackValues(stack: Stack, template: Template, summaries: readonly StackResourceSummary[]): StackValues {
  // arn:<partition>:cloudformation:<region>:<account>:stack/<name>/<uuid>
  const [, partition, , region, account] = stack.StackId!.split(':');
  const parameters: Record<string, string | string[] | UnknownValue> = {};
  for (const parameter of stack.Parameters ?? []) {
    const name = parameter.ParameterKey!;
    const declaration = template.Parameters?.[name];
    const value = parameter.ResolvedValue ?? parameter.ParameterValue ?? '';
    const isList = declaration?.Type === 'CommaDelimitedList' || declaration?.Type?.startsWith('List<');
    parameters[name] = String(declaration?.NoEcho) === 'true'
      ? new UnknownValue(`Ref ${name}, a NoEcho parameter`)
      : isList ? value.split(',') : value;
  }
  return {
    pseudoParameters: {
      'AWS::Partition': partition,
      'AWS::Region': region,
      'AWS::AccountId': account,
      'AWS::StackName': stack.StackName!,
      'AWS::StackId': stack.StackId!,
      ...(URL_SUFFIXES[partition] ? { 'AWS::URLSuffix': URL_SUFFIXES[partition] } : {}),
    },
    parameters,
    resources: Object.fromEntries(summaries.map((summary) => [
      summary.LogicalResourceId!, { type: summary.ResourceType ?? '', physicalId: summary.PhysicalResourceId || undefined },
    ])),
  };
}
