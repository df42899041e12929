import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { Command } from 'commander';
import { awsOptions, AwsOptions, withAwsClient, withClient } from '../aws-client';
import { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { PROGRAM } from '../help';
import { ValueOption } from '../options';
import { DeployedStack, readDeployedStack, StackNotFoundError } from './deployed-stack';
import { driftJsonOption, printDrift, StackDrift } from './drift-report';
import { driftRows } from './drift-rows';
import { DRIFT_RESOURCE_TYPES } from './resource-drift';

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
        + 'or is missing, or a call failed; 2 for bad arguments, a --stack that names no stack among them; 4 for an incomplete '
        + 'AWS configuration and 5 for an endpoint that does not answer, as the jobs commands. --json prints one JSON document.',
        'CloudFormation is reached with the SDK\'s configuration (AWS_ENDPOINT_URL_CLOUDFORMATION for another endpoint); '
        + '--endpoint-url applies to the AmplifyBackend API only.',
      ].join('\n\n'))
      .addOption(new ValueOption('--stack <name>', 'A deployed stack: its name or ARN', { repeatable: true, check: checkStackName }).makeOptionMandatory())
      .addOption(driftJsonOption());
    for (const option of awsOptions()) command.addOption(option);
    return command;
  },
  async run(options, _args, io) {
    // CloudFormation first, then AmplifyBackend: each client's failures then name that service's settings.
    const { profile, region } = options;
    let deployed: DeployedStack[];
    try {
      deployed = await withAwsClient(CloudFormationClient, { profile, region }, async (cloudFormation) => {
        const read: DeployedStack[] = [];
        for (const name of options.stack) read.push(await readDeployedStack(cloudFormation, name, DRIFT_RESOURCE_TYPES));
        return read;
      });
    } catch (error) {
      if (!(error instanceof StackNotFoundError)) throw error;
      io.stderr(`${PROGRAM} drift: --stack "${error.stackName}" names no stack in Region ${error.region} (${error.serviceText}). `
        + 'Check the name, and --region or --profile.\n');
      return EXIT.usage;
    }
    const stacks = await withClient(options, async (client) => {
      const drifts: StackDrift[] = [];
      for (const stack of deployed) drifts.push({ stackName: stack.name, stackId: stack.id, rows: await driftRows(stack.resources, client) });
      return drifts;
    });
    return printDrift(stacks, options.json === true, io);
  },
};
