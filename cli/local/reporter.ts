import { constructNames, DeploymentReport } from './deployment-report';
import { JobSnapshot } from '../../local/emulator';
import { HandlerLogLine, ResourceEvent, StackArtifact, StackStatus } from '../../local/runner';
import { CliIo } from '../io';

/** What a local command tells the user about its stacks, as text for people or as JSON lines for scripts. */
export interface LocalReporter {
  /** A stack's deploy or destroy starts (`deployed`: the stack as deployed before, which names what the deploy removes). */
  start(action: 'Deploy' | 'Destroy', stack: StackArtifact, deployed?: StackArtifact): void;
  resource(event: ResourceEvent): void;
  handlerLog(line: HandlerLogLine): void;
  /** A stack's deploy or destroy ended, with its failures. */
  end(stack: StackArtifact, status: StackStatus, failures: readonly ResourceEvent[]): void;
  /** A deployed stack's outputs. */
  outputs(stack: string, outputs: Record<string, string>): void;
  /** The command's outcome. */
  result(ok: boolean, stacks: ReadonlyArray<{ readonly stack: string; readonly status: StackStatus }>): void;
  /** What the new world was seeded with, one line each (none for a saved world). */
  seeded(lines: readonly string[]): void;
  /** A line of its own (not in JSON: there, everything is an event). */
  note(line: string): void;
}

/** `--json`: one object per line, each with `event` saying what it is; nothing else on stdout. */
export function jsonReporter(io: CliIo): LocalReporter {
  const write = (event: string, body: object) => io.stdout(`${JSON.stringify({ event, ...body })}\n`);
  let names = new Map<string, string>();
  return {
    start: (action, stack, deployed) => {
      names = new Map([...deployed ? constructNames(deployed) : [], ...constructNames(stack)]);
      write('stack', { stack: stack.name, action, status: 'IN_PROGRESS' });
    },
    resource: (event) => write('resource', { ...event, construct: names.get(event.logicalId) ?? event.logicalId }),
    handlerLog: () => undefined,
    end: (stack, status, failures) => write('stack', { stack: stack.name, status, failures }),
    outputs: (stack, outputs) => write('outputs', { stack, outputs }),
    result: (ok, stacks) => write('result', { ok, stacks }),
    seeded: (lines) => lines.forEach((seed) => write('seed', { seed })),
    note: () => undefined,
  };
}

/** For people: each of `steps` steps headed, each resource step on its line (DeploymentReport), outputs, failures on stderr. */
export function textReporter(io: CliIo, jobs: () => JobSnapshot[], steps: number): LocalReporter {
  const print = (line: string) => io.stdout(`${line}\n`);
  const report = new DeploymentReport(jobs, print);
  let step = 0;
  let resourceSteps = 0;
  return {
    start: (action, stack, deployed) => {
      resourceSteps = 0;
      report.step(++step, steps, `${action} ${stack.name}`, deployed, stack);
    },
    resource: (event) => {
      resourceSteps++;
      report.resource(event);
    },
    handlerLog: (line) => report.handlerLog(line.line),
    end: (stack, status, failures) => {
      // An update that sent nothing: CloudFormation says "no changes".
      report.outcome(status === 'UPDATE_COMPLETE' && resourceSteps === 0 ? `${status} (no changes)` : status);
      const names = constructNames(stack);
      for (const failure of failures) io.stderr(`${stack.name} ${describeFailure(failure, names)}\n`);
    },
    outputs: (stack, outputs) => {
      const keys = Object.keys(outputs);
      if (keys.length === 0) return;
      print('   Outputs:');
      const width = Math.max(...keys.map((key) => key.length));
      for (const key of keys) print(`     ${stack}.${key.padEnd(width)} = ${outputs[key]}`);
    },
    result: (ok, stacks) => {
      print('');
      const width = Math.max(0, ...stacks.map(({ stack }) => stack.length));
      for (const { stack, status } of stacks) print(`  ${stack.padEnd(width)}  ${status}`);
      if (!ok) io.stderr('Failed: see the stack statuses above.\n');
    },
    seeded: (lines) => {
      if (lines.length > 0) print(`  A new account, seeded with:\n${lines.map((line) => `    ${line}`).join('\n')}`);
    },
    note: print,
  };
}

/** `Dev/TeamFiles (Custom::AmplifyImportedBackendStorage) CREATE failed during rollback: <the service's text>` */
export function describeFailure(failure: ResourceEvent, names: ReadonlyMap<string, string>): string {
  const rollback = failure.rollback ? ' during rollback' : '';
  return `${names.get(failure.logicalId) ?? failure.logicalId} (${failure.type}) ${failure.action} failed${rollback}: ${failure.reason ?? '(no reason given)'}`;
}
