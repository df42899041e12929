import { CfnDeletionPolicy, Lazy, RemovalPolicy } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import { Construct, IConstruct } from 'constructs';
import { ApiAuthorization } from './api-authorization';
import { ApiSchema } from './api-schema';
import { BackendApiAttributes, BackendApiBase, IBackendApi } from './backend-api';
import { IBackendEnvironment } from './i-backend-environment';
import { modeProperties } from './private/api-authorizations';
import { checkAuthRules, parsedSchema } from './private/api-schema-checks';
import { backendResource, deletionPolicyOf } from './private/backend-resource';
import { API_ATTRIBUTES, API_RESOURCE_TYPE, ApiDefaultModeProperties, ApiModeProperties, ApiResourceProperties } from './private/contract';
import { EnvironmentChains } from './private/environment-chain';
import {
  amplifyProvider, apiAuthorization, apiAuthorizationList, apiSchema, checkProps, enumValue, environment, flag, optional, PropRules,
  removalPolicy, required, text,
} from './private/props';
import { validateApiName, validateEnumValue, validateResourceName } from './private/validate';
import { AmplifyBackendProvider, IAmplifyBackendProvider } from './provider';

/** The AmplifyBackend operations the handler calls for an API, on the app's backend. */
const API_OPERATIONS = [
  'CreateBackendAPI', 'UpdateBackendAPI', 'DeleteBackendAPI', 'GetBackendAPI', 'GenerateBackendAPIModels', 'GetBackendAPIModels',
  'GetBackend', 'GetBackendJob', 'ListBackendJobs',
];

/**
 * The longest schema the construct takes. The Provider framework hands each request, with its old properties on an
 * update, to a Step Functions state machine, whose input is limited to 256 KB: two schemas and the rest of the request
 * must fit.
 */
const MAX_SCHEMA_LENGTH = 100_000;

/** How conflicting writes to the API's models are resolved (DataStore needs one); AppSync's conflict handlers. */
export enum ConflictResolutionStrategy {
  /** Writes that conflict with a newer version are rejected. */
  OPTIMISTIC_CONCURRENCY = 'OPTIMISTIC_CONCURRENCY',
  /** A Lambda function decides (Amplify creates one for the API). */
  LAMBDA = 'LAMBDA',
  /** Non-conflicting fields are merged; conflicting ones keep the newer value. */
  AUTOMERGE = 'AUTOMERGE',
  /** Versions are tracked, conflicts are not resolved. */
  NONE = 'NONE',
}

/** The GraphQL API of an environment, as `backend.addApi(id, options)` takes it. Every setting but `resourceName` is changed in place. */
export interface BackendApiOptions {
  /** Name of the API resource inside the environment (1 to 128 letters and digits). Changing it replaces the API. */
  readonly resourceName: string;
  /**
   * Name of the AppSync API (1 to 128 letters and digits; the service appends the environment name).
   * @default - the resource name
   */
  readonly apiName?: string;
  /** The annotated GraphQL schema (`@model`, `@auth`, ...): `ApiSchema.fromFile('schema.graphql')` or `ApiSchema.fromString(sdl)`. */
  readonly schema: ApiSchema;
  /**
   * How clients authorize by default.
   * @default ApiAuthorization.apiKey(), as AppSync's GraphqlApi defaults
   */
  readonly defaultAuthorization?: ApiAuthorization;
  /**
   * Further modes clients may use, each at most once and not the default one.
   * @default - none
   */
  readonly additionalAuthorizations?: ApiAuthorization[];
  /**
   * How conflicting writes are resolved; setting one turns conflict detection on (DataStore needs it).
   * @default - conflict detection is off
   */
  readonly conflictResolution?: ConflictResolutionStrategy;
  /**
   * Whether every create and update of the API is followed by GenerateBackendAPIModels, so that the models Amplify
   * Studio and DataStore use are never left STALE by a deployment.
   * @default true
   */
  readonly generateModels?: boolean;
  /**
   * Whether an API of this `resourceName` that already exists in the environment (made in Amplify Studio, with the
   * Amplify CLI, or outside this stack) is taken over as declared: what differs is updated in place, and the stack never
   * removes it (its physical id ends in ` (adopted)`, and removing it from the stack only forgets it, whatever
   * `removalPolicy` says). A change that would replace an API taken over (a new `resourceName`, which removes it
   * first) is refused before anything starts. Without it, an existing API of that name is refused, so that no two
   * owners manage one API. An API that does not exist is created either way, and is then the stack's own.
   * @default false
   */
  readonly adopt?: boolean;
  /**
   * What happens to the API when it leaves the stack. `DESTROY` removes it with DeleteBackendAPI, its AppSync API and
   * the data of its models; `RETAIN` leaves it in the environment. An environment the stack removes (DESTROY) takes it
   * along whatever this says, so there the default is DESTROY, and RETAIN gets a synth warning. SNAPSHOT is refused.
   * @default - RemovalPolicy.DESTROY in an environment that this app creates with RemovalPolicy.DESTROY
   * (declared before the API), RemovalPolicy.RETAIN otherwise
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * The provider that runs this resource's jobs.
   * @default - the stack's default provider (`AmplifyBackendProvider.defaultFor`)
   */
  readonly provider?: IAmplifyBackendProvider;
}

