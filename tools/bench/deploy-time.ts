import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { interleaved, median, Row } from './stats';
import { RecordedRequest } from '../../local/emulator';
import { LocalDeployment } from '../../local/local-deployment';
import { readAssembly, StackArtifact } from '../../local/runner';
import { AmplifyBackend, AmplifyBackendProvider, StoragePermission } from '../../src';

/**
 * Real seconds per simulated second: a 60 s job takes 3.6 s, the 3 s query interval 180 ms. Faster
 * scales measure the simulation more than the design: the milliseconds each poll costs in the one
 * process that runs the handlers and the emulator are magnified by 1/TIME_SCALE.
 */
export const TIME_SCALE = 0.06;
/** The one-sequence baseline takes ten times as long; its ratio of about 10 does not depend on those milliseconds. */
const ONE_SEQUENCE_TIME_SCALE = 0.01;
const JOB_SECONDS = 60;
const ENVIRONMENTS = 10;
/** Per environment, backend then storage (and the reverse on delete): two jobs in a chain. */
const CRITICAL_PATH_SECONDS = 2 * JOB_SECONDS;

type Variant = 'ours' | 'frameworkDefaults' | 'oneSequence';

/** 10 environments, each created with storage: as this library orders them, or chained as one sequence. */
function benchStack(variant: Variant, environments = ENVIRONMENTS): StackArtifact {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-deploy-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'Bench');
  const provider = variant === 'frameworkDefaults'
    ? new AmplifyBackendProvider(stack, 'DefaultTimings', { queryInterval: Duration.seconds(5) })
    : undefined;
  let previous: AmplifyBackend | undefined;
  for (let i = 0; i < environments; i++) {
    const backend = new AmplifyBackend(stack, `Env${i}`, {
      appId: 'd1bench', appName: 'bench', environmentName: `env${String.fromCharCode(97 + i)}`, provider, removalPolicy: RemovalPolicy.DESTROY,
    });
    const storage = backend.addStorage('Storage', { resourceName: 'files', permissions: { authenticated: [StoragePermission.READ] }, provider });
    // What a library without per-environment chains does: every job after the one before.
    if (variant === 'oneSequence' && previous) backend.node.addDependency(previous.node.findChild('Storage'));
    previous = backend;
    void storage;
  }
  return readAssembly(app.synth().directory)[0];
}

interface Run {
  readonly deploySeconds: number;
  readonly destroySeconds: number;
  readonly statusReadsPerJobSecond: number;
  readonly maxCallsPerSecondOnOneEnvironment: number;
}

/** A deployment target per variant, kept for all its runs so that its handler container stays warm, as Lambda's would. */
async function target(timeScale = TIME_SCALE): Promise<LocalDeployment & { timeScale: number }> {
  const local = await LocalDeployment.start({ emulator: { jobDurationMs: JOB_SECONDS * 1000 * timeScale }, timeScale, onLog: () => undefined });
  return Object.assign(local, { timeScale });
}

async function run(local: LocalDeployment & { timeScale: number }, stack: StackArtifact): Promise<Run> {
  local.emulator.reset();
  {
    const t0 = Date.now();
    const created = await local.deploy(stack);
    const t1 = Date.now();
    const deployRequests = local.emulator.requests();
    const deployJobs = local.emulator.inspect().jobs.length;
    const destroyed = await local.destroy(stack.name);
    const t2 = Date.now();
    if (created.status !== 'CREATE_COMPLETE' || destroyed.status !== 'DELETE_COMPLETE') {
      throw new Error(`bench deployment ended ${created.status} / ${destroyed.status}: ${JSON.stringify([...created.failures, ...destroyed.failures])}`);
    }
    const jobSeconds = deployJobs * JOB_SECONDS;
    const count = (operations: string[]) => deployRequests.filter((r) => operations.includes(r.operation ?? '')).length;
    return {
      deploySeconds: (t1 - t0) / 1000 / local.timeScale,
      destroySeconds: (t2 - t1) / 1000 / local.timeScale,
      statusReadsPerJobSecond: count(JOB_STATUS_READS) / jobSeconds,
      maxCallsPerSecondOnOneEnvironment: busiestSecond(deployRequests, local.timeScale),
    };
  }
}

