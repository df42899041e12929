/**
 * `local serve`'s console through the command's own server: the page and its headers, the data it reads (secrets by
 * name only, newest first, drift as `local drift` compares), and what it refuses. The page in a browser is
 * test/console/browser.ts (`npx projen test:console`).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { AmplifyBackendClient, UpdateBackendStorageCommand } from '@aws-sdk/client-amplifybackend';
import { MemoryState, storageStack } from './local-state-double';
import { servingIo } from './serving-io';
import type { ConsoleDocument } from '../../cli/local/console/document';
import { PAGE_DIR } from '../../cli/local/console/page-files';
import { serveLocalWorld } from '../../cli/local/serve';
import type { EnvironmentImage, WorldImage } from '../../local/emulator';
import { APP_ID, ENV, savedWorldWithStorage } from '../emulator/harness';

/** A social sign-in secret as a world saved before fingerprints would hold it: the emulator fingerprints it on reading. */
const SECRET_VALUE = 'facebook-app-secret-value';
/** A name no API call could give an environment, as a console-made mess would leave it in a world. */
const MARKUP_NAME = '<img src=x onerror=alert(1)>';

/** The saved world with storage, plus a Facebook sign-in secret in its auth and an environment named with markup. */
async function worldWithSecretAndMarkup(): Promise<WorldImage> {
  const image = structuredClone(await savedWorldWithStorage());
  const [environment] = image.apps[0].environments;
  const userPool = environment.auth!.resourceConfig.userPoolConfigs!;
  userPool.oAuth = { socialProviderSettings: { Facebook: { client_id: 'facebook-app-id', client_secret: SECRET_VALUE } } };
  (image.apps[0].environments as EnvironmentImage[]).push({ name: MARKUP_NAME });
  return image;
}

/** `local serve` of `state` until the test ends; its endpoint and a way to stop it. */
async function serving(state: MemoryState) {
  const { io, out, firstLine, stop } = servingIo();
  const done = serveLocalWorld(state, { port: 0, jobDuration: 0 }, io);
  await firstLine;
  const endpoint = /^endpoint (\S+)\n/.exec(out.stdout)![1];
  return { endpoint, out, stop: async () => { stop(); expect(await done).toBe(0); } };
}

