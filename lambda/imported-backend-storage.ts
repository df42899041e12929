import { AmplifyBackendClient, ImportBackendStorageCommand } from '@aws-sdk/client-amplifybackend';
import { unlinkStorage } from './amplify-backend-storage';
import { amplifyMeta, MetaStorage, storageInMeta } from './amplify-meta';
import { ResourceRequest } from './events';
import { Environment } from './jobs';
import { paginateBuckets } from './paginators';
import {
  isProvisionalPhysicalId, movedImportPhysicalId, namesResource, parseResourcePhysicalId, provisionalPhysicalId, resourcePhysicalId, sameEnvironment,
  takenOverRefusal,
} from './physical-id';
import { flag, requiredString } from './properties';
import { jobCall, Next, ResourceKind } from './reconcile';
import { STORAGE_ATTRIBUTES } from '../src/private/contract';

/** What an imported-storage request wants done in one environment. */
export interface ImportPlan {
  readonly env?: Environment;
  /** onEvent's id: the current one on Update, a provisional one until the service has named the resource. */
  readonly physicalResourceId: string;
  /** Buckets that must not stay linked (unlinked first: one storage per environment). */
  readonly unlink: string[];
  /** The bucket that must be linked as imported storage. */
  readonly link?: string;
  /** This request links the bucket anew: check that it exists, and treat finding it linked as a conflict, unless `adopt`. */
  readonly isNew: boolean;
  /** The bucket found linked before anything started is taken over as the stack's link (the construct's `adopt`). */
  readonly adopt?: boolean;
  /** Why the request is refused before anything starts (it would unlink a link the stack took over). */
  readonly refusal?: string;
}

/** The environment's storage (from amplifyMetaConfig) and, on a new link's first look, whether the bucket exists. */
export interface ObservedImport {
  readonly storage: MetaStorage[];
  /** Undefined when not looked for, or when the account has more buckets than the pre-check reads. */
  readonly bucketExists?: boolean;
}

function parseSpec(properties: Record<string, unknown>): Environment & { bucketName: string } {
  return {
    appId: requiredString(properties, 'AppId'),
    environmentName: requiredString(properties, 'EnvironmentName'),
    bucketName: requiredString(properties, 'BucketName'),
  };
}

/** Pure: what a Create, Update or Delete of `Custom::AmplifyImportedBackendStorage` wants. */
export function planImport(request: ResourceRequest): ImportPlan {
  const spec = parseSpec(request.ResourceProperties);
  const env = { appId: spec.appId, environmentName: spec.environmentName };
  const adopt = flag(request.ResourceProperties, 'Adopt');
  const takenOver = parseResourcePhysicalId(request.PhysicalResourceId)?.adopted === true;
  if (request.RequestType === 'Delete') {
    // A link the stack took over existed before it and stays after it: its Delete forgets it.
    if (takenOver) return { physicalResourceId: request.PhysicalResourceId!, unlink: [], isNew: false };
    // Found by bucket, not by the id's name: the service may have renamed the resource since.
    return { env, physicalResourceId: request.PhysicalResourceId!, unlink: [spec.bucketName], isNew: false };
  }
  if (request.RequestType === 'Create') {
    const physicalResourceId = request.PhysicalResourceId ?? provisionalPhysicalId(env, spec.bucketName);
    return { env, physicalResourceId, link: spec.bucketName, unlink: [], isNew: true, adopt };
  }
  const old = parseSpec(request.OldResourceProperties ?? {});
  if (!sameEnvironment(old, spec)) {
    const physicalResourceId = movedImportPhysicalId(request.PhysicalResourceId, env, spec.bucketName);
    return { env, physicalResourceId, link: spec.bucketName, unlink: [], isNew: true, adopt };
  }
  if (old.bucketName !== spec.bucketName) {
    const refusal = takenOver ? takenOverRefusal(`the link of bucket "${old.bucketName}"`, `Linking bucket "${spec.bucketName}" instead`) : undefined;
    return { env, physicalResourceId: request.PhysicalResourceId!, link: spec.bucketName, unlink: [old.bucketName], isNew: true, adopt, refusal };
  }
  // Imported storage cannot be updated; an unchanged bucket needs nothing.
  return { env, physicalResourceId: request.PhysicalResourceId!, link: spec.bucketName, unlink: [], isNew: false, adopt };
}

