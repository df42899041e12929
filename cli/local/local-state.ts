import type { LocalStack } from './local-drift';
import type { WorldImage } from '../../local/emulator';

/** What `local serve` and `local drift` read and write of a local stack's state folder. */
export interface LocalState {
  /** The folder, for messages. */
  readonly dir: string;
  /** The saved world, or undefined before the first deployment. */
  readWorld(): WorldImage | undefined;
  writeWorld(image: WorldImage): void;
  /** Every saved stack, in no particular order. */
  readStacks(): LocalStack[];
}
