import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorldImage } from './emulator';
import { DeployedResource, StackArtifact, StackOutput, StackState } from './runner';
import { SecretsStore } from './secrets-store';

/** The format of the stack files this module writes and reads (2: every resource of the stack, parameters, outputs, leftovers). */
const FORMAT = 2;

/** The state folder's name beside cdk.json (or in the current folder) unless `--state-dir` says otherwise. */
export const DEFAULT_STATE_FOLDER = '.cdk-amplify-backend';

/**
 * A deployed stack as its file holds it (`stacks/<name>.json`): the stack as deployed (template, Region,
 * stack dependencies), each resource as CloudFormation remembers it (logical id, type, how the runner models
 * it, resolved properties, physical id, attributes, policies, service token), what each depends on (for
 * delete order), the parameter values and outputs of its last deployment, and replaced resources still to delete.
 */
export interface SavedStack {
  readonly format: typeof FORMAT;
  readonly name: string;
  readonly template: StackArtifact['template'];
  readonly environment: StackArtifact['environment'];
  /** Stacks this one depends on. */
  readonly stackDependencies: readonly string[];
  /** The hashes of the stack's file assets, kept in `assets/<hash>/` so that later updates and deletes run the deployed code. */
  readonly assets: readonly string[];
  readonly resources: readonly DeployedResource[];
  /** By logical id: the resources it depends on. */
  readonly dependencies: Readonly<Record<string, readonly string[]>>;
  readonly parameters: Readonly<Record<string, string>>;
  readonly outputs: Readonly<Record<string, StackOutput>>;
  readonly leftovers: readonly DeployedResource[];
}

/**
 * The folder that makes a local stack last between commands: `world.json`, the emulated account
 * (the emulator's world image); `stacks/<name>.json`, one file per deployed stack (`SavedStack`);
 * `assets/<hash>/`, the deployed stacks' file assets (handler bundles, the Provider framework's runtime),
 * copied so that a later update or destroy runs the code that was deployed, as Lambda would, even after
 * the app was synthesized again; `logs/<function name>.log`, what each function logged; and `secrets.json`, the
 * account's secrets (`SecretsStore`, owner-only), the one file that holds secret values. Files are replaced whole
 * (written beside, then renamed).
 */
export class StateFolder {
  constructor(readonly dir: string) {}

  /** Where each function's log is kept, `<function name>.log` (CloudWatch Logs' `/aws/lambda/<function name>`). */
  get logDir(): string {
    return path.join(this.dir, 'logs');
  }

  /** Whether anything was saved here yet. */
  exists(): boolean {
    return fs.existsSync(this.worldFile());
  }

  /** The saved world, or undefined before the first deployment. */
  readWorld(): WorldImage | undefined {
    return this.exists() ? readJson<WorldImage>(this.worldFile()) : undefined;
  }

  writeWorld(image: WorldImage): void {
    writeJson(this.worldFile(), image);
  }

