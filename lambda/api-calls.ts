/** The calls that start API jobs. */
import {
  CreateBackendAPICommand, DeleteBackendAPICommand, GenerateBackendAPIModelsCommand, UpdateBackendAPICommand,
} from '@aws-sdk/client-amplifybackend';
import { ApiSettings, resourceConfig } from './api-settings';
import { Environment } from './jobs';
import { jobCall, Next } from './reconcile';

type Call = Extract<Next, { kind: 'call' }>;

/** The names every API call carries: the app, the environment and the API's resource name. */
function names(env: Environment, resourceName: string) {
  return { AppId: env.appId, BackendEnvironmentName: env.environmentName, ResourceName: resourceName };
}

/** CreateBackendAPI with the settings (their user pools resolved). */
export function createApi(env: Environment, resourceName: string, settings: ApiSettings): Call {
  return { kind: 'call', call: jobCall('CreateBackendAPI', CreateBackendAPICommand, { ...names(env, resourceName), ResourceConfig: resourceConfig(settings) }) };
}

/** UpdateBackendAPI with every setting, so that what is left out is removed (an additional mode, conflict resolution). */
export function updateApi(env: Environment, resourceName: string, settings: ApiSettings): Call {
  return { kind: 'call', call: jobCall('UpdateBackendAPI', UpdateBackendAPICommand, { ...names(env, resourceName), ResourceConfig: resourceConfig(settings) }) };
}

/** DeleteBackendAPI: removes the API from the environment, with its AppSync API and the data of its models. */
export function deleteApi(env: Environment, resourceName: string): Call {
  return { kind: 'call', call: jobCall('DeleteBackendAPI', DeleteBackendAPICommand, names(env, resourceName)) };
}

/** GenerateBackendAPIModels: regenerates the models Amplify Studio and DataStore use from the API's schema. */
export function generateModels(env: Environment, resourceName: string): Call {
  return { kind: 'call', call: jobCall('GenerateBackendAPIModels', GenerateBackendAPIModelsCommand, names(env, resourceName)) };
}
