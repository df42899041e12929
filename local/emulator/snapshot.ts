import { Job } from './jobs';
import { ApiResource, StoragePermissions, AuthOutputs, AuthResourceConfig, Bucket } from './state';
import { World } from './world';
import { jobImage, JobImage } from './world-image';

/** An environment and its categories, as plain data. */
export interface EnvironmentSnapshot {
  readonly appId: string;
  readonly appName: string;
  readonly backendEnvironmentName: string;
  readonly storage?: {
    readonly resourceName: string;
    readonly bucketName: string;
    readonly imported: boolean;
    readonly permissions?: StoragePermissions;
  };
  readonly auth?: {
    readonly resourceName: string;
    readonly imported: boolean;
    readonly resourceConfig: AuthResourceConfig;
    readonly outputs: AuthOutputs;
  };
  readonly api?: ApiResource;
}

/** A job as plain data: as a world image keeps an ended one, and when it ends (Infinity: it never finishes). */
export interface JobSnapshot extends JobImage {
  readonly endsAt: number;
  readonly pending: boolean;
}

/** Everything the emulator holds, as plain data (copies: changing them changes nothing). */
export interface EmulatorSnapshot {
  readonly environments: EnvironmentSnapshot[];
  /** Oldest first. */
  readonly jobs: JobSnapshot[];
  readonly buckets: Bucket[];
}

/** Copies the world's state out: all of it, or one app's environments and jobs (and every bucket). */
export function snapshotOf(world: World, appId?: string): EmulatorSnapshot {
  const apps = world.state.listApps().filter((app) => appId === undefined || app.appId === appId);
  const environments = apps.flatMap((app) => [...app.environments.values()].map((environment) => ({
    appId: app.appId,
    appName: app.appName,
    backendEnvironmentName: environment.name,
    storage: environment.storage,
    auth: environment.auth,
    api: environment.api,
  })));
  const jobs = (appId === undefined ? world.jobs.all() : world.jobs.ofApp(appId)).map(jobSnapshot);
  return structuredClone({ environments, jobs, buckets: [...world.state.listBuckets()] });
}

/** A job as plain data. */
export function jobSnapshot(job: Job): JobSnapshot {
  return { ...jobImage(job), endsAt: job.endsAt, pending: !job.settled };
}
