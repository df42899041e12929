import * as http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * An HTTP proxy in front of the emulator that plants a secret where the service's own answer would carry one: in
 * GetBackendAuth's `socialProviderSettings`, every `client_secret` and `private_key` (which the emulator keeps only
 * as `sha256:` fingerprints) becomes `planted`. Everything else passes through unchanged.
 */
export async function plantingProxy(target: string, planted: string): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const answer = await fetch(`${target}${request.url}`, {
        method: request.method,
        headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== 'host' && name !== 'content-length')) as Record<string, string>,
        body: request.method === 'GET' ? undefined : Buffer.concat(chunks),
      });
      let body = await answer.text();
      if (/\/auth\/[^/]+\/details$/.test(request.url ?? '')) {
        body = body.replace(/"(client_secret|private_key)":"[^"]*"/g, (_match, key: string) => `"${key}":${JSON.stringify(planted)}`);
      }
      const headers = Object.fromEntries([...answer.headers.entries()].filter(([name]) => name !== 'content-length' && name !== 'content-encoding'));
      response.writeHead(answer.status, headers).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
