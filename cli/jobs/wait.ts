import { AmplifyBackendClient, GetBackendJobCommand } from '@aws-sdk/client-amplifybackend';
import { withClient } from '../aws-client';
import { CliCommand } from '../command';
import { formatDuration } from '../duration';
import { EXIT } from '../exit-codes';
import { CliIo } from '../io';
import { ValueOption } from '../options';
import { callService, isTransient, ServiceCallError } from '../service-error';
import { ServiceJob } from './job-format';
import { JOB_ID, jobCommand, JobOptions } from './job-options';
import { ProgressLine } from './progress';

/** Only these two statuses end a job; every other value (RUNNING, or anything undocumented) is still running. */
const COMPLETED = 'COMPLETED';
const FAILED = 'FAILED';

interface WaitOptions extends JobOptions {
  /** Seconds. */
  readonly interval: number;
  /** Seconds. */
  readonly timeout: number;
}

/** `jobs wait`: polls GetBackendJob until the job ends or --timeout passes. */
export const waitCommand: CliCommand<WaitOptions> = {
  define: () => jobCommand('wait',
    new ValueOption('--interval <seconds>', 'Seconds between polls', { number: { integer: false, min: 0, exclusive: true } }).default(5),
    new ValueOption('--timeout <seconds>', 'Give up after this many seconds', { number: { integer: false, min: 0, exclusive: true } }).default(3600))
    .summary('Wait for a job to end: exit 0 when COMPLETED, 1 when FAILED, 3 at --timeout')
    .description([
      'Polls GetBackendJob every --interval seconds and shows the status and the time waited, on one line rewritten in place '
      + 'on a terminal, or one line per status change otherwise.',
      'Only COMPLETED (exit 0) and FAILED (exit 1, with the job\'s error) end the wait: any other status means the job is still running. '
      + 'Throttling, 5xx and network errors are retried at the next poll. At --timeout the wait ends with exit 3, naming the job '
      + 'and its last status; the job itself goes on.',
    ].join('\n\n'))
    .argument('<jobId>', JOB_ID),
  async run(options, [jobId], io) {
    return withClient(options, (client) => waitForJob(client, options, jobId, io));
  },
};

async function waitForJob(client: AmplifyBackendClient, options: WaitOptions, jobId: string, io: CliIo): Promise<number> {
  const { appId, env: environment } = options;
  const intervalMs = options.interval * 1000;
  const timeoutMs = options.timeout * 1000;
  const where = `app ${appId}, environment ${environment}`;
  const progress = new ProgressLine(io);
  const started = io.now();
  const elapsed = () => formatDuration(io.now() - started);

  io.stdout(`Waiting for job ${jobId} (${where}): polling every ${formatDuration(intervalMs)}, for up to ${formatDuration(timeoutMs)}.\n`);
  let last: ServiceJob | undefined;
  let lastError: ServiceCallError | undefined;
  for (;;) {
    try {
      last = await callService('GetBackendJob', () => client.send(new GetBackendJobCommand({ AppId: appId, BackendEnvironmentName: environment, JobId: jobId })));
      lastError = undefined;
      progress.status(elapsed(), last.Status ?? '(no status)', last.Operation);
    } catch (error) {
      if (!(error instanceof ServiceCallError) || !isTransient(error)) {
        progress.finish();
        throw error;
      }
      lastError = error;
      progress.retrying(elapsed(), error.message);
    }

    if (last?.Status === COMPLETED || last?.Status === FAILED) {
      progress.finish();
      const subject = `Job ${jobId}${last.Operation ? ` (${last.Operation})` : ''}`;
      if (last.Status === COMPLETED) {
        io.stdout(`${subject} COMPLETED after ${elapsed()}.\n`);
        return EXIT.ok;
      }
      io.stderr(`${subject} FAILED after ${elapsed()}: ${last.Error || '(the service gave no error text)'}\n`);
      return EXIT.failed;
    }

    const remaining = started + timeoutMs - io.now();
    if (remaining <= 0) {
      progress.finish();
      const state = last
        ? `is still ${last.Status ?? '(no status)'}${lastError ? ` (the last poll failed: ${lastError.message})` : ''}`
        : `could not be read: ${lastError?.message}`;
      io.stderr(`Timed out after ${elapsed()} (--timeout ${options.timeout}): job ${jobId} (${where}) ${state}. The job itself goes on.\n`);
      return EXIT.timedOut;
    }
    await io.sleep(Math.min(intervalMs, remaining));
  }
}
