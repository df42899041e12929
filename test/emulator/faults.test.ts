import { GetBackendCommand, GetBackendJobCommand } from '@aws-sdk/client-amplifybackend';
import { APP_ID, createStorage, ENV, Harness, startHarness, stopHarness, useEmulator } from './harness';
import { FaultCounts, RandomFaultOptions } from '../../local/emulator';

function getBackend(h: Harness) {
  return h.client.send(new GetBackendCommand({ AppId: APP_ID, BackendEnvironmentName: ENV }));
}

function getJob(h: Harness, jobId: string | undefined) {
  return h.client.send(new GetBackendJobCommand({ AppId: APP_ID, BackendEnvironmentName: ENV, JobId: jobId }));
}

describe('planned faults', () => {
  const h = useEmulator({ jobDurationMs: 1000 });

  test('a burst of 429s hits exactly the next N calls of that operation', async () => {
    h.emulator.injectFault('CreateBackendStorage', { kind: 'throttle', times: 3, limitType: 'JobsPerEnvironment' });

    for (let call = 0; call < 3; call++) {
      await expect(createStorage(h.client)).rejects.toMatchObject({ name: 'TooManyRequestsException', LimitType: 'JobsPerEnvironment', message: 'Rate exceeded' });
      await expect(getBackend(h)).resolves.toBeDefined();
    }
    await expect(createStorage(h.client)).resolves.toMatchObject({ Status: 'RUNNING' });
    expect(h.emulator.faultCounts()).toMatchObject({ throttle: 3 });
  });

  test('a 504 before the effect starts no job', async () => {
    h.emulator.injectFault('CreateBackendStorage', { kind: 'timeoutBeforeEffect' });

    await expect(createStorage(h.client)).rejects.toMatchObject({ name: 'GatewayTimeoutException', $metadata: { httpStatusCode: 504 } });
    expect(h.emulator.inspect().jobs).toEqual([]);
    expect(h.emulator.faultCounts()).toMatchObject({ timeoutBeforeEffect: 1 });
  });

  test('a 504 after the effect starts the job, loses the answer, and a retry meets the pending job', async () => {
    h.emulator.injectFault('CreateBackendStorage', { kind: 'timeoutAfterEffect' });

    await expect(createStorage(h.client)).rejects.toMatchObject({ name: 'GatewayTimeoutException' });
    const [job] = h.emulator.inspect().jobs;
    expect(job).toMatchObject({ operation: 'CreateBackendStorage', pending: true });
    expect(h.emulator.requests()[0]).toMatchObject({ status: 504, fault: 'timeoutAfterEffect', jobId: job.jobId });
    await expect(createStorage(h.client)).rejects.toThrow(/There is already a pending job/);
  });

  test('a 504 can hit a job poll too', async () => {
    const { JobId } = await createStorage(h.client);
    h.emulator.injectFault('GetBackendJob', { kind: 'timeoutBeforeEffect' });

    await expect(getJob(h, JobId)).rejects.toMatchObject({ name: 'GatewayTimeoutException' });
    await expect(getJob(h, JobId)).resolves.toMatchObject({ Status: 'RUNNING' });
  });

  test('a job planned to fail ends FAILED with its error text and no effect', async () => {
    h.emulator.injectFault('CreateBackendStorage', { kind: 'jobFails', error: 'Bucket policy rejected' });
    const { JobId } = await createStorage(h.client);
    h.clock.advance(1000);

    await expect(getJob(h, JobId)).resolves.toMatchObject({ Status: 'FAILED', Error: 'Bucket policy rejected' });
    expect(h.emulator.inspect().environments[0].storage).toBeUndefined();
    expect(h.emulator.faultCounts()).toMatchObject({ jobFails: 1 });
  });

  test('a job planned never to finish stays running and keeps the environment blocked', async () => {
    h.emulator.injectFault('CreateBackendStorage', { kind: 'jobNeverFinishes' });
    const { JobId } = await createStorage(h.client);
    h.clock.advance(365 * 24 * 3600 * 1000);

    await expect(getJob(h, JobId)).resolves.toMatchObject({ Status: 'RUNNING' });
    await expect(createStorage(h.client)).rejects.toThrow(/There is already a pending job/);
    expect(h.emulator.faultCounts()).toMatchObject({ jobNeverFinishes: 1 });
  });

  test('an external job blocks the environment until its duration has elapsed', async () => {
    h.emulator.startExternalJob({ appId: APP_ID, backendEnvironmentName: ENV, durationMs: 300 });

    await expect(createStorage(h.client)).rejects.toThrow(/There is already a pending job/);
    h.clock.advance(300);
    await expect(createStorage(h.client)).resolves.toMatchObject({ Status: 'RUNNING' });
    expect(h.emulator.faultCounts()).toMatchObject({ externalJob: 1 });
  });

  test('an external job cannot start while another job is pending on the environment', async () => {
    await createStorage(h.client);

    expect(() => h.emulator.startExternalJob({ appId: APP_ID, backendEnvironmentName: ENV })).toThrow(/already pending/);
  });

  test('job faults can only be planned for operations that start jobs', () => {
    expect(() => h.emulator.injectFault('GetBackend', { kind: 'jobFails' })).toThrow('GetBackend starts no job, so it cannot get the fault jobFails.');
  });
});

