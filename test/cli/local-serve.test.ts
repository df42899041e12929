import * as net from 'node:net';
import { AmplifyBackendClient, GetBackendJobCommand, GetBackendStorageCommand, UpdateBackendStorageCommand } from '@aws-sdk/client-amplifybackend';
import { MemoryState } from './local-state-double';
import { servingIo } from './serving-io';
import { serveLocalWorld } from '../../cli/local/serve';
import { APP_ID, ENV, savedWorldWithStorage } from '../emulator/harness';

describe('local serve', () => {
  test('prints "endpoint <url>" first, keeps every change made through it in the state folder, and stops on request: exit 0', async () => {
    const state = new MemoryState(await savedWorldWithStorage());
    const { io, out, firstLine, stop } = servingIo();
    const serving = serveLocalWorld(state, { port: 0, jobDuration: 0 }, io);
    await firstLine;
    const endpoint = /^endpoint (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out.stdout)?.[1];
    expect(endpoint).toBeDefined();

    const client = new AmplifyBackendClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    await client.send(new UpdateBackendStorageCommand({
      AppId: APP_ID,
      BackendEnvironmentName: ENV,
      ResourceName: 'photos',
      ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ', 'DELETE'], UnAuthenticated: ['READ'] } },
    }));
    // Saved before the answer arrived: a server killed now would lose nothing.
    const saved = state.readWorld()!.apps[0].environments[0].storage;
    expect(saved?.permissions).toEqual({ authenticated: ['READ', 'DELETE'], unAuthenticated: ['READ'] });
    await client.send(new GetBackendStorageCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'photos' }));
    client.destroy();
    stop();

    expect(await serving).toBe(0);
    expect(state.written).toHaveLength(2);
    // The jobs line names the world's environment and carries credentials: it works as printed on a machine with no AWS configuration.
    expect(out.stdout).toContain(`  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local cdk-amplify-backend jobs list --endpoint-url ${endpoint} `
      + `--region us-east-1 --app-id ${APP_ID} --env ${ENV}\n`);
    expect(out.stdout).toMatch(/\nStopped; the world is saved in \/projects\/photo-share\/\.cdk-amplify-backend\.\n$/);
    expect(out.stderr).toBe('');
  });

  test('--job-duration: jobs started through it run that long, and each is saved once it has ended', async () => {
    const state = new MemoryState(await savedWorldWithStorage());
    const { io, out, firstLine, stop } = servingIo();
    const serving = serveLocalWorld(state, { port: 0, jobDuration: 300 }, io);
    await firstLine;
    const endpoint = /^endpoint (\S+)\n/.exec(out.stdout)![1];
    const client = new AmplifyBackendClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    const { JobId } = await client.send(new UpdateBackendStorageCommand({
      AppId: APP_ID, BackendEnvironmentName: ENV, ResourceName: 'photos', ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ', 'DELETE'] } },
    }));
    const written = state.written.length;
    expect((await client.send(new GetBackendJobCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, JobId }))).Status).toBe('RUNNING');
    await new Promise((resolve) => setTimeout(resolve, 500));
    client.destroy();

    expect(state.written.length).toBe(written + 1);
    expect(state.readWorld()!.apps[0].environments[0].storage?.permissions).toEqual({ authenticated: ['READ', 'DELETE'] });
    expect(out.stdout.split('\n')[1]).toMatch(/, and every job runs 300 ms\.$/);
    stop();
    expect(await serving).toBe(0);
  });

  test('nothing deployed locally: exit 1, saying what to run', async () => {
    const { io, out } = servingIo();
    expect(await serveLocalWorld(new MemoryState(undefined), { port: 0, jobDuration: 0 }, io)).toBe(1);
    expect(out.stderr).toBe('Nothing is deployed locally in /projects/photo-share/.cdk-amplify-backend: '
      + 'run "cdk-amplify-backend local deploy" first, or give the --state-dir it used.\n');
  });

  test('a --port in use: exit 2, naming it', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    const { io, out } = servingIo();
    try {
      expect(await serveLocalWorld(new MemoryState(await savedWorldWithStorage()), { port, jobDuration: 0 }, io)).toBe(2);
    } finally {
      taken.close();
    }
    expect(out.stderr).toBe(`cdk-amplify-backend local serve: --port ${port} is in use; give another port, or 0 for any free one.\n`);
  });
});

describe('local serve beside other commands', () => {
  test('holds the state folder while it serves, and lets go when stopped', async () => {
    const state = new MemoryState(await savedWorldWithStorage());
    const { io, firstLine, stop } = servingIo();
    const serving = serveLocalWorld(state, { port: 0, jobDuration: 0 }, io);
    await firstLine;

    expect(state.holder).toBe('local serve');
    stop();
    expect(await serving).toBe(0);
    expect(state.holder).toBeUndefined();
  });

  test('a state folder another command holds: refused, naming it, nothing served', async () => {
    const state = new MemoryState(await savedWorldWithStorage());
    state.lock('local deploy');
    const { io, out } = servingIo();

    await expect(serveLocalWorld(state, { port: 0, jobDuration: 0 }, io)).rejects.toThrow('/projects/photo-share/.cdk-amplify-backend is in use by local deploy');
    expect(out.stdout).toBe('');
  });
});
