import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { consoleDocument, ConsoleSource } from './console-document';
import { PageFile, readPageFiles } from './page-files';
import { DriftView } from './stack-drift';
import type { Mount } from '../../../local/emulator';

/** Where the console is served beside the API: no AmplifyBackend route starts with `/_`. */
export const CONSOLE_PATH = '/_console';

/** Where the page reads the world from, below `CONSOLE_PATH`. */
const STATE_PATH = '/api/state';

/**
 * Sent with every answer. The page loads only its own files and reads only its own data (CSP), cannot be framed,
 * sends no referrer; the data is never cached. No CORS header: another site's script cannot read any of it.
 */
const SECURITY_HEADERS: OutgoingHttpHeaders = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

/**
 * `local serve`'s console: a page about the served world at `/_console/` and the data it reads, mounted on the
 * emulator's server ahead of the API. It only reads. It answers only requests addressed to the loopback address
 * by name or number (a `Host` other than `127.0.0.1:<port>` or `localhost:<port>` is refused), so that a web
 * page whose domain resolves to 127.0.0.1 (DNS rebinding) cannot read it either.
 */
export class LocalConsole {
  /** What `EmulatorOptions.mounts` takes. */
  readonly mount: Mount = { prefix: CONSOLE_PATH, serve: (request, response) => void this.serve(request, response) };
  private readonly page: ReadonlyMap<string, PageFile>;
  private readonly drift = new DriftView();
  private source?: ConsoleSource;

  constructor(page: ReadonlyMap<string, PageFile> = readPageFiles(), private readonly clock: () => number = Date.now) {
    this.page = page;
  }

  /** What to show: the console answers 503 until it has it (the emulator it reads starts after the mount is made). */
  attach(source: ConsoleSource): void {
    this.source = source;
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const answer = await this.answer(request);
      const body = request.method === 'HEAD' ? undefined : answer.body;
      response.writeHead(answer.status, { ...SECURITY_HEADERS, ...answer.headers, 'content-length': answer.body ? answer.body.length : 0 });
      response.end(body);
    } catch (error) {
      const failure = Buffer.from(`The console failed: ${error instanceof Error ? error.message : String(error)}\n`);
      response.writeHead(500, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'content-length': failure.length });
      response.end(failure);
    }
  }

  private async answer(request: IncomingMessage): Promise<Answer> {
    const port = request.socket.localPort;
    if (!isLoopbackHost(request.headers.host, port)) {
      return text(403, `This console answers requests to http://127.0.0.1:${port}${CONSOLE_PATH}/ only, not to host "${request.headers.host ?? ''}".`);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return { ...text(405, `The console only reads: use GET, not ${request.method}.`), headers: { 'content-type': 'text/plain; charset=utf-8', 'allow': 'GET, HEAD' } };
    }
    const path = (request.url ?? '/').split('?')[0].slice(CONSOLE_PATH.length);
    if (path === '') return { status: 308, headers: { location: `${CONSOLE_PATH}/` } };
    if (path === STATE_PATH) return this.state(request.headers['if-none-match']);
    const file = this.page.get(path === '/' ? 'index.html' : path.slice(1));
    if (!file) return text(404, `The console has no ${CONSOLE_PATH}${path}; its page is ${CONSOLE_PATH}/.`);
    return { status: 200, headers: { 'content-type': file.contentType }, body: file.body };
  }

  /** The world as JSON, with an ETag: a page that has it already gets a 304 and no body. */
  private async state(ifNoneMatch: string | undefined): Promise<Answer> {
    if (!this.source) return text(503, 'The console is starting; try again in a moment.');
    const document = await consoleDocument(this.source, this.drift, this.clock());
    // Everything but `now`, which changes every read: the page moves running jobs' bars on with its own clock.
    const etag = `"${createHash('sha256').update(JSON.stringify({ ...document, now: 0 })).digest('base64url')}"`;
    if (ifNoneMatch === etag) return { status: 304, headers: { etag } };
    return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', etag }, body: Buffer.from(JSON.stringify(document)) };
  }
}

/** An answer before the headers every answer carries. */
interface Answer {
  readonly status: number;
  readonly headers: OutgoingHttpHeaders;
  readonly body?: Buffer;
}

function text(status: number, message: string): Answer {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(`${message}\n`) };
}

/** Whether a `Host` header names this server by its loopback address or `localhost`. */
export function isLoopbackHost(host: string | undefined, port: number | undefined): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}
