import {
  AmplifyBackendClient,
  CreateBackendStorageCommand,
  DeleteBackendStorageCommand,
  GetBackendStorageCommand,
  UpdateBackendStorageCommand,
} from '@aws-sdk/client-amplifybackend';
import { classifyError } from './errors';
import { ResourceRequest } from './events';
import { Environment } from './jobs';
import { environmentOf, parseResourcePhysicalId, resourcePhysicalId, sameEnvironment } from './physical-id';
import { enumList, optionalString, requiredString } from './properties';
import { jobCall, Next, ResourceKind } from './reconcile';
import { STORAGE_ATTRIBUTES } from '../src/private/contract';

const PERMISSIONS = ['READ', 'CREATE_AND_UPDATE', 'DELETE'] as const;
type Permission = typeof PERMISSIONS[number];

/** A storage resource as the template declares it. */
export interface StorageSpec extends Environment {
  readonly resourceName: string;
  readonly bucketName?: string;
  readonly authenticated: Permission[];
  readonly unauthenticated: Permission[];
}

/** What a storage request wants done in one environment. */
export interface StoragePlan {
  /** Undefined when there is nothing to do (a Delete whose id names no storage). */
  readonly env?: Environment;
  readonly physicalResourceId: string;
  /** Storage that must be gone before `ensure` is created: the service allows one per environment. */
  readonly remove: string[];
  /** The storage that must exist, with these permissions. */
  readonly ensure?: StorageSpec;
  /** `ensure` is a new identity for this resource: finding it there before anything started is a conflict. */
  readonly isNew: boolean;
}

/** A storage resource as GetBackendStorage reports it. */
export interface ObservedStorage {
  readonly bucketName?: string;
  readonly imported: boolean;
  readonly authenticated: string[];
  readonly unauthenticated: string[];
}

/** The storage resources a plan names, by resource name; a missing entry is a storage that does not exist. */
export type ObservedStorages = ReadonlyMap<string, ObservedStorage>;

function parseSpec(properties: Record<string, unknown>): StorageSpec {
  return {
    appId: requiredString(properties, 'AppId'),
    environmentName: requiredString(properties, 'EnvironmentName'),
    resourceName: requiredString(properties, 'ResourceName'),
    bucketName: optionalString(properties, 'BucketName'),
    authenticated: enumList(properties, 'AuthenticatedPermissions', PERMISSIONS),
    unauthenticated: enumList(properties, 'UnauthenticatedPermissions', PERMISSIONS),
  };
}

/** Pure: what a Create, Update or Delete of `Custom::AmplifyBackendStorage` wants. */
export function planStorage(request: ResourceRequest): StoragePlan {
  if (request.RequestType === 'Delete') {
    const ref = parseResourcePhysicalId(request.PhysicalResourceId);
    return { env: ref, physicalResourceId: request.PhysicalResourceId!, remove: ref ? [ref.resourceName] : [], isNew: false };
  }
  const spec = parseSpec(request.ResourceProperties);
  const base = { env: environmentOf(spec), physicalResourceId: resourcePhysicalId(spec, spec.resourceName), ensure: spec };
  if (request.RequestType === 'Create') return { ...base, remove: [], isNew: true };

  const old = parseSpec(request.OldResourceProperties ?? {});
  // The physical id already names the storage wanted: the rollback of a failed rename or bucket change
  // (CloudFormation sends the old properties with the old id). It is this stack's storage, so finding it
  // is no conflict; what the failed update may have created under the other name is unlinked.
  const ours = request.PhysicalResourceId === base.physicalResourceId;
  // Another environment: an ordinary replacement; CloudFormation deletes the old id afterwards.
  if (!sameEnvironment(old, spec)) return { ...base, remove: [], isNew: !ours };
  // A rename: one storage per environment, so the old one is unlinked first and the later Delete of its id finds nothing.
  if (old.resourceName !== spec.resourceName) return { ...base, remove: [old.resourceName], isNew: !ours };
  return { ...base, remove: [], isNew: false };
}

