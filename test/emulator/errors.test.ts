import { GetBackendCommand, NotFoundException } from '@aws-sdk/client-amplifybackend';
import { APP_ID, useEmulator } from './harness';

describe('error responses', () => {
  const h = useEmulator();

  test('a missing app is a 404 whose x-amzn-errortype the SDK reads as NotFoundException with resourceType', async () => {
    const attempt = h.client.send(new GetBackendCommand({ AppId: 'unknown-app' }));

    await expect(attempt).rejects.toBeInstanceOf(NotFoundException);
    await expect(attempt).rejects.toMatchObject({ ResourceType: 'App', message: 'App unknown-app has no backend.', $metadata: { httpStatusCode: 404 } });
  });

  test('a 404 on the wire carries the error type header and a message and resourceType body', async () => {
    const response = await fetch(`${h.emulator.endpoint}/backend/${APP_ID}/details`, { method: 'POST', body: '{"backendEnvironmentName":"prod"}' });

    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('NotFoundException');
    expect(await response.json()).toEqual({ message: `Backend environment prod not found for app ${APP_ID}.`, resourceType: 'BackendEnvironment' });
  });

  test('an unknown route is a 404 with a JSON message', async () => {
    const response = await fetch(`${h.emulator.endpoint}/backend/${APP_ID}/config`, { method: 'POST', body: '{}' });

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: `No operation serves POST /backend/${APP_ID}/config.` });
  });

  test('a body that is not JSON is a 400 BadRequestException', async () => {
    const response = await fetch(`${h.emulator.endpoint}/s3Buckets`, { method: 'POST', body: '{nope' });

    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('BadRequestException');
    expect(h.emulator.requests()[0]).toMatchObject({ operation: 'ListS3Buckets', body: '{nope', status: 400 });
  });
});
