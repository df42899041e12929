import { CliIo } from '../io';

/** Clears from the cursor to the end of the line: a shorter status must not leave the end of a longer one. */
const CLEAR_TO_END = '\u001b[K';

/**
 * The live progress line of `jobs wait`. On a terminal one line is rewritten in place at every poll
 * (`\r`); otherwise (a log, a pipe) a line is printed only when the status changes, and each retry
 * note only when it differs from the previous one.
 */
export class ProgressLine {
  private lastStatus?: string;
  private lastNote?: string;
  private open = false;

  constructor(private readonly io: CliIo) {}

  /** The status a poll read, `elapsed` into the wait. */
  status(elapsed: string, status: string, operation: string | undefined): void {
    const text = `[${elapsed}] ${status}${operation ? ` (${operation})` : ''}`;
    this.lastNote = undefined;
    if (this.io.isTTY) {
      this.rewrite(text);
    } else if (status !== this.lastStatus) {
      this.io.stdout(`${text}\n`);
    }
    this.lastStatus = status;
  }

  /** A poll that failed and will be tried again. */
  retrying(elapsed: string, reason: string): void {
    const note = `retrying after ${reason}`;
    if (this.io.isTTY) {
      this.rewrite(`[${elapsed}] ${this.lastStatus ?? 'status unknown'} · ${note}`);
    } else if (note !== this.lastNote) {
      this.io.stdout(`[${elapsed}] ${note}\n`);
    }
    this.lastNote = note;
  }

  /** Ends the rewritten line, so that what follows starts on a line of its own. */
  finish(): void {
    if (this.open) this.io.stdout('\n');
    this.open = false;
  }

  private rewrite(text: string): void {
    this.io.stdout(`\r${text}${CLEAR_TO_END}`);
    this.open = true;
  }
}
