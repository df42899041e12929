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
 * Prints a deployment as a user wants to read it: per custom resource and per resource of the emulated
 * account (a bucket, a secret), what was asked, the job the handler started, its status, and the elapsed
 * time; a waiting handler is mentioned once, not at every poll. The functions that run and the resources
 * known by name only are counted, and said in one line at the end of the step.
 */
export class DeploymentReport {
  private started = Date.now();
  private names = new Map<string, string>();
  private jobOf = new Map<string, string>();
  private waitingOn = new Map<string, string>();
  /** Steps of resources that run as code or are known by name, by model and type, since the step began. */
  private quiet = new Map<string, number>();

  constructor(private readonly jobs: () => JobSnapshot[], private readonly print: (line: string) => void = console.info) {}

  /**
   * Starts a step: a heading, and the construct names of the stack's resources (`stacks`: the stack deployed, then
   * the stack being deployed, whose names win; a resource it removes is named as the deployed one named it).
   */
  step(index: number, total: number, title: string, ...stacks: Array<StackArtifact | undefined>): void {
    this.started = Date.now();
    this.quiet.clear();
    for (const stack of stacks) if (stack) constructNames(stack).forEach((name, id) => this.names.set(id, name));
    this.print('');
    this.print(`━━ ${index}/${total}  ${title} ${'━'.repeat(Math.max(4, 60 - title.length))}`);
  }

  /** A CloudFormation resource step from the runner. */
  resource(event: ResourceEvent): void {
    if (event.model === 'code' || event.model === 'name') {
      if (event.status === 'COMPLETE') this.quiet.set(`${event.model} ${event.type}`, (this.quiet.get(`${event.model} ${event.type}`) ?? 0) + 1);
      if (event.status !== 'FAILED') return;
    }
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
    for (const line of this.quietSummary()) this.print(`   ${line}`);
    this.print(`   ${status} in ${((Date.now() - this.started) / 1000).toFixed(1)} s`);
    for (const detail of details) this.print(`   ${detail}`);
  }

  /** `Also: 4 AWS::Lambda::Function, 1 AWS::StepFunctions::StateMachine (run locally)` and the resources known by name only. */
  private quietSummary(): string[] {
    const counted = (model: string) => [...this.quiet].filter(([key]) => key.startsWith(`${model} `))
      .map(([key, count]) => `${count} ${key.slice(model.length + 1)}`).join(', ');
    return [
      counted('code') && `also ${counted('code')} (run locally)`,
      counted('name') && `also ${counted('name')} (by name only: the local stack does not model them)`,
    ].filter((line): line is string => Boolean(line));
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
