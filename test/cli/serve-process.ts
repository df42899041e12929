import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

/** The shipped command's bundle (the test task builds it first). */
export const BIN = path.join(__dirname, '..', '..', 'assets', 'cli', 'bin', 'index.js');

/** Starts the bundle's `local serve` on a state folder (with more `args`) and resolves with the endpoint its first line names. */
export function startServe(stateDir: string, args: readonly string[] = []): Promise<{ server: ChildProcess; endpoint: string }> {
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const server = spawn(process.execPath, [BIN, 'local', 'serve', '--state-dir', stateDir, ...args], { env });
  return new Promise((resolve, reject) => {
    let stdout = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const first = /^(.*)\n/.exec(stdout)?.[1];
      if (first === undefined) return;
      const endpoint = /^endpoint (http:\/\/\S+)$/.exec(first)?.[1];
      if (endpoint) resolve({ server, endpoint });
      else reject(new Error(`local serve's first line is not "endpoint <url>": ${first}`));
    });
    server.once('exit', (code) => reject(new Error(`local serve exited ${code} before printing its endpoint`)));
  });
}
