import { Stack } from 'aws-cdk-lib';
import { callsWhilePending, localDeployment, synth } from './harness';
import { AmplifyBackend, StoragePermission } from '../../src';

jest.setTimeout(30_000);

const READ = { authenticated: [StoragePermission.READ] };

describe('job ordering on the emulator', () => {
  test('a job the console started delays the deploy; nothing is sent while it runs', async () => {
    const local = await localDeployment({ emulator: { environments: [{ appId: 'd1', backendEnvironmentName: 'dev' }] } });
    try {
      const externalJob = local.emulator.startExternalJob({ appId: 'd1', backendEnvironmentName: 'dev', durationMs: 400 });
      const result = await local.deploy(synth((app) => {
        const stack = new Stack(app, 'Storage');
        AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }).addStorage('Photos', { resourceName: 'photos', permissions: READ });
      }));
      expect(result.status).toBe('CREATE_COMPLETE');
      const external = local.emulator.inspect().jobs.find((job) => job.jobId === externalJob)!;
      const create = local.emulator.requests().find((request) => request.operation === 'CreateBackendStorage')!;
      expect(create.time).toBeGreaterThanOrEqual(external.endsAt);
      expect(callsWhilePending(local.emulator.requests())).toEqual([]);
    } finally {
      await local.close();
    }
  });

  test('two environments deploy concurrently, each one job at a time', async () => {
    const local = await localDeployment({ emulator: { jobDurationMs: 300 } });
    try {
      const result = await local.deploy(synth((app) => {
        const stack = new Stack(app, 'Two');
        for (const environmentName of ['alpha', 'beta']) {
          new AmplifyBackend(stack, environmentName, { appId: 'd1', appName: 'app', environmentName }).addStorage('Photos', { resourceName: 'photos', permissions: READ });
        }
      }));
      expect(result.status).toBe('CREATE_COMPLETE');
      const jobs = local.emulator.inspect().jobs;
      const during = (env: string) => jobs.filter((job) => job.backendEnvironmentName === env).map((job) => [job.createTime, job.endsAt]);
      const overlaps = during('alpha').some(([a0, a1]) => during('beta').some(([b0, b1]) => a0 < b1 && b0 < a1));
      expect(overlaps).toBe(true);
      expect(callsWhilePending(local.emulator.requests())).toEqual([]);
    } finally {
      await local.close();
    }
  });
});
