import { DeployedCode } from './deployed-code';
import { RequestCalls } from './lambda';
import { Invocation } from './user-function';

/** The parts of the Amazon States Language the Provider framework's waiter uses: Task states with Retry and Catch. */
interface Definition {
  readonly StartAt: string;
  readonly States: Record<string, TaskState>;
}

interface TaskState {
  readonly Type: string;
  /** The ARN of the Lambda function the task invokes. */
  readonly Resource: string;
  readonly Retry?: readonly Retrier[];
  readonly Catch?: readonly Catcher[];
  readonly Next?: string;
  readonly End?: boolean;
}

interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  readonly MaxAttempts?: number;
  readonly BackoffRate?: number;
}

interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
}

/** How a failed task invocation looks to Step Functions: an error name and its cause. */
interface TaskError {
  readonly Error: string;
  readonly Cause: string;
}

/** The Lambda invocations a state machine's tasks make. */
export type InvokeTask = (arn: string, input: unknown, calls: RequestCalls) => Promise<Invocation>;

/**
 * Step Functions for the state machines of one stack as deployed, found by ARN: their definition read as
 * data (the `DefinitionString` as deployed, parsed), each Task state's Lambda function invoked
 * with its input, a failed one retried as its Retry entry says (interval, backoff rate, max attempts), then
 * handed to its Catch entry's state. Waits are scaled by the runner's time scale.
 */
export class LocalStepFunctions {
  constructor(
    private readonly code: Pick<DeployedCode, 'stateMachine'>,
    private readonly invokeTask: InvokeTask,
    private readonly wait: (seconds: number) => Promise<void>,
  ) {}

  /** Runs an execution of a state machine to its end. */
  async execute(stateMachineArn: string, input: string, calls: RequestCalls): Promise<void> {
    const text = this.code.stateMachine(stateMachineArn);
    if (text === undefined) throw new Error(`No state machine ${stateMachineArn} is deployed`);
    const definition = JSON.parse(text) as Definition;
    let next: string | undefined = definition.StartAt;
    let data: unknown = JSON.parse(input);
    while (next !== undefined) {
      const state: TaskState = definition.States[next];
      if (state.Type !== 'Task') throw new Error(`The local runner runs only Task states; ${next} is a ${state.Type}`);
      const outcome = await this.runTask(state, data, calls);
      if ('output' in outcome) {
        data = outcome.output;
        next = state.End ? undefined : state.Next;
        continue;
      }
      const catcher = state.Catch?.find((candidate) => matches(candidate.ErrorEquals, outcome.error));
      if (!catcher) return; // the execution fails
      data = outcome.error;
      next = catcher.Next;
    }
  }

  /** Invokes a task's function, retrying it as its Retry entries say. */
  private async runTask(state: TaskState, input: unknown, calls: RequestCalls): Promise<TaskOutcome> {
    const retries = new Map<Retrier, number>();
    for (;;) {
      const outcome = taskOutcome(await this.invokeTask(state.Resource, input, calls));
      if ('output' in outcome) return outcome;
      const retrier = state.Retry?.find((candidate) => matches(candidate.ErrorEquals, outcome.error));
      const attempt = (retrier ? retries.get(retrier) ?? 0 : 0) + 1;
      // MaxAttempts, IntervalSeconds and BackoffRate default to the service's 3, 1 and 2.
      if (!retrier || attempt > (retrier.MaxAttempts ?? 3)) return outcome;
      retries.set(retrier, attempt);
      await this.wait((retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** (attempt - 1));
    }
  }
}

type TaskOutcome = { readonly output: unknown } | { readonly error: TaskError };

/** A task's outcome: its function's answer, or the error Step Functions reports for it. */
function taskOutcome(invocation: Invocation): TaskOutcome {
  if ('answer' in invocation) return { output: JSON.parse(invocation.answer) };
  if ('killed' in invocation) {
    return { error: { Error: 'Lambda.Unknown', Cause: 'The cause could not be determined because Lambda did not return an error type.' } };
  }
  return { error: { Error: invocation.error.errorType, Cause: JSON.stringify(invocation.error) } };
}

function matches(errorEquals: readonly string[], error: TaskError): boolean {
  return errorEquals.includes('States.ALL') || errorEquals.includes(error.Error);
}
