/**
 * An Amplify app's backend as the AmplifyBackend API reports it, read with its read operations only (GetBackend,
 * GetBackendAuth, GetBackendStorage, GetBackendAPI, GetBackendAPIModels) through the handler's own readers: the live side `adopt` declares. Secrets the
 * service reports are never read into it (the auth reader drops them).
 */
import { AmplifyBackendClient, GetBackendCommand } from '@aws-sdk/client-amplifybackend';
import { readStorage } from '../../lambda/amplify-backend-storage';
import { amplifyMeta, apiInMeta, authInMeta, MetaResource, resourcesInMeta, storageInMeta } from '../../lambda/amplify-meta';
import { readApi, readModels } from '../../lambda/api-observe';
import { ApiSettings, API_SERVICE } from '../../lambda/api-settings';
import { readAuth } from '../../lambda/auth-observe';
import { AuthSettings } from '../../lambda/auth-settings';
import { callService } from '../service-error';

/** Auth of an environment: created by the service (every setting it reports), or Cognito resources linked to it. */
export type LiveAuth =
  | { readonly kind: 'created'; readonly resourceName: string; readonly settings: AuthSettings }
  | {
    readonly kind: 'imported';
    readonly resourceName: string;
    readonly userPoolId: string;
    readonly webClientId: string;
    readonly nativeClientId: string;
    readonly identityPoolId?: string;
  };

/** Storage of an environment: created by the service (its bucket and permissions), or an existing bucket linked to it. */
export type LiveStorage =
  | { readonly kind: 'created'; readonly resourceName: string; readonly bucketName?: string; readonly authenticated: string[]; readonly unauthenticated: string[] }
  | { readonly kind: 'imported'; readonly resourceName: string; readonly bucketName: string };

/** The environment's GraphQL API as GetBackendAPI reports it, and its models' status (`LATEST`, `STALE`). */
export interface LiveApi {
  readonly resourceName: string;
  readonly settings: ApiSettings;
  readonly modelsStatus?: string;
}

/** A resource of the environment that the library does not declare, and why. */
export interface NotDeclared extends MetaResource {
  readonly why: string;
}

export interface LiveEnvironment {
  readonly name: string;
  readonly auth?: LiveAuth;
  readonly storage?: LiveStorage;
  readonly api?: LiveApi;
  readonly notDeclared: NotDeclared[];
}

export interface LiveBackend {
  readonly appId: string;
  readonly appName: string;
  readonly environments: LiveEnvironment[];
}

/** `--environment` named an environment the app does not have: a bad argument, found once the app was read. */
export class UnknownEnvironmentError extends Error {
  constructor(readonly unknown: readonly string[], readonly known: readonly string[]) {
    super(`The app has no environment ${unknown.map((name) => `"${name}"`).join(', ')}; its environments: ${known.join(', ') || 'none'}.`);
    this.name = 'UnknownEnvironmentError';
  }
}

/** The categories and services the library declares; any other resource is left as it is, and said so. */
const DECLARED: Readonly<Record<string, string>> = { auth: 'Cognito', storage: 'S3', api: API_SERVICE };

/**
 * Reads the app's environments (all, or those `only` names, in the app's order) with their auth, storage and the
 * resources the library does not declare. Only reads; a failed call throws a ServiceCallError naming the operation.
 */
export async function readLiveBackend(client: AmplifyBackendClient, appId: string, only: readonly string[] = []): Promise<LiveBackend> {
  const app = await callService('GetBackend', () => client.send(new GetBackendCommand({ AppId: appId })));
  const known = app.BackendEnvironmentList ?? [];
  const unknown = only.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new UnknownEnvironmentError(unknown, known);
  const environments: LiveEnvironment[] = [];
  for (const name of known.filter((candidate) => only.length === 0 || only.includes(candidate))) {
    environments.push(await readEnvironment(client, { appId, environmentName: name }));
  }
  return { appId, appName: app.AppName ?? appId, environments };
}

async function readEnvironment(client: AmplifyBackendClient, env: { appId: string; environmentName: string }): Promise<LiveEnvironment> {
  const meta = await callService('GetBackend', () => amplifyMeta(client, env));
  const [authEntry, ...moreAuth] = authInMeta(meta);
  const [storageEntry, ...moreStorage] = storageInMeta(meta);
  const [apiEntry, ...moreApis] = apiInMeta(meta);
  const extra = new Set([...moreAuth, ...moreStorage, ...moreApis].map((entry) => entry.resourceName));
  const api = apiEntry && await readLiveApi(client, env, apiEntry.resourceName);
  const unread = apiEntry && !api ? apiEntry.resourceName : undefined;
  const notDeclared = resourcesInMeta(meta).flatMap((resource): NotDeclared[] => {
    const declarable = DECLARED[resource.category] === resource.service;
    if (declarable && !extra.has(resource.resourceName) && !(resource.category === 'api' && resource.resourceName === unread)) return [];
    const why = !declarable ? `${resource.service ?? 'a service'} ${resource.category}, which this library does not declare`
      : extra.has(resource.resourceName) ? `a second ${resource.category} resource (the service allows one per environment)`
        : 'amplify-meta lists it, but GetBackendAPI does not find it, so its settings cannot be read';
    return [{ ...resource, why }];
  });
  let auth: LiveAuth | undefined;
  if (authEntry?.imported) {
    auth = {
      kind: 'imported',
      resourceName: authEntry.resourceName,
      userPoolId: authEntry.userPoolId ?? '',
      webClientId: authEntry.webClientId ?? '',
      nativeClientId: authEntry.nativeClientId ?? '',
      identityPoolId: authEntry.identityPoolId,
    };
  } else if (authEntry) {
    const read = await callService('GetBackendAuth', () => readAuth(client, env, authEntry.resourceName));
    if (!read) throw new Error(`GetBackend lists auth "${authEntry.resourceName}" in environment "${env.environmentName}", but GetBackendAuth does not find it.`);
    auth = { kind: 'created', resourceName: authEntry.resourceName, settings: read.settings };
  }
  let storage: LiveStorage | undefined;
  if (storageEntry?.imported) {
    storage = { kind: 'imported', resourceName: storageEntry.resourceName, bucketName: storageEntry.bucketName ?? '' };
  } else if (storageEntry) {
    const read = await callService('GetBackendStorage', () => readStorage(client, env, storageEntry.resourceName));
    if (!read) {
      throw new Error(`GetBackend lists storage "${storageEntry.resourceName}" in environment "${env.environmentName}", but GetBackendStorage does not find it.`);
    }
    storage = {
      kind: 'created', resourceName: storageEntry.resourceName, bucketName: read.bucketName, authenticated: read.authenticated, unauthenticated: read.unauthenticated,
    };
  }
  return { name: env.environmentName, auth, storage, api, notDeclared };
}

/** The API's settings and models' status; undefined when GetBackendAPI does not find it. */
async function readLiveApi(
  client: AmplifyBackendClient, env: { appId: string; environmentName: string }, resourceName: string,
): Promise<LiveApi | undefined> {
  const settings = await callService('GetBackendAPI', () => readApi(client, env, resourceName));
  if (!settings) return undefined;
  const models = await callService('GetBackendAPIModels', () => readModels(client, env, resourceName));
  return { resourceName, settings, modelsStatus: models.status };
}
