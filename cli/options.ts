import { Command, Option } from 'commander';
import { EXIT } from './exit-codes';

/** What a number option accepts. */
export interface NumberRule {
  readonly integer: boolean;
  readonly min: number;
  /** The value must be greater than `min`, not equal to it. @default false */
  readonly exclusive?: boolean;
}

/** What an option that takes a value accepts besides a non-empty value. */
export interface ValueRule {
  /** Any number of times, read as a list in the order given. @default - at most once */
  readonly repeatable?: boolean;
  /** A number, read as one. @default - text */
  readonly number?: NumberRule;
  /** A further check of a value: returns what is wrong (and what is allowed), or undefined. */
  readonly check?: (value: string) => string | undefined;
  /** The value may hold a secret: a problem with it names the option, never the value. @default false */
  readonly sensitive?: boolean;
}

/** A parsed command line, as a command reads it. */
export interface CommandLine<Options> {
  /** By attribute name (`appId` for --app-id): checked and converted values, defaults, flags. */
  readonly options: Options;
  readonly args: readonly string[];
}

/**
 * An option that takes a value. Commander only collects the values given (its documented way to repeat
 * an option); `readCommandLine` checks them once the whole line is parsed, so -h/--help wins over a bad
 * value and an option given twice is refused instead of the last one silently winning.
 */
export class ValueOption extends Option {
  constructor(flags: string, description: string, readonly rule: ValueRule = {}) {
    super(flags, description);
    this.argParser((value: string, previous: unknown) => (Array.isArray(previous) ? [...previous, value] : [value]));
  }

  /** The values given, checked and converted; the default (or nothing) when none was given. */
  read(given: unknown, refuse: (problem: string) => never): unknown {
    if (!Array.isArray(given)) return given ?? (this.rule.repeatable ? [] : undefined);
    if (given.length > 1 && !this.rule.repeatable) refuse(`${this.long} was given more than once; give it once.`);
    const values = given.map((value: string) => this.convert(value, refuse));
    return this.rule.repeatable ? values : values[0];
  }

  private convert(value: string, refuse: (problem: string) => never): string | number {
    if (value === '') refuse(`${this.long} must not be empty.`);
    if (value.startsWith('-') && !isNumeric(value)) refuse(needsValue(this));
    const problem = this.rule.check?.(value);
    if (problem) refuse(`Invalid ${this.long}${this.rule.sensitive ? '' : ` "${value}"`}: ${problem}`);
    const { number } = this.rule;
    if (!number) return value;
    const parsed = isNumeric(value) ? Number(value) : NaN;
    const fits = Number.isFinite(parsed) && (!number.integer || Number.isInteger(parsed))
      && (number.exclusive ? parsed > number.min : parsed >= number.min);
    return fits ? parsed : refuse(`Invalid ${this.long} "${value}": use ${describeNumberRule(number)}.`);
  }
}

/** `--app-id needs a value: --app-id <id>.` */
export function needsValue(option: Option): string {
  return `${option.long} needs a value: ${option.flags}.`;
}

/** What a number rule allows, in words: `a whole number of 1 or more`. */
export function describeNumberRule(rule: NumberRule): string {
  const kind = rule.integer ? 'a whole number' : 'a number';
  return rule.exclusive ? `${kind} greater than ${rule.min}` : `${kind} of ${rule.min} or more`;
}

/**
 * The command line commander parsed into `command`, checked; a problem is refused through commander, as
 * its own are. `Options` is what the command's options declare (commander's `opts<T>()` trusts it the same way).
 */
export function readCommandLine<Options>(command: Command): CommandLine<Options> {
  const refuse = (problem: string): never => command.error(problem, { exitCode: EXIT.usage, code: 'cdk-amplify-backend.invalidValue' });
  const given = command.opts();
  const options = Object.fromEntries(command.options.map((option) => {
    const key = option.attributeName();
    return [key, option instanceof ValueOption ? option.read(given[key], refuse) : given[key]];
  }));
  command.args.forEach((value, index) => {
    if (value === '') refuse(`<${command.registeredArguments[index].name()}> must not be empty.`);
  });
  return { options: options as Options, args: command.args };
}

/** A negative or positive decimal, which is a value, not an option. */
function isNumeric(arg: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(arg);
}
