import { ApiError, badRequest, notFound } from '../errors';
import { OperationHandler, OperationSpec, startedJobWithOperation, targetOf } from '../operation';
import { ApiOutputs, ApiResource, Environment } from '../state';
import { World } from '../world';
import { generatedModels, schemaProblem } from './api-models';
import { assertName } from './name-rules';

/**
 * The API (data) category: one GraphQL API per environment, as the Amplify CLI keeps one per project environment.
 * Its `resourceConfig` is kept as sent; an update replaces it whole (what it leaves out is removed). A schema that
 * does not parse fails the job with the parser's message, as the service's transform would fail the deployment. The
 * models are STALE from a create or a schema change until GenerateBackendAPIModels has completed.
 */

/** A mode of `defaultAuthType` or `additionalAuthTypes`, as far as the emulator reads it. */
interface AuthType {
  readonly mode?: string;
  readonly settings?: { readonly cognitoUserPoolId?: string; readonly expirationTime?: number };
}

interface ApiConfig {
  readonly apiName?: string;
  readonly transformSchema?: string;
  readonly defaultAuthType?: AuthType;
  readonly additionalAuthTypes?: AuthType[];
}

/** The longest an API key may live, in days (AppSync's bound; the Amplify CLI asks for 1 to 365 days). */
const MAX_KEY_DAYS = 365;

function requireApi(environment: Environment, resourceName: string): ApiResource {
  const api = environment.api;
  if (!api || api.resourceName !== resourceName) {
    throw notFound('API', `API resource ${resourceName} not found in backend environment ${environment.name}.`);
  }
  return api;
}

/** The modes of a config, the default first. */
function modesOf(config: ApiConfig): Array<{ readonly key: string; readonly type: AuthType }> {
  return [
    ...(config.defaultAuthType ? [{ key: 'resourceConfig.defaultAuthType', type: config.defaultAuthType }] : []),
    ...(config.additionalAuthTypes ?? []).map((type, index) => ({ key: `resourceConfig.additionalAuthTypes[${index}]`, type })),
  ];
}

/**
 * The service's rules on a config's modes: each mode once; a user-pool mode needs the environment's auth (and names
 * its user pool, if it names one); an API key lives 1 to 365 whole days.
 */
function assertModes(config: ApiConfig, environment: Environment): void {
  const seen = new Set<string>();
  for (const { key, type } of modesOf(config)) {
    const mode = type.mode ?? '';
    if (seen.has(mode)) throw badRequest(`${key}.mode ${mode} is given twice: an API has each authorization mode once.`);
    seen.add(mode);
    if (mode === 'AMAZON_COGNITO_USER_POOLS') {
      const pool = environment.auth?.outputs.UserPoolId;
      if (!pool) throw badRequest(`${key}: AMAZON_COGNITO_USER_POOLS needs the auth category: add auth to backend environment ${environment.name} first.`);
      const named = type.settings?.cognitoUserPoolId;
      if (named !== undefined && named !== pool) {
        throw badRequest(`${key}.settings.cognitoUserPoolId ${named} is not the user pool of backend environment ${environment.name} (${pool}).`);
      }
    }
    const days = type.settings?.expirationTime;
    if (mode === 'API_KEY' && days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= MAX_KEY_DAYS)) {
      throw badRequest(`${key}.settings.expirationTime ${days} is not a number of days from 1 to ${MAX_KEY_DAYS}.`);
    }
  }
}

/** The ids a new API gets, and an API key while it has the API_KEY mode. */
function outputsFor(world: World, config: ApiConfig, current?: ApiOutputs): ApiOutputs {
  const id = current?.GraphQLAPIIdOutput ?? world.names.appSyncApiId();
  const endpoint = current?.GraphQLAPIEndpointOutput ?? `https://${world.names.appSyncApiId()}.appsync-api.${world.settings.region}.amazonaws.com/graphql`;
  const keyed = modesOf(config).some(({ type }) => type.mode === 'API_KEY');
  const key = keyed ? current?.GraphQLAPIKeyOutput ?? world.names.appSyncApiKey() : undefined;
  return { GraphQLAPIIdOutput: id, GraphQLAPIEndpointOutput: endpoint, ...(key ? { GraphQLAPIKeyOutput: key } : {}) };
}

/** Fails the job (its effect throws) when the schema cannot be built; the text is the job's `error`. */
function buildSchema(config: ApiConfig): void {
  const problem = schemaProblem(config.transformSchema);
  if (problem) throw new ApiError(400, 'SchemaError', problem);
}

