import { amplifyBackend, amplifyBackendOnce } from '../../lambda/client';

describe('clients', () => {
  beforeAll(() => {
    process.env.AWS_REGION = 'us-east-1';
  });

  test('reads keep the SDK\'s default retries', async () => {
    expect(await amplifyBackend().config.maxAttempts()).toBe(3);
  });

  test('calls that start jobs are sent once: the next poll re-reads the state instead of retrying', async () => {
    expect(await amplifyBackendOnce().config.maxAttempts()).toBe(1);
  });

  test('each is created once per container', () => {
    expect(amplifyBackend()).toBe(amplifyBackend());
    expect(amplifyBackendOnce()).toBe(amplifyBackendOnce());
  });
});
