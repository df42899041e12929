import { GetBackendCommand } from '@aws-sdk/client-amplifybackend';
import { APP_ID, createStorage, ENV, useEmulator } from './harness';

describe('request log', () => {
  const h = useEmulator({ jobDurationMs: 1000 });

  test('records each request with time, operation, method, path, body, target, status and error type', async () => {
    await createStorage(h.client);
    h.clock.advance(5);
    await expect(h.client.send(new GetBackendCommand({ AppId: 'ghost' }))).rejects.toThrow();

    expect(h.emulator.requests()).toEqual([
      {
        time: h.clock.now - 5,
        operation: 'CreateBackendStorage',
        method: 'POST',
        path: `/backend/${APP_ID}/storage`,
        body: expect.objectContaining({ backendEnvironmentName: ENV, resourceName: 'photos' }),
        appId: APP_ID,
        backendEnvironmentName: ENV,
        mutating: true,
        jobPendingOnArrival: false,
        status: 200,
        jobId: h.emulator.inspect().jobs[0].jobId,
        durationMs: expect.any(Number),
      },
      {
        time: h.clock.now,
        operation: 'GetBackend',
        method: 'POST',
        path: '/backend/ghost/details',
        body: {},
        appId: 'ghost',
        mutating: false,
        status: 404,
        errorType: 'NotFoundException',
        durationMs: expect.any(Number),
      },
    ]);
  });

  test('marks mutating calls sent while a job was pending on their environment', async () => {
    await createStorage(h.client);
    await expect(createStorage(h.client)).rejects.toThrow(/pending job/);
    h.clock.advance(1000);
    await createStorage(h.client, { BackendEnvironmentName: 'other' }).catch(() => undefined);

    const sentWhilePending = h.emulator.requests().filter((request) => request.mutating && request.jobPendingOnArrival);
    expect(sentWhilePending).toEqual([expect.objectContaining({ status: 400, errorType: 'BadRequestException', backendEnvironmentName: ENV })]);
  });

  test('reset empties the log, the jobs, the planned faults and the counts, and restores the seeded state', async () => {
    h.emulator.injectFault('GetBackend', { kind: 'throttle', times: 2 });
    await expect(h.client.send(new GetBackendCommand({ AppId: APP_ID }))).rejects.toThrow();
    await createStorage(h.client);
    h.clock.advance(1000);

    h.emulator.reset();

    expect(h.emulator.requests()).toEqual([]);
    expect(h.emulator.faultCounts().throttle).toBe(0);
    expect(h.emulator.inspect()).toEqual({ environments: [{ appId: APP_ID, appName: 'photo-app', backendEnvironmentName: ENV }], jobs: [], buckets: [] });
    await expect(h.client.send(new GetBackendCommand({ AppId: APP_ID }))).resolves.toMatchObject({ BackendEnvironmentList: [ENV] });
  });
});
