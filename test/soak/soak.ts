import { AmplifyBackendClient, DeleteBackendStorageCommand } from '@aws-sdk/client-amplifybackend';
import { describeFault, isFatal, SOAK_FAULT_KINDS } from './faults';
import { emptyFaultCounts, Figures, Violation } from './figures';
import {
  checkFailureMessage, checkImportedBuckets, checkLeftovers, checkOutcome, checkRequests, checkState, environmentOf, expectedStatus,
  Finding, foreignChanges, stillThere,
} from './invariants';
import { HandlerKiller } from './killer';
import { DEFAULT_RATES, FaultRates, generateLifecycle, Lifecycle, Step } from './lifecycle';
import { SoakStacks } from './stacks';
import { AmplifyBackendEmulator } from '../../local/emulator';
import { LocalDeployment } from '../../local/local-deployment';
import { ResourceEvent, StackResult } from '../../local/runner';
import { ENVIRONMENT_RESOURCE_TYPE } from '../../src/private/contract';
import { changedEnvironment } from '../changed-environment';

/** How to run a soak. */
export interface SoakOptions {
  readonly seed: number;
  readonly lifecycles: number;
  /** Lifecycles run at once, each on its own app. */
  readonly concurrency: number;
  /** Multiplies the provider's times (QUERY_INTERVAL_SECONDS, TOTAL_TIMEOUT_SECONDS in stacks.ts) and Lambda's retry pauses. */
  readonly timeScale: number;
  /** How long each emulated job runs. */
  readonly jobDurationMs: number;
  readonly rates?: FaultRates;
  /** Runs only these lifecycles of the seed (to replay one). @default - lifecycles 0 to `lifecycles - 1` */
  readonly only?: readonly number[];
}

/** Stack deletes tried at most this often (the first may fail by design, or find a job still ending). */
const DELETE_ATTEMPTS = 3;
/** Handler log lines kept per lifecycle for a violation's context. */
const LOG_LINES = 12;

