import { Annotations, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BackendStorageBase, IBackendStorage } from './backend-storage';
import { IBackendEnvironment } from './i-backend-environment';
import { backendResource } from './private/backend-resource';
import { STORAGE_ATTRIBUTES, STORAGE_RESOURCE_TYPE, StorageResourceProperties } from './private/contract';
import { EnvironmentChains } from './private/environment-chain';
import { validateBucketName, validateEnumList, validateResourceName } from './private/validate';
import { AmplifyBackendProvider, IAmplifyBackendProvider } from './provider';
import { StoragePermission, StoragePermissions } from './storage-permissions';

/** The AmplifyBackend operations the handler calls for created storage. */
const STORAGE_OPERATIONS = [
  'CreateBackendStorage', 'UpdateBackendStorage', 'DeleteBackendStorage', 'GetBackendStorage', 'GetBackendJob', 'ListBackendJobs',
];

/** Storage in an environment, as `backend.addStorage(id, options)` takes it. */
export interface BackendStorageOptions {
  /**
   * Name of the storage resource inside the environment (letters and digits). Changing it replaces
   * the storage: the old one is unlinked first (one storage per environment) and its bucket is kept.
   */
  readonly resourceName: string;
  /** Who may do what with the bucket's objects. Changing them updates the storage in place. */
  readonly permissions: StoragePermissions;
  /**
   * Bucket name prefix (3 to 47 lowercase letters, digits and hyphens); the service appends a suffix,
   * so read the result from `bucketName`. Used when the storage is created: to move to another bucket,
   * change `resourceName` as well (changing only this is refused at deploy time and rolled back).
   * @default - the service chooses a name
   */
  readonly bucketName?: string;
  /**
   * What happens to the storage when it leaves the stack. `DESTROY` unlinks it from the environment;
   * `RETAIN` leaves it linked. The S3 bucket itself is kept by the service either way.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * The provider that runs this resource's jobs.
   * @default - the stack's default provider (`AmplifyBackendProvider.defaultFor`)
   */
  readonly provider?: IAmplifyBackendProvider;
}

/** Properties of `AmplifyBackendStorage`. */
export interface AmplifyBackendStorageProps extends BackendStorageOptions {
  /** The environment the storage belongs to; it must exist before the storage is created. */
  readonly backend: IBackendEnvironment;
}

/** Identifies storage that already exists in an environment. */
export interface BackendStorageAttributes {
  /** Name of the storage resource inside its environment. */
  readonly resourceName: string;
  /** Physical name of the S3 bucket. */
  readonly bucketName: string;
}

/**
 * S3 file storage of an Amplify backend environment, created through the AmplifyBackend API
 * (`Custom::AmplifyBackendStorage`, physical id `<appId>/<environment>/<resourceName>`).
 */
export class AmplifyBackendStorage extends BackendStorageBase {
  /** References storage that exists already. Nothing is created or unlinked. */
  public static fromStorageAttributes(scope: Construct, id: string, attrs: BackendStorageAttributes): IBackendStorage {
    class Import extends BackendStorageBase {
      public readonly resourceName = attrs.resourceName;
      public readonly bucketName = attrs.bucketName;
      public readonly bucket = s3.Bucket.fromBucketName(this, 'Bucket', attrs.bucketName);
    }
    return new Import(scope, id);
  }

  /**
   * Name of the storage resource inside its environment.
   * @attribute
   */
  public readonly resourceName: string;
  /**
   * Physical name of the bucket, read back with GetBackendStorage once the job has completed.
   * @attribute
   */
  public readonly bucketName: string;
  /** The bucket the service created. */
  public readonly bucket: s3.IBucket;
  /** The environment the storage belongs to. */
  public readonly backend: IBackendEnvironment;

  constructor(scope: Construct, id: string, props: AmplifyBackendStorageProps) {
    super(scope, id);
    const chains = EnvironmentChains.of(this);
    chains.claimStorage(this, props.backend, (props.permissions.unauthenticated ?? []).length > 0);
    validateResourceName(this, props.resourceName);
    if (props.bucketName !== undefined) validateBucketName(this, props.bucketName);
    const permissions = checkedPermissions(this, props.permissions);

    const provider = props.provider ?? AmplifyBackendProvider.defaultFor(this);
    provider.allowOperations(props.backend.appId, STORAGE_OPERATIONS);
    const properties: StorageResourceProperties = {
      AppId: props.backend.appId,
      EnvironmentName: props.backend.environmentName,
      ResourceName: props.resourceName,
      BucketName: props.bucketName,
      AuthenticatedPermissions: permissions.authenticated,
      UnauthenticatedPermissions: permissions.unauthenticated,
    };
    const resource = backendResource(this, {
      provider,
      resourceType: STORAGE_RESOURCE_TYPE,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
      properties,
    });
    chains.join(resource, props.backend);
    this.backend = props.backend;
    this.resourceName = resource.getAttString(STORAGE_ATTRIBUTES.resourceName);
    this.bucketName = resource.getAttString(STORAGE_ATTRIBUTES.bucketName);
    this.bucket = s3.Bucket.fromBucketName(this, 'Bucket', this.bucketName);
  }
}

const ALLOWED: string[] = Object.values(StoragePermission);

function checkedPermissions(scope: Construct, permissions: StoragePermissions): { authenticated: string[]; unauthenticated: string[] } {
  validateEnumList(scope, 'permissions.authenticated', permissions.authenticated, ALLOWED);
  const guests = permissions.unauthenticated ?? [];
  if (permissions.unauthenticated !== undefined) validateEnumList(scope, 'permissions.unauthenticated', guests, ALLOWED);
  const guestsOnly = guests.filter((permission) => !permissions.authenticated.includes(permission));
  if (guestsOnly.length > 0) {
    throw new Error(`Invalid permissions at ${scope.node.path}: guests (unauthenticated) get ${guestsOnly.join(', ')}, `
      + 'which signed-in users do not; give signed-in users every permission guests have.');
  }
  const writes = guests.filter((permission) => permission !== StoragePermission.READ);
  if (writes.length > 0) {
    Annotations.of(scope).addWarningV2('cdk-amplify-backend:guestWriteAccess',
      `Guests (unauthenticated users) get ${writes.join(' and ')} on this bucket: anyone who loads the app can change or remove its objects. Grant READ only unless that is intended.`);
  }
  return { authenticated: [...permissions.authenticated], unauthenticated: [...guests] };
}
