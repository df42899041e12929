import { AmplifyBackendClient, ListBackendJobsCommand } from '@aws-sdk/client-amplifybackend';
import { ParsedArgs } from '../args';
import { withClient } from '../aws-client';
import { Command } from '../command';
import { EXIT } from '../exit-codes';
import { CliIo } from '../io';
import { callService } from '../service-error';
import { jobTable, responseJson, ServiceJob } from './job-format';
import { jobCommandOptions, JSON_OPTION } from './job-options';

/** The jobs read, and whether --max-items cut the list short. */
interface JobList {
  readonly jobs: ServiceJob[];
  readonly truncated: boolean;
}

/** `jobs list`: ListBackendJobs, every page, newest first as the service returns them. */
export const listCommand: Command = {
  kind: 'command',
  name: 'list',
  summary: 'List the jobs of a backend environment, newest first (ListBackendJobs, every page)',
  description: [
    'Reads every page of ListBackendJobs and prints the jobs in the order the service returns them (newest first): '
    + 'job id, operation, status, created, updated (UTC) and error.',
    '--status and --operation are sent to the service as its filters. Only COMPLETED and FAILED end a job; '
    + 'any other status (RUNNING, or a value the service does not document) means it is still running.',
  ],
  args: {
    positionals: [],
    options: jobCommandOptions(
      { name: 'status', kind: 'string', placeholder: '<status>', description: 'Only jobs in this status, e.g. RUNNING, COMPLETED or FAILED' },
      { name: 'operation', kind: 'string', placeholder: '<operation>', description: 'Only jobs of this operation, e.g. CreateBackendStorage' },
      {
        name: 'max-items',
        kind: 'number',
        placeholder: '<n>',
        description: 'Stop after this many jobs (without it, every page is read)',
        number: { integer: true, min: 1 },
      },
      JSON_OPTION,
    ),
  },
  async run(args: ParsedArgs, io: CliIo): Promise<number> {
    const { jobs, truncated } = await withClient(args, (client) => listJobs(client, args));
    if (args.flag('json')) {
      io.stdout(responseJson({ Jobs: jobs }));
    } else if (jobs.length === 0) {
      io.stdout(`No jobs in app ${args.text('app-id')}, environment ${args.text('env')}${filterText(args)}.\n`);
    } else {
      io.stdout(jobTable(jobs));
    }
    if (truncated) io.stderr(`Stopped at --max-items ${args.number('max-items')}: the environment has more jobs${filterText(args)}.\n`);
    return EXIT.ok;
  },
};

/** Follows nextToken until the last page, or until --max-items jobs were read. */
async function listJobs(client: AmplifyBackendClient, args: ParsedArgs): Promise<JobList> {
  const maxItems = args.optionalNumber('max-items') ?? Infinity;
  const jobs: ServiceJob[] = [];
  const tokens = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await callService('ListBackendJobs', () => client.send(new ListBackendJobsCommand({
      AppId: args.text('app-id'),
      BackendEnvironmentName: args.text('env'),
      Status: args.optionalText('status'),
      Operation: args.optionalText('operation'),
      NextToken: nextToken,
    })));
    const pageJobs = page.Jobs ?? [];
    const taken = pageJobs.slice(0, maxItems - jobs.length);
    jobs.push(...taken);
    nextToken = page.NextToken || undefined;
    if (jobs.length >= maxItems) return { jobs, truncated: taken.length < pageJobs.length || nextToken !== undefined };
    if (nextToken !== undefined) {
      if (tokens.has(nextToken)) throw new Error(`ListBackendJobs returned the nextToken ${nextToken} a second time; stopped to avoid reading the same pages forever.`);
      tokens.add(nextToken);
    }
  } while (nextToken !== undefined);
  return { jobs, truncated: false };
}

function filterText(args: ParsedArgs): string {
  const filters = [
    args.optionalText('status') !== undefined ? `status ${args.optionalText('status')}` : undefined,
    args.optionalText('operation') !== undefined ? `operation ${args.optionalText('operation')}` : undefined,
  ].filter((filter) => filter !== undefined);
  return filters.length > 0 ? ` matching ${filters.join(' and ')}` : '';
}
