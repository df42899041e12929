import type { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { Command, Option } from 'commander';
import { awsOptions, AwsOptions, withClient } from '../aws-client';
import { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { PROGRAM } from '../help';
import { CliIo } from '../io';
import { ValueOption } from '../options';
import { createCloudFormationClient } from './cloudformation-client';
import { DeployedStack, readDeployedStack, StackNotFoundError } from './deployed-stack';
import { DriftRow, driftJson, driftText, StackDrift } from './drift-report';
import { checkDrift, DRIFT_RESOURCE_TYPES } from './resource-drift';

interface DriftOptions extends AwsOptions {
  readonly stack: string[];
  readonly json?: boolean;
}

/** A stack name (letters, digits, hyphens, starting with a letter) or a stack ARN. */
function checkStackName(value: string): string | undefined {
  return /^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(value) || value.startsWith('arn:')
    ? undefined
    : 'use a stack name (letters, digits and hyphens, starting with a letter) or a stack ARN.';
}

/** `drift`: the custom resources of deployed stacks against what the AmplifyBackend API reports. */
export const driftCommand: CliCommand<DriftOptions> = {
  define: () => {
    const command = new Command('drift')
      .summary('Find the Amplify resources of deployed stacks changed outside CloudFormation')
      .description([
        'CloudFormation\'s drift detection does not cover custom resources. For each --stack, this reads the stack\'s '
        + 'cdk-amplify-backend resources (ListStackResources) and their properties in the deployed template (GetTemplate), '
        + 'reads each one from the AmplifyBackend API, and prints a row per resource: in sync; drifted, with each property '
        + 'that differs (declared and live); missing (removed outside the stack); or unknown, for a property CloudFormation '
        + 'resolved at deploy time (a Ref or Fn::GetAtt of another resource), shown with its live value. Secrets are never '
        + 'read, compared or printed.',
        'Exit 0 when every resource is in sync (unknown properties alone leave it 0, with a note), 1 when any resource drifted '
        + 'or is missing, or a call failed; 2 for bad arguments, a --stack that names no stack among them. --json prints one '
        + 'JSON document.',
        'CloudFormation is reached with the SDK\'s configuration (AWS_ENDPOINT_URL_CLOUDFORMATION for another endpoint); '
        + '--endpoint-url applies to the AmplifyBackend API only.',
      ].join('\n\n'))
      .addOption(new ValueOption('--stack <name>', 'A deployed stack: its name or ARN', { repeatable: true, check: checkStackName }).makeOptionMandatory())
      .addOption(new Option('--json', 'Print one JSON document: every stack with every resource, its status and its properties'));
    for (const option of awsOptions()) command.addOption(option);
    return command;
  },
  async run(options, _args, io) {
    const cloudFormation = createCloudFormationClient(options);
    try {
      return await withClient(options, async (amplifyBackend) => {
        const stacks: StackDrift[] = [];
        for (const name of options.stack) {
          let stack: DeployedStack;
          try {
            stack = await readDeployedStack(cloudFormation, name, DRIFT_RESOURCE_TYPES);
          } catch (error) {
            if (!(error instanceof StackNotFoundError)) throw error;
            const region = await cloudFormation.config.region();
            io.stderr(`${PROGRAM} drift: --stack "${name}" names no stack in Region ${region} (${error.serviceText}). Check the name, and --region or --profile.\n`);
            return EXIT.usage;
          }
          stacks.push({ stackName: stack.name, stackId: stack.id, rows: await driftRows(stack, amplifyBackend) });
        }
        return report(stacks, options, io);
      });
    } finally {
      cloudFormation.destroy();
    }
  },
};

async function driftRows(stack: DeployedStack, client: AmplifyBackendClient): Promise<DriftRow[]> {
  const rows: DriftRow[] = [];
  for (const { logicalId, type, physicalId, status, declared } of stack.resources) {
    const drift = physicalId
      ? await checkDrift(type, physicalId, declared, client)
      : { status: 'unknown' as const, differences: [], unknown: [], reason: `CloudFormation reports it ${status} and has no physical id for it` };
    rows.push({ logicalId, type, physicalId, ...drift });
  }
  return rows;
}

/** Prints the rows and returns the exit code: 1 if anything drifted or is missing. */
function report(stacks: readonly StackDrift[], options: DriftOptions, io: CliIo): number {
  io.stdout(options.json ? driftJson(stacks) : driftText(stacks));
  const rows = stacks.flatMap((stack) => stack.rows);
  const found = rows.some((row) => row.status === 'drifted' || row.status === 'missing');
  const unknown = rows.filter((row) => row.status === 'unknown' || row.unknown.length > 0).length;
  if (unknown > 0) {
    io.stderr(`Note: ${unknown} resource${unknown > 1 ? 's' : ''} could not be compared in full (unknown above: values CloudFormation `
      + `resolved at deploy time, shown with their live values to compare by eye).${found ? '' : ' Unknown alone is not drift: exit code 0.'}\n`);
  }
  return found ? EXIT.failed : EXIT.ok;
}
