import { AsyncLocalStorage } from 'async_hooks';
import { format } from 'util';
import { HOST_CONSOLE } from './host';

/**
 * Routes what a handler prints with console.log (the host's console: see host.ts) to a sink of the
 * caller's, per invocation: handlers of independent environments run concurrently in one process,
 * so a global capture would mix them.
 */
const sinks = new AsyncLocalStorage<(line: string) => void>();
let users = 0;
let original: typeof console.log = HOST_CONSOLE.log;

export async function capturingLogs<T>(sink: (line: string) => void, run: () => Promise<T>): Promise<T> {
  if (users++ === 0) {
    original = HOST_CONSOLE.log;
    HOST_CONSOLE.log = (...args: unknown[]) => {
      const current = sinks.getStore();
      if (current) current(format(...args));
      else original.apply(HOST_CONSOLE, args);
    };
  }
  try {
    return await sinks.run(sink, run);
  } finally {
    if (--users === 0) HOST_CONSOLE.log = original;
  }
}
