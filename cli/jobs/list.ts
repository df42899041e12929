import { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { environmentListed, getBackend } from '../../lambda/amplify-meta';
import { paginateJobs } from '../../lambda/paginators';
import { withClient } from '../aws-client';
import { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { ValueOption } from '../options';
import { AwsFailure, callService } from '../service-error';
import { jobTable, responseJson, ServiceJob } from './job-format';
import { exitCodesText, jobCommand, JobOptions, jsonOption } from './job-options';

interface ListOptions extends JobOptions {
  readonly status?: string;
  readonly operation?: string;
  readonly maxItems?: number;
  readonly json?: boolean;
}

/** The jobs read, and whether --max-items cut the list short. */
interface JobList {
  readonly jobs: ServiceJob[];
  readonly truncated: boolean;
}

/** `jobs list`: ListBackendJobs, every page, newest first as the service returns them. */
export const listCommand: CliCommand<ListOptions> = {
  define: () => jobCommand('list',
    new ValueOption('--status <status>', 'Only jobs in this status, e.g. RUNNING, COMPLETED or FAILED'),
    new ValueOption('--operation <operation>', 'Only jobs of this operation, e.g. CreateBackendStorage'),
    new ValueOption('--max-items <n>', 'Stop after this many jobs (without it, every page is read)', { number: { integer: true, min: 1 } }),
    jsonOption())
    .summary('List the jobs of a backend environment, newest first (ListBackendJobs, every page)')
    .description([
      'Reads every page of ListBackendJobs and prints the jobs in the order the service returns them (newest first): '
      + 'job id, operation, status, created, updated (UTC) and error.',
      '--status and --operation are sent to the service as its filters. Only COMPLETED and FAILED end a job; '
      + 'any other status (RUNNING, or a value the service does not document) means it is still running.',
      exitCodesText(),
    ].join('\n\n')),
  async run(options, _args, io) {
    const { jobs, truncated } = await withClient(options, async (client) => {
      const list = await listJobs(client, options);
      // The service lists no jobs for an app or environment that does not exist either.
      if (list.jobs.length === 0) await requireEnvironment(client, options);
      return list;
    });
    if (options.json) {
      io.stdout(responseJson({ Jobs: jobs }));
    } else if (jobs.length === 0) {
      io.stdout(`No jobs in app ${options.appId}, environment ${options.env}${filterText(options)}.\n`);
    } else {
      io.stdout(jobTable(jobs));
    }
    if (truncated) io.stderr(`Stopped at --max-items ${options.maxItems}: the environment has more jobs${filterText(options)}.\n`);
    return EXIT.ok;
  },
};

/** Reads pages with the SDK's paginator until the last one, or until --max-items jobs were read. */
async function listJobs(client: AmplifyBackendClient, options: ListOptions): Promise<JobList> {
  const maxItems = options.maxItems ?? Infinity;
  const jobs: ServiceJob[] = [];
  const tokens = new Set<string>();
  const pages = paginateJobs({ client }, {
    AppId: options.appId,
    BackendEnvironmentName: options.env,
    Status: options.status,
    Operation: options.operation,
  });
  for (;;) {
    const { value: page, done } = await callService('ListBackendJobs', () => pages.next());
    if (done) return { jobs, truncated: false };
    const pageJobs = page.Jobs ?? [];
    const taken = pageJobs.slice(0, maxItems - jobs.length);
    jobs.push(...taken);
    const nextToken = page.NextToken || undefined;
    if (jobs.length >= maxItems) return { jobs, truncated: taken.length < pageJobs.length || nextToken !== undefined };
    if (nextToken === undefined) continue;
    if (tokens.has(nextToken)) throw new Error(`ListBackendJobs returned the nextToken ${nextToken} a second time; stopped to avoid reading the same pages forever.`);
    tokens.add(nextToken);
  }
}

/** Throws, exit 1, unless GetBackend finds the environment. */
async function requireEnvironment(client: AmplifyBackendClient, { appId, env }: ListOptions): Promise<void> {
  const backend = await callService('GetBackend', () => getBackend(client, { appId, environmentName: env }));
  if (backend && environmentListed(backend, env)) return;
  throw new AwsFailure('not-found', `App ${appId} has no backend environment ${env} (GetBackend found none).`,
    'Check --app-id and --env: the Amplify console lists an app\'s backend environments.');
}

function filterText({ status, operation }: ListOptions): string {
  const filters = [
    status !== undefined ? `status ${status}` : undefined,
    operation !== undefined ? `operation ${operation}` : undefined,
  ].filter((filter) => filter !== undefined);
  return filters.length > 0 ? ` matching ${filters.join(' and ')}` : '';
}
