/** The exit codes of `cdk-amplify-backend`: scripts can tell these outcomes apart. */
export const EXIT = {
  /** Done: the call succeeded, the job COMPLETED, every stack deployed (and was destroyed). */
  ok: 0,
  /** The service refused a call, the job FAILED, or a deployment failed. */
  failed: 1,
  /** Bad arguments: unknown command or option, missing required option, bad value. */
  usage: 2,
  /** `jobs wait` gave up at its --timeout while the job was still running (it was read, and goes on). */
  timedOut: 3,
  /** The AWS configuration is incomplete: no Region, no credentials, or a profile that does not exist. Nothing was sent. */
  awsConfiguration: 4,
  /** No answer from the service's endpoint: its host name does not resolve, the connection was refused or reset, or it timed out. */
  unreachable: 5,
} as const;
