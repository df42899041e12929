/** The AmplifyBackend operations the emulator serves, split by whether they start a job. */
export const MUTATING_OPERATIONS = [
  'CreateBackend',
  'CloneBackend',
  'DeleteBackend',
  'CreateBackendStorage',
  'UpdateBackendStorage',
  'DeleteBackendStorage',
  'ImportBackendStorage',
  'CreateBackendAuth',
  'UpdateBackendAuth',
  'DeleteBackendAuth',
  'ImportBackendAuth',
  'CreateBackendAPI',
  'UpdateBackendAPI',
  'DeleteBackendAPI',
  'GenerateBackendAPIModels',
] as const;

/** Operations that only read state (UpdateBackendJob records fields on a job but starts none). */
export const READ_OPERATIONS = [
  'GetBackend',
  'GetBackendStorage',
  'ListS3Buckets',
  'GetBackendJob',
  'UpdateBackendJob',
  'ListBackendJobs',
  'GetBackendAuth',
  'GetBackendAPI',
  'GetBackendAPIModels',
] as const;

/** The operation an external job reports by default: the console's most frequent one, a data model saved in Amplify Studio (it has no effect here). */
export const EXTERNAL_JOB_OPERATION = 'UpdateBackendAPI';

/** An operation that starts a job and is subject to the one-pending-job rule. */
export type MutatingOperation = typeof MUTATING_OPERATIONS[number];

/** Any operation the emulator serves. */
export type OperationName = MutatingOperation | typeof READ_OPERATIONS[number];

/** Whether the operation starts a job. */
export function isMutating(operation: OperationName): operation is MutatingOperation {
  return (MUTATING_OPERATIONS as readonly string[]).includes(operation);
}
