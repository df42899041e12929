import Module from 'module';
import * as path from 'path';

/**
 * Handler bundles run in Node's own context, as in a Lambda container, not in a test runner's
 * sandbox (whose module cache, realm, `process.env` and `console` are copies). These are that
 * context's: where a handler's environment is set and where its logs appear.
 */

/** Compiles CommonJS code as a fresh module of Node's own context. */
export function compileInHost(code: string, filename: string): any {
  const container = new Module(filename) as Module & { _compile(code: string, filename: string): void };
  container.filename = filename;
  container._compile(code, filename);
  return container.exports;
}

export const HOST_PROCESS: NodeJS.Process = compileInHost('module.exports = process;', path.join(__dirname, 'host-process.js'));
export const HOST_CONSOLE: Console = compileInHost('module.exports = console;', path.join(__dirname, 'host-console.js'));

/** Values the host environment had before the runner set them. */
const overwritten = new Map<string, string | undefined>();

/** Sets variables in the host environment, remembering what they were. */
export function setHostEnvironment(environment: Record<string, string>): void {
  for (const [name, value] of Object.entries(environment)) {
    if (!overwritten.has(name)) overwritten.set(name, HOST_PROCESS.env[name]);
    HOST_PROCESS.env[name] = value;
  }
}

/** Puts back every variable `setHostEnvironment` changed. */
export function restoreHostEnvironment(): void {
  for (const [name, value] of overwritten) {
    if (value === undefined) delete HOST_PROCESS.env[name];
    else HOST_PROCESS.env[name] = value;
  }
  overwritten.clear();
}
