import { constructNames } from './deployment-report';
import { StackArtifact } from '../../local/runner';
import {
  AUTH_RESOURCE_TYPE, AuthResourceProperties, ENVIRONMENT_RESOURCE_TYPE, EnvironmentResourceProperties, IMPORTED_AUTH_RESOURCE_TYPE,
  IMPORTED_STORAGE_RESOURCE_TYPE, ImportedAuthResourceProperties, ImportedStorageResourceProperties, STORAGE_RESOURCE_TYPE, StorageResourceProperties,
} from '../../src/private/contract';

/** The properties every resource type of the library names its environment with. */
type EnvironmentKey = keyof EnvironmentResourceProperties & keyof StorageResourceProperties & keyof ImportedStorageResourceProperties
  & keyof AuthResourceProperties & keyof ImportedAuthResourceProperties;
const APP_ID: EnvironmentKey = 'AppId';
const ENVIRONMENT_NAME: EnvironmentKey = 'EnvironmentName';
const APP_NAME: keyof EnvironmentResourceProperties = 'AppName';
const CLONE_FROM: keyof EnvironmentResourceProperties = 'CloneFrom';
const IMPORTED_BUCKET_NAME: keyof ImportedStorageResourceProperties = 'BucketName';

/** What a resource type that lives in an environment brings to it. */
interface Role {
  readonly category: 'storage' | 'auth';
  /** It links a bucket that must exist in the account. */
  readonly importsBucket?: boolean;
}

/** The resource types that need their environment to exist, and what each one is. */
const ROLES: Readonly<Record<string, Role>> = {
  [STORAGE_RESOURCE_TYPE]: { category: 'storage' },
  [IMPORTED_STORAGE_RESOURCE_TYPE]: { category: 'storage', importsBucket: true },
  [AUTH_RESOURCE_TYPE]: { category: 'auth' },
  [IMPORTED_AUTH_RESOURCE_TYPE]: { category: 'auth' },
};

/** An environment that storage or auth of the app lives in, or that a clone of the app is cloned from. */
export interface ReferencedEnvironment {
  readonly appId: string;
  readonly environmentName: string;
  /** `Stack/Construct` paths of the resources that reference it, in the app's order. */
  readonly referencedBy: string[];
  /** The app puts storage (created or imported) in it. */
  hasStorage: boolean;
  /** The app declares auth (created or imported) for it. */
  hasAuth: boolean;
}

/** What the app's synthesized templates create and what they expect to exist already, from literal values only. */
export interface AppReferences {
  /** `<appId>/<environment>` of every environment an `AmplifyBackend` of the app creates (or adopts). */
  readonly createdEnvironments: Set<string>;
  /** App names by app id, from the environments the app creates. */
  readonly appNames: Map<string, string>;
  /** By `<appId>/<environment>`: every environment the app's storage and auth live in, or its clones are cloned from. */
  readonly environments: Map<string, ReferencedEnvironment>;
  /** By bucket name: the paths of the imported storage that links it. */
  readonly importedBuckets: Map<string, string[]>;
  /** One line per value that is not a literal (a `Ref`, `Fn::*`), so nothing could be read from it. */
  readonly skipped: string[];
  /** One line per imported bucket that a stack of the app creates itself: nothing to seed, the deployment makes it. */
  readonly stackBuckets: string[];
}

/** `<appId>/<environment>`: how an environment is keyed here and shown. */
export function environmentKey(appId: string, environmentName: string): string {
  return `${appId}/${environmentName}`;
}

/** Reads every stack's Amplify custom resources: the environments they create and the environments and buckets they reference. */
export function appReferences(stacks: readonly StackArtifact[]): AppReferences {
  const references: AppReferences = {
    createdEnvironments: new Set(), appNames: new Map(), environments: new Map(), importedBuckets: new Map(), skipped: [], stackBuckets: [],
  };
  for (const stack of stacks) {
    const names = constructNames(stack);
    for (const [logicalId, resource] of Object.entries(stack.template.Resources)) {
      const role = ROLES[resource.Type];
      if (resource.Type !== ENVIRONMENT_RESOURCE_TYPE && !role) continue;
      const path = `${stack.name}/${names.get(logicalId) ?? logicalId}`;
      const literal = literalReader(resource.Properties ?? {}, (key, value) => {
        const bucket = createdBucket(stack, value);
        if (key === IMPORTED_BUCKET_NAME && bucket) {
          references.stackBuckets.push(`bucket of ${stack.name}/${names.get(bucket) ?? bucket}, which ${path} links, is created by the stack: nothing to seed`);
        } else {
          references.skipped.push(`skipped ${path} (${resource.Type}): its ${key} is ${shortJson(value)}, not a literal value, so nothing is seeded from it`);
        }
      });
      const [appId, environmentName] = [literal(APP_ID), literal(ENVIRONMENT_NAME)];
      if (role?.importsBucket) addImportedBucket(references, literal(IMPORTED_BUCKET_NAME), path);
      if (appId === undefined || environmentName === undefined) continue;
      const key = environmentKey(appId, environmentName);
      if (!role) {
        references.createdEnvironments.add(key);
        // Only a label for seeded environments of the same app: a token here skips nothing worth saying.
        const appName = resource.Properties?.[APP_NAME];
        if (typeof appName === 'string' && !references.appNames.has(appId)) references.appNames.set(appId, appName);
        const cloneFrom = literal(CLONE_FROM);
        if (cloneFrom !== undefined) referenced(references, appId, cloneFrom).referencedBy.push(`${path}'s cloneFrom`);
        continue;
      }
      const environment = referenced(references, appId, environmentName);
      environment.referencedBy.push(path);
      if (role.category === 'storage') environment.hasStorage = true;
      else environment.hasAuth = true;
    }
  }
  return references;
}

/** The record of an environment the app references, made on first use. */
function referenced(references: AppReferences, appId: string, environmentName: string): ReferencedEnvironment {
  const key = environmentKey(appId, environmentName);
  const environment = references.environments.get(key) ?? { appId, environmentName, referencedBy: [], hasStorage: false, hasAuth: false };
  references.environments.set(key, environment);
  return environment;
}

/** The logical id of the S3 bucket of the stack a value references (`Ref`), if it is one. */
function createdBucket(stack: StackArtifact, value: unknown): string | undefined {
  const id = (value as { Ref?: unknown } | undefined)?.Ref;
  return typeof id === 'string' && stack.template.Resources[id]?.Type === 'AWS::S3::Bucket' ? id : undefined;
}

function addImportedBucket(references: AppReferences, bucket: string | undefined, path: string): void {
  if (bucket === undefined) return;
  references.importedBuckets.set(bucket, [...references.importedBuckets.get(bucket) ?? [], path]);
}

/** A reader of string properties that reports (once each) a property present with a value that is not a string. */
function literalReader(properties: Record<string, unknown>, skip: (key: string, value: unknown) => void): (key: string) => string | undefined {
  return (key) => {
    const value = properties[key];
    if (typeof value === 'string') return value;
    if (value !== undefined) skip(key, value);
    return undefined;
  };
}

/** A value as JSON, cut short for a one-line message. */
export function shortJson(value: unknown): string {
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}
