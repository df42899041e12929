import { MutatingOperation, OperationName } from '../../local/emulator';

/** Every kind of fault the soak injects: the emulator's six, and a handler killed mid-call. */
export const SOAK_FAULT_KINDS = [
  'throttle', 'timeoutBeforeEffect', 'timeoutAfterEffect', 'jobFails', 'jobNeverFinishes', 'externalJob', 'handlerKilled',
] as const;
export type SoakFaultKind = typeof SOAK_FAULT_KINDS[number];

/**
 * One fault planned for one lifecycle step, aimed at the lifecycle's own app and environment so that
 * concurrent lifecycles never take each other's faults.
 */
export type FaultSpec =
  /** A burst of 429s on the next `times` calls of the operation. */
  | { readonly kind: 'throttle'; readonly operation: OperationName; readonly times: number }
  /** A 504 on the next call of a starting operation: before it took effect, or after (its answer is lost). */
  | { readonly kind: 'timeoutBeforeEffect' | 'timeoutAfterEffect'; readonly operation: MutatingOperation }
  /** The next job of the operation ends FAILED with this text: the step fails and CloudFormation rolls back. */
  | { readonly kind: 'jobFails'; readonly operation: MutatingOperation; readonly error: string }
  /**
   * The next job of the operation runs past the provider's total timeout: the step fails. Some time after
   * the handler gave up the service ends the job after all, with its effect or without.
   */
  | { readonly kind: 'jobNeverFinishes'; readonly operation: MutatingOperation; readonly endAs: 'COMPLETED' | 'FAILED'; readonly endAfterMs: number }
  /** A job the console starts: before the step, or arriving with the step's first call of `operation`. */
  | { readonly kind: 'externalJob'; readonly operation?: MutatingOperation; readonly durationMs: number }
  /**
   * The handler's container dies: after its call that started a job reached the service (the job runs,
   * the answer is lost), or before the handler ran at all. The framework runs it again.
   */
  | { readonly kind: 'handlerKilled'; readonly when: 'afterCall' | 'beforeStart' };

/** Faults that make the step fail by design: at most one per step. */
export type FatalFault = Extract<FaultSpec, { kind: 'jobFails' | 'jobNeverFinishes' }>;

export function isFatal(fault: FaultSpec): fault is FatalFault {
  return fault.kind === 'jobFails' || fault.kind === 'jobNeverFinishes';
}

/**
 * The service's own text a failure caused by this fault must carry: the job's error, or for a job that never ends,
 * what the last poll before the deadline saw: the job RUNNING, or (a poll that could not read it, which a slow machine
 * makes more likely) the service error it retried after.
 */
export function carriesServiceText(fault: FatalFault, reason: string): boolean {
  return fault.kind === 'jobFails' ? reason.includes(fault.error) : /is RUNNING|still retrying after \w+Exception: /.test(reason);
}

/** One line for a fault, for failure reports. */
export function describeFault(fault: FaultSpec): string {
  const { kind, ...rest } = fault;
  return `${kind}(${Object.entries(rest).map(([key, value]) => `${key}=${value}`).join(', ')})`;
}