/** Properties of `AmplifyBackendApi`. */
export interface AmplifyBackendApiProps extends BackendApiOptions {
  /** The environment the API belongs to; it must exist before the API is created. */
  readonly backend: IBackendEnvironment;
}

/**
 * The GraphQL API of an Amplify backend environment (the data category, where Amplify Studio's data models live),
 * created through the AmplifyBackend API (`Custom::AmplifyBackendApi`, physical id `<appId>/<environment>/<resourceName>`).
 * The schema is parsed at synth, and its `@auth` rules are checked against the authorization modes. After every
 * create and update the handler regenerates the models (GenerateBackendAPIModels) unless `generateModels` is false.
 * Its ids are the custom resource's attributes, as the environment reports them once the job has completed;
 * `graphqlApi` is the AppSync API, for grants.
 */
export class AmplifyBackendApi extends BackendApiBase {
  /** References an API that exists already. Nothing is created or removed. */
  public static fromApiAttributes(scope: Construct, id: string, attrs: BackendApiAttributes): IBackendApi {
    class Import extends BackendApiBase {
      public readonly resourceName: string;
      public readonly apiId: string;
      public readonly graphqlUrl: string;
      public readonly graphqlApi: appsync.IGraphqlApi;
      constructor() {
        super(scope, id);
        const checked = checkProps(this, 'AmplifyBackendApi.fromApiAttributes', attrs, ATTRIBUTE_RULES);
        this.resourceName = checked.resourceName;
        this.apiId = checked.apiId;
        this.graphqlUrl = checked.graphqlUrl ?? '';
        this.graphqlApi = appsync.GraphqlApi.fromGraphqlApiAttributes(this, 'GraphqlApi', { graphqlApiId: checked.apiId });
      }
    }
    return new Import();
  }

  /**
   * Name of the API resource inside its environment.
   * @attribute
   */
  public readonly resourceName: string;
  /**
   * Id of the AppSync GraphQL API, as the environment reports it (`GraphQLAPIIdOutput`) once the job has completed.
   * @attribute
   */
  public readonly apiId: string;
  /**
   * The GraphQL endpoint, as the environment reports it (`GraphQLAPIEndpointOutput`).
   * @attribute
   */
  public readonly graphqlUrl: string;
  /** The AppSync API the service created, for grants and anything that takes an `appsync.IGraphqlApi`. */
  public readonly graphqlApi: appsync.IGraphqlApi;
  /** The environment the API belongs to. */
  public readonly backend: IBackendEnvironment;

  constructor(scope: Construct, id: string, props: AmplifyBackendApiProps) {
    super(scope, id);
    props = checkProps(this, 'AmplifyBackendApi', props, PROP_RULES);
    const defaultAuthorization = props.defaultAuthorization ?? ApiAuthorization.apiKey();
    const additional = props.additionalAuthorizations ?? [];
    const modes = [defaultAuthorization, ...additional].map((authorization) => authorization.authorizationType);
    const usesUserPool = modes.includes(appsync.AuthorizationType.USER_POOL);
    const chains = EnvironmentChains.of(this);
    const environmentCreator = chains.claimApi(this, props.backend, usesUserPool) ?? props.backend;
    const provider = props.provider ?? AmplifyBackendProvider.defaultFor(this);
    provider.allowOperations(props.backend.appId, API_OPERATIONS);

    const resource = backendResource(this, {
      provider,
      resourceType: API_RESOURCE_TYPE,
      // Removed with its environment anyway: RETAIN would only skip the DeleteBackendAPI before DeleteBackend.
      removalPolicy: props.removalPolicy
        ?? (deletionPolicyOf(environmentCreator) === CfnDeletionPolicy.DELETE ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN),
      removal: { destroy: 'DeleteBackendAPI removes the API and the data of its models', retain: 'the API stays in the environment' },
      properties: apiProperties(this, props, defaultAuthorization, additional, () => chains.userPoolIdOf(props.backend)),
    });
    chains.join(resource, props.backend);
    this.backend = props.backend;
    this.resourceName = resource.getAttString(API_ATTRIBUTES.resourceName);
    this.apiId = resource.getAttString(API_ATTRIBUTES.apiId);
    this.graphqlUrl = resource.getAttString(API_ATTRIBUTES.graphqlUrl);
    this.graphqlApi = appsync.GraphqlApi.fromGraphqlApiAttributes(this, 'GraphqlApi', { graphqlApiId: this.apiId, modes });
  }
}