/** The calls that read a job's status: the handler polls the environment's job list, GetBackendJob reads one job. */
const JOB_STATUS_READS = ['GetBackendJob', 'ListBackendJobs'];

/** The most job status reads any one environment received within one simulated second. */
function busiestSecond(requests: RecordedRequest[], timeScale: number): number {
  const window = 1000 * timeScale;
  const byEnvironment = new Map<string, number[]>();
  for (const request of requests) {
    const key = `${request.appId}/${request.backendEnvironmentName}`;
    if (!JOB_STATUS_READS.includes(request.operation ?? '')) continue;
    byEnvironment.set(key, [...(byEnvironment.get(key) ?? []), request.time]);
  }
  let busiest = 0;
  for (const times of byEnvironment.values()) {
    times.sort((a, b) => a - b);
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i] - times[j] >= window) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
  }
  return busiest;
}

/**
 * Deploy and destroy of 10 environments × (backend + storage), every job 60 s: ours and the
 * framework's default interval, interleaved; the one-sequence baseline (20 jobs in a row, ten times
 * as long) once, after them: it only gives the order of magnitude.
 */
export async function deployTimeRows(repetitions: number): Promise<Row[]> {
  const stacks = { ours: benchStack('ours'), frameworkDefaults: benchStack('frameworkDefaults'), oneSequence: benchStack('oneSequence') };
  const targets = { ours: await target(), frameworkDefaults: await target(), oneSequence: await target(ONE_SEQUENCE_TIME_SCALE) };
  try {
    // An untimed deployment of one environment per variant loads its handler, as a first deployment warms Lambda.
    await run(targets.ours, benchStack('ours', 1));
    await run(targets.frameworkDefaults, benchStack('frameworkDefaults', 1));
    const runs = {
      ...await interleaved(repetitions, {
        ours: () => run(targets.ours, stacks.ours),
        frameworkDefaults: () => run(targets.frameworkDefaults, stacks.frameworkDefaults),
      }),
      oneSequence: [await run(targets.oneSequence, stacks.oneSequence)],
    };
    return rowsOf(runs);
  } finally {
    await Promise.all(Object.values(targets).map((local) => local.close()));
  }
}

function rowsOf(runs: Record<Variant, Run[]>): Row[] {
  const ratio = (variant: Variant, phase: 'deploySeconds' | 'destroySeconds') => median(runs[variant].map((r) => r[phase])) / CRITICAL_PATH_SECONDS;
  const rows: Row[] = [];
  for (const [phase, label] of [['deploySeconds', 'deploy'], ['destroySeconds', 'destroy']] as const) {
    const ours = ratio('ours', phase);
    rows.push({
      metric: `${label} of 10 environments × (backend + storage), jobs of 60 s: total ÷ critical path (${CRITICAL_PATH_SECONDS} s)`,
      baseline: `one sequence ${ratio('oneSequence', phase).toFixed(2)} (one run); framework default 5 s interval ${ratio('frameworkDefaults', phase).toFixed(3)}`,
      ours: `${ours.toFixed(3)} (${median(runs.ours.map((r) => r[phase])).toFixed(0)} s)`,
      goal: '≤ 1.03',
      met: ours <= 1.03,
    });
  }
  const reads = median(runs.ours.map((r) => r.statusReadsPerJobSecond));
  const busiest = Math.max(...runs.ours.map((r) => r.maxCallsPerSecondOnOneEnvironment));
  rows.push({
    metric: 'job status reads (GetBackendJob, or ListBackendJobs, which the handler polls) per second of job time (deploy); most of them in one second on one environment',
    baseline: `framework default 5 s interval ${median(runs.frameworkDefaults.map((r) => r.statusReadsPerJobSecond)).toFixed(3)}; provider default 0.2`,
    ours: `${reads.toFixed(3)}; busiest ${busiest}/s`,
    goal: '≤ 0.35; ≤ 1/s per environment',
    met: reads <= 0.35 && busiest <= 1,
  });
  return rows;
}

