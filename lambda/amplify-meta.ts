import { AmplifyBackendClient, GetBackendCommand, GetBackendCommandOutput } from '@aws-sdk/client-amplifybackend';
import { classifyError } from './errors';
import { Environment } from './jobs';

/**
 * Reads GetBackend: whether an environment exists, and its `amplifyMetaConfig`: amplify-meta.json as a string. Each category maps resource
 * names to their service and outputs: storage lists S3 buckets, auth lists Cognito user pools with the
 * ids of their pools and clients; imported resources have `serviceType: "imported"`.
 */

/** GetBackend of an environment: the app's name and environments, and the environment's amplify-meta.json; undefined when not found. */
export async function getBackend(client: AmplifyBackendClient, env: Environment): Promise<GetBackendCommandOutput | undefined> {
  try {
    return await client.send(new GetBackendCommand({ AppId: env.appId, BackendEnvironmentName: env.environmentName }));
  } catch (error) {
    if (classifyError(error) === 'not-found') return undefined;
    throw error;
  }
}

/** Whether GetBackend's answer lists the environment (an answer without a list names the environment it describes). */
export function environmentListed(backend: GetBackendCommandOutput, environmentName: string): boolean {
  const listed = backend.BackendEnvironmentList;
  return listed ? listed.includes(environmentName) : backend.BackendEnvironmentName === environmentName;
}

/** The environment's amplify-meta.json (GetBackend); undefined when the environment does not exist. */
export async function amplifyMeta(client: AmplifyBackendClient, env: Environment): Promise<string | undefined> {
  return (await getBackend(client, env))?.AmplifyMetaConfig;
}

/** A storage resource as amplify-meta.json lists it. */
export interface MetaStorage {
  readonly resourceName: string;
  readonly bucketName?: string;
  readonly imported: boolean;
}

/** An auth resource as amplify-meta.json lists it, with the Cognito ids of its outputs. */
export interface MetaAuth {
  readonly resourceName: string;
  readonly imported: boolean;
  readonly userPoolId?: string;
  readonly webClientId?: string;
  readonly nativeClientId?: string;
  readonly identityPoolId?: string;
}

interface MetaEntry {
  readonly service?: string;
  readonly serviceType?: string;
  readonly output?: Record<string, string | undefined>;
}

type Category = Record<string, MetaEntry>;

/** The categories of amplify-meta.json; an absent or unreadable config has none. */
function categoriesOf(amplifyMetaConfig: string | undefined): Record<string, Category | undefined> {
  try {
    const meta = JSON.parse(amplifyMetaConfig || '{}');
    return meta && typeof meta === 'object' ? meta : {};
  } catch {
    return {};
  }
}

/** One category's entries of one service. */
function entriesOf(amplifyMetaConfig: string | undefined, category: string, service: string): Array<[string, MetaEntry]> {
  return Object.entries(categoriesOf(amplifyMetaConfig)[category] ?? {}).filter(([, entry]) => entry.service === service);
}

/** A resource of any category amplify-meta.json lists (the providers excepted), with its service as the CLI names it. */
export interface MetaResource {
  readonly category: string;
  readonly resourceName: string;
  readonly service?: string;
  readonly serviceType?: string;
}

/** Every resource of every category of an environment, in the order amplify-meta.json lists them. */
export function resourcesInMeta(amplifyMetaConfig: string | undefined): MetaResource[] {
  return Object.entries(categoriesOf(amplifyMetaConfig))
    .filter(([category, entries]) => category !== 'providers' && entries && typeof entries === 'object')
    .flatMap(([category, entries]) => Object.entries(entries!).map(([resourceName, entry]) => ({
      category, resourceName, service: entry?.service, serviceType: entry?.serviceType,
    })));
}

/** The S3 storage resources of an environment. */
export function storageInMeta(amplifyMetaConfig: string | undefined): MetaStorage[] {
  return entriesOf(amplifyMetaConfig, 'storage', 'S3')
    .map(([resourceName, entry]) => ({ resourceName, bucketName: entry.output?.BucketName, imported: entry.serviceType === 'imported' }));
}

/** The Cognito auth resources of an environment. */
export function authInMeta(amplifyMetaConfig: string | undefined): MetaAuth[] {
  return entriesOf(amplifyMetaConfig, 'auth', 'Cognito').map(([resourceName, entry]) => ({
    resourceName,
    imported: entry.serviceType === 'imported',
    userPoolId: entry.output?.UserPoolId,
    webClientId: entry.output?.AppClientIDWeb,
    nativeClientId: entry.output?.AppClientID,
    identityPoolId: entry.output?.IdentityPoolId || undefined,
  }));
}

/** A GraphQL API as amplify-meta.json lists it (service `AppSync`), with the ids of its outputs. */
export interface MetaApi {
  readonly resourceName: string;
  readonly apiId?: string;
  readonly endpoint?: string;
}

/** The AppSync APIs of an environment. */
export function apiInMeta(amplifyMetaConfig: string | undefined): MetaApi[] {
  return entriesOf(amplifyMetaConfig, 'api', 'AppSync').map(([resourceName, entry]) => ({
    resourceName,
    apiId: entry.output?.GraphQLAPIIdOutput,
    endpoint: entry.output?.GraphQLAPIEndpointOutput,
  }));
}