  /** Every saved stack, in no particular order. */
  readStacks(): StackState[] {
    const dir = path.join(this.dir, 'stacks');
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir).filter((file) => file.endsWith('.json')).map((file) => this.fromSaved(readJson<SavedStack>(path.join(dir, file))));
  }

  /** One saved stack, or undefined if it is not deployed. */
  readStack(name: string): StackState | undefined {
    const file = this.stackFile(name);
    return fs.existsSync(file) ? this.fromSaved(readJson<SavedStack>(file)) : undefined;
  }

  /**
   * Saves a deployed stack and copies its file assets in (an asset already kept, by hash, is not copied again);
   * drops the assets no saved stack uses any more (an update's old handler code).
   */
  writeStack(state: StackState): void {
    const { artifact } = state;
    for (const [hash, source] of artifact.assets) {
      const kept = this.assetDir(hash);
      if (path.resolve(source) === kept || fs.existsSync(kept)) continue;
      // Copied beside, then renamed: a copy cut short is never taken for the asset.
      const copying = `${kept}.${process.pid}.tmp`;
      fs.cpSync(source, copying, { recursive: true });
      fs.renameSync(copying, kept);
    }
    const saved: SavedStack = {
      format: FORMAT,
      name: state.name,
      template: artifact.template,
      environment: artifact.environment,
      stackDependencies: artifact.dependencies,
      assets: [...artifact.assets.keys()],
      resources: [...state.resources.values()],
      dependencies: Object.fromEntries([...state.dependencies].map(([id, on]) => [id, [...on]])),
      parameters: state.parameters,
      outputs: state.outputs,
      leftovers: state.leftovers,
    };
    writeJson(this.stackFile(state.name), saved);
    this.dropUnusedAssets();
  }

  /** Forgets a stack (after it was destroyed) and the assets no saved stack uses any more. */
  removeStack(name: string): void {
    fs.rmSync(this.stackFile(name), { force: true });
    this.dropUnusedAssets();
  }

  private dropUnusedAssets(): void {
    const used = new Set(this.readStacks().flatMap((stack) => [...stack.artifact.assets.keys()]));
    const assets = path.join(this.dir, 'assets');
    if (!fs.existsSync(assets)) return;
    const unused = fs.readdirSync(assets).filter((entry) => !used.has(entry));
    for (const hash of unused) fs.rmSync(path.join(assets, hash), { recursive: true, force: true });
  }

  /** The emulated account's secrets (`secrets.json`, owner-only): they last until deleted, through a destroy too, as in an account. */
  secrets(): SecretsStore {
    return new SecretsStore(path.join(this.dir, 'secrets.json'));
  }

  /**
   * Forgets the local stack once no stack is left: removes the folder, or, when it keeps secrets, everything
   * else in it (the next deploy starts a new world with them). Returns whether the folder was removed.
   */
  removeLocalStack(): boolean {
    if (!fs.existsSync(this.secrets().file)) {
      fs.rmSync(this.dir, { recursive: true, force: true });
      return true;
    }
    const keep = path.basename(this.secrets().file);
    for (const entry of fs.readdirSync(this.dir).filter((name) => name !== keep)) {
      fs.rmSync(path.join(this.dir, entry), { recursive: true, force: true });
    }
    return false;
  }

  /**
   * Takes the folder for one command (`holder` names it), so that two commands never deploy into it at once;
   * throws, naming the holder, while another live process has it. Returns the release.
   */
  lock(holder: string): () => void {
    const file = path.join(this.dir, 'lock');
    fs.mkdirSync(this.dir, { recursive: true });
    for (let attempt = 0; ; attempt++) {
      try {
        fs.writeFileSync(file, JSON.stringify({ pid: process.pid, holder }), { flag: 'wx' });
        return () => fs.rmSync(file, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      }
      const other = readJson<{ pid: number; holder: string }>(file);
      if (isAlive(other.pid)) {
        throw new Error(`${this.dir} is in use by ${other.holder} (process ${other.pid}): wait for it to end, or remove ${file} if that process is gone.`);
      }
      // Left by a process that ended without releasing it (killed): take it over.
      fs.rmSync(file, { force: true });
    }
  }

  private fromSaved(saved: SavedStack): StackState {
    if (saved?.format !== FORMAT) {
      throw new Error(`Cannot read stack file of format ${String(saved?.format)} in ${this.dir}: this version reads format ${FORMAT}. `
        + 'Destroy with the version that deployed it, or delete the folder to start afresh.');
    }
    return {
      name: saved.name,
      resources: new Map(saved.resources.map((resource) => [resource.logicalId, resource])),
      dependencies: new Map(Object.entries(saved.dependencies).map(([id, on]) => [id, new Set(on)])),
      parameters: saved.parameters,
      outputs: saved.outputs,
      leftovers: saved.leftovers,
      artifact: {
        name: saved.name,
        template: saved.template,
        environment: saved.environment,
        dependencies: saved.stackDependencies,
        assets: new Map(saved.assets.map((hash) => [hash, this.assetDir(hash)])),
      },
    };
  }

  private worldFile(): string {
    return path.join(this.dir, 'world.json');
  }

  private stackFile(name: string): string {
    return path.join(this.dir, 'stacks', `${name}.json`);
  }

  private assetDir(hash: string): string {
    return path.join(this.dir, 'assets', hash);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Writes beside the file, then renames: a reader never sees half a file. */
function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(temporary, file);
}
