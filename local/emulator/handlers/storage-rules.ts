import { badRequest, notFound } from '../errors';
import { AuthResource, Environment, StoragePermissions, StorageResource } from '../state';
import { World } from '../world';

/** At most one storage resource (created or imported) per environment. */
export function assertNoStorage(appId: string, environment: Environment): void {
  const existing = environment.storage;
  if (existing) {
    throw badRequest(
      `Backend environment ${environment.name} of app ${appId} already has the storage resource ${existing.resourceName}: ` +
      'an environment can have one storage resource (created or imported).',
    );
  }
}

/** The environment's storage resource with this name, or a 404. */
export function requireStorage(environment: Environment, resourceName: string): StorageResource {
  const storage = environment.storage;
  if (!storage || storage.resourceName !== resourceName) {
    throw notFound('Storage', `Storage resource ${resourceName} not found in backend environment ${environment.name}.`);
  }
  return storage;
}

/**
 * With `requireAuthForStorage`: storage needs auth in the environment, and guest (unAuthenticated)
 * permissions need an identity pool that allows unauthenticated logins.
 */
export function assertAuthAllowsStorage(world: World, environment: Environment, permissions?: StoragePermissions): void {
  if (!world.settings.requireAuthForStorage) return;
  const auth = environment.auth;
  if (!auth) {
    throw badRequest(
      `Storage needs the auth category: add auth to backend environment ${environment.name} first (CreateBackendAuth or ImportBackendAuth).`,
    );
  }
  if ((permissions?.unAuthenticated?.length ?? 0) > 0 && !allowsGuests(auth)) {
    throw badRequest(
      'Guest (unAuthenticated) storage permissions need an identity pool that allows unauthenticated logins; ' +
      `auth resource ${auth.resourceName} in backend environment ${environment.name} has none.`,
    );
  }
}

/** Whether the auth resource has an identity pool with unauthenticated logins on. */
function allowsGuests(auth: AuthResource): boolean {
  const config = auth.resourceConfig;
  return config.authResources === 'IDENTITY_POOL_AND_USER_POOL' && config.identityPoolConfigs?.unauthenticatedLogin === true;
}
