import { CliIo } from '../io';

/** The exit code of a command stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const INTERRUPTED_EXIT = 130;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a command that deploys or destroys. The first asks the operation to stop:
 * `signal` aborts, nothing more starts, the steps in flight end, and the command saves what exists and ends
 * itself. The second stops the process at once: the cleanups run (the state folder's lock, temporary
 * folders), `describeHardStop` says what was kept and what a rerun does, and the process exits.
 */
export class Interruption {
  private readonly controller = new AbortController();
  private readonly cleanups: Array<() => void> = [];
  private readonly stopListening: () => void;

  constructor(private readonly io: CliIo, private readonly describeHardStop: () => string) {
    this.stopListening = io.onInterrupt(() => this.interrupt());
  }

  /** Aborted at the first request to stop. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get requested(): boolean {
    return this.controller.signal.aborted;
  }

  /** Runs `cleanup` if the process is stopped at once (releasing a lock, removing a temporary folder). */
  onHardStop(cleanup: () => void): () => void {
    this.cleanups.push(cleanup);
    return () => this.cleanups.splice(this.cleanups.indexOf(cleanup), 1);
  }

  /** The command ended by itself: requests to stop no longer concern it. */
  dispose(): void {
    this.stopListening();
  }

  private interrupt(): void {
    if (!this.requested) {
      this.io.stderr('\nStopping: no new resource step starts; the steps in flight end, then what exists is saved. '
        + 'Press Ctrl-C again to stop at once.\n');
      this.controller.abort();
      return;
    }
    for (const cleanup of [...this.cleanups].reverse()) {
      try {
        cleanup();
      } catch {
        // Stopping at once: a cleanup that fails must not keep the others from running.
      }
    }
    this.io.stderr(`\nStopped at once. ${this.describeHardStop()}\n`);
    this.io.exit(INTERRUPTED_EXIT);
  }
}
