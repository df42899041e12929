import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';
import { interleaved, median, Row } from './stats';
import { AmplifyBackendEmulator } from '../../local/emulator';

const ROOT = path.join(__dirname, '..', '..');
const BUNDLE = path.join(ROOT, 'assets', 'lambda', 'provider', 'index.js');

/**
 * Milliseconds from before loading the code to the end of its first call, in a fresh Node process
 * (printed on stderr). Asynchronous: the emulator it calls runs in this process.
 */
async function timeInFreshProcess(script: string, environment: Record<string, string>): Promise<number> {
  const { stderr } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: ROOT, env: { ...process.env, ...environment } });
  return Number(/cold=([\d.]+)/.exec(stderr)![1]);
}

/** Cold initialisation of the handler bundle (load, client, first call) against a plain require of the SDK client doing the same call. */
export async function coldStartRow(repetitions: number): Promise<Row> {
  const emulator = await AmplifyBackendEmulator.start();
  try {
    const job = emulator.startExternalJob({ appId: 'd1bench', backendEnvironmentName: 'enva', durationMs: Infinity });
    const environment = {
      AWS_ENDPOINT_URL_AMPLIFYBACKEND: emulator.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const event = {
      RequestType: 'Create',
      ResourceType: 'Custom::AmplifyBackendStorage',
      LogicalResourceId: 'Bench',
      PhysicalResourceId: 'd1bench/enva/files',
      ResourceProperties: { AppId: 'd1bench', EnvironmentName: 'enva', ResourceName: 'files', AuthenticatedPermissions: ['READ'] },
      AmplifyBackendWait: { startedAt: Date.now() - 60_000, jobId: job },
    };
    const ours = `const t0 = performance.now(); const { handler } = require(${JSON.stringify(BUNDLE)});
      handler(${JSON.stringify(event)}).then(() => process.stderr.write('cold=' + (performance.now() - t0)));`;
    const baseline = `const t0 = performance.now(); const sdk = require('@aws-sdk/client-amplifybackend');
      new sdk.AmplifyBackendClient({}).send(new sdk.GetBackendJobCommand({ AppId: 'd1bench', BackendEnvironmentName: 'enva', JobId: ${JSON.stringify(job)} }))
        .then(() => process.stderr.write('cold=' + (performance.now() - t0)));`;
    const runs = await interleaved(repetitions, {
      ours: () => timeInFreshProcess(ours, environment),
      baseline: () => timeInFreshProcess(baseline, environment),
    });
    const [o, b] = [median(runs.ours), median(runs.baseline)];
    return {
      metric: 'handler cold initialisation: load the code, construct the client, first call to the emulator',
      baseline: `plain require of the SDK client: ${b.toFixed(0)} ms`,
      ours: `${o.toFixed(0)} ms (${(o / b).toFixed(2)}×)`,
      goal: '≤ 1.2× baseline',
      met: o / b <= 1.2,
    };
  } finally {
    await emulator.close();
  }
}
