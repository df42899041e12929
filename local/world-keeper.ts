import { AmplifyBackendEmulator, EmulatorOptions, WorldImage } from './emulator';

/** How often a world with a running job is looked at again, to save it once the job has ended. */
const RETRY_MS = 50;

/**
 * Keeps the world of an emulator that serves other processes (`local serve`) saved, so that a server that
 * is killed loses nothing it answered: after every request, before the answer is sent, the world is
 * saved if it changed. A job's effect is data only once the job has ended (a world image cannot hold a
 * running job), so while one runs the keeper looks again every 50 ms and saves when it has ended.
 */
export class WorldKeeper {
  /** Starts an emulator with `options` whose world `save` receives after every change. */
  static async start(options: Omit<EmulatorOptions, 'afterRequest'>, save: (image: WorldImage) => void): Promise<WorldKeeper> {
    const keeper = new WorldKeeper(save);
    keeper.emulator = await AmplifyBackendEmulator.start({ ...options, afterRequest: () => keeper.saveIfChanged() });
    keeper.saveIfChanged();
    return keeper;
  }

  emulator!: AmplifyBackendEmulator;
  /** The last image saved, as JSON: an unchanged world is not written again. */
  private saved?: string;
  private retry?: NodeJS.Timeout;
  private stopped?: Promise<string[]>;

  private constructor(private readonly save: (image: WorldImage) => void) {}

  /** Saves the world if it changed since it was last saved; returns false, and looks again soon, while a job runs. */
  private saveIfChanged(): boolean {
    clearTimeout(this.retry);
    if (this.emulator.pendingJobs().length > 0) {
      this.retry = setTimeout(() => this.saveIfChanged(), RETRY_MS);
      return false;
    }
    const image = this.emulator.saveWorld();
    const text = JSON.stringify(image);
    if (text !== this.saved) {
      this.save(image);
      this.saved = text;
    }
    return true;
  }

  /**
   * Stops serving: waits for running jobs to end (at most `waitMs`) and saves their effect, then closes the
   * emulator. Returns the running jobs' ids whose effect was not saved (none unless `waitMs` ran out).
   * Stopping again returns the first stop's answer.
   */
  stop(waitMs: number): Promise<string[]> {
    this.stopped ??= this.stopServing(waitMs);
    return this.stopped;
  }

  private async stopServing(waitMs: number): Promise<string[]> {
    const lost = (await this.emulator.jobsEnded(waitMs)).map((job) => job.jobId);
    this.saveIfChanged();
    clearTimeout(this.retry);
    await this.emulator.close();
    return lost;
  }
}
