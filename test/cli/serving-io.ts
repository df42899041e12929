import { deferred } from './harness';
import { CliIo } from '../../cli/io';

/** An io whose output the test reads as it comes, and whose "Ctrl-C" the test presses. */
export function servingIo() {
  const out = { stdout: '', stderr: '' };
  const firstLine = deferred();
  const stop = deferred();
  const io: CliIo = {
    stdout: (text) => {
      out.stdout += text;
      if (out.stdout.includes('\n')) firstLine.resolve();
    },
    stderr: (text) => {
      out.stderr += text;
    },
    env: {},
    cwd: '/projects/photo-share',
    isTTY: false,
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    onInterrupt: (listener) => {
      void stop.promise.then(listener);
      return () => undefined;
    },
    exit: () => undefined,
    readStdin: async () => '',
  };
  return { io, out, firstLine: firstLine.promise, stop: stop.resolve };
}
