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
}

/** Every request, in arrival order. */
export class RequestLog {
  private readonly entries: RecordedRequest[] = [];

  /** Records a request. */
  record(entry: RecordedRequest): void {
    this.entries.push(entry);
  }

  /** Copies of the entries, oldest first. */
  all(): RecordedRequest[] {
    return structuredClone(this.entries);
  }
}