/** A GET with the headers given (Node's fetch will not send another Host). */
function get(url: string, headers: http.OutgoingHttpHeaders = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('local serve\'s console', () => {
  test('serves its page at /_console/ with a Content-Security-Policy, no CORS header, and says where in its output', async () => {
    const server = await serving(new MemoryState(await savedWorldWithStorage()));
    try {
      const page = await get(`${server.endpoint}/_console/`);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.body).toBe(fs.readFileSync(path.join(PAGE_DIR, 'index.html'), 'utf8'));
      expect(page.headers['content-security-policy']).toBe("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
      expect(page.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
      for (const file of ['/_console/', '/_console/console.js', '/_console/console.css', '/_console/api/state']) {
        const answer = await get(`${server.endpoint}${file}`, { origin: 'https://example.com' });
        expect([file, answer.status, Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))]).toEqual([file, 200, []]);
      }
      expect((await get(`${server.endpoint}/_console/console.js`)).headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(await get(`${server.endpoint}/_console`)).toMatchObject({ status: 308, headers: { location: '/_console/' } });
      expect(server.out.stdout.split('\n')[2]).toBe(`See it in a browser: ${server.endpoint}/_console/ (read-only)`);
    } finally {
      await server.stop();
    }
  });

  test('refuses a Host other than the loopback address (DNS rebinding), writes, and files its page does not have', async () => {
    const server = await serving(new MemoryState(await savedWorldWithStorage()));
    try {
      const { port } = new URL(server.endpoint);
      const rebound = await get(`${server.endpoint}/_console/api/state`, { host: `attacker.example:${port}` });
      expect(rebound).toMatchObject({ status: 403, body: `This console answers requests to http://127.0.0.1:${port}/_console/ only, not to host "attacker.example:${port}".\n` });
      expect((await get(`${server.endpoint}/_console/api/state`, { host: `localhost:${port}` })).status).toBe(200);
      expect(await get(`${server.endpoint}/_console/api/state`, {}, 'POST')).toMatchObject({ status: 405, headers: { allow: 'GET, HEAD' } });
      expect((await get(`${server.endpoint}/_console/tsconfig.json`)).status).toBe(404);
      expect((await get(`${server.endpoint}/_console/../world.json`)).status).toBe(404);
    } finally {
      await server.stop();
    }
  });

  test('its data: every setting with secrets by name only, names as given, jobs and requests newest first; reading changes nothing', async () => {
    const state = new MemoryState(await worldWithSecretAndMarkup());
    const server = await serving(state);
    try {
      const client = new AmplifyBackendClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
      await client.send(new UpdateBackendStorageCommand({
        AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'photos', ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ', 'DELETE'] } },
      }));
      client.destroy();
      const written = state.written.length;

      const answer = await get(`${server.endpoint}/_console/api/state`);
      const document = JSON.parse(answer.body) as ConsoleDocument;

      expect(answer.body).not.toContain(SECRET_VALUE);
      expect(answer.body).not.toContain('sha256:');
      const [environment, marked] = document.environments;
      expect(marked).toEqual({ appId: APP_ID, appName: expect.any(String), name: MARKUP_NAME, categories: [] });
      expect(environment.categories.map(({ category, resourceName }) => `${category}: ${resourceName}`)).toEqual(['Auth: userpool', 'Storage: photos']);
      const [auth, storage] = environment.categories;
      expect(auth.settings).toEqual(expect.arrayContaining([
        { name: 'resourceConfig.userPoolConfigs.signInMethod', value: 'EMAIL' },
        { name: 'resourceConfig.userPoolConfigs.requiredSignUpAttributes', value: 'EMAIL' },
        { name: 'resourceConfig.identityPoolConfigs.unauthenticatedLogin', value: 'true' },
        { name: 'resourceConfig.userPoolConfigs.oAuth.socialProviderSettings.Facebook.client_id', value: 'facebook-app-id' },
        { name: 'resourceConfig.userPoolConfigs.oAuth.socialProviderSettings.Facebook.client_secret', secret: true },
        { name: 'outputs.UserPoolId', value: expect.stringMatching(/^us-east-1_/) },
      ]));
      expect(storage.settings).toEqual([
        { name: 'bucketName', value: expect.stringMatching(/^photos/) },
        { name: 'permissions.authenticated', value: 'READ, DELETE' },
      ]);
      expect(document.jobs.items.map((job) => job.operation)).toEqual(['UpdateBackendStorage', 'CreateBackendStorage', 'CreateBackendAuth']);
      expect(document.jobs.items[0]).toMatchObject({ environment: ENV, status: 'COMPLETED', endTime: expect.any(Number), external: false });
      expect(document.requests).toEqual({
        total: 1,
        items: [expect.objectContaining({ operation: 'UpdateBackendStorage', status: 200, environment: ENV, durationMs: expect.any(Number) })],
      });
      // Read-only: the console's own requests are not the API's, and the world was not written again.
      expect((JSON.parse((await get(`${server.endpoint}/_console/api/state`)).body) as ConsoleDocument).requests.total).toBe(1);
      expect(state.written).toHaveLength(written);
    } finally {
      await server.stop();
    }
  });

  test('its data: each stack\'s resources with drift as local drift compares them, and a 304 while nothing changed', async () => {
    const state = new MemoryState(await savedWorldWithStorage(), [storageStack()]);
    const server = await serving(state);
    try {
      const first = await get(`${server.endpoint}/_console/api/state`);
      const { drift } = JSON.parse(first.body) as ConsoleDocument;
      expect(drift).toEqual({
        checkedAt: expect.any(Number),
        stacks: [{ name: 'AppStorage', resources: [{ logicalId: 'Photos', type: 'Custom::AmplifyBackendStorage', physicalId: `${APP_ID}/${ENV}/photos`, status: 'in-sync', details: [] }] }],
      });
      expect(await get(`${server.endpoint}/_console/api/state`, { 'if-none-match': first.headers.etag })).toMatchObject({ status: 304, body: '' });

      const client = new AmplifyBackendClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
      await client.send(new UpdateBackendStorageCommand({
        AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'photos', ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ', 'DELETE'] } },
      }));
      client.destroy();
      const changed = await get(`${server.endpoint}/_console/api/state`, { 'if-none-match': first.headers.etag });
      expect(changed.status).toBe(200);
      expect((JSON.parse(changed.body) as ConsoleDocument).drift.stacks[0].resources[0]).toMatchObject({
        status: 'drifted',
        details: [{ property: 'AuthenticatedPermissions', declared: '["READ"]', live: '["READ","DELETE"]' }],
      });
    } finally {
      await server.stop();
    }
  });
});

describe('the console\'s page', () => {
  test('its script never writes markup: every value goes in as text (textContent, text nodes, attributes)', () => {
    const script = fs.readFileSync(path.join(PAGE_DIR, 'console.js'), 'utf8');
    expect(script.match(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/g)).toBeNull();
  });

  test('loads nothing from elsewhere: every src and href of the page is its own', () => {
    const page = fs.readFileSync(path.join(PAGE_DIR, 'index.html'), 'utf8');
    const references = [...page.matchAll(/(?:src|href)="([^"]*)"/g)].map((match) => match[1]);
    expect(references).toEqual(['favicon.svg', 'console.css', 'console.js', '#main', '#environments', '#jobs', '#stacks', '#requests']);
  });
});
