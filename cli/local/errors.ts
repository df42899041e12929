import { EXIT } from '../exit-codes';
import { CliIo } from '../io';
import { LocalSecretsError } from './secrets';
import { SynthError } from './synth';
import { ParameterError } from '../../local/runner';

/** A bad argument found only once the app or the state folder was read (a stack the app does not have): exit 2. */
export class LocalUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalUsageError';
  }
}

/**
 * Runs a local command: a bad argument found on the way (a stack the app does not have, an unreadable
 * --secrets-file, a parameter without a value) exits 2, an app that does not synthesize (it fails, or its annotations report errors) exits 1,
 * each with its message alone on stderr.
 */
export async function runLocal(io: CliIo, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SynthError) {
      io.stderr(`${error.message}\n`);
      return EXIT.failed;
    }
    if (!(error instanceof LocalUsageError) && !(error instanceof LocalSecretsError) && !(error instanceof ParameterError)) throw error;
    io.stderr(`${error.message}\n`);
    return EXIT.usage;
  }
}
