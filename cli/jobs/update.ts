import { UpdateBackendJobCommand } from '@aws-sdk/client-amplifybackend';
import { withClient } from '../aws-client';
import { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { ValueOption } from '../options';
import { callService } from '../service-error';
import { hintIfNotFound } from './get-job';
import { jobBlock, responseJson } from './job-format';
import { exitCodesText, JOB_ID, jobCommand, JobOptions, jsonOption } from './job-options';

interface UpdateOptions extends JobOptions {
  readonly status: string;
  readonly operation: string;
  readonly json?: boolean;
}

/** `jobs update`: UpdateBackendJob, with what the service documents about it (nothing). */
export const updateCommand: CliCommand<UpdateOptions> = {
  define: () => jobCommand('update',
    new ValueOption('--status <status>', 'The status to send (allowed values undocumented)').makeOptionMandatory(),
    new ValueOption('--operation <operation>', 'The operation to send (allowed values undocumented)').makeOptionMandatory(),
    jsonOption())
    .summary('Send UpdateBackendJob (its values and effect are undocumented; see --help)')
    .description([
      'Sends UpdateBackendJob with the given status and operation and prints the job as the service answers.',
      'What the service documents: the allowed values of --status and --operation and the effect of the call are undocumented. '
      + 'Nothing guarantees that it changes, stops or cancels a running job, and no public caller of it is known. '
      + 'The cdk-amplify-backend library never relies on it: to wait for a job, use "jobs wait"; read the job again with "jobs show" '
      + 'to see what the service did.',
      exitCodesText(),
    ].join('\n\n'))
    .argument('<jobId>', JOB_ID),
  async run(options, [jobId], io) {
    const response = await withClient(options, (client) => callService('UpdateBackendJob', () => client.send(new UpdateBackendJobCommand({
      AppId: options.appId,
      BackendEnvironmentName: options.env,
      JobId: jobId,
      Status: options.status,
      Operation: options.operation,
    }))).catch(hintIfNotFound));
    io.stdout(options.json ? responseJson(response) : jobBlock(response));
    if (!options.json) io.stderr('UpdateBackendJob\'s effect is undocumented: the answer above does not show that the job itself changed.\n');
    return EXIT.ok;
  },
};
