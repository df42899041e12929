/**
 * Reads GetBackend's `amplifyMetaConfig`: amplify-meta.json as a string. The storage category maps
 * each resource name to its service and outputs; imported buckets have `serviceType: "imported"`.
 */

/** A storage resource as amplify-meta.json lists it. */
export interface MetaStorage {
  readonly resourceName: string;
  readonly bucketName?: string;
  readonly imported: boolean;
}

interface MetaEntry {
  readonly service?: string;
  readonly serviceType?: string;
  readonly output?: { readonly BucketName?: string };
}

/** The S3 storage resources of an environment; an absent or unreadable config lists none. */
export function storageInMeta(amplifyMetaConfig: string | undefined): MetaStorage[] {
  let meta: { storage?: Record<string, MetaEntry> };
  try {
    meta = JSON.parse(amplifyMetaConfig || '{}');
  } catch {
    return [];
  }
  return Object.entries(meta.storage ?? {})
    .filter(([, entry]) => entry.service === 'S3')
    .map(([resourceName, entry]) => ({ resourceName, bucketName: entry.output?.BucketName, imported: entry.serviceType === 'imported' }));
}
