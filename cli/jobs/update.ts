import { UpdateBackendJobCommand } from '@aws-sdk/client-amplifybackend';
import { ParsedArgs } from '../args';
import { withClient } from '../aws-client';
import { Command } from '../command';
import { EXIT } from '../exit-codes';
import { CliIo } from '../io';
import { callService } from '../service-error';
import { jobBlock, responseJson } from './job-format';
import { JOB_ID, jobCommandOptions, JSON_OPTION } from './job-options';

/** `jobs update`: UpdateBackendJob, with what the service documents about it (nothing). */
export const updateCommand: Command = {
  kind: 'command',
  name: 'update',
  summary: 'Send UpdateBackendJob (its values and effect are undocumented; see --help)',
  description: [
    'Sends UpdateBackendJob with the given status and operation and prints the job as the service answers.',
    'What the service documents: the allowed values of --status and --operation and the effect of the call are undocumented. '
    + 'Nothing guarantees that it changes, stops or cancels a running job, and no public caller of it is known. '
    + 'The cdk-amplify-backend library never relies on it: to wait for a job, use "jobs wait"; read the job again with "jobs show" '
    + 'to see what the service did.',
  ],
  args: {
    positionals: [JOB_ID],
    options: jobCommandOptions(
      { name: 'status', kind: 'string', placeholder: '<status>', description: 'The status to send (allowed values undocumented)', required: true },
      { name: 'operation', kind: 'string', placeholder: '<operation>', description: 'The operation to send (allowed values undocumented)', required: true },
      JSON_OPTION,
    ),
  },
  async run(args: ParsedArgs, io: CliIo): Promise<number> {
    const response = await withClient(args, (client) => callService('UpdateBackendJob', () => client.send(new UpdateBackendJobCommand({
      AppId: args.text('app-id'),
      BackendEnvironmentName: args.text('env'),
      JobId: args.positionals[0],
      Status: args.text('status'),
      Operation: args.text('operation'),
    }))));
    io.stdout(args.flag('json') ? responseJson(response) : jobBlock(response));
    if (!args.flag('json')) io.stderr('UpdateBackendJob\'s effect is undocumented: the answer above does not show that the job itself changed.\n');
    return EXIT.ok;
  },
};
