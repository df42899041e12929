/** What users of an Amplify app may do with the objects in a storage bucket. */
export enum StoragePermission {
  /** Read and list objects. */
  READ = 'READ',
  /** Upload new objects and overwrite existing ones. */
  CREATE_AND_UPDATE = 'CREATE_AND_UPDATE',
  /** Delete objects. */
  DELETE = 'DELETE',
}

/** Who may do what with a storage bucket: signed-in users, and guests through the identity pool. */
export interface StoragePermissions {
  /** What signed-in (Cognito user pool) users may do. At least one permission. */
  readonly authenticated: StoragePermission[];
  /**
   * What guests may do; needs an identity pool that allows unauthenticated access.
   * Write or delete access for guests is allowed but produces a synth warning.
   * @default - guests have no access
   */
  readonly unauthenticated?: StoragePermission[];
}
