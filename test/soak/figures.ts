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
  /** Lifecycles whose environment has an API, and their steps that change it alone (schema, modes, conflict resolution). */
  readonly apis: { readonly lifecycles: number; readonly updates: number };
  readonly outcomes: Record<string, number>;
  readonly faults: Record<SoakFaultKind, number>;
  /** Killed handlers by the call they were serving. */
  readonly kills: { readonly onEvent: number; readonly isComplete: number };
  /** Deletes of something already gone when CloudFormation sent them (each must succeed). */
  readonly deletesOfGone: number;
  readonly violations: Violation[];
  readonly stuckDeletes: number;
  /** Stack deletes that had to be run again after a delete failed by design. */
  readonly deleteRetries: number;
  /** The job lists the lifecycles met: past jobs, page sizes and orders. */
  readonly jobLists: JobListFigures;
  readonly clones: CloneFigures;
  readonly wallMs: number;
}

/** How the service listed jobs across a run's lifecycles. */
export interface JobListFigures {
  /** Lifecycles whose environment had past jobs, and the most any had. */
  readonly withHistory: number;
  readonly mostPastJobs: number;
  readonly pageSizes: { readonly min: number; readonly max: number };
  readonly byOrder: Record<string, number>;
  /** Job status reads (GetBackendJob, ListBackendJobs) per handler invocation. */
  readonly readsPerCall: number;
}

/** The lifecycles whose stack also declared a clone of their environment. */
export interface CloneFigures {
  readonly lifecycles: number;
  /** Of them, those whose clone jobs the service listed under the source (the rest: under the clone). */
  readonly underSource: number;
  /** CloneBackend calls their handlers sent, refused or not. */
  readonly cloneCalls: number;
  /** Mutating calls that changed a clone's source other than the source's own declared ones: must be 0. */
  readonly sourceChanges: number;
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
    `  APIs                  ${figures.apis.lifecycles} lifecycles with an API, ${figures.apis.updates} steps changing its schema, modes or conflict resolution`,
    `  faults injected       ${faults}`,
    `                        (handlers killed in onEvent ${figures.kills.onEvent}, in isComplete ${figures.kills.isComplete}; `
      + `deletes of something already gone ${figures.deletesOfGone})`,
    `  invariant violations  ${figures.violations.length}${byInvariant.size ? ` (${[...byInvariant].map(([name, count]) => `${name} ${count}`).join(', ')})` : ''}`,
    `  stuck deletes         ${figures.stuckDeletes} (deletes run again after a failure by design: ${figures.deleteRetries})`,
    `  job lists             ${figures.jobLists.withHistory} environments with past jobs (up to ${figures.jobLists.mostPastJobs}); pages of `
      + `${figures.jobLists.pageSizes.min} to ${figures.jobLists.pageSizes.max}; `
      + `${Object.entries(figures.jobLists.byOrder).map(([order, count]) => `${order} ${count}`).join(', ')}; `
      + `${figures.jobLists.readsPerCall.toFixed(2)} job status reads per handler call`,
    `  clones                ${figures.clones.lifecycles} lifecycles with a clone (jobs under the source ${figures.clones.underSource}, under the clone `
      + `${figures.clones.lifecycles - figures.clones.underSource}); ${figures.clones.cloneCalls} CloneBackend calls; `
      + `${figures.clones.sourceChanges} calls changed a source other than its own declared ones`,
    `  wall time             ${(figures.wallMs / 1000).toFixed(1)} s`,
  ];
  return lines.join('\n');
}

/** A violation as a failing test states it: the seed, the lifecycle, the invariant, and (`withContext`) the faults and logs. */
export function formatViolation(violation: Violation, withContext = true): string {
  const headline = `seed ${violation.seed}, lifecycle ${violation.lifecycle} (app ${violation.appId}), ${violation.step}: ${INVARIANTS[violation.invariant]}: ${violation.detail}`;
  return withContext ? `${headline}\n${violation.context}` : headline;
}

/** Every violation in one line each, the first few with their context: what a failing soak says. */
export function formatViolations(violations: readonly Violation[], detailed = 3): string {
  return [
    ...violations.slice(0, detailed).map((violation) => formatViolation(violation)),
    ...violations.slice(detailed).map((violation) => formatViolation(violation, false)),
  ].join('\n\n');
}
