import { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { withClient } from '../aws-client';
import { CliCommand } from '../command';
import { formatDuration } from '../duration';
import { EXIT } from '../exit-codes';
import { CliIo } from '../io';
import { ValueOption } from '../options';
import { AwsFailure, isRetryable, ServiceCallError } from '../service-error';
import { getJob } from './get-job';
import { ServiceJob } from './job-format';
import { exitCodesText, JOB_ID, jobCommand, JobOptions } from './job-options';
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
      + 'Throttling, 5xx answers and an endpoint that does not answer are retried at the next poll. At --timeout the wait ends with '
      + 'exit 3, naming the job and its last status; the job itself goes on.',
      'A job that could not be read at all is no job that goes on: the wait ends saying so, with the exit code of the reason: '
      + 'not found or refused, at once (exit 1); throttling or 5xx answers until --timeout (exit 1); an endpoint whose host name '
      + 'does not resolve, at once (exit 5); one that did not answer, until --timeout (exit 5); an incomplete AWS configuration, '
      + 'before the first poll (exit 4).',
      exitCodesText({ 1: 'the job FAILED, or it could not be read (not found, refused)', 3: 'timed out with the job still running' }),
    ].join('\n\n'))
    .argument('<jobId>', JOB_ID),
  async run(options, [jobId], io) {
    // One request must not outlast the wait.
    return withClient({ ...options, requestTimeoutMs: options.timeout * 1000 }, (client) => waitForJob(client, options, jobId, io));
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
  let lastError: AwsFailure | undefined;
  // A job never read is no job that "goes on": say that it could not be read, and why, with the exit code of that reason.
  const couldNotRead = (failure: AwsFailure, atTimeout: boolean) => new AwsFailure(failure.kind,
    `Could not read job ${jobId} (${where})${atTimeout ? ` in ${elapsed()} (--timeout ${options.timeout})` : ''}: ${failure.problem}`, failure.hint);
  for (;;) {
    try {
      last = await getJob(client, options, jobId);
      lastError = undefined;
      progress.status(elapsed(), last.Status ?? '(no status)', last.Operation);
    } catch (error) {
      // A host name that does not resolve before the job was ever read is a wrong endpoint, not a blip to sit out.
      const wrongEndpoint = last === undefined && error instanceof ServiceCallError && error.hostUnresolved;
      if (!(error instanceof AwsFailure) || !isRetryable(error) || wrongEndpoint) {
        progress.finish();
        throw error instanceof AwsFailure && last === undefined ? couldNotRead(error, false) : error;
      }
      lastError = error;
      progress.retrying(elapsed(), error.problem);
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
      if (last === undefined) throw couldNotRead(lastError!, true);
      const lastPoll = lastError ? ` (the last poll failed: ${lastError.problem})` : '';
      io.stderr(`Timed out after ${elapsed()} (--timeout ${options.timeout}): job ${jobId} (${where}) is still ${last.Status ?? '(no status)'}${lastPoll}. `
        + 'The job itself goes on.\n');
      return EXIT.timedOut;
    }
    await io.sleep(Math.min(intervalMs, remaining));
  }
}
