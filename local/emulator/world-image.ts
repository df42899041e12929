import { withoutSecrets } from './auth-secrets';
import { JobBook, Job } from './jobs';
import { NameGenerator } from './names';
import { ApiResource, AuthResource, BackendState, Bucket, OtherCategories, StorageResource } from './state';

/** The format of a world image this emulator writes and reads. */
const FORMAT = 1;

/** A job that has ended, as an image keeps it. */
export interface JobImage {
  readonly jobId: string;
  readonly appId: string;
  readonly backendEnvironmentName: string;
  readonly operation: string;
  readonly status: string;
  readonly error?: string;
  readonly createTime: number;
  readonly updateTime: number;
  /** Started by someone else (the console, or seeded history). */
  readonly external: boolean;
}

/** An environment and its categories, as an image keeps them. */
export interface EnvironmentImage {
  readonly name: string;
  readonly storage?: StorageResource;
  readonly auth?: AuthResource;
  readonly otherCategories?: OtherCategories;
  readonly api?: ApiResource;
}

/**
 * Everything an emulated account holds, as JSON, so that a later emulator goes on where this one
 * stopped (a local stack that lasts between commands): apps, environments with their storage and auth,
 * the account's buckets, every job (all ended), and where the name generator stands, so that names
 * generated later never repeat earlier ones.
 */
export interface WorldImage {
  readonly format: typeof FORMAT;
  readonly region: string;
  /** The emulator's seed (the `unordered` job listing order hashes with it). */
  readonly seed: number;
  /** `SeededRandom.position` of the name generator. */
  readonly namesPosition: number;
  readonly apps: ReadonlyArray<{ readonly appId: string; readonly appName: string; readonly environments: readonly EnvironmentImage[] }>;
  readonly buckets: readonly Bucket[];
  /** Oldest first. */
  readonly jobs: readonly JobImage[];
}

/** What an image is taken from and restored into. */
export interface WorldParts {
  readonly state: BackendState;
  readonly jobs: JobBook;
  readonly names: NameGenerator;
  readonly settings: { readonly region: string; readonly seed: number };
}

/** The world as an image; throws, naming the job, while a job is still running (its effect would be lost). */
export function imageOf({ state, jobs, names, settings }: WorldParts): WorldImage {
  const running = jobs.pending()[0];
  if (running) {
    throw new Error(`Job ${running.jobId} (${running.operation}) on ${running.appId}/${running.backendEnvironmentName} is still running: `
      + 'save the world once it has ended.');
  }
  return structuredClone({
    format: FORMAT,
    region: settings.region,
    seed: settings.seed,
    namesPosition: names.position,
    apps: state.listApps().map((app) => ({
      appId: app.appId,
      appName: app.appName,
      environments: [...app.environments.values()]
        .map(({ name, storage, auth, otherCategories, api }) => ({ name, storage, auth, otherCategories, api })),
    })),
    buckets: [...state.listBuckets()],
    jobs: jobs.all().map(jobImage),
  });
}

/** A job as plain data, without the timing of a running one. */
export function jobImage({ jobId, appId, backendEnvironmentName, operation, status, error, createTime, updateTime, external }: Job): JobImage {
  return { jobId, appId, backendEnvironmentName, operation, status, error, createTime, updateTime, external };
}

/** Checks that an image is one this emulator reads; throws, saying what is wrong, otherwise. */
export function checkImage(image: WorldImage): void {
  if (image?.format !== FORMAT) {
    throw new Error(`Cannot read a world image of format ${String(image?.format)}: this emulator reads format ${FORMAT}.`);
  }
}

/** Puts an image's apps, buckets and jobs into an empty state and job book. */
export function restoreImage(image: WorldImage, { state, jobs }: Pick<WorldParts, 'state' | 'jobs'>): void {
  const copy = structuredClone(image);
  for (const app of copy.apps) {
    state.addApp(app.appId, app.appName);
    for (const environment of app.environments) {
      state.addEnvironment(app.appId, app.appName, environment.name);
      // A world saved before secrets were kept as fingerprints may hold values: they are not kept.
      const auth = environment.auth && { ...environment.auth, resourceConfig: withoutSecrets(environment.auth.resourceConfig) };
      const { storage, otherCategories, api } = environment;
      Object.assign(state.requireEnvironment(app.appId, environment.name), { storage, auth, otherCategories, api });
    }
  }
  for (const bucket of copy.buckets) state.addBucket(bucket);
  jobs.addPast(copy.jobs.map((job): Job => ({
    ...job,
    endsAt: job.updateTime,
    outcome: { kind: 'apply', effect: () => undefined },
    settled: true,
  })));
}
