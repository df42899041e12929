import { AmplifyBackendClient, ListS3BucketsCommand } from '@aws-sdk/client-amplifybackend';
import { useEmulator } from './harness';
import { AmplifyBackendEmulator } from '../../local/emulator';

describe('AmplifyBackendEmulator', () => {
  const h = useEmulator({ buckets: ['seeded-bucket'] });

  test('listens on 127.0.0.1 on a port the OS chose', () => {
    expect(h.emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(h.emulator.endpoint).not.toMatch(/:0$/);
  });

  test('the SDK finds it through AWS_ENDPOINT_URL_AMPLIFYBACKEND', async () => {
    const saved = process.env.AWS_ENDPOINT_URL_AMPLIFYBACKEND;
    process.env.AWS_ENDPOINT_URL_AMPLIFYBACKEND = h.emulator.endpoint;
    const client = new AmplifyBackendClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
    try {
      const response = await client.send(new ListS3BucketsCommand({}));

      expect(response.Buckets!.map((bucket) => bucket.Name)).toEqual(['seeded-bucket']);
    } finally {
      client.destroy();
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_AMPLIFYBACKEND;
      else process.env.AWS_ENDPOINT_URL_AMPLIFYBACKEND = saved;
    }
  });

  test('inspection returns copies: changing them changes nothing', () => {
    h.emulator.inspect().buckets.pop();

    expect(h.emulator.inspect().buckets).toEqual([{ name: 'seeded-bucket', creationDate: new Date(h.clock.now).toISOString(), createdByEmulator: false }]);
  });

  test('two emulators do not share state', async () => {
    const other = await AmplifyBackendEmulator.start();
    try {
      expect(other.endpoint).not.toBe(h.emulator.endpoint);
      expect(other.inspect()).toEqual({ environments: [], jobs: [], buckets: [] });
    } finally {
      await other.close();
    }
  });

  test('close stops the server', async () => {
    const emulator = await AmplifyBackendEmulator.start();
    await emulator.close();

    await expect(fetch(`${emulator.endpoint}/s3Buckets`, { method: 'POST' })).rejects.toThrow();
  });
});
