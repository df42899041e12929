import { Annotations, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BackendStorageBase, IBackendStorage } from './backend-storage';
import { IBackendEnvironment } from './i-backend-environment';
import { backendResource } from './private/backend-resource';
import { STORAGE_ATTRIBUTES, STORAGE_RESOURCE_TYPE, StorageResourceProperties } from './private/contract';
import { EnvironmentChains } from './private/environment-chain';
import { amplifyProvider, checkProps, environment, flag, optional, PropRules, removalPolicy, required, struct, text, textList } from './private/props';
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
   * Name of the storage resource inside the environment (1 to 128 letters and digits). Changing it replaces
   * the storage: the old one is unlinked first (one storage per environment) and its bucket is kept.
   */
  readonly resourceName: string;
  /** Who may do what with the bucket's objects. Changing them updates the storage in place. */
  readonly permissions: StoragePermissions;
  /**
   * Bucket name prefix (3 to 47 lowercase letters, digits and hyphens, starting with a letter or digit and not
   * with `xn--`, `sthree-` or `amzn-s3-demo-`, which S3 reserves); the service appends a suffix,
   * so read the result from `bucketName`. Used when the storage is created: to move to another bucket,
   * change `resourceName` as well (changing only this is refused at deploy time and rolled back).
   * @default - the service chooses a name
   */
  readonly bucketName?: string;
  /**
   * Whether storage of this `resourceName` that already exists in the environment (made in the console, with the
   * Amplify CLI, or outside this stack) is taken over as declared: permissions that differ are updated in place, and
   * the stack never removes it (its physical id ends in ` (adopted)`, and removing it from the stack only forgets it,
   * whatever `removalPolicy` says). A change that would replace storage taken over (a new `resourceName`, which
   * unlinks it first) is refused before anything starts, as is a `bucketName` that is not its bucket's. Without it,
   * existing storage of that name is refused, so that no two owners manage one storage. Storage that does not
   * exist is created either way, and is then the stack's own.
   * @default false
   */
  readonly adopt?: boolean;
  /**
   * What happens to the storage when it leaves the stack. `DESTROY` unlinks it from the environment;
   * `RETAIN` leaves it linked, until its environment is removed (a stack that removes the environment warns about
   * RETAIN). The S3 bucket itself is kept by the service either way. SNAPSHOT is refused.
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
      public readonly resourceName: string;
      public readonly bucketName: string;
      public readonly bucket: s3.IBucket;
      constructor() {
        super(scope, id);
        const checked = checkProps(this, 'AmplifyBackendStorage.fromStorageAttributes', attrs, ATTRIBUTE_RULES);
        this.resourceName = checked.resourceName;
        this.bucketName = checked.bucketName;
        this.bucket = s3.Bucket.fromBucketName(this, 'Bucket', checked.bucketName);
      }
    }
    return new Import();
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
    props = checkProps(this, 'AmplifyBackendStorage', props, PROP_RULES);
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
      Adopt: props.adopt ? true : undefined,
    };
    const resource = backendResource(this, {
      provider,
      resourceType: STORAGE_RESOURCE_TYPE,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
      removal: { destroy: 'DeleteBackendStorage unlinks the storage; the service keeps its bucket', retain: 'the storage stays linked' },
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

const PERMISSION_LIST = textList(`StoragePermission values (${ALLOWED.join(', ')})`);
const PROP_RULES: PropRules<AmplifyBackendStorageProps> = {
  backend: required(environment),
  resourceName: required(text('the storage resource\'s name')),
  permissions: required(struct<StoragePermissions>('StoragePermissions', {
    authenticated: required(PERMISSION_LIST),
    unauthenticated: optional(PERMISSION_LIST),
  })),
  bucketName: optional(text('the bucket name prefix')),
  adopt: optional(flag),
  removalPolicy: optional(removalPolicy),
  provider: optional(amplifyProvider),
};

const ATTRIBUTE_RULES: PropRules<BackendStorageAttributes> = {
  resourceName: required(text('the storage resource\'s name')),
  bucketName: required(text('the bucket\'s name')),
};

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
