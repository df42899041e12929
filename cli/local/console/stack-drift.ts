import type { ConsoleDifference, ConsoleDrift, ConsoleResource, ConsoleStack } from './document';
import type { WorldImage } from '../../../local/emulator';
import { DriftRow, shown, StackDrift } from '../../drift/drift-report';
import { localDrift } from '../drift';
import type { LocalStack } from '../state';

/** Compares local stacks with a world, as `local drift` does. */
export type DriftComparison = (stacks: readonly LocalStack[], image: WorldImage) => Promise<StackDrift[]>;

/**
 * The local stacks' drift for the console, compared again only when the stacks or the world's apps and buckets
 * changed (a job's record alone changes nothing drift reads). A world that cannot be read now (a job is running)
 * leaves the last comparison standing, with a note saying so.
 */
export class DriftView {
  private last?: { readonly key: string; readonly drift: Promise<ConsoleDrift> };

  constructor(private readonly compare: DriftComparison = localDrift) {}

  /** The drift of `stacks` against `world`, or, while a job runs (`world` undefined), the last one. */
  async read(stacks: readonly LocalStack[], world: WorldImage | undefined, now: number): Promise<ConsoleDrift> {
    if (!world) {
      const note = 'A job is running: drift is compared again once it has ended.';
      return this.last ? { ...await this.last.drift, note } : { stacks: [], note };
    }
    const key = JSON.stringify([stacks.map((stack) => [stack.name, [...stack.resources.values()]]), { ...world, jobs: [] }]);
    if (this.last?.key !== key) this.last = { key, drift: this.compareNow(stacks, world, now) };
    return this.last.drift;
  }

  private async compareNow(stacks: readonly LocalStack[], world: WorldImage, now: number): Promise<ConsoleDrift> {
    const ordered = [...stacks].sort((a, b) => a.name.localeCompare(b.name));
    try {
      const drifts = await this.compare(ordered, world);
      return { checkedAt: now, stacks: ordered.map((stack, index) => consoleStack(stack, drifts[index]?.rows ?? [])) };
    } catch (error) {
      const note = `Drift could not be compared: ${error instanceof Error ? error.message : String(error)}`;
      return { checkedAt: now, note, stacks: ordered.map((stack) => consoleStack(stack, [])) };
    }
  }
}

/** Every resource of a stack by logical id, with its drift row where drift compared it. */
function consoleStack(stack: LocalStack, rows: readonly DriftRow[]): ConsoleStack {
  const byId = new Map(rows.map((row) => [row.logicalId, row]));
  const resources = [...stack.resources.values()].sort((a, b) => a.logicalId.localeCompare(b.logicalId)).map((resource): ConsoleResource => {
    const row = byId.get(resource.logicalId);
    const { logicalId, type, model } = resource;
    const common = { logicalId, type, model, physicalId: resource.physicalResourceId || undefined };
    if (!row) return { ...common, status: 'not-compared', details: [] };
    const details: ConsoleDifference[] = [
      ...row.differences.map(({ property, declared, live }) => ({ property, declared: shown(declared), live: shown(live) })),
      ...row.unknown.map(({ property, reason, live }) => ({ property, live: shown(live), unknown: reason })),
    ];
    return { ...common, status: row.status, reason: row.reason, details };
  });
  return { name: stack.name, resources };
}
