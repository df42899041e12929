import { IResource, Resource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';

/** File storage of an Amplify backend environment: an S3 bucket linked to the environment. */
export interface IBackendStorage extends IResource {
  /**
   * Name of the storage resource inside its environment.
   * @attribute
   */
  readonly resourceName: string;
  /**
   * Physical name of the S3 bucket, as the service reports it after the job (it adds a suffix to a requested name).
   * @attribute
   */
  readonly bucketName: string;
  /** The S3 bucket, for grants, notifications and anything else that takes an `IBucket`. */
  readonly bucket: s3.IBucket;
  /**
   * Grants read access to objects matching `objectsKeyPattern`.
   * @param objectsKeyPattern the object keys to grant, e.g. `public/*`. Default: every object.
   */
  grantRead(grantee: iam.IGrantable, objectsKeyPattern?: string): iam.Grant;
  /**
   * Grants read, write and delete access to objects matching `objectsKeyPattern`.
   * @param objectsKeyPattern the object keys to grant, e.g. `public/*`. Default: every object.
   */
  grantReadWrite(grantee: iam.IGrantable, objectsKeyPattern?: string): iam.Grant;
}

/** What created and imported storage have in common: grants on the bucket. */
export abstract class BackendStorageBase extends Resource implements IBackendStorage {
  public abstract readonly resourceName: string;
  public abstract readonly bucketName: string;
  public abstract readonly bucket: s3.IBucket;

  public grantRead(grantee: iam.IGrantable, objectsKeyPattern?: string): iam.Grant {
    return this.bucket.grantRead(grantee, objectsKeyPattern);
  }

  public grantReadWrite(grantee: iam.IGrantable, objectsKeyPattern?: string): iam.Grant {
    return this.bucket.grantReadWrite(grantee, objectsKeyPattern);
  }
}