/** Runs the lifecycles against one emulator through the local runner and checks every invariant. */
export async function runSoak(options: SoakOptions): Promise<Figures> {
  const started = Date.now();
  const stacks = SoakStacks.synthesize();
  const indexes = options.only ?? Array.from({ length: options.lifecycles }, (_, index) => index);
  const lifecycles = indexes.map((index) => generateLifecycle(options.seed, index, options.rates ?? DEFAULT_RATES));
  const byApp = new Map<string, LifecycleRun>();
  const byStack = new Map<string, LifecycleRun>();
  const seededBuckets = lifecycles.flatMap((lifecycle) => lifecycle.buckets);

  let local: LocalDeployment | undefined;
  let invocations = 0;
  const killer = new HandlerKiller(() => local!.emulator);
  local = await LocalDeployment.start({
    timeScale: options.timeScale,
    emulator: {
      jobDurationMs: options.jobDurationMs,
      seed: options.seed,
      environments: lifecycles.filter((lifecycle) => lifecycle.mode === 'existing')
        .map((lifecycle) => ({ appId: lifecycle.appId, backendEnvironmentName: lifecycle.environmentName, history: lifecycle.jobList.history })),
      jobListingByApp: Object.fromEntries(lifecycles.map((lifecycle) => [lifecycle.appId, {
        pageSize: lifecycle.jobList.pageSize, order: lifecycle.jobList.order, cloneJobsUnder: lifecycle.jobList.cloneJobsUnder,
      }])),
      buckets: seededBuckets,
      bucketsPageSize: 100,
    },
    // Every 429 and 504 reaches the handler: the SDK's own retries would wait real seconds.
    environment: { AWS_MAX_ATTEMPTS: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    invoke: (handler, payload) => {
      invocations++;
      return killer.invoke(handler, payload);
    },
    onLog: (line) => byApp.get(killer.appInContext() ?? '')?.log(line.line),
    onEvent: (event) => byStack.get(event.stack)?.onResourceEvent(event),
  });
  // The Amplify console's own calls, outside any stack; it tries again after a dropped connection, as a person would.
  const consoleClient = new AmplifyBackendClient({ ...local.emulator.clientConfig(), maxAttempts: 3 });
  try {
    const runs = lifecycles.map((lifecycle) => new LifecycleRun(lifecycle, options, local!, stacks, killer, consoleClient));
    runs.forEach((run) => {
      byApp.set(run.lifecycle.appId, run);
      byStack.set(run.lifecycle.steps[0].spec.stackName, run);
    });
    // Lifecycles with a job that never finishes wait out the total timeout: they go first, so that the
    // others run while they wait.
    const queue = [...runs.filter((run) => run.waitsOutTimeout), ...runs.filter((run) => !run.waitsOutTimeout)];
    let next = 0;
    await Promise.all(Array.from({ length: options.concurrency }, async () => {
      while (next < queue.length) await queue[next++].run();
    }));

    const violations = runs.flatMap((run) => run.violations);
    const global = checkImportedBuckets(seededBuckets, local.emulator.inspect());
    violations.push(...global.map((finding) => ({ ...finding, seed: options.seed, lifecycle: -1, appId: '-', step: 'end of soak', context: '' })));
    const faults = emptyFaultCounts();
    const counts = local.emulator.faultCounts();
    const kills = { onEvent: sum(runs.map((run) => run.kills.onEvent)), isComplete: sum(runs.map((run) => run.kills.isComplete)) };
    for (const kind of SOAK_FAULT_KINDS) faults[kind] = kind === 'handlerKilled' ? kills.onEvent + kills.isComplete : counts[kind];
    const lists = lifecycles.map((lifecycle) => lifecycle.jobList);
    const byOrder: Record<string, number> = {};
    for (const list of lists) byOrder[list.order] = (byOrder[list.order] ?? 0) + 1;
    const statusReads = local.emulator.requests().filter((request) => request.operation === 'GetBackendJob' || request.operation === 'ListBackendJobs').length;
    const cloned = runs.filter((run) => run.lifecycle.clone !== undefined);
    const outcomes: Record<string, number> = {};
    for (const run of runs) for (const status of run.statuses) outcomes[status] = (outcomes[status] ?? 0) + 1;
    return {
      seed: options.seed,
      lifecycles: runs.length,
      steps: sum(runs.map((run) => run.statuses.length)),
      apis: {
        lifecycles: lifecycles.filter((lifecycle) => lifecycle.steps[0].spec.api).length,
        updates: sum(lifecycles.map((lifecycle) => lifecycle.steps.filter((step) => step.kind.startsWith('api')).length)),
      },
      outcomes,
      faults,
      kills,
      deletesOfGone: sum(runs.map((run) => run.deletesOfGone)),
      violations,
      stuckDeletes: runs.filter((run) => run.stuckDelete).length,
      deleteRetries: sum(runs.map((run) => run.deleteRetries)),
      jobLists: {
        withHistory: lists.filter((list) => list.history > 0).length,
        mostPastJobs: Math.max(...lists.map((list) => list.history)),
        pageSizes: { min: Math.min(...lists.map((list) => list.pageSize)), max: Math.max(...lists.map((list) => list.pageSize)) },
        byOrder,
        readsPerCall: statusReads / Math.max(1, invocations),
      },
      clones: {
        lifecycles: cloned.length,
        underSource: cloned.filter((run) => run.lifecycle.jobList.cloneJobsUnder === 'source').length,
        cloneCalls: sum(cloned.map((run) => run.cloneCalls)),
        sourceChanges: sum(cloned.map((run) => run.sourceChanges)),
      },
      wallMs: Date.now() - started,
    };
  } finally {
    consoleClient.destroy();
    await local.close();
    stacks.dispose();
  }
}

/** One lifecycle being run: its steps, the faults planned for each, and the invariants after each. */
class LifecycleRun {
  readonly violations: Violation[] = [];
  readonly statuses: string[] = [];
  readonly kills = { onEvent: 0, isComplete: 0 };
  deletesOfGone = 0;
  deleteRetries = 0;
  /** CloneBackend calls sent, and mutating calls that changed the clone's source other than its own declared ones. */
  cloneCalls = 0;
  sourceChanges = 0;
  stuckDelete = false;
  private readonly logs: string[] = [];
  private step: Step;
  private stepLabel = '';
  private readonly endings: Array<Promise<void>> = [];

  constructor(
    readonly lifecycle: Lifecycle,
    private readonly options: SoakOptions,
    private readonly local: LocalDeployment,
    private readonly stacks: SoakStacks,
    private readonly killer: HandlerKiller,
    private readonly consoleClient: AmplifyBackendClient,
  ) {
    this.step = lifecycle.steps[0];
  }

  /** Whether a step waits out the provider's total timeout (a job that never finishes). */
  get waitsOutTimeout(): boolean {
    return this.lifecycle.steps.some((step) => step.faults.some((fault) => fault.kind === 'jobNeverFinishes'));
  }

  private get emulator(): AmplifyBackendEmulator {
    return this.local.emulator;
  }

  private get target() {
    return { appId: this.lifecycle.appId, backendEnvironmentName: this.lifecycle.environmentName };
  }

  /** The lifecycle's environments: its own, and its clone's. */
  private get environments() {
    const { appId, clone } = this.lifecycle;
    return [this.target, ...clone === undefined ? [] : [{ appId, backendEnvironmentName: clone }]];
  }

  /** Ends the jobs planned never to finish on the lifecycle's environments (a clone's may be listed under either). */
  private endNeverFinishingJobs(error?: string): void {
    for (const environment of this.environments) this.emulator.endNeverFinishingJobs(environment, error);
  }

  log(line: string): void {
    this.logs.push(line);
    if (this.logs.length > LOG_LINES) this.logs.shift();
  }

  async run(): Promise<void> {
    const { steps } = this.lifecycle;
    for (const [index, step] of steps.entries()) {
      this.step = step;
      this.stepLabel = `step ${index + 1}/${steps.length} ${step.kind}`;
      const onPlan = await (step.kind === 'destroy' ? this.destroy(step) : this.deploy(step));
      if (!onPlan) break;
    }
    if (this.local.stack(this.stackName) && this.step.kind !== 'destroy') {
      // An unexpected outcome ended the plan early: delete the stack anyway, and check what it leaves.
      this.stepLabel = 'clean-up destroy';
      await this.destroy({ ...this.step, kind: 'destroy', faults: [] });
    }
    const requests = this.emulator.requests({ appId: this.lifecycle.appId });
    this.cloneCalls = requests.filter((request) => request.operation === 'CloneBackend').length;
    const source = this.lifecycle.environmentName;
    this.sourceChanges = foreignChanges(this.lifecycle, requests).filter((request) => changedEnvironment(request) === source).length;
    this.report(checkRequests(this.lifecycle, requests));
  }

  private get stackName(): string {
    return this.lifecycle.steps[0].spec.stackName;
  }

  /** Deploys a step's stack; returns whether the lifecycle can go on as planned. */
  private async deploy(step: Step): Promise<boolean> {
    const environmentExisted = this.environmentExists();
    const stackBefore = this.local.stack(this.stackName);
    this.injectFaults(step, environmentExisted);
    const result = await this.local.deploy(this.stacks.stackFor(step.spec, this.waitsOutTimeout ? 'waitedOut' : 'otherwise'));
    await this.settleFaults();
    this.statuses.push(result.status);
    const findings = [
      ...checkOutcome(step, result),
      ...checkState(this.lifecycle, step, result, this.snapshot(), stackBefore, environmentExisted),
    ];
    this.report(findings);
    return result.status === expectedStatus(step) && findings.length === 0;
  }

  /** Deletes the stack, again after a failure (by design or not); then checks what it left. */
  private async destroy(step: Step): Promise<boolean> {
    if (step.unlinkedOutside) await this.unlinkFromConsole();
    this.injectFaults(step, this.environmentExists());
    const adopted = [...(this.local.stack(this.stackName)?.resources.values() ?? [])]
      .some((resource) => resource.type === ENVIRONMENT_RESOURCE_TYPE && resource.physicalResourceId.endsWith('(adopted)'));
    let result = await this.local.destroy(this.stackName);
    await this.settleFaults();
    this.statuses.push(result.status);
    this.report(checkOutcome(step, result));
    for (let attempt = 1; result.status !== 'DELETE_COMPLETE' && attempt < DELETE_ATTEMPTS; attempt++) {
      this.deleteRetries += 1;
      await this.untilIdle();
      result = await this.local.destroy(this.stackName);
      this.statuses.push(result.status);
      this.report(checkOutcome({ ...step, faults: [] }, result));
    }
    if (result.status !== 'DELETE_COMPLETE') {
      this.stuckDelete = true;
      this.report([{ invariant: 'outcome', detail: `the stack delete is stuck after ${DELETE_ATTEMPTS} attempts: ${describe(result)}` }]);
      return false;
    }
    await this.untilIdle();
    this.report(checkLeftovers(this.lifecycle, this.snapshot(), adopted));
    return true;
  }

  /**
   * Plans the step's faults on the lifecycle's own app: its calls only, of whichever of its environments comes first
   * (a clone's DeleteBackend comes before its source's).
   */
  private injectFaults(step: Step, environmentExists: boolean): void {
    const { appId } = this.lifecycle;
    const app = { appId };
    for (const fault of step.faults) {
      switch (fault.kind) {
        case 'throttle':
          this.emulator.injectFault(fault.operation, { kind: 'throttle', times: fault.times }, app);
          break;
        case 'externalJob':
          if (fault.operation) {
            this.emulator.injectFault(fault.operation, { kind: 'externalJob', durationMs: fault.durationMs }, app);
          } else if (environmentExists && !this.pendingJob()) {
            this.emulator.startExternalJob({ ...this.target, durationMs: fault.durationMs });
          }
          break;
        case 'handlerKilled':
          this.killer.plan(appId, { when: fault.when, onKilled: (phase) => { this.kills[phase] += 1; } });
          break;
        case 'jobFails':
          this.emulator.injectFault(fault.operation, { kind: 'jobFails', error: fault.error }, app);
          break;
        default:
          this.emulator.injectFault(fault.operation, { kind: fault.kind }, app);
      }
    }
  }

  /** Drops faults no call took, and lets the service end any job left running forever. */
  private async settleFaults(): Promise<void> {
    this.killer.cancel(this.lifecycle.appId);
    this.emulator.discardFaults(this.lifecycle.appId);
    await Promise.all(this.endings.splice(0));
    this.endNeverFinishingJobs();
  }

  /** CloudFormation's view of each resource step, as it happens. */
  onResourceEvent(event: ResourceEvent): void {
    const specs = [this.step.spec, ...(this.step.before ? [this.step.before] : [])];
    const there = () => stillThere(this.lifecycle, event.type, event.physicalResourceId, this.snapshot(), specs);
    if (event.action === 'DELETE' && event.status === 'IN_PROGRESS' && !there()) this.deletesOfGone += 1;
    if (event.status !== 'FAILED') return;
    const findings: Finding[] = [...checkFailureMessage(this.lifecycle, event, specs)];
    if (event.action === 'DELETE' && !there()) {
      findings.push({ invariant: 'deleteGone', detail: `Delete of ${event.type} ${event.physicalResourceId} failed though it is gone: ${event.reason}` });
    }
    this.report(findings);
    const hung = this.step.faults.find((fault) => fault.kind === 'jobNeverFinishes');
    if (hung?.kind === 'jobNeverFinishes' && /gave up/.test(event.reason ?? '')) {
      // The service ends the job after all, some time after the handler gave up on it.
      this.endings.push(new Promise((resolve) => setTimeout(() => {
        this.endNeverFinishingJobs(hung.endAs === 'FAILED' ? 'The service timed the job out' : undefined);
        resolve();
      }, hung.endAfterMs)));
    }
  }

  /** The console unlinks the storage (a job of its own) before the stack delete. */
  private async unlinkFromConsole(): Promise<void> {
    await this.untilIdle();
    const storage = environmentOf(this.lifecycle, this.snapshot())?.storage;
    if (!storage) return;
    await this.consoleClient.send(new DeleteBackendStorageCommand({
      AppId: this.lifecycle.appId, BackendEnvironmentName: this.lifecycle.environmentName, ResourceName: storage.resourceName, ServiceName: 'S3',
    }));
  }

  private snapshot() {
    return this.emulator.inspect({ appId: this.lifecycle.appId });
  }

  private environmentExists(): boolean {
    return environmentOf(this.lifecycle, this.snapshot()) !== undefined;
  }

  private pendingJob(): boolean {
    return this.emulator.pendingJobs({ appId: this.lifecycle.appId }).length > 0;
  }

  /** Waits until no job runs on the lifecycle's app (bounded: a job left running forever is a finding elsewhere). */
  private async untilIdle(): Promise<void> {
    for (let wait = 0; wait < 200 && this.pendingJob(); wait++) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private report(findings: Finding[]): void {
    for (const finding of findings) {
      this.violations.push({
        ...finding,
        seed: this.options.seed,
        lifecycle: this.lifecycle.index,
        appId: this.lifecycle.appId,
        step: `${this.stepLabel} (mode ${this.lifecycle.mode}, environment ${this.lifecycle.environmentName})`,
        context: [
          `  planned faults: ${this.step.faults.map(describeFault).join(', ') || 'none'}${this.step.unlinkedOutside ? ', storage unlinked from the console first' : ''}`,
          `  steps: ${this.lifecycle.steps.map((step) => `${step.kind}${step.faults.some(isFatal) ? '!' : ''}`).join(' → ')}`,
          '  last handler log lines:',
          ...this.logs.map((line) => `    ${line}`),
        ].join('\n'),
      });
    }
  }
}

function describe(result: StackResult): string {
  return [result.status, ...result.failures.map((failure) => `${failure.action} ${failure.type}: ${failure.reason}`)].join(' | ');
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
