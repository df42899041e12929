import { SOAK_FAULT_KINDS, SoakFaultKind } from './faults';
import { Finding, INVARIANTS } from './invariants';

/** A broken invariant, with what it takes to replay it. */
export interface Violation extends Finding {
  readonly seed: number;
  readonly lifecycle: number;
  readonly appId: string;
  readonly step: string;
  /** The step's planned faults, and the handler's last log lines. */
  readonly context: string;
}

/** What a soak run did and found. */
export interface Figures {
  readonly seed: number;
  readonly lifecycles: number;
  readonly steps: number;
  readonly outcomes: Record<string, number>;
  readonly faults: Record<SoakFaultKind, number>;
  readonly violations: Violation[];
  readonly stuckDeletes: number;
  /** Stack deletes that had to be run again after a delete failed by design. */
  readonly deleteRetries: number;
  readonly wallMs: number;
}

export function emptyFaultCounts(): Record<SoakFaultKind, number> {
  return Object.fromEntries(SOAK_FAULT_KINDS.map((kind) => [kind, 0])) as Record<SoakFaultKind, number>;
}

/** The figures as a compact block for CI logs. */
export function formatFigures(figures: Figures): string {
  const outcomes = Object.entries(figures.outcomes).sort().map(([status, count]) => `${status} ${count}`).join(', ');
  const faults = SOAK_FAULT_KINDS.map((kind) => `${kind} ${figures.faults[kind]}`).join(', ');
  const byInvariant = new Map<string, number>();
  for (const violation of figures.violations) byInvariant.set(violation.invariant, (byInvariant.get(violation.invariant) ?? 0) + 1);
  const lines = [
    `soak (seed ${figures.seed}, replay with SOAK_SEED=${figures.seed})`,
    `  lifecycles            ${figures.lifecycles} (${figures.steps} deployments and deletes; ${outcomes})`,
    `  faults injected       ${faults}`,
    `  invariant violations  ${figures.violations.length}${byInvariant.size ? ` (${[...byInvariant].map(([name, count]) => `${name} ${count}`).join(', ')})` : ''}`,
    `  stuck deletes         ${figures.stuckDeletes} (deletes run again after a failure by design: ${figures.deleteRetries})`,
    `  wall time             ${(figures.wallMs / 1000).toFixed(1)} s`,
  ];
  return lines.join('\n');
}

/** A violation as a failing test states it: the seed, the lifecycle, the invariant, and the context. */
export function formatViolation(violation: Violation): string {
  return [
    `seed ${violation.seed}, lifecycle ${violation.lifecycle} (app ${violation.appId}), ${violation.step}:`,
    `  ${INVARIANTS[violation.invariant]}: ${violation.detail}`,
    violation.context,
  ].join('\n');
}
