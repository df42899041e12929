import { Command, Option } from 'commander';
import { AwsOptions, awsOptions } from '../aws-client';
import { EXIT } from '../exit-codes';
import { ValueOption } from '../options';

/** The environment every job command works in, and the AWS configuration it is reached with. */
export interface JobOptions extends AwsOptions {
  readonly appId: string;
  readonly env: string;
}

/** The description of the positional job id of `jobs show|wait|update`. */
export const JOB_ID = 'The job id, as returned by the call that started the job or by "jobs list"';

/** A job command with its options: the environment, then its own, then the AWS configuration. */
export function jobCommand(name: string, ...own: Option[]): Command {
  const command = new Command(name);
  const environment = [
    new ValueOption('--app-id <id>', 'The Amplify app id').makeOptionMandatory(),
    new ValueOption('--env <name>', 'The backend environment name').makeOptionMandatory(),
  ];
  for (const option of [...environment, ...own, ...awsOptions()]) command.addOption(option);
  return command;
}

/** Machine-readable output. */
export function jsonOption(): Option {
  return new Option('--json', 'Print the service\'s response as JSON (member names as the SDK and the AWS CLI use them)');
}

/**
 * The exit codes of a job command, for its --help: those every job command shares, with `own` saying what
 * 1 means for it and adding codes only it has (3 for `jobs wait`).
 */
export function exitCodesText(own: Readonly<Record<number, string>> = {}): string {
  const codes: Record<number, string> = {
    [EXIT.ok]: 'done',
    [EXIT.failed]: 'the service refused the call (the job or the environment not found, access denied, ...)',
    [EXIT.usage]: 'bad arguments',
    [EXIT.awsConfiguration]: 'the AWS configuration is incomplete: no Region, no credentials, or an unknown profile (nothing was sent)',
    [EXIT.unreachable]: 'the endpoint did not answer: its host name does not resolve, the connection was refused, or it timed out',
    ...own,
  };
  return `Exit codes: ${Object.entries(codes).map(([code, text]) => `${code} ${text}`).join('; ')}.`;
}
