import { categoriesOf } from './categories';
import type { ConsoleDocument, ConsoleJob, ConsoleRequest, Listed } from './document';
import { DriftView } from './stack-drift';
import type { AmplifyBackendEmulator, JobSnapshot, RecordedRequest } from '../../../local/emulator';
import type { LocalState } from '../state';

/** What the console reads: the served emulator (never changing it) and the state folder's stacks. */
export interface ConsoleSource {
  readonly emulator: Pick<AmplifyBackendEmulator, 'endpoint' | 'clientConfig' | 'inspect' | 'requests' | 'pendingJobs' | 'saveWorld'>;
  readonly state: Pick<LocalState, 'dir' | 'readStacks'>;
}

/** The most jobs and requests one document carries (the newest); the page says how many there are in all. */
export const SHOWN_AT_MOST = 500;

/** The local world as the console's page shows it, read now. Reads only: nothing in the world changes. */
export async function consoleDocument(source: ConsoleSource, drift: DriftView, now: number): Promise<ConsoleDocument> {
  const { emulator, state } = source;
  const snapshot = emulator.inspect();
  // A world image cannot hold a running job; drift then stays as last compared.
  const world = emulator.pendingJobs().length === 0 ? emulator.saveWorld() : undefined;
  return {
    now,
    region: emulator.clientConfig().region,
    stateDir: state.dir,
    endpoint: emulator.endpoint,
    environments: snapshot.environments.map((environment) => ({
      appId: environment.appId,
      appName: environment.appName,
      name: environment.backendEnvironmentName,
      categories: categoriesOf(environment),
    })),
    jobs: newest(snapshot.jobs, consoleJob),
    requests: newest(emulator.requests(), consoleRequest),
    drift: await drift.read(state.readStacks(), world, now),
  };
}

/** The newest items of a list kept oldest first, newest first. */
function newest<T, U>(oldestFirst: readonly T[], shown: (item: T) => U): Listed<U> {
  return { total: oldestFirst.length, items: oldestFirst.slice(-SHOWN_AT_MOST).reverse().map(shown) };
}

function consoleJob(job: JobSnapshot): ConsoleJob {
  return {
    jobId: job.jobId,
    appId: job.appId,
    environment: job.backendEnvironmentName,
    operation: job.operation,
    status: job.status,
    error: job.error,
    createTime: job.createTime,
    endTime: job.pending ? undefined : job.updateTime,
    external: job.external,
  };
}

function consoleRequest(request: RecordedRequest): ConsoleRequest {
  return {
    time: request.time,
    operation: request.operation,
    method: request.method,
    path: request.path,
    appId: request.appId,
    environment: request.backendEnvironmentName,
    status: request.status,
    errorType: request.errorType,
    durationMs: request.durationMs,
  };
}