const PROP_RULES: PropRules<AmplifyBackendApiProps> = {
  backend: required(environment),
  resourceName: required(text('the API resource\'s name')),
  apiName: optional(text('the AppSync API\'s name')),
  schema: required(apiSchema),
  defaultAuthorization: optional(apiAuthorization),
  additionalAuthorizations: optional(apiAuthorizationList),
  conflictResolution: optional(enumValue('ConflictResolutionStrategy')),
  generateModels: optional(flag),
  adopt: optional(flag),
  removalPolicy: optional(removalPolicy),
  provider: optional(amplifyProvider),
};

const ATTRIBUTE_RULES: PropRules<BackendApiAttributes> = {
  resourceName: required(text('the API resource\'s name')),
  apiId: required(text('the AppSync API id')),
  graphqlUrl: optional(text('the GraphQL endpoint')),
};

const STRATEGIES: string[] = Object.values(ConflictResolutionStrategy);

/** The properties the handler gets: every default filled in, every value checked. */
function apiProperties(
  scope: IConstruct, props: AmplifyBackendApiProps, defaultAuthorization: ApiAuthorization, additional: readonly ApiAuthorization[],
  declaredUserPoolId: () => string | undefined,
): ApiResourceProperties {
  validateResourceName(scope, props.resourceName);
  const apiName = props.apiName ?? props.resourceName;
  validateApiName(scope, apiName);
  if (props.conflictResolution !== undefined) validateEnumValue(scope, 'conflictResolution', props.conflictResolution, STRATEGIES);
  const document = parsedSchema(scope, props.schema);
  if (props.schema.definition.length > MAX_SCHEMA_LENGTH) {
    throw new Error(`Invalid schema at ${scope.node.path}: it has ${props.schema.definition.length} characters, and at most `
      + `${MAX_SCHEMA_LENGTH} fit in a deployment request (the Provider framework passes each request, with the old schema on an update, `
      + 'through Step Functions, whose input is limited to 256 KB).');
  }
  const modes = [defaultAuthorization, ...additional].map((authorization) => authorization.authorizationType);
  const repeated = modes.find((mode, index) => modes.indexOf(mode) !== index);
  if (repeated !== undefined) {
    throw new Error(`Invalid additionalAuthorizations at ${scope.node.path}: ${repeated} is given ${modes[0] === repeated ? 'as the default and ' : ''}`
      + 'more than once; give each mode once, and not the default one again.');
  }
  // The user pool of the auth the app declares for the environment, once the whole app is declared; else the handler reads it.
  const userPool = (settings: ApiModeProperties, mode: string): ApiModeProperties => (mode === appsync.AuthorizationType.USER_POOL
    ? { ...settings, UserPoolId: Lazy.any({ produce: declaredUserPoolId }) as unknown as string | undefined }
    : settings);
  const defaultMode = defaultAuthorization.authorizationType;
  const defaultSettings = userPool(modeProperties(scope, 'defaultAuthorization', defaultAuthorization), defaultMode);
  const additionalModes: Record<string, ApiModeProperties> = {};
  additional.forEach((authorization, index) => {
    const mode = authorization.authorizationType;
    additionalModes[mode] = userPool(modeProperties(scope, `additionalAuthorizations[${index}]`, authorization), mode);
  });
  checkAuthRules(scope, document, props.schema, modes);
  return {
    AppId: props.backend.appId,
    EnvironmentName: props.backend.environmentName,
    ResourceName: props.resourceName,
    ApiName: apiName,
    Schema: props.schema.definition,
    DefaultAuthorization: { Mode: defaultMode, ...defaultSettings } as ApiDefaultModeProperties,
    AdditionalAuthorizations: additionalModes,
    ConflictResolution: props.conflictResolution,
    GenerateModels: props.generateModels ?? true,
    Adopt: props.adopt ? true : undefined,
  };
}
