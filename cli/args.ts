/**
 * Command-line arguments: what a command accepts (its spec) and the parser that reads argv against
 * it. Every problem is a UsageError that names the argument, the value and what is allowed.
 */

/**
 * How an option takes its value:
 * - `string`: `--name value` or `--name=value`, at most once.
 * - `number`: like `string`, checked against the option's `number` rule.
 * - `flag`: present or not, no value.
 * - `list`: like `string`, any number of times; the values in order.
 */
export type OptionKind = 'string' | 'number' | 'flag' | 'list';

/** What a number option accepts. */
export interface NumberRule {
  readonly integer: boolean;
  readonly min: number;
  /** The value must be greater than `min`, not equal to it. @default false */
  readonly exclusive?: boolean;
}

/** One option, by its long name without the dashes (`app-id` for `--app-id`). */
export interface OptionSpec {
  readonly name: string;
  readonly kind: OptionKind;
  /** Shown after the name in usage and help, e.g. `<id>`; not for flags. */
  readonly placeholder?: string;
  readonly description: string;
  /** @default false */
  readonly required?: boolean;
  /** Used when the option is absent; parsed and checked like a given value. @default - none */
  readonly default?: string;
  /** Number options only. */
  readonly number?: NumberRule;
  /** A further check of a string or list value: returns what is wrong (and what is allowed), or undefined. */
  readonly check?: (value: string) => string | undefined;
}

/** A positional argument; every declared one is required. */
export interface PositionalSpec {
  /** Shown as `<name>`. */
  readonly name: string;
  readonly description: string;
}

/** The arguments a command accepts. */
export interface ArgsSpec {
  readonly positionals: readonly PositionalSpec[];
  readonly options: readonly OptionSpec[];
}

/** Bad arguments: the message says what is wrong and what is allowed; the process exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type OptionValue = string | number | boolean | string[];

/** The arguments after parsing, read by option name. Asking for an option the spec does not declare is a bug and throws. */
export class ParsedArgs {
  constructor(
    private readonly spec: ArgsSpec,
    readonly positionals: readonly string[],
    private readonly values: ReadonlyMap<string, OptionValue>,
  ) {}

  /** A string option that is required or has a default. */
  text(name: string): string {
    return this.present(name, this.optionalText(name));
  }

  optionalText(name: string): string | undefined {
    return this.read(name, 'string') as string | undefined;
  }

  /** A number option that is required or has a default. */
  number(name: string): number {
    return this.present(name, this.optionalNumber(name));
  }

  optionalNumber(name: string): number | undefined {
    return this.read(name, 'number') as number | undefined;
  }

  flag(name: string): boolean {
    return (this.read(name, 'flag') as boolean | undefined) ?? false;
  }

  list(name: string): string[] {
    return (this.read(name, 'list') as string[] | undefined) ?? [];
  }

  private read(name: string, kind: OptionKind): OptionValue | undefined {
    const option = this.spec.options.find((o) => o.name === name);
    if (!option || option.kind !== kind) throw new Error(`Bug: the command reads --${name} as a ${kind} option, but its spec ${option ? `says ${option.kind}` : 'has no such option'}.`);
    return this.values.get(name);
  }

  private present<T>(name: string, value: T | undefined): T {
    if (value === undefined) throw new Error(`Bug: --${name} is neither required nor defaulted, but the command reads it as always present.`);
    return value;
  }
}

/** The result of parsing: help was asked for (anywhere before `--`), or the arguments. */
export type ParseResult = { readonly help: true } | { readonly help: false; readonly args: ParsedArgs };

/** Whether an argument asks for help. */
export const isHelp = (arg: string): boolean => arg === '--help' || arg === '-h';

