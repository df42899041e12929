import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { Command, Option } from 'commander';
import { awsPlannedChanges } from './aws-changes';
import { printPreview, StackPreview } from './preview-report';
import { previewRows } from './preview-rows';
import { awsOptions, AwsOptions, withAwsClient, withClient } from '../aws-client';
import { CliCommand } from '../command';
import { DeployedStack, readDeployedStack, StackNotFoundError } from '../drift/deployed-stack';
import { DRIFT_RESOURCE_TYPES } from '../drift/resource-drift';
import { findApp, selectStacks, synthesisOf, withStacks } from '../local/app';
import { runLocal } from '../local/errors';
import { addSynthOptions, AppOptions, appOption, stackOption, SynthOptions } from '../local/options';

/** What both preview commands say they do, and their exit codes. */
export const PREVIEW_DESCRIPTION = [
  'One row per resource of this library in the app, the verb first, then the construct\'s path, then the fields: create; adopt (it '
  + 'exists, and is taken over as it is: nothing changes); adopt+update (it exists, and these fields change: live → declared); '
  + 'update or replace (of a resource the stack has: deployed → declared); refused (the handler or the service would refuse it, with '
  + 'the handler\'s reason: the deploy would fail there and roll back); unchanged; delete (it leaves the stack). Each is decided by '
  + 'the handler\'s own code against the live backend, with reads only, as its first look at a deployment decides. Values known '
  + 'only at deploy time (a reference to another resource, a parameter given then) are shown as unknown, never guessed.',
  'Exit 0 when nothing would change (every row adopt or unchanged), 1 when something would (or the app did not synthesize); 2 for '
  + 'bad arguments; 4 for an incomplete AWS configuration and 5 for an endpoint that does not answer, as the jobs commands.',
];

/** `--json` of both preview commands. */
export function previewJsonOption(): Option {
  return new Option('--json', 'Write one JSON object per line on stdout (annotations, each row: kind, path, fields, the handler\'s reason; the result) and nothing else');
}

type PreviewOptions = AppOptions & SynthOptions & AwsOptions;

/** `preview`: what the next `cdk deploy` of the app would do to the live backend, before it is deployed, and after. */
export const previewCommand: CliCommand<PreviewOptions> = {
  define: () => {
    const command = addSynthOptions(new Command('preview')
      .summary('Say what the next cdk deploy of the app would do to each Amplify resource: create, adopt, adopt+update, update, ...')
      .description([
        'Synthesizes the app as "cdk synth" does (cdk.json\'s "app", or --app with a command or a cdk.out folder), reads each stack as '
        + 'deployed from CloudFormation (DescribeStacks, ListStackResources, GetTemplate, as drift does; a stack not deployed yet has '
        + 'every resource a Create) and the live backend from the AmplifyBackend API.',
        ...PREVIEW_DESCRIPTION,
        'CloudFormation is reached with the SDK\'s configuration (AWS_ENDPOINT_URL_CLOUDFORMATION for another endpoint); --endpoint-url '
        + 'applies to the AmplifyBackend API only.',
      ].join('\n\n'))
      .addOption(appOption()), 'a temporary folder, removed afterwards')
      .addOption(stackOption('preview'))
      .addOption(previewJsonOption());
    for (const option of awsOptions()) command.addOption(option);
    return command;
  },
  run: (options, _args, io) => runLocal(io, async () => {
    const source = findApp(options.app, io.cwd);
    const synthesis = synthesisOf(source, options, io.cwd, () => ({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-amplify-backend-preview-')), kept: false }));
    try {
      return await withStacks(source, synthesis, io, async (all) => {
        const stacks = selectStacks(all, options.stack, 'none');
        // CloudFormation first, then AmplifyBackend: each client's failures then name that service's settings.
        const { profile, region } = options;
        const deployed = await withAwsClient(CloudFormationClient, { profile, region }, async (cloudFormation) => {
          const read = new Map<string, DeployedStack | undefined>();
          for (const stack of stacks) read.set(stack.name, await deployedStack(cloudFormation, stack.stackName ?? stack.name));
          return { stacks: read, region: await cloudFormation.config.region() };
        });
        const previews = await withClient(options, async (client) => {
          const found: StackPreview[] = [];
          for (const stack of stacks) {
            const current = deployed.stacks.get(stack.name);
            const planned = awsPlannedChanges(stack, current, deployed.region, DRIFT_RESOURCE_TYPES);
            found.push({ stackName: stack.stackName ?? stack.name, deployed: current !== undefined, rows: await previewRows(planned, client) });
          }
          return found;
        });
        return printPreview(previews, options.json === true, io);
      });
    } finally {
      if (!synthesis.kept) fs.rmSync(synthesis.outdir, { recursive: true, force: true });
    }
  }),
};

/** The stack as deployed, or undefined when CloudFormation has no stack of that name (not deployed yet). */
async function deployedStack(client: CloudFormationClient, stackName: string): Promise<DeployedStack | undefined> {
  try {
    return await readDeployedStack(client, stackName, DRIFT_RESOURCE_TYPES);
  } catch (error) {
    if (error instanceof StackNotFoundError) return undefined;
    throw error;
  }
}
