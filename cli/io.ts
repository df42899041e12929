/**
 * Everything the commands need from the outside world, passed in so that tests run `main` in-process
 * with their own output, terminal, clock and interrupt.
 */
export interface CliIo {
  /** Writes text to standard output as given (no newline added). */
  readonly stdout: (text: string) => void;
  /** Writes text to standard error as given (no newline added). */
  readonly stderr: (text: string) => void;
  /**
   * The environment for the CDK app command that `local` runs. The AWS SDK reads the process
   * environment itself (its default configuration), so this does not configure the client.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The folder the CDK app command runs in. */
  readonly cwd: string;
  /** Whether standard output is a terminal: progress is then rewritten in place. */
  readonly isTTY: boolean;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Waits between polls. */
  readonly sleep: (ms: number) => Promise<void>;
  /**
   * Calls `listener` at every request to stop (Ctrl-C, SIGINT or SIGTERM) until the function it returns is called.
   * While any listener is there, such a request no longer ends the process by itself.
   */
  readonly onInterrupt: (listener: () => void) => () => void;
  /** Ends the process at once with this exit code (a second Ctrl-C); nothing after it runs. */
  readonly exit: (code: number) => void;
  /** Standard input, read to its end (`local secrets set` reads a value there, out of the shell's history); `prompt` is shown first on a terminal. */
  readonly readStdin: (prompt: string) => Promise<string>;
}

/** The real process: its streams, environment, terminal, clock, SIGINT and SIGTERM. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    onInterrupt: (listener) => {
      const signals = ['SIGINT', 'SIGTERM'] as const;
      signals.forEach((signal) => process.on(signal, listener));
      return () => signals.forEach((signal) => process.off(signal, listener));
    },
    exit: (code) => process.exit(code),
    readStdin: async (prompt) => {
      if (process.stdin.isTTY) process.stderr.write(prompt);
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** Resolves at the first request to stop (Ctrl-C, SIGINT or SIGTERM): `local try --keep` and `local serve` run until then. */
export function interrupted(io: Pick<CliIo, 'onInterrupt'>): Promise<void> {
  return new Promise((resolve) => {
    const stop = io.onInterrupt(() => {
      stop();
      resolve();
    });
  });
}