/** Pure: the next step for an import plan. */
export function decideImport(plan: ImportPlan, observed: ObservedImport, firstLook: boolean): Next {
  if (plan.refusal) return refuse(plan.refusal);
  const env = plan.env!;
  const linked = (bucket: string) => observed.storage.find((storage) => storage.bucketName === bucket);
  const idOf = (storage: MetaStorage) => resourcePhysicalId(env, storage.resourceName);
  // The id to report: a new link gets the generated name's (it starts provisional); any other id stays.
  let physicalResourceId = plan.physicalResourceId;
  if (plan.link && plan.isNew && firstLook) {
    if (observed.bucketExists === false) {
      return refuse(`bucket "${plan.link}" is not in this account (ListS3Buckets does not list it); create it first, or check its name and region`);
    }
    const already = linked(plan.link);
    // Linked under the name this resource's id carries, it is this stack's own link (a rollback finds it so).
    if (already && !namesResource(plan.physicalResourceId, env, already.resourceName)) {
      if (!plan.adopt) {
        return refuse(`bucket "${plan.link}" is already linked to the environment as storage "${already.resourceName}"; `
          + 'take the link over as declared with adopt: true, or unlink it first');
      }
      // Someone else linked it: the stack takes the link over, its id says so, and the stack never unlinks it.
      return { kind: 'done', data: importAttributes(already, plan.link), physicalResourceId: resourcePhysicalId(env, already.resourceName, true) };
    }
    // The bucket this resource's id names is swapped for another: a new link, so a new id, and CloudFormation
    // deletes the old id (its bucket is unlinked by then). When the id names nothing linked (a rollback
    // after the old link was undone), the id stays: a new one would make CloudFormation unlink by the
    // old id's bucket, the one being linked again.
    const swapped = plan.unlink.map(linked).some((storage) => storage !== undefined && idOf(storage) === plan.physicalResourceId);
    if (swapped) physicalResourceId = provisionalPhysicalId(env, plan.link);
  }
  for (const bucket of plan.unlink) {
    const storage = linked(bucket);
    if (storage) return { ...unlinkStorage(env, storage.resourceName), physicalResourceId };
  }
  if (!plan.link) return { kind: 'done', data: {} };
  const mine = linked(plan.link);
  if (mine) {
    return {
      kind: 'done',
      data: importAttributes(mine, plan.link),
      physicalResourceId: isProvisionalPhysicalId(physicalResourceId) ? idOf(mine) : physicalResourceId,
    };
  }
  const other = observed.storage[0];
  if (other) {
    return refuse(`the environment already has storage "${other.resourceName}" (bucket ${other.bucketName ?? 'unknown'}) and allows one; remove it in an earlier deployment, or import into another environment`);
  }
  return {
    kind: 'call',
    physicalResourceId,
    call: jobCall('ImportBackendStorage', ImportBackendStorageCommand, {
      AppId: env.appId,
      BackendEnvironmentName: env.environmentName,
      BucketName: plan.link,
      ServiceName: 'S3',
    }),
  };
}

/** The link's attributes: the name the service gave it, and the bucket. */
function importAttributes(storage: MetaStorage, bucketName: string): Record<string, string> {
  return { [STORAGE_ATTRIBUTES.resourceName]: storage.resourceName, [STORAGE_ATTRIBUTES.bucketName]: bucketName };
}

/** Reads the environment's storage from GetBackend and, on a new link's first look, lists the account's buckets. */
export async function observeImport(client: AmplifyBackendClient, plan: ImportPlan, firstLook: boolean): Promise<ObservedImport> {
  const storage = storageInMeta(await amplifyMeta(client, plan.env!));
  const bucketExists = firstLook && plan.isNew && plan.link ? await bucketInAccount(client, plan.link) : undefined;
  return { storage, bucketExists };
}

/** Pages of the account's buckets the pre-check reads at most; past them it cannot tell, and the import's own answer decides. */
export const BUCKET_PAGES = 20;

async function bucketInAccount(client: AmplifyBackendClient, bucketName: string): Promise<boolean | undefined> {
  let pages = 0;
  for await (const page of paginateBuckets({ client }, {})) {
    if ((page.Buckets ?? []).some((bucket) => bucket.Name === bucketName)) return true;
    if (!page.NextToken) return false;
    if (++pages >= BUCKET_PAGES) return undefined;
  }
  return false;
}

function refuse(reason: string): Next {
  return { kind: 'refuse', reason };
}

/** `Custom::AmplifyImportedBackendStorage`: an existing bucket linked to an environment (or a link taken over); Delete only unlinks it, and forgets a link taken over. */
export const importedBackendStorage: ResourceKind<ImportPlan, ObservedImport> = {
  plan: planImport,
  physicalResourceId: (plan) => plan.physicalResourceId,
  environment: (plan) => plan.env,
  describe: (plan) => {
    const bucket = plan.link ?? plan.unlink[0];
    return plan.env ? `imported bucket "${bucket}" (app ${plan.env.appId}, environment ${plan.env.environmentName})` : `imported bucket ${plan.physicalResourceId}`;
  },
  observe: observeImport,
  decide: decideImport,
};
