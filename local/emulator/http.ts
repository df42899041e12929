import { randomUUID } from 'node:crypto';
import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Reply } from './dispatcher';
import { Mount } from './mount';

/** Answers one request from its method, URL and body text (and its headers, for protocols that route by one). */
export type RequestHandler = (method: string, url: string, body: string, headers: IncomingHttpHeaders) => Reply;

/** A listening server and the base URL clients use. */
export interface Listener {
  readonly endpoint: string;
  close(): Promise<void>;
}

/**
 * Serves JSON over HTTP on 127.0.0.1; errors carry `x-amzn-errortype`, as the SDK reads them. Requests for a
 * mount's paths go to the mount instead.
 */
export async function listen(handler: RequestHandler, port: number, mounts: readonly Mount[] = []): Promise<Listener> {
  for (const { prefix } of mounts) {
    if (!/^\/[^/]+$/.test(prefix)) throw new Error(`Invalid mount prefix "${prefix}": use one path segment, e.g. "/_console".`);
  }
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const mount = mounts.find(({ prefix }) => path === prefix || path.startsWith(`${prefix}/`));
    if (mount) mount.serve(request, response);
    else void serve(handler, request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${address.port}`, close: () => closeServer(server) };
}

async function serve(handler: RequestHandler, request: IncomingMessage, response: ServerResponse): Promise<void> {
  let reply: Reply;
  try {
    reply = handler(request.method ?? 'GET', request.url ?? '/', await readBody(request), request.headers);
  } catch (error) {
    reply = { status: 500, errorType: 'InternalServerError', body: { message: `Emulator failure: ${String(error)}` } };
  }
  const payload = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
    ...(reply.errorType ? { 'x-amzn-errortype': reply.errorType } : {}),
  });
  response.end(payload);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Closes the server, dropping the keep-alive connections the SDK holds open. */
async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  server.closeAllConnections();
  await closed;
}
