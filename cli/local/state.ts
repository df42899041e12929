import type { WorldImage } from '../../local/emulator';

/** A resource of a local stack, as its state keeps it. */
export interface LocalResource {
  readonly logicalId: string;
  readonly type: string;
  /** How the local runner stood it up: `provider` (a custom resource), `account`, `code` or `name`. @default - not said */
  readonly model?: string;
  /** The properties as last sent, resolved. */
  readonly properties: Readonly<Record<string, unknown>>;
  readonly physicalResourceId: string;
}

/** A local stack, as its state keeps it: its resources by logical id. */
export interface LocalStack {
  readonly name: string;
  readonly resources: ReadonlyMap<string, LocalResource>;
}

/** What `local serve` and `local drift` use of the state folder (`StateFolder` is one). */
export interface LocalState {
  /** The folder, for messages. */
  readonly dir: string;
  /** The saved world, or undefined before the first deployment. */
  readWorld(): WorldImage | undefined;
  writeWorld(image: WorldImage): void;
  /** Every saved stack, in no particular order. */
  readStacks(): LocalStack[];
  /** Takes the folder for one command (`holder` names it); throws, naming the holder, while another process has it. Returns the release. */
  lock(holder: string): () => void;
}
