import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliIo, main } from '../../cli';
import { TestClock } from '../emulator/harness';

/**
 * The AWS configuration every CLI test starts from: test credentials, one Region, one attempt per
 * call (the SDK's own backoff would make retry tests slow and hide the command's own retries), and no
 * shared files or endpoint from the machine running the tests. Tests that need more set it themselves.
 */
export function hermeticAwsEnvironment(): void {
  const saved = { ...process.env };
  beforeEach(() => {
    for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
      AWS_MAX_ATTEMPTS: '1',
      AWS_CONFIG_FILE: '/nonexistent/aws/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws/credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
  });
  afterAll(() => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  });
}

/** What a run of `main` printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Whether stdout is a terminal. @default false */
  readonly isTTY?: boolean;
  /** Time for the command: sleeping advances it (no real waiting). @default - real time */
  readonly clock?: TestClock;
  /** Resolves when the test "presses Ctrl-C" (once). @default - never */
  readonly interrupted?: Promise<void>;
  /** Sees every write to stdout as it happens. */
  readonly onStdout?: (text: string) => void;
  /** The folder the command runs in (where it looks for cdk.json). @default - the test process's */
  readonly cwd?: string;
  /** What standard input holds. @default - nothing */
  readonly stdin?: string;
}

/** Runs `cdk-amplify-backend <argv>` in-process and collects its output. */
export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const clock = options.clock;
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
      options.onStdout?.(text);
    },
    stderr: (text) => {
      stderr += text;
    },
    env: process.env,
    cwd: options.cwd ?? process.cwd(),
    isTTY: options.isTTY ?? false,
    now: clock ? clock.read : Date.now,
    sleep: clock
      ? async (ms) => clock.advance(ms)
      : (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    onInterrupt: (listener) => {
      let listening = true;
      void options.interrupted?.then(() => listening && listener());
      return () => {
        listening = false;
      };
    },
    exit: (exitCode) => {
      throw new Error(`The command asked to exit the test process with code ${exitCode}`);
    },
    readStdin: async () => options.stdin ?? '',
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A promise and the function that resolves it. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A maker of fresh temporary folders named `<prefix>XXXXXX`, every one removed after the test file. */
export function tempFolders(prefix: string): () => string {
  const folders: string[] = [];
  afterAll(() => folders.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    folders.push(dir);
    return dir;
  };
}
