import { callsWhilePending, effectiveCalls, freshOutdir, localDeployment, stackOf } from './harness';
import { EmulatorOptions } from '../../local/emulator';
import { StackArtifact, StackResult } from '../../local/runner';
import { DEMO, demoApp, DemoVersion, INITIAL, PERMISSIONS_CHANGED, RENAMED } from '../../tools/demo/app';

// Synthesized once for the file: an assembly is only read.
const versions = new Map<DemoVersion, StackArtifact>();
const demoStack = (version: DemoVersion) => versions.get(version) ?? versions.set(version, stackOf(demoApp(freshOutdir(), version))).get(version)!;
const SEEDED = {
  environments: [{ appId: DEMO.appId, backendEnvironmentName: DEMO.consoleEnvironment }],
  buckets: [DEMO.existingBucket],
};

/** Deploys, changes permissions, renames and destroys the demo app; returns the emulator's story. */
async function lifecycle(emulator: EmulatorOptions, environment: Record<string, string> = {}) {
  const local = await localDeployment({ emulator: { ...SEEDED, ...emulator }, environment });
  try {
    // A status with the reasons of any failed step, so that an unexpected outcome explains itself.
    const outcome = (result: StackResult) => [result.status, ...result.failures.map((failure) => `${failure.logicalId}: ${failure.reason}`)].join(' | ');
    const statuses = [];
    for (const version of [INITIAL, PERMISSIONS_CHANGED, RENAMED]) statuses.push(outcome(await local.deploy(demoStack(version))));
    const afterRename = local.emulator.inspect();
    statuses.push(outcome(await local.destroy('AmplifyDemo')));
    return { statuses, afterRename, final: local.emulator.inspect(), requests: local.emulator.requests(), faults: local.emulator.faultCounts() };
  } finally {
    await local.close();
  }
}

const staging = (snapshot: { environments: Array<{ backendEnvironmentName: string; storage?: unknown }> }) =>
  snapshot.environments.find((env) => env.backendEnvironmentName === DEMO.newEnvironment);

jest.setTimeout(30_000);

describe('the example app on the emulator, through the shipped bundle', () => {
  test('deploys, updates in place, renames and is destroyed, each step reaching the expected state', async () => {
    const story = await lifecycle({});
    expect(story.statuses).toEqual(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_COMPLETE', 'DELETE_COMPLETE']);
    expect(staging(story.afterRename)?.storage).toMatchObject({
      resourceName: 'media', imported: false, permissions: { authenticated: ['READ', 'CREATE_AND_UPDATE', 'DELETE'], unAuthenticated: ['READ'] },
    });
    expect(staging(story.final)).toBeUndefined();
    const dev = story.final.environments.find((env) => env.backendEnvironmentName === DEMO.consoleEnvironment);
    expect(dev).toBeDefined();
    expect(dev?.storage).toBeUndefined();
    expect(story.final.buckets.map((b) => b.name)).toContain(DEMO.existingBucket);
    expect(callsWhilePending(story.requests)).toEqual([]);
  });

  // For two seeds every fault reaches the handler (AWS_MAX_ATTEMPTS=1); for one the SDK's own retries
  // are on, with fewer 429s, since its throttling backoff takes real seconds.
  test.each([
    [11, 'with the SDK\'s retries', {}, 0.02],
    [23, 'through the handler alone', { AWS_MAX_ATTEMPTS: '1' }, 0.08],
    [37, 'through the handler alone', { AWS_MAX_ATTEMPTS: '1' }, 0.08],
  ])('survives 429 bursts, 504s before and after the effect, and console jobs (seed %i, %s)', async (seed, _how, environment, throttle) => {
    const story = await lifecycle({
      randomFaults: {
        seed,
        probabilities: { throttle, timeoutBeforeEffect: 0.05, timeoutAfterEffect: 0.1, externalJob: 0.1 },
        throttleBurst: 2,
        externalJobDurationMs: 150,
      },
    }, environment);
    expect(story.statuses).toEqual(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_COMPLETE', 'DELETE_COMPLETE']);
    expect(staging(story.afterRename)?.storage).toMatchObject({ resourceName: 'media', permissions: { authenticated: ['READ', 'CREATE_AND_UPDATE', 'DELETE'] } });
    expect(staging(story.final)).toBeUndefined();
    // Faults happened, and none made a call reach the service while a job was pending, or create anything twice.
    expect(story.faults.throttle + story.faults.timeoutBeforeEffect + story.faults.timeoutAfterEffect + story.faults.externalJob).toBeGreaterThan(3);
    expect(callsWhilePending(story.requests)).toEqual([]);
    for (const operation of ['CreateBackend', 'CreateBackendStorage', 'ImportBackendStorage']) {
      for (const [target, count] of effectiveCalls(story.requests, operation)) expect(`${operation} ${target} ×${count}`).toBe(`${operation} ${target} ×1`);
    }
  });
});
