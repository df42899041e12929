import { dispatch, Session } from './dispatcher';
import { FaultCounts, FaultInjector, PlannedFault } from './faults';
import { listen, Listener } from './http';
import { OperationName } from './operation-names';
import { EmulatorOptions, resolveSettings, Settings } from './options';
import { RecordedRequest, RequestLog } from './request-log';
import { EmulatorSnapshot, snapshotOf } from './snapshot';
import { EXTERNAL_JOB_OPERATION, World } from './world';

/** A job someone else (the console) starts on an environment. */
export interface ExternalJobOptions {
  readonly appId: string;
  readonly backendEnvironmentName: string;
  /** Infinity for a job that never finishes. @default - the global job duration */
  readonly durationMs?: number;
  /** The operation the job reports. @default 'UpdateBackendAPI' */
  readonly operation?: string;
}

/** What an SDK client needs to talk to the emulator (signatures are not checked). */
export interface EmulatorClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/**
 * An HTTP emulator of the AmplifyBackend API on 127.0.0.1 for the unmodified SDK client: state per
 * app and environment, lazily settled jobs, fault injection and a log of every request.
 */
export class AmplifyBackendEmulator {
  /** Starts the server; the OS picks the port unless `options.port` is given. */
  static async start(options: EmulatorOptions = {}): Promise<AmplifyBackendEmulator> {
    const emulator = new AmplifyBackendEmulator(resolveSettings(options));
    emulator.listener = await listen((method, url, body) => dispatch(emulator.session, method, url, body), options.port ?? 0);
    return emulator;
  }

  private session: Session;
  private listener!: Listener;

  private constructor(private readonly settings: Settings) {
    this.session = freshSession(settings);
  }

  /** The base URL, `http://127.0.0.1:PORT`: the client's `endpoint` or `AWS_ENDPOINT_URL_AMPLIFYBACKEND`. */
  get endpoint(): string {
    return this.listener.endpoint;
  }

  /** Endpoint, region and dummy credentials for `new AmplifyBackendClient({ ...emulator.clientConfig() })`. */
  clientConfig(): EmulatorClientConfig {
    return { endpoint: this.endpoint, region: this.settings.region, credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' } };
  }

  /** Plans a fault for the next calls of an operation (job fates: for the next jobs it starts). */
  injectFault(operation: OperationName, fault: PlannedFault): void {
    this.session.world.faults.plan(operation, fault);
  }

  /** How many faults of each kind were injected since start or reset. */
  faultCounts(): FaultCounts {
    return this.session.world.faults.countsByKind();
  }

  /** Starts a job with no effect on the environment, as the console would; returns its id. */
  startExternalJob(options: ExternalJobOptions): string {
    const { world } = this.session;
    world.settle();
    const target = { appId: options.appId, backendEnvironmentName: options.backendEnvironmentName };
    if (world.jobs.pendingOn(target)) {
      throw new Error(`A job is already pending on ${target.appId}/${target.backendEnvironmentName}; the console could not start another.`);
    }
    world.faults.count('externalJob');
    return world.startExternalJob(target, options.operation ?? EXTERNAL_JOB_OPERATION, options.durationMs).jobId;
  }

  /** Every request so far, oldest first. */
  requests(): RecordedRequest[] {
    return this.session.log.all();
  }

  /** The state after settling every job whose time is up. */
  inspect(): EmulatorSnapshot {
    this.session.world.settle();
    return snapshotOf(this.session.world);
  }

  /** Back to the state at start: seeded environments and buckets, no jobs, requests, planned faults or counts. */
  reset(): void {
    this.session = freshSession(this.settings);
  }

  /** Stops the server and drops open connections. */
  async close(): Promise<void> {
    await this.listener.close();
  }
}

function freshSession(settings: Settings): Session {
  return { world: new World(settings, new FaultInjector(settings.randomFaults)), log: new RequestLog() };
}
