import { withoutSecrets } from '../auth-secrets';
import { badRequest, notFound } from '../errors';
import { generatedOutputs, managedAuth } from '../managed-auth';
import { OperationHandler, OperationSpec, startedJobWithOperation, targetOf } from '../operation';
import { AuthOutputs, AuthResource, AuthResourceConfig, Environment } from '../state';
import { assertName } from './name-rules';

/** UpdateBackendAuth's `resourceConfig`, as far as the emulator reads it. */
interface AuthConfigUpdate {
  readonly authResources: string;
  readonly service: string;
  readonly userPoolConfigs: Record<string, unknown>;
  readonly identityPoolConfigs?: { readonly unauthenticatedLogin?: boolean };
}

function assertNoAuth(environment: Environment): void {
  if (environment.auth) {
    throw badRequest(
      `Backend environment ${environment.name} already has the auth resource ${environment.auth.resourceName}: an environment can have one auth resource.`,
    );
  }
}

/** The hosted UI's domain prefix in a body's `userPoolConfigs.oAuth`, checked as the service checks it. */
function assertDomainPrefix(userPoolConfigs: Record<string, unknown> | undefined, environmentName: string): void {
  const oAuth = userPoolConfigs?.oAuth as { domainPrefix?: string } | undefined;
  assertName('domainPrefix', 'resourceConfig.userPoolConfigs.oAuth.domainPrefix', oAuth?.domainPrefix, environmentName);
}

/** Whether an API's config has the user-pool mode, which depends on the environment's auth. */
function usesUserPool(config: Record<string, unknown> | undefined): boolean {
  const types = [config?.defaultAuthType, ...(config?.additionalAuthTypes as unknown[] | undefined ?? [])] as Array<{ mode?: string } | undefined>;
  return types.some((type) => type?.mode === 'AMAZON_COGNITO_USER_POOLS');
}

function requireAuth(environment: Environment, resourceName: string): AuthResource {
  const auth = environment.auth;
  if (!auth || auth.resourceName !== resourceName) {
    throw notFound('Auth', `Auth resource ${resourceName} not found in backend environment ${environment.name}.`);
  }
  return auth;
}


/** Applies an update: pool settings given replace those held; the identity pool follows `authResources`. */
function updatedConfig(current: AuthResourceConfig, update: AuthConfigUpdate, resourceName: string): AuthResourceConfig {
  const userPoolConfigs = { ...current.userPoolConfigs, ...update.userPoolConfigs };
  const base = { ...current, authResources: update.authResources, service: update.service, userPoolConfigs };
  if (update.authResources !== 'IDENTITY_POOL_AND_USER_POOL') return { ...base, identityPoolConfigs: undefined };
  const identityPoolConfigs = {
    identityPoolName: current.identityPoolConfigs?.identityPoolName ?? `${resourceName}_identitypool`,
    unauthenticatedLogin: update.identityPoolConfigs?.unauthenticatedLogin ?? current.identityPoolConfigs?.unauthenticatedLogin ?? false,
  };
  return { ...base, identityPoolConfigs };
}


/** CreateBackendAuth: a Cognito user pool (and identity pool) managed by the environment. */
const createAuth: OperationHandler = (request, world) => {
  const target = targetOf(request);
  const resourceName = request.body.resourceName as string;
  const config = withoutSecrets(request.body.resourceConfig as AuthResourceConfig);
  const environment = world.state.requireEnvironment(target.appId, target.backendEnvironmentName);
  assertName('resourceName', 'resourceName', resourceName, environment.name);
  assertName('userPoolName', 'resourceConfig.userPoolConfigs.userPoolName', config.userPoolConfigs?.userPoolName as string, environment.name);
  assertName('identityPoolName', 'resourceConfig.identityPoolConfigs.identityPoolName', config.identityPoolConfigs?.identityPoolName, environment.name);
  assertDomainPrefix(config.userPoolConfigs, environment.name);
  assertNoAuth(environment);
  if (config.authResources === 'IDENTITY_POOL_AND_USER_POOL' && !config.identityPoolConfigs) {
    throw badRequest('resourceConfig.identityPoolConfigs is required when authResources is IDENTITY_POOL_AND_USER_POOL.');
  }
  const job = world.startJob('CreateBackendAuth', target, () => {
    environment.auth = managedAuth(world.names, resourceName, config);
  });
  return startedJobWithOperation(job);
};

