/**
 * Drift on the local stack: the declared side is each saved stack's resources (their properties as last
 * sent, already resolved), the live side the local world, served by an emulator started from its image
 * and read over HTTP with the real SDK client, through the same readers as drift against AWS.
 */
import { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { AmplifyBackendEmulator, WorldImage } from '../../local/emulator';
import { StackDrift } from '../drift/drift-report';
import { driftRows } from '../drift/drift-rows';
import { DRIFT_RESOURCE_TYPES } from '../drift/resource-drift';

/** A custom resource of a local stack, as its state keeps it. */
export interface LocalResource {
  readonly logicalId: string;
  readonly type: string;
  /** The properties as last sent, resolved. */
  readonly properties: Readonly<Record<string, unknown>>;
  readonly physicalResourceId: string;
}

/** A local stack, as its state keeps it: its custom resources by logical id. */
export interface LocalStack {
  readonly name: string;
  readonly resources: ReadonlyMap<string, LocalResource>;
}

/** The drift of each stack's resources of this library against the world `image` holds. */
export async function localDrift(stacks: readonly LocalStack[], image: WorldImage): Promise<StackDrift[]> {
  const emulator = await AmplifyBackendEmulator.start({ world: image });
  const client = new AmplifyBackendClient({ ...emulator.clientConfig(), maxAttempts: 1 });
  try {
    const drifts: StackDrift[] = [];
    for (const stack of stacks) {
      const resources = [...stack.resources.values()]
        .filter((resource) => DRIFT_RESOURCE_TYPES.includes(resource.type))
        .map(({ logicalId, type, properties, physicalResourceId }) => ({ logicalId, type, physicalId: physicalResourceId, declared: properties }));
      drifts.push({ stackName: stack.name, rows: await driftRows(resources, client) });
    }
    return drifts;
  } finally {
    client.destroy();
    await emulator.close();
  }
}
