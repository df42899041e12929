/**
 * The contract between the constructs (src/) and the handlers (lambda/): custom resource type names
 * and the CloudFormation properties each one carries. No CDK imports: the handler bundle includes it.
 */

/** Resource type of `AmplifyBackend`. */
export const ENVIRONMENT_RESOURCE_TYPE = 'Custom::AmplifyBackend';

/** Properties of `Custom::AmplifyBackend` as the template holds them. */
export interface EnvironmentResourceProperties {
  readonly AppId: string;
  readonly AppName: string;
  readonly EnvironmentName: string;
  readonly ResourceName?: string;
}

/** Resource type of `ImportedBackendStorage`. */
export const IMPORTED_STORAGE_RESOURCE_TYPE = 'Custom::AmplifyImportedBackendStorage';

/** Properties of `Custom::AmplifyImportedBackendStorage` as the template holds them. */
export interface ImportedStorageResourceProperties {
  readonly AppId: string;
  readonly EnvironmentName: string;
  readonly BucketName: string;
}

/** Resource type of `AmplifyBackendStorage`. */
export const STORAGE_RESOURCE_TYPE = 'Custom::AmplifyBackendStorage';

/** Properties of `Custom::AmplifyBackendStorage` as the template holds them. */
export interface StorageResourceProperties {
  readonly AppId: string;
  readonly EnvironmentName: string;
  readonly ResourceName: string;
  /** Absent when the service chooses the bucket name. */
  readonly BucketName?: string;
  readonly AuthenticatedPermissions: string[];
  readonly UnauthenticatedPermissions: string[];
}

/** Attributes both storage resource types return (`Fn::GetAtt`). */
export const STORAGE_ATTRIBUTES = {
  bucketName: 'BucketName',
  resourceName: 'ResourceName',
} as const;

/** Environment variables the provider sets on the handler function. */
export const HANDLER_ENVIRONMENT = {
  /** The provider's total timeout: the handler gives up (with a clear message) just before it. */
  totalTimeoutSeconds: 'WAIT_TIMEOUT_SECONDS',
  /** The provider's query interval: how long before the deadline the handler gives up. */
  queryIntervalSeconds: 'QUERY_INTERVAL_SECONDS',
} as const;
