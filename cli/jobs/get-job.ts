import { AmplifyBackendClient, GetBackendJobCommand, GetBackendJobCommandOutput } from '@aws-sdk/client-amplifybackend';
import { AwsFailure, callService } from '../service-error';
import { JobOptions } from './job-options';

/** GetBackendJob for one job of the command's environment; a job that is not there fails naming the arguments to check. */
export function getJob(client: AmplifyBackendClient, { appId, env }: JobOptions, jobId: string): Promise<GetBackendJobCommandOutput> {
  return callService('GetBackendJob', () => client.send(new GetBackendJobCommand({ AppId: appId, BackendEnvironmentName: env, JobId: jobId })))
    .catch(hintIfNotFound);
}

/** Rethrows `error`; the service's "not found" for a job call gains which arguments to check and where to find the ids. */
export function hintIfNotFound(error: unknown): never {
  if (error instanceof AwsFailure && error.kind === 'not-found' && error.hint === undefined) {
    throw error.withHint('Check the job id, --app-id and --env: "jobs list" with the same --app-id and --env prints the environment\'s job ids.');
  }
  throw error;
}