/** CreateBackendAPI: the environment's one API, created once the job completes (and its schema builds). */
const createApi: OperationHandler = (request, world) => {
  const target = targetOf(request);
  const resourceName = request.body.resourceName as string;
  const config = request.body.resourceConfig as ApiConfig;
  const environment = world.state.requireEnvironment(target.appId, target.backendEnvironmentName);
  assertName('resourceName', 'resourceName', resourceName, environment.name);
  assertName('apiName', 'resourceConfig.apiName', config.apiName, environment.name);
  if (environment.api) {
    throw badRequest(`Backend environment ${environment.name} already has the API ${environment.api.resourceName}: an environment can have one GraphQL API.`);
  }
  assertModes(config, environment);
  const outputs = outputsFor(world, config);
  const job = world.startJob('CreateBackendAPI', target, () => {
    buildSchema(config);
    environment.api = { resourceName, resourceConfig: { ...config }, outputs, models: { status: 'STALE' } };
  });
  return startedJobWithOperation(job);
};

/** UpdateBackendAPI: replaces the API's config with the one given; a new schema leaves the models STALE. */
const updateApi: OperationHandler = (request, world) => {
  const target = targetOf(request);
  const environment = world.state.requireEnvironment(target.appId, target.backendEnvironmentName);
  const api = requireApi(environment, request.body.resourceName as string);
  const config = request.body.resourceConfig as ApiConfig | undefined;
  if (config) {
    assertName('apiName', 'resourceConfig.apiName', config.apiName, environment.name);
    assertModes(config, environment);
  }
  const job = world.startJob('UpdateBackendAPI', target, () => {
    if (!config) return;
    buildSchema(config);
    const schemaChanged = config.transformSchema !== api.resourceConfig.transformSchema;
    environment.api = {
      ...api,
      resourceConfig: { ...config },
      outputs: outputsFor(world, config, api.outputs),
      models: schemaChanged ? { ...api.models, status: 'STALE' } : api.models,
    };
  });
  return startedJobWithOperation(job);
};

/** DeleteBackendAPI: the API (and the data of its models) is gone once the job completes. */
const deleteApi: OperationHandler = (request, world) => {
  const target = targetOf(request);
  const environment = world.state.requireEnvironment(target.appId, target.backendEnvironmentName);
  requireApi(environment, request.body.resourceName as string);
  const job = world.startJob('DeleteBackendAPI', target, () => {
    environment.api = undefined;
  });
  return startedJobWithOperation(job);
};

/** GetBackendAPI: the API's config as created (or last updated). */
const getApi: OperationHandler = (request, world) => {
  const target = targetOf(request);
  const environment = world.state.requireEnvironment(target.appId, target.backendEnvironmentName);
  const api = requireApi(environment, request.body.resourceName as string);
  return { ...target, resourceName: api.resourceName, resourceConfig: api.resourceConfig };
};

/** GenerateBackendAPIModels: the models from the schema the API has when the job ends; LATEST once it completes. */
const generateModels: OperationHandler = (request, world) => {
  const target = targetOf(request);
  const environment = world.state.requireEnvironment(target.appId, target.backendEnvironmentName);
  const resourceName = request.body.resourceName as string;
  requireApi(environment, resourceName);
  const job = world.startJob('GenerateBackendAPIModels', target, () => {
    // The API as it is when the job ends: removed meanwhile, or without a schema, there is nothing to generate from.
    const api = environment.api;
    if (!api || api.resourceName !== resourceName) throw new ApiError(404, 'NotFoundException', `Could not find API ${resourceName} to generate models for.`);
    const schema = api.resourceConfig.transformSchema as string | undefined;
    const problem = schemaProblem(schema);
    if (problem) throw new ApiError(400, 'SchemaError', `Could not generate models: ${problem}`);
    environment.api = { ...api, models: generatedModels(schema!) };
  });
  return startedJobWithOperation(job);
};

/** GetBackendAPIModels: the models and whether they follow the API's schema. */
const getModels: OperationHandler = (request, world) => {
  const target = targetOf(request);
  const environment = world.state.requireEnvironment(target.appId, target.backendEnvironmentName);
  const { models } = requireApi(environment, request.body.resourceName as string);
  return { models: models.models, modelIntrospectionSchema: models.modelIntrospectionSchema, status: models.status };
};

/** The API operations. */
export const API_OPERATIONS: readonly OperationSpec[] = [
  { name: 'CreateBackendAPI', handle: createApi },
  { name: 'UpdateBackendAPI', handle: updateApi },
  { name: 'DeleteBackendAPI', handle: deleteApi },
  { name: 'GetBackendAPI', handle: getApi },
  { name: 'GenerateBackendAPIModels', handle: generateModels },
  { name: 'GetBackendAPIModels', handle: getModels },
];
