/**
 * An embedded HTTP emulator of the AmplifyBackend API (Amplify Admin UI / Studio backend) for
 * tests and local tooling: the unmodified `@aws-sdk/client-amplifybackend` talks to it over HTTP.
 */
export { AmplifyBackendEmulator } from './emulator';
export { SECRET_KEYS, secretFingerprint } from './auth-secrets';
export type { EmulatorClientConfig, ExternalJobOptions } from './emulator';
export type { CloneJobsUnder, EmulatorOptions, JobListingOptions, SeedAuth, SeedBucket, SeedEnvironment } from './options';
export { CLONE_JOBS_UNDER } from './options';
export type { SeedHistory } from './history';
export { PAST_JOB_ERROR } from './history';
export { JOB_ORDERS } from './job-listing';
export type { JobOrder } from './job-listing';
export { FAULT_KINDS } from './faults';
export type { FaultCounts, FaultKind, FaultTarget, PlannedFault, RandomFaultOptions } from './faults';
export type { RecordedRequest, RequestFilter } from './request-log';
export type { Mount } from './mount';
export type { EmulatorSnapshot, EnvironmentSnapshot, JobSnapshot } from './snapshot';
export type { EnvironmentImage, JobImage, WorldImage } from './world-image';
export type { OtherCategories } from './state';
export { EXTERNAL_JOB_OPERATION, MUTATING_OPERATIONS, READ_OPERATIONS } from './operation-names';
export type { MutatingOperation, OperationName } from './operation-names';
export { COMPLETED, FAILED } from './jobs';
