import { AsyncLocalStorage } from 'async_hooks';
import { format } from 'util';

/**
 * Routes what a handler prints with console.log to a sink of the caller's, per invocation: handlers
 * of independent environments run concurrently in one process, so a global capture would mix them.
 */
const sinks = new AsyncLocalStorage<(line: string) => void>();
let users = 0;
let original: typeof console.log = console.log;

export async function capturingLogs<T>(sink: (line: string) => void, run: () => Promise<T>): Promise<T> {
  if (users++ === 0) {
    original = console.log;
    console.log = (...args: unknown[]) => {
      const current = sinks.getStore();
      if (current) current(format(...args));
      else original(...args);
    };
  }
  try {
    return await sinks.run(sink, run);
  } finally {
    if (--users === 0) console.log = original;
  }
}
