/**
 * Commands typed into a terminal in the user's app folder, for test:packed: each a bash command line run to its end
 * (or, for a server, started in a process group of its own and stopped with Ctrl-C as a terminal stops it), each
 * written to a transcript with its exit code and output.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A command that ended. */
export interface Ran {
  readonly command: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Lines of each stream a transcript keeps of one command: the first ones and the last ones. */
const HEAD_LINES = 30;
const TAIL_LINES = 10;

/** Each command, its exit code and its output (trimmed), with notes between, as one text file. */
export class Transcript {
  private readonly lines: string[] = [];

  note(text: string): void {
    this.lines.push(`# ${text}`);
  }

  section(title: string): void {
    this.lines.push('', `## ${title}`, '');
  }

  command(ran: Ran, cwd: string): void {
    this.lines.push(`${path.basename(cwd)}$ ${ran.command}`, `exit ${ran.code} (${ran.seconds.toFixed(1)} s)`);
    for (const [name, text] of [['stdout', ran.stdout], ['stderr', ran.stderr]]) {
      if (text.trim() !== '') this.lines.push(`--- ${name}`, ...trimmed(text));
    }
    this.lines.push('');
  }

  write(file: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${this.lines.join('\n')}\n`);
  }
}

/** The text's lines without trailing blanks; a long text keeps its first and last lines and says how many it left out. */
function trimmed(text: string): string[] {
  const lines = text.replace(/\s+$/, '').split('\n').map((line) => line.trimEnd());
  if (lines.length <= HEAD_LINES + TAIL_LINES + 1) return lines;
  return [...lines.slice(0, HEAD_LINES), `[... ${lines.length - HEAD_LINES - TAIL_LINES} lines left out ...]`, ...lines.slice(-TAIL_LINES)];
}

/** A terminal in one folder, with one environment, writing what it runs to a transcript. */
export class Shell {
  constructor(readonly cwd: string, private readonly env: NodeJS.ProcessEnv, private readonly transcript: Transcript) {}

  /** Runs one command line with bash, as typed at a prompt; `input` is its standard input. */
  async run(command: string, input?: string): Promise<Ran> {
    const started = Date.now();
    const child = spawn('bash', ['-c', command], { cwd: this.cwd, env: this.env, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end(input ?? '');
    const { code, stdout, stderr } = await ended(child);
    const ran = { command, code, stdout, stderr, seconds: (Date.now() - started) / 1000 };
    this.transcript.command(ran, this.cwd);
    return ran;
  }

  /**
   * Starts a command that runs until stopped, in a process group of its own as a terminal's foreground job;
   * resolves once it printed its first line.
   */
  async start(command: string): Promise<Background> {
    const started = Date.now();
    const child = spawn('bash', ['-c', command], { cwd: this.cwd, env: this.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const output = ended(child);
    let text = '';
    const firstLine = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')));
      });
      void output.then(({ code, stderr }) => reject(new Error(`${command} ended (exit ${code}) before its first line:\n${stderr}`)));
    });
    const elapsed = () => (Date.now() - started) / 1000;
    return new Background(command, child, output, firstLine, () => text, elapsed, (ran) => this.transcript.command(ran, this.cwd));
  }
}

/** A command running in its own process group. */
export class Background {
  constructor(
    private readonly command: string,
    private readonly child: ChildProcess,
    private readonly output: Promise<{ code: number; stdout: string; stderr: string }>,
    /** The first line it printed. */
    readonly firstLine: string,
    /** What it printed on stdout so far. */
    readonly printed: () => string,
    private readonly elapsed: () => number,
    private readonly record: (ran: Ran) => void,
  ) {}

  /** Ctrl-C, as a terminal sends it: SIGINT to the whole process group. Resolves when the command ended. */
  async interrupt(): Promise<Ran> {
    process.kill(-this.child.pid!, 'SIGINT');
    const ran = { command: this.command, ...await this.output, seconds: this.elapsed() };
    this.record(ran);
    return ran;
  }

  /** Stops it at once if it still runs (after a failure elsewhere). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      try {
        process.kill(-this.child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
}

/** A child's exit code (128 + the signal's number when a signal ended it) and its output. */
function ended(child: ChildProcess): Promise<{ code: number; stdout: string; stderr: string }> {
  let [stdout, stderr] = ['', ''];
  child.stdout?.on('data', (chunk: Buffer) => stdout += chunk.toString());
  child.stderr?.on('data', (chunk: Buffer) => stderr += chunk.toString());
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code: code ?? 128 + os.constants.signals[signal!], stdout, stderr }));
  });
}
