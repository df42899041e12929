/**
 * What the console's page reads from `/_console/api/state`: the local world as plain data for people, every value
 * already text where the page shows text. Types only: the page's script (plain JavaScript) names them in its JSDoc.
 */
export interface ConsoleDocument {
  /** The server's time when it was read, in milliseconds since the epoch: running jobs' bars end here. */
  readonly now: number;
  readonly region: string;
  /** The state folder served. */
  readonly stateDir: string;
  /** The AmplifyBackend API's endpoint (the page is served beside it). */
  readonly endpoint: string;
  readonly environments: readonly ConsoleEnvironment[];
  /** Newest first. */
  readonly jobs: Listed<ConsoleJob>;
  /** Newest first. */
  readonly requests: Listed<ConsoleRequest>;
  readonly drift: ConsoleDrift;
}

/** The newest items of a list, and how many there are in all. */
export interface Listed<T> {
  readonly total: number;
  readonly items: readonly T[];
}

/** An environment of an app, with one entry per category it has (auth, storage; more as the service gets them). */
export interface ConsoleEnvironment {
  readonly appId: string;
  readonly appName: string;
  readonly name: string;
  readonly categories: readonly ConsoleCategory[];
}

/** One category's resource in an environment, with every setting. */
export interface ConsoleCategory {
  /** For people: `Auth`, `Storage`. */
  readonly category: string;
  readonly resourceName: string;
  readonly imported: boolean;
  readonly settings: readonly ConsoleSetting[];
}

/** One setting: its path in the category's configuration, and its value as text, or only that it is a secret. */
export type ConsoleSetting =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly secret: true };

/** A job as the timeline draws it. */
export interface ConsoleJob {
  readonly jobId: string;
  readonly appId: string;
  readonly environment: string;
  readonly operation: string;
  readonly status: string;
  readonly error?: string;
  readonly createTime: number;
  /** When it ended; absent while it runs. */
  readonly endTime?: number;
  /** Started by someone else than a call (the console's own jobs, seeded history). */
  readonly external: boolean;
}

/** A request the emulator answered. */
export interface ConsoleRequest {
  readonly time: number;
  /** Absent for a path no operation serves. */
  readonly operation?: string;
  readonly method: string;
  readonly path: string;
  readonly appId?: string;
  readonly environment?: string;
  readonly status: number;
  readonly errorType?: string;
  readonly durationMs: number;
}

/** The local stacks' resources and their drift, as `local drift` compares them. */
export interface ConsoleDrift {
  /** When the world compared was read; absent until a first comparison (none while the first job runs). */
  readonly checkedAt?: number;
  /** Why the comparison is older than the world, or could not be made. */
  readonly note?: string;
  readonly stacks: readonly ConsoleStack[];
}

export interface ConsoleStack {
  readonly name: string;
  /** Every resource of the stack, by logical id. */
  readonly resources: readonly ConsoleResource[];
}

/** `not-compared`: not a resource of this library (drift compares only those). */
export type ConsoleDriftStatus = 'in-sync' | 'drifted' | 'missing' | 'unknown' | 'not-compared';

export interface ConsoleResource {
  readonly logicalId: string;
  readonly type: string;
  /** How the local runner stood it up: `provider`, `account`, `code` or `name`. */
  readonly model?: string;
  readonly physicalId?: string;
  readonly status: ConsoleDriftStatus;
  /** Why it is missing or could not be compared. */
  readonly reason?: string;
  /** Each property that differs (values as JSON text, `(none)` when absent), or that CloudFormation resolved at deploy time. */
  readonly details: readonly ConsoleDifference[];
}

export interface ConsoleDifference {
  readonly property: string;
  readonly declared?: string;
  readonly live: string;
  /** For a property that could not be compared: why. */
  readonly unknown?: string;
}
