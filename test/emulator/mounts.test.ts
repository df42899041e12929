import { AmplifyBackendEmulator } from '../../local/emulator';

describe('mounts: other things served on the emulator\'s port', () => {
  test('a mount answers its own paths ahead of the API; the API neither logs them nor calls afterRequest', async () => {
    let afterRequest = 0;
    const emulator = await AmplifyBackendEmulator.start({
      afterRequest: () => {
        afterRequest += 1;
      },
      mounts: [{ prefix: '/_page', serve: (request, response) => response.end(`page ${request.url}`) }],
    });
    try {
      expect(await (await fetch(`${emulator.endpoint}/_page`)).text()).toBe('page /_page');
      expect(await (await fetch(`${emulator.endpoint}/_page/a/b?c=d`)).text()).toBe('page /_page/a/b?c=d');
      expect(emulator.requests()).toEqual([]);
      expect(afterRequest).toBe(0);

      // A path that only starts with the same letters is the API's.
      expect((await fetch(`${emulator.endpoint}/_pages`)).status).toBe(404);
      expect(emulator.requests()).toEqual([expect.objectContaining({ path: '/_pages', status: 404 })]);
      expect(afterRequest).toBe(1);
    } finally {
      await emulator.close();
    }
  });

  test('a prefix of more than one path segment is refused, saying what to give', async () => {
    const started = AmplifyBackendEmulator.start({ mounts: [{ prefix: '/_page/x', serve: (_request, response) => response.end() }] });
    // Were it started anyway, it is closed, so the test fails here rather than holding jest open.
    await started.then((emulator) => emulator.close(), () => undefined);
    await expect(started).rejects.toThrow('Invalid mount prefix "/_page/x": use one path segment, e.g. "/_console".');
  });
});
