import type { AmplifyBackendApi, BackendApiOptions } from './amplify-backend-api';
import type { AmplifyBackendAuth, BackendAuthOptions } from './amplify-backend-auth';
import type { AmplifyBackendStorage, BackendStorageOptions } from './amplify-backend-storage';
import { IBackendEnvironment } from './i-backend-environment';
import type { ImportedBackendAuth, ImportAuthOptions } from './imported-backend-auth';
import type { ImportedBackendStorage, ImportStorageOptions } from './imported-backend-storage';

/** An Amplify backend environment: the unit the AmplifyBackend API runs one job at a time on. */
export interface IAmplifyBackend extends IBackendEnvironment {
  /** Adds auth that the service creates (a Cognito user pool, and an identity pool) to this environment; storage needs it. */
  addAuth(id: string, options: BackendAuthOptions): AmplifyBackendAuth;

  /** Links an existing Cognito user pool (and identity pool) to this environment as its auth. */
  importAuth(id: string, options: ImportAuthOptions): ImportedBackendAuth;

  /** Adds storage that the service creates (a new bucket) to this environment. */
  addStorage(id: string, options: BackendStorageOptions): AmplifyBackendStorage;

  /** Links an existing S3 bucket to this environment as its storage. */
  importStorage(id: string, options: ImportStorageOptions): ImportedBackendStorage;

  /** Adds the GraphQL API (the data category Amplify Studio's models live in) to this environment. */
  addApi(id: string, options: BackendApiOptions): AmplifyBackendApi;
}

/** Identifies a backend environment that already exists (created in the console, the CLI or another stack). */
export interface AmplifyBackendAttributes {
  /** The Amplify app id, e.g. `d1a2b3c4d5e6f7`. */
  readonly appId: string;
  /** The backend environment name, e.g. `dev`. */
  readonly environmentName: string;
}
