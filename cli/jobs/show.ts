import { withClient } from '../aws-client';
import { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { getJob } from './get-job';
import { jobBlock, responseJson } from './job-format';
import { exitCodesText, JOB_ID, jobCommand, JobOptions, jsonOption } from './job-options';

interface ShowOptions extends JobOptions {
  readonly json?: boolean;
}

/** `jobs show`: GetBackendJob. */
export const showCommand: CliCommand<ShowOptions> = {
  define: () => jobCommand('show', jsonOption())
    .summary('Show one job: operation, status, times and error (GetBackendJob)')
    .description([
      'Reads the job with GetBackendJob and prints it; times are shown in UTC, or as the service sent them with --json.',
      exitCodesText(),
    ].join('\n\n'))
    .argument('<jobId>', JOB_ID),
  async run(options, [jobId], io) {
    const response = await withClient(options, (client) => getJob(client, options, jobId));
    io.stdout(options.json ? responseJson(response) : jobBlock(response));
    return EXIT.ok;
  },
};
