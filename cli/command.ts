import { Command } from 'commander';
import { EXIT } from './exit-codes';
import { CliIo } from './io';
import { readCommandLine } from './options';
import { AwsFailure } from './service-error';

/** A command that runs: how commander reads its command line, and what it does with what was read. */
export interface CliCommand<Options> {
  /**
   * A new commander command with the name, summary, description, arguments and options; made anew
   * for each run, since commander keeps what it parsed in the command.
   */
  define(): Command;
  /** Runs with the options checked and converted (by attribute name, `appId` for --app-id); returns the exit code. */
  run(options: Options, args: readonly string[], io: CliIo): Promise<number>;
}

/**
 * The commander command of `command`, whose action checks the command line, runs it and hands its exit
 * code to `exit`; an error the run throws is printed: an AWS failure as it says, with the exit code of
 * its kind (`EXIT`), anything else exit 1.
 */
export function runnable<Options>(command: CliCommand<Options>, io: CliIo, exit: (code: number) => void): Command {
  const definition = command.define();
  return definition.action(async () => {
    const { options, args } = readCommandLine<Options>(definition);
    try {
      exit(await command.run(options, args, io));
    } catch (error) {
      io.stderr(`${failureText(error)}\n`);
      exit(error instanceof AwsFailure ? error.exitCode : EXIT.failed);
    }
  });
}

/** An AWS failure as the problem and the hint (`<Operation> failed: ...` for a call); anything else by its name and message. */
function failureText(error: unknown): string {
  if (error instanceof AwsFailure) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
