import { LocalResource, LocalStack, LocalState } from '../../cli/local/state';
import { WorldImage } from '../../local/emulator';
import { APP_ID, ENV } from '../emulator/harness';

/** A state folder in memory: what was saved, and every world written. */
export class MemoryState implements LocalState {
  readonly dir = '/projects/photo-share/.cdk-amplify-backend';
  readonly written: WorldImage[] = [];
  /** Who holds the lock, if anyone. */
  holder?: string;

  constructor(private world: WorldImage | undefined, private readonly stacks: LocalStack[] = []) {}

  readWorld(): WorldImage | undefined {
    return this.world;
  }

  writeWorld(image: WorldImage): void {
    this.world = image;
    this.written.push(image);
  }

  readStacks(): LocalStack[] {
    return [...this.stacks];
  }

  lock(holder: string): () => void {
    if (this.holder !== undefined) throw new Error(`${this.dir} is in use by ${this.holder}`);
    this.holder = holder;
    return () => {
      this.holder = undefined;
    };
  }
}

/** The local stack that declares `savedWorldWithStorage()`'s storage, as its state keeps it. */
export function storageStack(name = 'AppStorage'): LocalStack {
  const photos: LocalResource = {
    logicalId: 'Photos',
    type: 'Custom::AmplifyBackendStorage',
    physicalResourceId: `${APP_ID}/${ENV}/photos`,
    properties: { AppId: APP_ID, EnvironmentName: ENV, ResourceName: 'photos', BucketName: 'photos', AuthenticatedPermissions: ['READ'] },
  };
  return { name, resources: new Map([[photos.logicalId, photos]]) };
}
