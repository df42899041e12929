import { amplifyBackendEnvironment } from './amplify-backend';
import { amplifyBackendApi } from './amplify-backend-api';
import { amplifyBackendAuth } from './amplify-backend-auth';
import { amplifyBackendStorage } from './amplify-backend-storage';
import { importedBackendAuth } from './imported-backend-auth';
import { importedBackendStorage } from './imported-backend-storage';
import { ResourceKind } from './reconcile';
import {
  API_RESOURCE_TYPE, AUTH_RESOURCE_TYPE, ENVIRONMENT_RESOURCE_TYPE, IMPORTED_AUTH_RESOURCE_TYPE, IMPORTED_STORAGE_RESOURCE_TYPE,
  STORAGE_RESOURCE_TYPE,
} from '../src/private/contract';

/** Every resource type the provider serves, by CloudFormation resource type. */
export const KINDS: Readonly<Record<string, ResourceKind<any, any>>> = {
  [ENVIRONMENT_RESOURCE_TYPE]: amplifyBackendEnvironment,
  [STORAGE_RESOURCE_TYPE]: amplifyBackendStorage,
  [IMPORTED_STORAGE_RESOURCE_TYPE]: importedBackendStorage,
  [AUTH_RESOURCE_TYPE]: amplifyBackendAuth,
  [IMPORTED_AUTH_RESOURCE_TYPE]: importedBackendAuth,
  [API_RESOURCE_TYPE]: amplifyBackendApi,
};
