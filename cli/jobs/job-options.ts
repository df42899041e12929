import { OptionSpec } from '../args';
import { AWS_OPTIONS } from '../aws-client';

/** The environment every job command works in. */
export const ENVIRONMENT_OPTIONS: readonly OptionSpec[] = [
  { name: 'app-id', kind: 'string', placeholder: '<id>', description: 'The Amplify app id', required: true },
  { name: 'env', kind: 'string', placeholder: '<name>', description: 'The backend environment name', required: true },
];

/** Machine-readable output. */
export const JSON_OPTION: OptionSpec = {
  name: 'json',
  kind: 'flag',
  description: 'Print the service\'s response as JSON (member names as the SDK and the AWS CLI use them)',
};

/** The options of a job command: its own, then the environment, then the AWS configuration. */
export function jobCommandOptions(...own: OptionSpec[]): OptionSpec[] {
  return [...ENVIRONMENT_OPTIONS, ...own, ...AWS_OPTIONS];
}

/** The positional job id of `jobs show|wait|update`. */
export const JOB_ID = { name: 'jobId', description: 'The job id, as returned by the call that started the job or by "jobs list"' };