/** Pure: the next step for a storage plan, given the storage resources observed. */
export function decideStorage(plan: StoragePlan, observed: ObservedStorages, firstLook: boolean): Next {
  const want = plan.ensure;
  const found = want && observed.get(want.resourceName);
  if (want && found && plan.isNew && firstLook) {
    return refuse(`a storage named "${want.resourceName}" already exists in the environment; declare another resourceName, or remove the existing storage first`);
  }
  const leftover = plan.remove.find((name) => observed.has(name));
  if (leftover !== undefined) return unlinkStorage(plan.env!, leftover);
  if (!want) return { kind: 'done', data: {} };
  if (!found) return createCall(want);
  if (found.imported) {
    return refuse(`"${want.resourceName}" is an imported bucket (${found.bucketName}); use ImportedBackendStorage for it`);
  }
  // In place, the bucket cannot change; a rollback towards the bucket it has finds nothing to do.
  if (!plan.isNew && want.bucketName && !(found.bucketName ?? '').startsWith(want.bucketName)) {
    return refuse(`bucketName cannot change to "${want.bucketName}" while resourceName stays "${want.resourceName}" (its bucket is ${found.bucketName}); change resourceName as well to move to a new bucket (the old one is unlinked and kept)`);
  }
  if (!samePermissions(found, want)) return updateCall(want);
  return { kind: 'done', data: { [STORAGE_ATTRIBUTES.bucketName]: found.bucketName ?? '', [STORAGE_ATTRIBUTES.resourceName]: want.resourceName } };
}

/** Reads every storage resource the plan names (GetBackendStorage); not found means absent. */
export async function observeStorage(client: AmplifyBackendClient, plan: StoragePlan): Promise<ObservedStorages> {
  const observed = new Map<string, ObservedStorage>();
  const names = new Set([...plan.remove, ...(plan.ensure ? [plan.ensure.resourceName] : [])]);
  for (const name of names) {
    const storage = await readStorage(client, plan.env!, name);
    if (storage) observed.set(name, storage);
  }
  return observed;
}

/** One storage resource as GetBackendStorage reports it; undefined when it (or its environment) is not found. */
export async function readStorage(client: AmplifyBackendClient, env: Environment, resourceName: string): Promise<ObservedStorage | undefined> {
  try {
    const { ResourceConfig: config } = await client.send(new GetBackendStorageCommand({
      AppId: env.appId,
      BackendEnvironmentName: env.environmentName,
      ResourceName: resourceName,
    }));
    return {
      bucketName: config?.BucketName,
      imported: config?.Imported === true,
      authenticated: config?.Permissions?.Authenticated ?? [],
      unauthenticated: config?.Permissions?.UnAuthenticated ?? [],
    };
  } catch (error) {
    if (classifyError(error) === 'not-found') return undefined;
    throw error;
  }
}

function samePermissions(found: ObservedStorage, want: StorageSpec): boolean {
  const same = (a: readonly string[], b: readonly string[]) => new Set(a).size === new Set(b).size && a.every((p) => b.includes(p));
  return same(found.authenticated, want.authenticated) && same(found.unauthenticated, want.unauthenticated);
}

function createCall(spec: StorageSpec): Next {
  return {
    kind: 'call',
    call: jobCall('CreateBackendStorage', CreateBackendStorageCommand, {
      AppId: spec.appId,
      BackendEnvironmentName: spec.environmentName,
      ResourceName: spec.resourceName,
      ResourceConfig: {
        ServiceName: 'S3',
        BucketName: spec.bucketName,
        Permissions: {
          Authenticated: spec.authenticated,
          UnAuthenticated: spec.unauthenticated.length > 0 ? spec.unauthenticated : undefined,
        },
      },
    }),
  };
}

function updateCall(spec: StorageSpec): Next {
  return {
    kind: 'call',
    call: jobCall('UpdateBackendStorage', UpdateBackendStorageCommand, {
      AppId: spec.appId,
      BackendEnvironmentName: spec.environmentName,
      ResourceName: spec.resourceName,
      // Guest permissions are always sent, so removing the last one removes them.
      ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: spec.authenticated, UnAuthenticated: spec.unauthenticated } },
    }),
  };
}

/** DeleteBackendStorage: unlinks a storage resource, created or imported; the service keeps the bucket. */
export function unlinkStorage(env: Environment, resourceName: string): Extract<Next, { kind: 'call' }> {
  return {
    kind: 'call',
    call: jobCall('DeleteBackendStorage', DeleteBackendStorageCommand, {
      AppId: env.appId,
      BackendEnvironmentName: env.environmentName,
      ResourceName: resourceName,
      ServiceName: 'S3',
    }),
  };
}

function refuse(reason: string): Next {
  return { kind: 'refuse', reason };
}

/** `Custom::AmplifyBackendStorage`: storage the service creates; Delete unlinks it (its bucket is kept). */
export const amplifyBackendStorage: ResourceKind<StoragePlan, ObservedStorages> = {
  plan: planStorage,
  physicalResourceId: (plan) => plan.physicalResourceId,
  environment: (plan) => plan.env,
  describe: (plan) => {
    const name = plan.ensure?.resourceName ?? plan.remove[0] ?? plan.physicalResourceId;
    return plan.env ? `storage "${name}" (app ${plan.env.appId}, environment ${plan.env.environmentName})` : `storage ${name}`;
  },
  observe: observeStorage,
  decide: decideStorage,
};