/** Reads argv against the spec; `-h`/`--help` wins over every other problem. */
export function parseArgs(argv: readonly string[], spec: ArgsSpec): ParseResult {
  const terminator = argv.indexOf('--');
  if ((terminator === -1 ? argv : argv.slice(0, terminator)).some(isHelp)) return { help: true };

  const given = new Map<string, string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || isNumeric(arg)) {
      positionals.push(arg);
      continue;
    }
    const [flag, inline] = splitInline(arg);
    const option = findOption(spec, flag);
    let value: string;
    if (option.kind === 'flag') {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value; got "${arg}".`);
      value = 'true';
    } else if (inline !== undefined) {
      value = inline;
    } else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && !isNumeric(next))) {
        throw new UsageError(`${flag} needs a value: ${flag} ${option.placeholder ?? '<value>'}.`);
      }
      value = next;
      i++;
    }
    const values = given.get(option.name) ?? [];
    if (values.length > 0 && option.kind !== 'list') throw new UsageError(`${flag} was given more than once; give it once.`);
    given.set(option.name, [...values, value]);
  }

  checkPositionals(spec, positionals);
  const missing = spec.options.filter((option) => option.required && !given.has(option.name));
  if (missing.length > 0) {
    const names = missing.map((option) => `--${option.name} ${option.placeholder ?? ''}`.trim());
    throw new UsageError(`Missing required option${missing.length > 1 ? 's' : ''}: ${names.join(', ')}.`);
  }

  const values = new Map<string, OptionValue>();
  for (const option of spec.options) {
    const raw = given.get(option.name) ?? (option.default === undefined ? undefined : [option.default]);
    if (raw !== undefined) values.set(option.name, convert(option, raw));
  }
  return { help: false, args: new ParsedArgs(spec, positionals, values) };
}

/** What a number rule allows, in words: `a whole number of 1 or more`. */
export function describeNumberRule(rule: NumberRule): string {
  const kind = rule.integer ? 'a whole number' : 'a number';
  return rule.exclusive ? `${kind} greater than ${rule.min}` : `${kind} of ${rule.min} or more`;
}

function checkPositionals(spec: ArgsSpec, positionals: string[]): void {
  const expected = spec.positionals;
  if (positionals.length > expected.length) {
    const extra = positionals[expected.length];
    const takes = expected.length === 0 ? 'takes no arguments' : `takes ${expected.map((p) => `<${p.name}>`).join(' ')} only`;
    throw new UsageError(`Unexpected argument "${extra}": this command ${takes}.`);
  }
  if (positionals.length < expected.length) {
    const absent = expected[positionals.length];
    throw new UsageError(`Missing <${absent.name}>: ${lowerFirst(absent.description)}.`);
  }
  positionals.forEach((value, index) => {
    if (value === '') throw new UsageError(`<${expected[index].name}> must not be empty.`);
  });
}

function convert(option: OptionSpec, raw: string[]): OptionValue {
  const flag = `--${option.name}`;
  for (const value of raw) {
    if (option.kind !== 'flag' && value === '') throw new UsageError(`${flag} must not be empty.`);
    const problem = option.check?.(value);
    if (problem) throw new UsageError(`Invalid ${flag} "${value}": ${problem}`);
  }
  switch (option.kind) {
    case 'flag':
      return true;
    case 'list':
      return raw;
    case 'string':
      return raw[0];
    case 'number':
      return toNumber(option, raw[0]);
  }
}

function toNumber(option: OptionSpec, value: string): number {
  const rule = option.number ?? { integer: false, min: -Infinity };
  const parsed = isNumeric(value) ? Number(value) : NaN;
  const fits = Number.isFinite(parsed) && (!rule.integer || Number.isInteger(parsed)) && (rule.exclusive ? parsed > rule.min : parsed >= rule.min);
  if (!fits) throw new UsageError(`Invalid --${option.name} "${value}": use ${describeNumberRule(rule)}.`);
  return parsed;
}

function findOption(spec: ArgsSpec, flag: string): OptionSpec {
  const option = flag.startsWith('--') ? spec.options.find((o) => `--${o.name}` === flag) : undefined;
  if (!option) {
    const known = [...spec.options.map((o) => `--${o.name}`), '--help'];
    throw new UsageError(`Unknown option ${flag}. Options: ${known.join(', ')}.`);
  }
  return option;
}

/** `--name=value` → [`--name`, `value`]; `--name` → [`--name`, undefined]. */
function splitInline(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 2 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

/** A negative or positive decimal, which is a value, not an option. */
function isNumeric(arg: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(arg);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
