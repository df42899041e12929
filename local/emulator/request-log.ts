import { FaultKind } from './faults';
import { OperationName } from './operation-names';

/** One request as the emulator received and answered it. */
export interface RecordedRequest {
  /** The clock's time when the request arrived. */
  readonly time: number;
  /** Absent for a path no operation serves. */
  readonly operation?: OperationName;
  readonly method: string;
  readonly path: string;
  /** The parsed JSON body (`{}` when there was none, the raw text when it was not JSON). */
  readonly body: unknown;
  readonly appId?: string;
  readonly backendEnvironmentName?: string;
  readonly mutating: boolean;
  /** Mutating calls only: whether a job was already running on the environment when the call arrived. */
  readonly jobPendingOnArrival?: boolean;
  readonly status: number;
  /** The `x-amzn-errortype` of an error response. */
  readonly errorType?: string;
  /** The fault injected into this call, if any. */
  readonly fault?: FaultKind;
  /** The job the call started, even when its response was lost to a 504. */
  readonly jobId?: string;
  /** How long the emulator took to answer once the request had arrived, in milliseconds of wall time (not of the `clock` option). */
  readonly durationMs: number;
}

/** Which requests to read: those about one app, or one app's environment. */
export interface RequestFilter {
  readonly appId: string;
  /** @default - every environment of the app */
  readonly backendEnvironmentName?: string;
}

/** Every request, in arrival order, also indexed by app so that one app's requests are cheap to read. */
export class RequestLog {
  private readonly entries: RecordedRequest[] = [];
  private readonly byApp = new Map<string, RecordedRequest[]>();

  /** Records a request. */
  record(entry: RecordedRequest): void {
    this.entries.push(entry);
    if (entry.appId === undefined) return;
    const appEntries = this.byApp.get(entry.appId) ?? [];
    appEntries.push(entry);
    this.byApp.set(entry.appId, appEntries);
  }

  /** Copies of the entries, oldest first: all of them, or those the filter names. */
  all(filter?: RequestFilter): RecordedRequest[] {
    if (!filter) return structuredClone(this.entries);
    const env = filter.backendEnvironmentName;
    const appEntries = this.byApp.get(filter.appId) ?? [];
    return structuredClone(env === undefined ? appEntries : appEntries.filter((entry) => entry.backendEnvironmentName === env));
  }

  /** How many requests about the app have been recorded (cheaper than reading them). */
  countFor(appId: string): number {
    return this.byApp.get(appId)?.length ?? 0;
  }
}