/** UpdateBackendAuth: changes a created auth resource (imported auth cannot be updated). */
const updateAuth: OperationHandler = (request, world) => {
  const target = targetOf(request);
  const environment = world.state.requireEnvironment(target.appId, target.backendEnvironmentName);
  const auth = requireAuth(environment, request.body.resourceName as string);
  if (auth.imported) throw badRequest(`Auth resource ${auth.resourceName} is imported and cannot be updated; unlink it and import again.`);
  assertDomainPrefix((request.body.resourceConfig as AuthConfigUpdate).userPoolConfigs, environment.name);
  const config = withoutSecrets(updatedConfig(auth.resourceConfig, request.body.resourceConfig as AuthConfigUpdate, auth.resourceName));
  const job = world.startJob('UpdateBackendAuth', target, () => {
    environment.auth = { ...auth, resourceConfig: config, outputs: generatedOutputs(world.names, config, auth.outputs) };
  });
  return startedJobWithOperation(job);
};

/** DeleteBackendAuth: removes the auth resource; with `requireAuthForStorage`, not while storage depends on it. */
const deleteAuth: OperationHandler = (request, world) => {
  const target = targetOf(request);
  const environment = world.state.requireEnvironment(target.appId, target.backendEnvironmentName);
  const auth = requireAuth(environment, request.body.resourceName as string);
  if (world.settings.requireAuthForStorage && environment.storage) {
    throw badRequest(`Storage resource ${environment.storage.resourceName} depends on auth resource ${auth.resourceName}: remove the storage first.`);
  }
  if (usesUserPool(environment.api?.resourceConfig)) {
    throw badRequest(`API ${environment.api!.resourceName} authorizes with the user pool of auth resource ${auth.resourceName}: remove the API (or that mode) first.`);
  }
  const job = world.startJob('DeleteBackendAuth', target, () => {
    environment.auth = undefined;
  });
  return startedJobWithOperation(job);
};

/** ImportBackendAuth: links an existing user pool (and identity pool) under a resource name the service makes up. */
const importAuth: OperationHandler = (request, world) => {
  const target = targetOf(request);
  const { nativeClientId, userPoolId, webClientId, identityPoolId } = request.body as {
    nativeClientId: string; userPoolId: string; webClientId: string; identityPoolId?: string;
  };
  const environment = world.state.requireEnvironment(target.appId, target.backendEnvironmentName);
  assertNoAuth(environment);
  const resourceName = world.names.importedAuthName();
  // What the imported pools allow is unknown here; an imported identity pool is taken to allow guests.
  const resourceConfig: AuthResourceConfig = identityPoolId === undefined
    ? { authResources: 'USER_POOL_ONLY', service: 'COGNITO' }
    : { authResources: 'IDENTITY_POOL_AND_USER_POOL', service: 'COGNITO', identityPoolConfigs: { identityPoolName: identityPoolId, unauthenticatedLogin: true } };
  const outputs: AuthOutputs = { UserPoolId: userPoolId, AppClientIDWeb: webClientId, AppClientID: nativeClientId, IdentityPoolId: identityPoolId };
  const job = world.startJob('ImportBackendAuth', target, () => {
    environment.auth = { resourceName, imported: true, resourceConfig, outputs };
  });
  return startedJobWithOperation(job);
};

/** GetBackendAuth: the auth resource's configuration as it was created (or updated), social secrets as fingerprints. */
const getAuth: OperationHandler = (request, world) => {
  const target = targetOf(request);
  const environment = world.state.requireEnvironment(target.appId, target.backendEnvironmentName);
  const auth = requireAuth(environment, request.body.resourceName as string);
  return { ...target, resourceName: auth.resourceName, resourceConfig: auth.resourceConfig };
};

/** The auth operations. */
export const AUTH_OPERATIONS: readonly OperationSpec[] = [
  { name: 'CreateBackendAuth', handle: createAuth },
  { name: 'UpdateBackendAuth', handle: updateAuth },
  { name: 'DeleteBackendAuth', handle: deleteAuth },
  { name: 'ImportBackendAuth', handle: importAuth },
  { name: 'GetBackendAuth', handle: getAuth },
];