describe('faults planned for one app', () => {
  const OTHER = 'd9other9';
  const h = useEmulator({
    jobDurationMs: 1000,
    environments: [{ appId: APP_ID, backendEnvironmentName: ENV }, { appId: OTHER, backendEnvironmentName: ENV }],
  });
  const createIn = (appId: string) => createStorage(h.client, { AppId: appId });

  test('hit only calls of that app, and are counted for it', async () => {
    h.emulator.injectFault('CreateBackendStorage', { kind: 'timeoutBeforeEffect' }, { appId: APP_ID });

    await expect(createIn(OTHER)).resolves.toMatchObject({ Status: 'RUNNING' });
    await expect(createIn(APP_ID)).rejects.toMatchObject({ name: 'GatewayTimeoutException' });
    expect(h.emulator.faultCounts(APP_ID)).toMatchObject({ timeoutBeforeEffect: 1 });
    expect(h.emulator.faultCounts(OTHER)).toMatchObject({ timeoutBeforeEffect: 0 });
    expect(h.emulator.faultCounts()).toMatchObject({ timeoutBeforeEffect: 1 });
  });

  test('can name the environment too', async () => {
    h.emulator.injectFault('CreateBackendStorage', { kind: 'jobFails', error: 'only in test' }, { appId: APP_ID, backendEnvironmentName: 'test' });

    const { JobId } = await createIn(APP_ID);
    h.clock.advance(1000);
    await expect(getJob(h, JobId)).resolves.toMatchObject({ Status: 'COMPLETED' });
    expect(h.emulator.faultCounts(APP_ID).jobFails).toBe(0);
  });

  test('a planned external job arrives with the next call that finds the environment idle', async () => {
    h.emulator.injectFault('CreateBackendStorage', { kind: 'externalJob', durationMs: 300 }, { appId: APP_ID });

    await expect(createIn(APP_ID)).rejects.toThrow(/There is already a pending job/);
    expect(h.emulator.requests({ appId: APP_ID })).toEqual([expect.objectContaining({ jobPendingOnArrival: false, fault: 'externalJob' })]);
    expect(h.emulator.inspect({ appId: APP_ID }).jobs).toEqual([expect.objectContaining({ external: true, endsAt: h.clock.now + 300 })]);
    expect(h.emulator.faultCounts(APP_ID).externalJob).toBe(1);
  });

  test('the requests of one app can be read alone', async () => {
    await createIn(OTHER);
    await createIn(APP_ID);

    expect(h.emulator.requests({ appId: OTHER }).map((request) => request.appId)).toEqual([OTHER]);
    expect(h.emulator.requestCount(APP_ID)).toBe(1);
  });

  test('planned faults no call took can be discarded', async () => {
    h.emulator.injectFault('UpdateBackendStorage', { kind: 'throttle', times: 2 }, { appId: APP_ID });
    h.emulator.injectFault('DeleteBackendStorage', { kind: 'jobFails' }, { appId: APP_ID });
    h.emulator.injectFault('DeleteBackendStorage', { kind: 'jobFails' }, { appId: OTHER });

    expect(h.emulator.discardFaults(APP_ID)).toBe(3);
    expect(h.emulator.discardFaults(APP_ID)).toBe(0);
    expect(h.emulator.discardFaults(OTHER)).toBe(1);
  });
});

