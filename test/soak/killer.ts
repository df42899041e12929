import { AsyncLocalStorage } from 'async_hooks';
import { AmplifyBackendEmulator } from '../../local/emulator';
import { HandlerKilled, LambdaHandler } from '../../local/runner';

/** A kill waiting for its invocation. */
export interface KillPlan {
  readonly when: 'afterCall' | 'beforeStart';
  readonly onKilled: (phase: 'onEvent' | 'isComplete', operation?: string) => void;
}

/**
 * Kills handler invocations, one per plan, for the app named in the payload; and tells which app an
 * invocation (and each line it logs) serves.
 *
 * `afterCall`: the invocation runs, and if it sent a call that starts a job, its container dies before
 * the answer reaches the framework. After such a call the handlers only pause and read the job it
 * started, so this is a kill at any moment after the service took the call. `beforeStart`: the container dies
 * before the handler runs. Either way the framework runs the handler again (see the runner).
 */
export class HandlerKiller {
  private readonly plans = new Map<string, KillPlan>();
  private readonly current = new AsyncLocalStorage<string>();

  constructor(private readonly emulator: () => AmplifyBackendEmulator) {}

  /** Kills the next invocation for the app that qualifies. */
  plan(appId: string, plan: KillPlan): void {
    this.plans.set(appId, plan);
  }

  /** Drops the app's plan if no invocation took it. */
  cancel(appId: string): void {
    this.plans.delete(appId);
  }

  /** The app whose invocation is running in this async context, if any. */
  appInContext(): string | undefined {
    return this.current.getStore();
  }

  /** The runner's invocation wrapper. */
  readonly invoke = async (handler: LambdaHandler, payload: object): Promise<unknown> => {
    const event = payload as { ResourceProperties?: { AppId?: string }; AmplifyBackendWait?: unknown };
    const appId = event.ResourceProperties?.AppId ?? '';
    const phase = 'AmplifyBackendWait' in event ? 'isComplete' : 'onEvent';
    const plan = this.plans.get(appId);
    if (plan?.when === 'beforeStart') {
      this.plans.delete(appId);
      plan.onKilled(phase);
      throw new HandlerKilled(`killed before ${phase} ran`);
    }
    const seen = plan ? this.emulator().requestCount(appId) : 0;
    const answer = await this.current.run(appId, () => handler(payload));
    if (!plan || this.plans.get(appId) !== plan) return answer;
    const started = this.emulator().requests({ appId }).slice(seen).find((request) => request.mutating);
    if (!started) return answer;
    this.plans.delete(appId);
    plan.onKilled(phase, started.operation);
    throw new HandlerKilled(`killed in ${phase} while ${started.operation} was in flight`);
  };
}
