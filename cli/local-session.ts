import * as path from 'node:path';
import { RunOptions, SeedOptions } from './local-options';
import { environmentSeed } from './local-seeds';
import { LocalDeployment, LocalDeploymentOptions } from '../local/local-deployment';
import { StackLocation } from '../local/runner';
import { DEFAULT_STATE_FOLDER, StateFolder } from '../local/state-folder';

/** The state folder `--state-dir` names, or `.cdk-amplify-backend` in the current folder (where cdk.json is). */
export function stateFolder(stateDir: string | undefined, cwd: string): StateFolder {
  return new StateFolder(path.resolve(cwd, stateDir ?? DEFAULT_STATE_FOLDER));
}

/** What a local command's deployment is started with besides the folder. */
export interface SessionOptions extends Partial<RunOptions> {
  readonly location: StackLocation;
  /** Seeds the world with these when the folder holds none yet (the first deployment). */
  readonly seeds?: SeedOptions;
  readonly hooks?: Pick<LocalDeploymentOptions, 'onEvent' | 'onLog'>;
}

/**
 * A local deployment that goes on from the state folder: the saved world (a new one, seeded, before the
 * first deployment) and the stacks deployed by earlier commands. Storage needs auth, as the service says.
 */
export async function openSession(folder: StateFolder, options: SessionOptions): Promise<LocalDeployment> {
  const world = folder.readWorld();
  const seeds = world ? {} : {
    environments: (options.seeds?.environment ?? []).map(environmentSeed),
    buckets: options.seeds?.bucket ?? [],
  };
  return LocalDeployment.start({
    emulator: { ...seeds, world, jobDurationMs: options.jobDuration, requireAuthForStorage: true },
    location: options.location,
    stacks: folder.readStacks(),
    timeScale: options.timeScale,
    ...options.hooks,
  });
}

/**
 * Saves the world and one stack as they are now: the stack's file, or its removal once it is gone (destroyed,
 * or a first deployment rolled back). Waits for jobs still running (a rollback's) to end: their effect is part of the world.
 */
export async function saveSession(local: LocalDeployment, folder: StateFolder, stackName: string): Promise<void> {
  for (let waited = 0; local.emulator.pendingJobs().length > 0 && waited < 60_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  folder.writeWorld(local.emulator.saveWorld());
  const state = local.stack(stackName);
  if (state) folder.writeStack(state);
  else folder.removeStack(stackName);
}
