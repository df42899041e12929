import { CommanderError } from 'commander';
import { EXIT } from './exit-codes';
import { CliIo } from './io';
import { createProgram } from './program';

export type { CliIo } from './io';
export { EXIT } from './exit-codes';

/**
 * `cdk-amplify-backend <command> ...`: runs one command and returns its exit code. Everything it
 * reads from or writes to the outside goes through `io`, so tests run it in-process; nothing here
 * exits the process.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = createProgram(io, argv, (exitCode) => {
    code = exitCode;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // The problem (or the help, or the version) is printed already.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  return code;
}
