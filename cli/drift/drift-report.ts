/** How drift is printed: rows for people, one JSON document for scripts. */
import { Option } from 'commander';
import { DriftStatus, ResourceDrift } from './resource-drift';
import { EXIT } from '../exit-codes';
import { CliIo } from '../io';

/** One resource of a stack with its drift. */
export interface DriftRow extends ResourceDrift {
  readonly logicalId: string;
  readonly type: string;
  readonly physicalId?: string;
}

export interface StackDrift {
  readonly stackName: string;
  /** The stack's ARN; absent for a local stack. */
  readonly stackId?: string;
  readonly rows: readonly DriftRow[];
}

const WORDS: Record<DriftStatus, string> = { 'drifted': 'drifted', 'missing': 'missing', 'unknown': 'unknown', 'in-sync': 'in sync' };
/** Also the order of the summary. */
const STATUSES = Object.keys(WORDS) as DriftStatus[];
/** Where a row's details start: under its logical id. */
const DETAIL = ' '.repeat(11);

/**
 * Per stack a summary line, then a row per resource (status, logical id, type, physical id) and under it
 * each property that differs (`declared` and `live`), each one that is unknown (why, and the live value),
 * or why the resource is missing or could not be checked.
 */
function driftText(stacks: readonly StackDrift[]): string {
  return stacks.map(stackText).join('\n');
}

function stackText({ stackName, rows }: StackDrift): string {
  if (rows.length === 0) return `${stackName}: no resources of cdk-amplify-backend\n`;
  const counts = STATUSES.map((status) => [status, rows.filter((row) => row.status === status).length] as const).filter(([, count]) => count > 0);
  const lines = [`${stackName}: ${counts.map(([status, count]) => `${count} ${WORDS[status]}`).join(', ')}`];
  const idWidth = Math.max(...rows.map((row) => row.logicalId.length));
  const typeWidth = Math.max(...rows.map((row) => row.type.length));
  for (const row of rows) {
    lines.push(`  ${WORDS[row.status].padEnd(7)}  ${row.logicalId.padEnd(idWidth)}  ${row.type.padEnd(typeWidth)}  ${row.physicalId ?? '(no physical id)'}`.trimEnd());
    if (row.reason) lines.push(`${DETAIL}${row.reason}`);
    for (const difference of row.differences) {
      lines.push(`${DETAIL}${difference.property}: declared ${shown(difference.declared)}, live ${shown(difference.live)}`);
    }
    for (const unknown of row.unknown) {
      lines.push(`${DETAIL}${unknown.property}: unknown, resolved by CloudFormation at deploy time from ${unknown.reason}; live ${shown(unknown.live)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** A value as JSON, `(none)` when absent. */
export function shown(value: unknown): string {
  return value === undefined || value === null ? '(none)' : JSON.stringify(value);
}

/**
 * One JSON document: `{ "stacks": [{ "stackName", "stackId" (null locally), "resources": [{ "logicalId", "type",
 * "physicalId", "status", "reason"?, "differences": [{ "property", "declared", "live" }],
 * "unknown": [{ "property", "reason", "live" }] }] }] }`; an absent value is null.
 */
export function driftJson(stacks: readonly StackDrift[]): string {
  const document = {
    stacks: stacks.map(({ stackName, stackId, rows }) => ({
      stackName,
      stackId: stackId ?? null,
      resources: rows.map((row) => ({
        logicalId: row.logicalId,
        type: row.type,
        physicalId: row.physicalId ?? null,
        status: row.status,
        ...(row.reason ? { reason: row.reason } : {}),
        differences: row.differences.map(({ property, declared, live }) => ({ property, declared: orNull(declared), live: orNull(live) })),
        unknown: row.unknown.map(({ property, reason, live }) => ({ property, reason, live: orNull(live) })),
      })),
    })),
  };
  return JSON.stringify(document, null, 2) + '\n';
}

const orNull = (value: unknown) => value ?? null;

/**
 * Prints the stacks' drift (one JSON document with `json`) and returns the exit code: 1 if anything drifted
 * or is missing, else 0; a note on stderr says how many resources could not be compared in full.
 */
export function printDrift(stacks: readonly StackDrift[], json: boolean, io: CliIo): number {
  io.stdout(json ? driftJson(stacks) : driftText(stacks));
  const rows = stacks.flatMap((stack) => stack.rows);
  const found = rows.some((row) => row.status === 'drifted' || row.status === 'missing');
  const unknown = rows.filter((row) => row.status === 'unknown' || row.unknown.length > 0).length;
  if (unknown > 0) {
    io.stderr(`Note: ${unknown} resource${unknown > 1 ? 's' : ''} could not be compared in full (unknown above: values CloudFormation `
      + `resolved at deploy time, shown with their live values to compare by eye).${found ? '' : ' Unknown alone is not drift: exit code 0.'}\n`);
  }
  return found ? EXIT.failed : EXIT.ok;
}

/** `--json` of the drift commands. */
export function driftJsonOption(): Option {
  return new Option('--json', 'Print one JSON document: every stack with every resource, its status and its properties');
}
