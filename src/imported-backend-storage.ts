import { RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BackendStorageBase } from './backend-storage';
import { IBackendEnvironment } from './i-backend-environment';
import { backendResource } from './private/backend-resource';
import { IMPORTED_STORAGE_RESOURCE_TYPE, ImportedStorageResourceProperties, STORAGE_ATTRIBUTES } from './private/contract';
import { EnvironmentChains } from './private/environment-chain';
import { amplifyProvider, checkProps, environment, flag, optional, PropRules, removalPolicy, required, text, withAttribute } from './private/props';
import { validateExistingBucketName } from './private/validate';
import { AmplifyBackendProvider, IAmplifyBackendProvider } from './provider';

/** The AmplifyBackend operations the handler calls for imported storage (ListS3Buckets: the pre-check that the bucket exists). */
const IMPORT_OPERATIONS = ['ImportBackendStorage', 'GetBackend', 'DeleteBackendStorage', 'GetBackendJob', 'ListBackendJobs', 'ListS3Buckets'];

const PROP_RULES: PropRules<ImportedBackendStorageProps> = {
  backend: required(environment),
  bucket: optional(withAttribute('an s3.IBucket', 'bucketName')),
  bucketName: optional(text('the name of an existing bucket')),
  adopt: optional(flag),
  removalPolicy: optional(removalPolicy),
  provider: optional(amplifyProvider),
};

/** An existing bucket to link to an environment, as `backend.importStorage(id, options)` takes it. */
export interface ImportStorageOptions {
  /**
   * The existing bucket. Give this or `bucketName`. Changing the bucket unlinks the old one first
   * (one storage per environment) and links the new one.
   * @default - `bucketName` names the bucket
   */
  readonly bucket?: s3.IBucket;
  /**
   * Name of the existing bucket, when there is no `IBucket` for it. Give this or `bucket`.
   * @default - `bucket` names the bucket
   */
  readonly bucketName?: string;
  /**
   * Whether the bucket, found already linked to the environment (in the console, with the Amplify CLI, or outside this
   * stack), is taken over as this stack's link: nothing is sent, and the stack never unlinks it (its physical id ends
   * in ` (adopted)`, and removing it from the stack only forgets it, whatever `removalPolicy` says); linking another
   * bucket instead is then refused before anything starts. Without it, a bucket already linked is refused, so that
   * no two owners manage one link. A bucket not linked yet is linked either way, and the link is then the stack's own.
   * @default false
   */
  readonly adopt?: boolean;
  /**
   * What happens to the link when it leaves the stack. `DESTROY` unlinks the bucket from the
   * environment; `RETAIN` leaves it linked, until its environment is removed (a stack that removes the environment
   * warns about RETAIN). The bucket itself is never touched. SNAPSHOT is refused.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * The provider that runs this resource's jobs.
   * @default - the stack's default provider (`AmplifyBackendProvider.defaultFor`)
   */
  readonly provider?: IAmplifyBackendProvider;
}

/** Properties of `ImportedBackendStorage`. */
export interface ImportedBackendStorageProps extends ImportStorageOptions {
  /** The environment to link the bucket to; it must exist before the import. */
  readonly backend: IBackendEnvironment;
}

/**
 * An existing S3 bucket linked to an Amplify backend environment as its storage
 * (`Custom::AmplifyImportedBackendStorage`, physical id `<appId>/<environment>/<generated resource name>`).
 * The deployment fails fast, naming the bucket, if the account has no such bucket. Removing it only
 * unlinks the bucket; its objects stay where they are.
 */
export class ImportedBackendStorage extends BackendStorageBase {
  /**
   * Name the service generated for the storage resource, read from the environment's amplify-meta after the import.
   * @attribute
   */
  public readonly resourceName: string;
  /**
   * Name of the linked bucket.
   * @attribute
   */
  public readonly bucketName: string;
  /** The linked bucket: the one given, or one referenced by name. */
  public readonly bucket: s3.IBucket;
  /** The environment the bucket is linked to. */
  public readonly backend: IBackendEnvironment;

  constructor(scope: Construct, id: string, props: ImportedBackendStorageProps) {
    super(scope, id);
    props = checkProps(this, 'ImportedBackendStorage', props, PROP_RULES);
    const chains = EnvironmentChains.of(this);
    chains.claimStorage(this, props.backend);
    if ((props.bucket === undefined) === (props.bucketName === undefined)) {
      throw new Error(`Invalid ImportedBackendStorage at ${this.node.path}: give exactly one of bucket and bucketName.`);
    }
    const bucketName = props.bucket?.bucketName ?? props.bucketName!;
    validateExistingBucketName(this, bucketName);

    const provider = props.provider ?? AmplifyBackendProvider.defaultFor(this);
    provider.allowOperations(props.backend.appId, IMPORT_OPERATIONS);
    const properties: ImportedStorageResourceProperties = {
      AppId: props.backend.appId,
      EnvironmentName: props.backend.environmentName,
      BucketName: bucketName,
      Adopt: props.adopt ? true : undefined,
    };
    const resource = backendResource(this, {
      provider,
      resourceType: IMPORTED_STORAGE_RESOURCE_TYPE,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
      removal: { destroy: 'DeleteBackendStorage unlinks the bucket, which is never touched', retain: 'the bucket stays linked' },
      properties,
    });
    chains.join(resource, props.backend);
    this.backend = props.backend;
    this.resourceName = resource.getAttString(STORAGE_ATTRIBUTES.resourceName);
    this.bucketName = resource.getAttString(STORAGE_ATTRIBUTES.bucketName);
    this.bucket = props.bucket ?? s3.Bucket.fromBucketName(this, 'Bucket', this.bucketName);
  }
}
