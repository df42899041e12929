/** The exit codes of `cdk-amplify-backend`: scripts can tell these outcomes apart. */
export const EXIT = {
  /** Done: the call succeeded, the job COMPLETED, every stack deployed (and was destroyed), no drift. */
  ok: 0,
  /** The service refused a call, the job FAILED, a deployment failed, or drift found a resource drifted or missing. */
  failed: 1,
  /** Bad arguments: unknown command or option, missing required option, bad value. */
  usage: 2,
  /** `jobs wait` gave up at its --timeout while the job was still running. */
  timedOut: 3,
} as const;
