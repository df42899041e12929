import { COMPLETED, FAILED, Job, JobOutcome, Target } from './jobs';
import { EXTERNAL_JOB_OPERATION, MUTATING_OPERATIONS } from './operation-names';
import { hash32, mix32, SeededRandom, writeUuid } from './prng';

/** Jobs a seeded environment has had before the emulator starts: every deploy and console change leaves one. */
export interface SeedHistory {
  /** Finished jobs the environment has had before the emulator starts. */
  readonly jobs: number;
  /** Share of them that FAILED, with an error text. @default 0.1 */
  readonly failedShare?: number;
  /**
   * The operations they are of, in turn (the oldest job is of the first).
   * @default - every mutating operation the emulator serves (UpdateBackendAPI is also the console's)
   */
  readonly operations?: readonly string[];
  /** Time between two past jobs' createTime, ms; the newest ends before the clock's start. @default 60_000 */
  readonly spacingMs?: number;
}

/** A history with every default filled in. */
export interface ResolvedHistory {
  readonly jobs: number;
  readonly failedShare: number;
  readonly operations: readonly string[];
  readonly spacingMs: number;
}

/** The error text of a past job that FAILED. */
export const PAST_JOB_ERROR = 'Seeded history: the deployment of the backend environment failed.';

const UUID_LENGTH = 36;
const DEFAULT_OPERATIONS: readonly string[] = [...new Set([...MUTATING_OPERATIONS, EXTERNAL_JOB_OPERATION])];
const NO_EFFECT: JobOutcome = { kind: 'apply', effect: () => undefined };
const PAST_FAILURE: JobOutcome = { kind: 'fail', error: PAST_JOB_ERROR };

/** Fills in a history's defaults (a number is `{ jobs: n }`); throws, naming `where`, on one that cannot work. */
export function resolveHistory(history: number | SeedHistory | undefined, where: string): ResolvedHistory | undefined {
  if (history === undefined) return undefined;
  const given = typeof history === 'number' ? { jobs: history } : history;
  const resolved = {
    jobs: given.jobs,
    failedShare: given.failedShare ?? 0.1,
    operations: given.operations ?? DEFAULT_OPERATIONS,
    spacingMs: given.spacingMs ?? 60_000,
  };
  if (!Number.isInteger(resolved.jobs) || resolved.jobs < 0) {
    throw new Error(`Invalid history.jobs ${resolved.jobs} for ${where}: use a whole number, 0 or more.`);
  }
  if (!(resolved.failedShare >= 0 && resolved.failedShare <= 1)) {
    throw new Error(`Invalid history.failedShare ${resolved.failedShare} for ${where}: use a number from 0 to 1.`);
  }
  if (resolved.operations.length === 0) {
    throw new Error(`Invalid history.operations for ${where}: name at least one operation.`);
  }
  if (!Number.isInteger(resolved.spacingMs) || resolved.spacingMs < 1) {
    throw new Error(`Invalid history.spacingMs ${resolved.spacingMs} for ${where}: use a whole number of milliseconds, 1 or more.`);
  }
  return resolved;
}

/**
 * An environment's past jobs, oldest first: settled (COMPLETED, or FAILED with `PAST_JOB_ERROR`),
 * with no effect, of the operations in turn, `spacingMs` apart; each runs half the spacing and the
 * newest ends before `startedAt`. Their ids and which ones FAILED (exactly `round(jobs * failedShare)`)
 * follow from the seed and the environment alone, so another environment's history or a reset does
 * not change them.
 */
export function pastJobs(target: Target, history: ResolvedHistory, seed: number, startedAt: number): Job[] {
  const name = `${target.appId}\u0000${target.backendEnvironmentName}`;
  const keys = [1, 2, 3, 4].map((salt) => hash32(name, seed + salt));
  const failed = chooseFailed(history.jobs, Math.round(history.jobs * history.failedShare), new SeededRandom(hash32(name, seed + 5)));
  const ids = Buffer.allocUnsafe(history.jobs * UUID_LENGTH);
  for (let index = 0; index < history.jobs; index++) {
    // keys[0] + index differs for every index and mix32 is a bijection: ids never repeat within an environment.
    const words = [mix32(keys[0] + index), mix32(keys[1] + index * 0x9e3779b1), mix32(keys[2] + index * 0x85ebca6b), mix32(keys[3] + index)] as const;
    writeUuid(ids, index * UUID_LENGTH, ...words);
  }
  const jobs: Job[] = [];
  for (let index = 0; index < history.jobs; index++) {
    const createTime = startedAt - (history.jobs - index) * history.spacingMs;
    const updateTime = createTime + Math.floor(history.spacingMs / 2);
    const didFail = failed[index] === 1;
    jobs.push({
      jobId: ids.toString('latin1', index * UUID_LENGTH, (index + 1) * UUID_LENGTH),
      appId: target.appId,
      backendEnvironmentName: target.backendEnvironmentName,
      operation: history.operations[index % history.operations.length],
      status: didFail ? FAILED : COMPLETED,
      error: didFail ? PAST_JOB_ERROR : undefined,
      createTime,
      updateTime,
      endsAt: updateTime,
      outcome: didFail ? PAST_FAILURE : NO_EFFECT,
      external: true,
      settled: true,
    });
  }
  return jobs;
}

/** Marks `count` of `total` positions, chosen by a partial Fisher-Yates shuffle. */
function chooseFailed(total: number, count: number, random: SeededRandom): Uint8Array {
  const positions = Int32Array.from({ length: total }, (_, index) => index);
  const marks = new Uint8Array(total);
  for (let i = 0; i < count; i++) {
    const j = i + random.below(total - i);
    [positions[i], positions[j]] = [positions[j], positions[i]];
    marks[positions[i]] = 1;
  }
  return marks;
}
