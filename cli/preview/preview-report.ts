/**
 * How `preview` prints its predictions: per stack one line per resource, the verb first, then the construct's path,
 * then the fields (`~ AuthenticatedPermissions: [READ] → [READ, DELETE]`), as `cdk diff` and `terraform plan` print
 * theirs; `--json` the same rows as JSON lines. Exit 0 when nothing would change, 1 when something would.
 */
import { changes, FieldChange, PreviewRow, RowKind } from './preview-rows';
import { EXIT } from '../exit-codes';
import { CliIo } from '../io';

export interface StackPreview {
  readonly stackName: string;
  /** Whether the stack is deployed: a stack that is not has every resource created (or taken over). */
  readonly deployed: boolean;
  readonly rows: readonly PreviewRow[];
}

/** The order of the summary. */
const KINDS: readonly RowKind[] = ['create', 'adopt+update', 'update', 'replace', 'delete', 'refused', 'adopt', 'unchanged'];

/** Prints the predictions and returns the exit code. */
export function printPreview(stacks: readonly StackPreview[], json: boolean, io: CliIo): number {
  const rows = stacks.flatMap((stack) => stack.rows);
  io.stdout(json ? previewJson(stacks) : previewText(stacks));
  const unknown = rows.filter((row) => row.unknown.length > 0).length;
  if (unknown > 0) {
    io.stderr(`Note: ${unknown} resource${unknown > 1 ? 's have' : ' has'} values known only at deploy time (unknown above): the handler's `
      + 'decision on them cannot be predicted, so only what CloudFormation sends is shown.\n');
  }
  return rows.some(changes) ? EXIT.failed : EXIT.ok;
}

function previewText(stacks: readonly StackPreview[]): string {
  const lines: string[] = [];
  for (const stack of stacks) {
    lines.push(`Stack ${stack.stackName}${stack.deployed ? '' : ' (not deployed yet)'}`);
    if (stack.rows.length === 0) lines.push('  no resources of cdk-amplify-backend');
    const width = Math.max(0, ...stack.rows.map((row) => row.kind.length));
    const pathWidth = Math.max(0, ...stack.rows.map((row) => row.path.length));
    for (const row of stack.rows) lines.push(`  ${row.kind.padEnd(width)}  ${row.path.padEnd(pathWidth)}  ${details(row)}`.trimEnd());
  }
  const rows = stacks.flatMap((stack) => stack.rows);
  const counts = KINDS.map((kind) => [kind, rows.filter((row) => row.kind === kind).length] as const).filter(([, count]) => count > 0);
  const changing = rows.filter(changes).length;
  lines.push('', `${changing === 0 ? 'Nothing would change' : `${changing} resource${changing > 1 ? 's' : ''} would change`}`
    + `${counts.length > 0 ? ` (${counts.map(([kind, count]) => `${count} ${kind}`).join(', ')})` : ''}.`);
  return `${lines.join('\n')}\n`;
}

/** What follows the path: the fields, the unknown values, the handler's reason or call. */
function details(row: PreviewRow): string {
  const parts = row.fields.map(field);
  parts.push(...row.unknown.map((unknown) => `? ${unknown.property}: unknown until deploy (${unknown.reason})`));
  if (row.kind === 'refused' || row.kind === 'delete') parts.push(row.reason ?? '');
  else if (row.kind === 'create' && row.operation) parts.push(`(${row.operation})`);
  else if (row.kind === 'adopt+update' && row.fields.length === 0 && row.operation) parts.push(`(${row.operation})`);
  return parts.filter((part) => part !== '').join(', ');
}

/** `~ AuthenticatedPermissions: [READ] → [READ, DELETE]`. */
function field(change: FieldChange): string {
  return `~ ${change.property}: ${shown(change.from)} → ${shown(change.to)}`;
}

/** A value as a field shows it: lists and words bare, other text quoted, `(none)` when absent. */
function shown(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(none)';
  if (Array.isArray(value)) return `[${value.map(shown).join(', ')}]`;
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  return /^[\w.:/@+=-]+$/.test(text) ? text : JSON.stringify(text);
}

/**
 * One JSON object per line, as `local diff --json` writes them (after the app's annotation events): `{"event":"row",
 * "stack", "kind", "path", "logicalId", "type", "physicalId", "fields": [{"property", "from", "to"}], "operation",
 * "reason", "unknown": [{"property", "reason"}]}` per resource, then `{"event":"result", "changes", "stacks":
 * [{"stackName", "deployed"}]}`; absent values are null.
 */
function previewJson(stacks: readonly StackPreview[]): string {
  const orNull = (value: unknown) => value ?? null;
  const rows = stacks.flatMap((stack) => stack.rows.map((row) => ({
    event: 'row',
    stack: stack.stackName,
    kind: row.kind,
    path: row.path,
    logicalId: row.logicalId,
    type: row.type,
    physicalId: orNull(row.physicalId),
    fields: row.fields.map(({ property, from, to }) => ({ property, from: orNull(from), to: orNull(to) })),
    operation: orNull(row.operation),
    reason: orNull(row.reason),
    unknown: row.unknown,
  })));
  const result = {
    event: 'result',
    changes: stacks.flatMap((stack) => stack.rows).filter(changes).length,
    stacks: stacks.map(({ stackName, deployed }) => ({ stackName, deployed })),
  };
  return [...rows, result].map((line) => `${JSON.stringify(line)}\n`).join('');
}
