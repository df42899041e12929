import * as path from 'node:path';
import { Interruption } from './interruption';
import { RunOptions, SecretOptions } from './options';
import { localSecrets } from './secrets';
import { SeedOptions, seedsFromApp } from './seeds';
import { LocalDeployment, LocalDeploymentOptions } from '../../local/local-deployment';
import { StackArtifact, StackLocation } from '../../local/runner';
import { DEFAULT_STATE_FOLDER, StateFolder } from '../../local/state-folder';

/** The state folder `--state-dir` names, or `.cdk-amplify-backend` in the current folder (where cdk.json is). */
export function stateFolder(stateDir: string | undefined, cwd: string): StateFolder {
  return new StateFolder(path.resolve(cwd, stateDir ?? DEFAULT_STATE_FOLDER));
}

/**
 * The emulated account's secrets for a command that deploys: those the state folder keeps, after putting in
 * `--secret` and `--secrets-file` (which stay for later commands, as secrets put into an account do).
 */
export function accountSecrets(folder: StateFolder, options: Partial<SecretOptions>): Record<string, string> {
  const given = localSecrets(options.secret ?? [], options.secretsFile);
  const store = folder.secrets();
  if (Object.keys(given).length > 0) store.put(given);
  return store.read();
}

/** What a local command's deployment is started with besides the folder. */
export interface SessionOptions extends Partial<RunOptions> {
  readonly location: StackLocation;
  /** What the local Secrets Manager serves (`accountSecrets`). @default - none (a diff runs no handler) */
  readonly secrets?: Readonly<Record<string, string>>;
  /** Seeds the world from these stacks and options when the folder holds none yet (the first deployment). */
  readonly seeds?: { readonly stacks: readonly StackArtifact[]; readonly options: SeedOptions };
  readonly hooks?: Pick<LocalDeploymentOptions, 'onEvent' | 'onLog'>;
}

/** A local deployment that goes on from a state folder, and what its world was seeded with (lines to show; none for a saved world). */
export interface Session {
  readonly local: LocalDeployment;
  readonly seeded: readonly string[];
}

/**
 * A local deployment that goes on from the state folder: the saved world (before the first deployment, a
 * new one seeded from the app and the options) and the stacks deployed by earlier commands, with the
 * account's secrets. Storage needs auth, as the service says.
 */
export async function openSession(folder: StateFolder, options: SessionOptions): Promise<Session> {
  const world = folder.readWorld();
  if (world && world.region !== options.location.region) {
    throw new Error(`${folder.dir} holds a local stack in ${world.region}, and these stacks are in ${options.location.region}: `
      + 'destroy it first, or give these stacks another --state-dir.');
  }
  const seeds = world || !options.seeds ? undefined : seedsFromApp(options.seeds.stacks, options.seeds.options);
  const local = await LocalDeployment.start({
    emulator: { environments: seeds?.environments, buckets: seeds?.buckets, world, jobDurationMs: options.jobDuration, requireAuthForStorage: true },
    location: options.location,
    stacks: folder.readStacks(),
    logDir: folder.logDir,
    timeScale: options.timeScale,
    secrets: options.secrets,
    ...options.hooks,
  });
  return { local, seeded: seeds?.described ?? [] };
}

/**
 * Saves the world, the account's secrets (the stack may have created or deleted secrets) and one stack as they
 * are now: the stack's file, or its removal once it is gone (destroyed, or a first deployment rolled back).
 * Waits for jobs still running (a rollback's) to end: their effect is part of the world.
 */
export async function saveSession(local: LocalDeployment, folder: StateFolder, stackName: string): Promise<void> {
  await local.emulator.jobsEnded(60_000);
  folder.writeWorld(local.emulator.saveWorld());
  folder.secrets().replaceAll(local.secretsManager.all());
  const state = local.stack(stackName);
  if (state) folder.writeStack(state);
  else folder.removeStack(stackName);
}

/**
 * Runs `use` holding the state folder's lock (`StateFolder.lock`), released however it ends, a stop at once
 * (`interruption`) included.
 */
export async function withLock<T>(folder: StateFolder, holder: string, use: () => Promise<T>, interruption?: Interruption): Promise<T> {
  const release = folder.lock(holder);
  const forget = interruption?.onHardStop(release);
  try {
    return await use();
  } finally {
    forget?.();
    release();
  }
}
