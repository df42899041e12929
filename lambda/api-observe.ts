/** What the service reports of an environment's API, read as the reconciler (and drift, preview, adopt) need it. */
import { AmplifyBackendClient, GetBackendAPICommand, GetBackendAPIModelsCommand } from '@aws-sdk/client-amplifybackend';
import { amplifyMeta, apiInMeta, authInMeta, MetaApi } from './amplify-meta';
import { ApiSettings, reportedSettings } from './api-settings';
import { classifyError } from './errors';
import { Environment, Job } from './jobs';
import { isUnknown, RequestJobs } from './request-jobs';

/** The models Studio and DataStore use, as GetBackendAPIModels reports them: `LATEST` or `STALE`. */
export interface ApiModels {
  readonly status?: string;
  readonly models?: string;
  readonly modelIntrospectionSchema?: string;
}

/** What a request of this API did so far, from its jobs: whether it changed the API since it last generated the models. */
export type ChangesOfRequest =
  /** A create or update of this request completed after its last model generation (or with none yet). */
  | 'changed-since-generated'
  /** This request generated the models after its last change (or changed nothing and generated them). */
  | 'generated'
  /** Nothing of this request's completed yet. */
  | 'none'
  /** The job list could not tell (an environment with a very long, unordered history). */
  | 'unknown';

/** Every API of the environment (GetBackend), its auth's user pool, and the wanted API's settings and models. */
export interface ObservedApi {
  readonly inEnvironment: MetaApi[];
  /** The user pool of the environment's auth (amplify-meta), for user-pool modes that name none. */
  readonly environmentUserPoolId?: string;
  /** Absent when the environment has no API of the wanted name. */
  readonly wanted?: ApiSettings;
  /** The wanted API's models, read when the plan regenerates them. */
  readonly models?: ApiModels;
  /** Read on a poll of a plan that regenerates models: what this request's jobs did. */
  readonly changes?: ChangesOfRequest;
}

/** What observing needs of a plan: where, the API wanted, and whether its models are regenerated. */
export interface ApiLookup {
  readonly env?: Environment;
  readonly ensure?: { readonly resourceName: string; readonly generateModels: boolean };
}

/**
 * Reads the environment's APIs and auth (GetBackend). The settings of the wanted API are read only when the
 * environment lists it (GetBackendAPI; not found means absent), so a Delete reads once; its models when the plan
 * regenerates them (GetBackendAPIModels); a poll reads this request's jobs too.
 */
export async function observeApi(client: AmplifyBackendClient, plan: ApiLookup, _firstLook: boolean, jobs?: RequestJobs): Promise<ObservedApi> {
  const env = plan.env!;
  const meta = await amplifyMeta(client, env);
  const inEnvironment = apiInMeta(meta);
  const environmentUserPoolId = authInMeta(meta)[0]?.userPoolId;
  const want = plan.ensure;
  const listed = want !== undefined && inEnvironment.some((api) => api.resourceName === want.resourceName);
  const wanted = listed ? await readApi(client, env, want.resourceName) : undefined;
  if (!wanted || !want?.generateModels) return { inEnvironment, environmentUserPoolId, wanted };
  const models = await readModels(client, env, want.resourceName);
  const changes = jobs ? await changesOfRequest(jobs) : undefined;
  return { inEnvironment, environmentUserPoolId, wanted, models, changes };
}

/** One API's settings as GetBackendAPI reports them; undefined when it (or its environment) is not found. */
export async function readApi(client: AmplifyBackendClient, env: Environment, resourceName: string): Promise<ApiSettings | undefined> {
  try {
    const { ResourceConfig: config } = await client.send(new GetBackendAPICommand({
      AppId: env.appId,
      BackendEnvironmentName: env.environmentName,
      ResourceName: resourceName,
    }));
    return reportedSettings(config);
  } catch (error) {
    if (classifyError(error) === 'not-found') return undefined;
    throw error;
  }
}

/** One API's models as GetBackendAPIModels reports them; a status of undefined when not found. */
export async function readModels(client: AmplifyBackendClient, env: Environment, resourceName: string): Promise<ApiModels> {
  try {
    const models = await client.send(new GetBackendAPIModelsCommand({
      AppId: env.appId,
      BackendEnvironmentName: env.environmentName,
      ResourceName: resourceName,
    }));
    return { status: models.Status, models: models.Models, modelIntrospectionSchema: models.ModelIntrospectionSchema };
  } catch (error) {
    if (classifyError(error) === 'not-found') return {};
    throw error;
  }
}

/**
 * Whether this request changed the API (a completed CreateBackendAPI or UpdateBackendAPI) after it last generated the
 * models (a completed GenerateBackendAPIModels): jobs of one environment run one at a time, so their createTimes
 * order them. A job without a readable createTime counts as the newest.
 */
async function changesOfRequest(jobs: RequestJobs): Promise<ChangesOfRequest> {
  const [created, updated, generated] = await Promise.all([
    jobs.latest('CreateBackendAPI', 'COMPLETED'), jobs.latest('UpdateBackendAPI', 'COMPLETED'), jobs.latest('GenerateBackendAPIModels', 'COMPLETED'),
  ]);
  if ([created, updated, generated].some(isUnknown)) return 'unknown';
  const changed = newest(created as Job | undefined, updated as Job | undefined);
  const generatedJob = generated as Job | undefined;
  if (!changed) return generatedJob ? 'generated' : 'none';
  if (!generatedJob) return 'changed-since-generated';
  return (generatedJob.createTime ?? Infinity) > (changed.createTime ?? Infinity) ? 'generated' : 'changed-since-generated';
}

function newest(a: Job | undefined, b: Job | undefined): Job | undefined {
  if (!a || !b) return a ?? b;
  return (a.createTime ?? Infinity) >= (b.createTime ?? Infinity) ? a : b;
}
