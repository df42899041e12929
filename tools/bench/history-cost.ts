import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Row } from './stats';
import { JobOrder } from '../../local/emulator';
import { LocalDeployment } from '../../local/local-deployment';
import { readAssembly, StackArtifact } from '../../local/runner';
import { AmplifyBackend, StoragePermission } from '../../src';

/** Past jobs an environment has had; 0 is the baseline. */
const HISTORIES = [0, 250, 1_000, 5_000];
const ORDERS: readonly JobOrder[] = ['newest-first', 'oldest-first', 'unordered'];
const PAGE_SIZE = 25;
/** Real seconds per simulated second: the reads a poll makes do not depend on how fast time runs. */
const TIME_SCALE = 0.05;
const JOB_SECONDS = 30;
const APP_ID = 'd1history';
const ENVIRONMENT = 'dev';

/** Job status reads: the handler reads the job list, and GetBackendJob for the job it just started. */
const JOB_STATUS_READS = new Set(['GetBackendJob', 'ListBackendJobs']);

/** One storage added to the console's environment, as in the README. */
function storageStack(resourceName: string): StackArtifact {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-history-')) });
  const stack = new Stack(app, 'History');
  AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: APP_ID, environmentName: ENVIRONMENT })
    .addStorage('Files', { resourceName, permissions: { authenticated: [StoragePermission.READ] } });
  return readAssembly(app.synth().directory)[0];
}

/**
 * Creates the storage, renames it (an unlink, then a create: the second step looks for this request's
 * failed job first) and destroys it, on an environment with `past` jobs behind it; returns job status
 * reads per handler call.
 */
async function readsPerCall(stacks: readonly StackArtifact[], past: number, order: JobOrder): Promise<number> {
  let calls = 0;
  const local = await LocalDeployment.start({
    timeScale: TIME_SCALE,
    emulator: {
      jobDurationMs: JOB_SECONDS * 1000 * TIME_SCALE,
      jobsPageSize: PAGE_SIZE,
      jobsOrder: order,
      environments: [{ appId: APP_ID, backendEnvironmentName: ENVIRONMENT, auth: {}, history: past }],
    },
    invoke: (handler, payload) => { calls++; return handler(payload); },
    onLog: () => undefined,
  });
  try {
    const results = [];
    for (const stack of stacks) results.push(await local.deploy(stack));
    results.push(await local.destroy(stacks[0].name));
    const statuses = results.map((result) => result.status);
    if (statuses.join() !== 'CREATE_COMPLETE,UPDATE_COMPLETE,DELETE_COMPLETE') {
      throw new Error(`history bench ended ${statuses.join(' / ')}: ${JSON.stringify(results.flatMap((result) => result.failures))}`);
    }
    const reads = local.emulator.requests().filter((request) => JOB_STATUS_READS.has(request.operation ?? '')).length;
    return reads / calls;
  } finally {
    await local.close();
  }
}

/**
 * Job status reads per handler call, creating, renaming and destroying one storage on an environment with 0,
 * 250, 1,000 and 5,000 past jobs, ListBackendJobs paging 25 at a time, in each order a service could
 * list them; each history's figure against the one with none, measured in the same run.
 */
export async function historyCostRows(): Promise<Row[]> {
  const stacks = [storageStack('files'), storageStack('documents')];
  const cells: string[] = [];
  let worst = 0;
  for (const order of ORDERS) {
    const figures: number[] = [];
    for (const past of HISTORIES) figures.push(await readsPerCall(stacks, past, order));
    const baseline = figures[0];
    worst = Math.max(worst, ...figures.map((figure) => figure / baseline));
    cells.push(`${order}: ${figures.map((figure, i) => `${figure.toFixed(2)}${i === 0 ? '' : ` (${(figure / baseline).toFixed(2)}×)`}`).join(', ')}`);
  }
  return [{
    metric: `job status reads per handler call, create, rename and destroy of one storage, environment with ${HISTORIES.slice(1).map((n) => n.toLocaleString('en-US')).join(', ')} `
      + `past jobs (ListBackendJobs pages of ${PAGE_SIZE}), in each order the list may come in`,
    baseline: 'the same environment with no past jobs (the first figure of each order)',
    ours: cells.join('; '),
    goal: '≤ 1.2× the baseline at 1,000 and 5,000 past jobs, every order',
    met: worst <= 1.2,
  }];
}
