import { JobSnapshot } from '../../local/emulator';
import { ResourceEvent, StackArtifact } from '../../local/runner';

/** What a handler logs per decision (lambda/log.ts). */
interface Decision {
  readonly logicalResourceId: string;
  readonly decision: 'wait' | 'done' | 'fail';
  readonly reason?: string;
  readonly jobId?: string;
  /** The status the service answered the starting call with. */
  readonly jobStatus?: string;
}

/**
 * Prints a deployment as a user wants to read it: per resource, what was asked, the job the handler
 * started, its status, and the elapsed time; a waiting handler is mentioned once, not at every poll.
 */
export class DeploymentReport {
  private started = Date.now();
  private names = new Map<string, string>();
  private jobOf = new Map<string, string>();
  private waitingOn = new Map<string, string>();

  constructor(private readonly jobs: () => JobSnapshot[], private readonly print: (line: string) => void = console.info) {}

  /** Starts a step: a heading, and the construct names of the stack's resources. */
  step(index: number, total: number, title: string, stack?: StackArtifact): void {
    this.started = Date.now();
    if (stack) constructNames(stack).forEach((name, id) => this.names.set(id, name));
    this.print('');
    this.print(`━━ ${index}/${total}  ${title} ${'━'.repeat(Math.max(4, 60 - title.length))}`);
  }

  /** A CloudFormation resource step from the runner. */
  resource(event: ResourceEvent): void {
    const rollback = event.rollback ? 'ROLLBACK ' : '';
    if (event.status === 'IN_PROGRESS') {
      this.line(event.logicalId, `${rollback}${event.action} ${event.type}`);
    } else if (event.status === 'SKIPPED') {
      this.line(event.logicalId, `${rollback}${event.action} skipped (${event.reason})`);
    } else {
      const took = event.elapsedMs === undefined ? '' : `  ${(event.elapsedMs / 1000).toFixed(1)} s`;
      const reason = event.status === 'FAILED' ? `: ${event.reason}` : '';
      this.line(event.logicalId, `${rollback}${event.action}_${event.status}  ${event.physicalResourceId ?? ''}${took}${reason}`);
    }
  }

  /** A line a handler logged; only its decisions that change something are shown. */
  handlerLog(line: string): void {
    let decision: Decision;
    try {
      decision = JSON.parse(line);
    } catch {
      return;
    }
    const id = decision.logicalResourceId;
    if (decision.decision === 'wait' && decision.reason?.startsWith('started ') && decision.jobId) {
      const previous = this.jobOf.get(id);
      if (previous) this.line(id, `job ${previous} · ${this.statusOf(previous)}`);
      this.jobOf.set(id, decision.jobId);
      this.line(id, `${decision.reason.slice('started '.length)} · job ${decision.jobId} · ${decision.jobStatus ?? this.statusOf(decision.jobId)}`);
    } else if (decision.decision === 'wait' && decision.reason && !decision.reason.includes(this.jobOf.get(id) ?? '\u0000')) {
      if (this.waitingOn.get(id) !== decision.reason) this.line(id, decision.reason);
      this.waitingOn.set(id, decision.reason);
    } else if (decision.decision === 'done' && this.jobOf.has(id)) {
      const jobId = this.jobOf.get(id)!;
      this.jobOf.delete(id);
      this.line(id, `job ${jobId} · ${this.statusOf(jobId)}`);
    } else if (decision.decision === 'fail') {
      this.line(id, `failed: ${decision.reason}`);
    }
  }

  /** The outcome of a step, and lines that go with it (the demo's checks, say). */
  outcome(status: string, details: readonly string[] = []): void {
    this.print(`   ${status} in ${((Date.now() - this.started) / 1000).toFixed(1)} s`);
    for (const detail of details) this.print(`   ${detail}`);
  }

  private statusOf(jobId: string): string {
    return this.jobs().find((job) => job.jobId === jobId)?.status ?? 'unknown';
  }

  private line(logicalId: string, text: string): void {
    const elapsed = `+${((Date.now() - this.started) / 1000).toFixed(1)}s`.padStart(7);
    this.print(`  ${elapsed}  ${(this.names.get(logicalId) ?? logicalId).padEnd(18)} ${text}`);
  }
}

/**
 * The construct name of each resource of a stack, from its path metadata (`Stack/Staging/Photos/Resource`
 * becomes `Staging/Photos`); the logical id when the app was synthesized without path metadata.
 */
export function constructNames(stack: StackArtifact): Map<string, string> {
  const names = new Map<string, string>();
  for (const [id, resource] of Object.entries(stack.template.Resources)) {
    const path = String(resource.Metadata?.['aws:cdk:path'] ?? id);
    const name = path.split('/').slice(1).filter((part) => part !== 'Resource' && part !== 'Default').join('/');
    names.set(id, name || id);
  }
  return names;
}
