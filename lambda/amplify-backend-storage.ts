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
import { environmentOf, namesResource, parseResourcePhysicalId, resourcePhysicalId, sameEnvironment, takenOverRefusal } from './physical-id';
import { enumList, flag, optionalString, requiredString } from './properties';
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
  /** `ensure` is a new identity for this resource: finding it there before anything started is a conflict, unless `adopt`. */
  readonly isNew: boolean;
  /** Storage of `ensure`'s name found before anything started is taken over as declared (the construct's `adopt`). */
  readonly adopt?: boolean;
  /** Why the request is refused before anything starts (it would remove storage the stack took over). */
  readonly refusal?: string;
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
  const current = parseResourcePhysicalId(request.PhysicalResourceId);
  if (request.RequestType === 'Delete') {
    // Storage the stack took over existed before it and stays after it: its Delete forgets it.
    const owned = current && !current.adopted ? current : undefined;
    return { env: owned, physicalResourceId: request.PhysicalResourceId!, remove: owned ? [owned.resourceName] : [], isNew: false };
  }
  const spec = parseSpec(request.ResourceProperties);
  const adopt = flag(request.ResourceProperties, 'Adopt');
  // The physical id already names the storage wanted (taken over or not): an update in place, or the rollback of a
  // failed rename or bucket change (CloudFormation sends the old properties with the old id). It is this stack's
  // storage, so finding it is no conflict; its id stays.
  const ours = request.RequestType === 'Update' && namesResource(request.PhysicalResourceId, spec, spec.resourceName);
  const physicalResourceId = ours ? request.PhysicalResourceId! : resourcePhysicalId(spec, spec.resourceName);
  const base = { env: environmentOf(spec), physicalResourceId, ensure: spec, adopt };
  if (request.RequestType === 'Create') return { ...base, remove: [], isNew: true };

  const old = parseSpec(request.OldResourceProperties ?? {});
  // Another environment: an ordinary replacement; CloudFormation deletes the old id afterwards.
  if (!sameEnvironment(old, spec)) return { ...base, remove: [], isNew: !ours };
  // A rename: one storage per environment, so the old one is unlinked first and the later Delete of its id finds nothing.
  if (old.resourceName !== spec.resourceName) {
    const refusal = current?.adopted && !ours
      ? takenOverRefusal(`storage "${old.resourceName}"`, `Renaming the storage to "${spec.resourceName}"`) : undefined;
    return { ...base, remove: [old.resourceName], isNew: !ours, refusal };
  }
  return { ...base, remove: [], isNew: false };
}

/** Pure: the next step for a storage plan, given the storage resources observed. */
export function decideStorage(plan: StoragePlan, observed: ObservedStorages, firstLook: boolean): Next {
  if (plan.refusal) return refuse(plan.refusal);
  const want = plan.ensure;
  const found = want && observed.get(want.resourceName);
  // Found before anything was started: someone else made it. Taken over only when the construct says so.
  const takingOver = want !== undefined && found !== undefined && plan.isNew && firstLook;
  if (takingOver && !plan.adopt) {
    return refuse(`a storage named "${want.resourceName}" already exists in the environment; declare another resourceName, remove the existing `
      + 'storage first, or take it over as declared with adopt: true');
  }
  const leftover = plan.remove.find((name) => observed.has(name));
  if (leftover !== undefined) return unlinkStorage(plan.env!, leftover);
  if (!want) return { kind: 'done', data: {} };
  if (!found) return createCall(want);
  if (found.imported) {
    return refuse(`"${want.resourceName}" is an imported bucket (${found.bucketName}); use ImportedBackendStorage for it`);
  }
  // In place (or taken over), the bucket cannot change; a rollback towards the bucket it has finds nothing to do.
  if ((!plan.isNew || plan.adopt) && want.bucketName && !(found.bucketName ?? '').startsWith(want.bucketName)) {
    return refuse(`bucketName cannot change to "${want.bucketName}" while resourceName stays "${want.resourceName}" (its bucket is ${found.bucketName}); change resourceName as well to move to a new bucket (the old one is unlinked and kept)`);
  }
  // Taken over: its id says so, and an update of the permissions makes it as declared.
  const physicalResourceId = takingOver ? resourcePhysicalId(want, want.resourceName, true) : undefined;
  if (!samePermissions(found, want)) return { ...updateCall(want), physicalResourceId };
  return {
    kind: 'done',
    data: { [STORAGE_ATTRIBUTES.bucketName]: found.bucketName ?? '', [STORAGE_ATTRIBUTES.resourceName]: want.resourceName },
    physicalResourceId,
  };
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

function updateCall(spec: StorageSpec): Extract<Next, { kind: 'call' }> {
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

/** `Custom::AmplifyBackendStorage`: storage the service creates (or taken over); Delete unlinks it (its bucket is kept), unless taken over. */
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
