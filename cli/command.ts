import { ArgsSpec, ParsedArgs } from './args';
import { CliIo } from './io';

/** A command that runs: its arguments, its help, and what it does. Returns the exit code. */
export interface Command {
  readonly kind: 'command';
  readonly name: string;
  /** One line for the list of commands. */
  readonly summary: string;
  /** Paragraphs of help between the usage line and the arguments. */
  readonly description: readonly string[];
  readonly args: ArgsSpec;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** A group of commands under one name (`jobs list`, `jobs show`, ...). */
export interface CommandGroup {
  readonly kind: 'group';
  readonly name: string;
  readonly summary: string;
  readonly commands: readonly Command[];
}

export type CommandNode = Command | CommandGroup;