describe('jobs planned never to finish', () => {
  const h = useEmulator({ jobDurationMs: 10 });

  test('can be ended COMPLETED with their effect, once a caller has given up on them', async () => {
    h.emulator.injectFault('CreateBackendStorage', { kind: 'jobNeverFinishes' });
    const { JobId } = await createStorage(h.client);
    h.clock.advance(60_000);

    expect(h.emulator.endNeverFinishingJobs({ appId: APP_ID, backendEnvironmentName: ENV })).toEqual([JobId]);
    await expect(getJob(h, JobId)).resolves.toMatchObject({ Status: 'COMPLETED' });
    expect(h.emulator.inspect().environments[0].storage).toMatchObject({ resourceName: 'photos' });
  });

  test('or FAILED with an error and no effect', async () => {
    h.emulator.injectFault('CreateBackendStorage', { kind: 'jobNeverFinishes' });
    const { JobId } = await createStorage(h.client);

    h.emulator.endNeverFinishingJobs({ appId: APP_ID, backendEnvironmentName: ENV }, 'Timed out by the service');
    await expect(getJob(h, JobId)).resolves.toMatchObject({ Status: 'FAILED', Error: 'Timed out by the service' });
    expect(h.emulator.inspect().environments[0].storage).toBeUndefined();
    expect(h.emulator.endNeverFinishingJobs({ appId: APP_ID, backendEnvironmentName: ENV })).toEqual([]);
  });
});

describe('random faults', () => {
  /** A fixed sequence of calls: every third creates storage (a fresh resource name), the rest read the backend. */
  async function run(randomFaults: RandomFaultOptions, calls = 30): Promise<{ outcomes: string[]; counts: FaultCounts }> {
    const h = await startHarness({ randomFaults });
    try {
      for (let call = 0; call < calls; call++) {
        h.clock.advance(10);
        await Promise.allSettled([call % 3 === 0 ? createStorage(h.client, { ResourceName: `r${call}` }) : getBackend(h)]);
      }
      return { outcomes: h.emulator.requests().map((request) => `${request.operation}:${request.status}:${request.fault ?? '-'}`), counts: h.emulator.faultCounts() };
    } finally {
      await stopHarness(h);
    }
  }

  const probabilities = { throttle: 0.1, timeoutBeforeEffect: 0.1, timeoutAfterEffect: 0.1, jobFails: 0.3, jobNeverFinishes: 0.1, externalJob: 0.2 };

  test('the same seed replays the same faults; another seed gives others', async () => {
    const first = await run({ seed: 7, probabilities });
    const again = await run({ seed: 7, probabilities });
    const other = await run({ seed: 8, probabilities });

    expect(again).toEqual(first);
    expect(other.outcomes).not.toEqual(first.outcomes);
    expect(Object.values(first.counts).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
  });

  test('random 429s come in bursts of the configured length on one operation', async () => {
    const { outcomes, counts } = await run({ seed: 3, probabilities: { throttle: 0.15 }, throttleBurst: 4, operations: ['GetBackend'] }, 120);

    const throttled = outcomes.filter((outcome) => outcome.startsWith('GetBackend')).map((outcome) => outcome.endsWith(':throttle'));
    const bursts = burstLengths(throttled);
    expect(bursts.length).toBeGreaterThan(1);
    expect(bursts.slice(0, -1).every((length) => length % 4 === 0)).toBe(true);
    expect(outcomes.some((outcome) => outcome.startsWith('CreateBackendStorage') && outcome.endsWith(':throttle'))).toBe(false);
    expect(counts.throttle).toBe(throttled.filter(Boolean).length);
  });
});

/** The lengths of the runs of consecutive `true` values. */
function burstLengths(flags: boolean[]): number[] {
  const lengths: number[] = [];
  flags.forEach((flag, index) => {
    if (!flag) return;
    if (index > 0 && flags[index - 1]) lengths[lengths.length - 1] += 1;
    else lengths.push(1);
  });
  return lengths;
}

describe('random external jobs', () => {
  const h = useEmulator({ randomFaults: { seed: 1, probabilities: { externalJob: 1 }, externalJobDurationMs: 500 } });

  test('make a mutating call meet a pending job it could not have known about', async () => {
    await expect(createStorage(h.client)).rejects.toThrow(/There is already a pending job/);

    expect(h.emulator.requests()[0]).toMatchObject({ jobPendingOnArrival: false, fault: 'externalJob' });
    expect(h.emulator.inspect().jobs).toEqual([expect.objectContaining({ external: true, endsAt: h.clock.now + 500 })]);
  });
});

describe('random job failures', () => {
  const h = useEmulator({ randomFaults: { seed: 1, probabilities: { jobFails: 1 } } });

  test('end the started job FAILED and are counted', async () => {
    const { JobId } = await createStorage(h.client);

    await expect(getJob(h, JobId)).resolves.toMatchObject({ Status: 'FAILED', Error: expect.stringMatching(/Injected fault/) });
    expect(h.emulator.faultCounts()).toEqual({
      throttle: 0, timeoutBeforeEffect: 0, timeoutAfterEffect: 0, jobFails: 1, jobNeverFinishes: 0, externalJob: 0,
    });
  });
});
