import { GetBackendJobCommand } from '@aws-sdk/client-amplifybackend';
import { ParsedArgs } from '../args';
import { withClient } from '../aws-client';
import { Command } from '../command';
import { EXIT } from '../exit-codes';
import { CliIo } from '../io';
import { callService } from '../service-error';
import { jobBlock, responseJson } from './job-format';
import { JOB_ID, jobCommandOptions, JSON_OPTION } from './job-options';

/** `jobs show`: GetBackendJob. */
export const showCommand: Command = {
  kind: 'command',
  name: 'show',
  summary: 'Show one job: operation, status, times and error (GetBackendJob)',
  description: ['Reads the job with GetBackendJob and prints it; times are shown in UTC, or as the service sent them with --json.'],
  args: { positionals: [JOB_ID], options: jobCommandOptions(JSON_OPTION) },
  async run(args: ParsedArgs, io: CliIo): Promise<number> {
    const response = await withClient(args, (client) => callService('GetBackendJob', () => client.send(new GetBackendJobCommand({
      AppId: args.text('app-id'),
      BackendEnvironmentName: args.text('env'),
      JobId: args.positionals[0],
    }))));
    io.stdout(args.flag('json') ? responseJson(response) : jobBlock(response));
    return EXIT.ok;
  },
};
