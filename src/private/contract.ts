/**
 * The contract between the constructs (src/) and the handlers (lambda/): custom resource type names
 * and the CloudFormation properties each one carries. No CDK imports: the handler bundle includes it.
 */

/** Resource type of `AmplifyBackend`. */
export const ENVIRONMENT_RESOURCE_TYPE = 'Custom::AmplifyBackend';

/** Properties of `Custom::AmplifyBackend` as the template holds them. */
export interface EnvironmentResourceProperties {
  readonly AppId: string;
  readonly AppName: string;
  readonly EnvironmentName: string;
  readonly ResourceName?: string;
  /**
   * The environment of the same app this one is cloned from (CloneBackend) when it is created; absent for one
   * created with CreateBackend. Used only at creation: a change of it changes nothing (see `REPLACING_CHANGES`).
   */
  readonly CloneFrom?: string;
}

/** Resource type of `ImportedBackendStorage`. */
export const IMPORTED_STORAGE_RESOURCE_TYPE = 'Custom::AmplifyImportedBackendStorage';

/** Properties of `Custom::AmplifyImportedBackendStorage` as the template holds them. */
export interface ImportedStorageResourceProperties {
  readonly AppId: string;
  readonly EnvironmentName: string;
  readonly BucketName: string;
  /** The construct's `adopt`: a resource found before anything started is taken over; absent means refused. */
  readonly Adopt?: boolean;
}

/** Resource type of `AmplifyBackendStorage`. */
export const STORAGE_RESOURCE_TYPE = 'Custom::AmplifyBackendStorage';

/** Properties of `Custom::AmplifyBackendStorage` as the template holds them. */
export interface StorageResourceProperties {
  readonly AppId: string;
  readonly EnvironmentName: string;
  readonly ResourceName: string;
  /** Absent when the service chooses the bucket name. */
  readonly BucketName?: string;
  readonly AuthenticatedPermissions: string[];
  readonly UnauthenticatedPermissions: string[];
  /** The construct's `adopt`: a resource found before anything started is taken over; absent means refused. */
  readonly Adopt?: boolean;
}

/** Attributes both storage resource types return (`Fn::GetAtt`). */
export const STORAGE_ATTRIBUTES = {
  bucketName: 'BucketName',
  resourceName: 'ResourceName',
} as const;

/** The handler function's timeout: every pause and read loop of one invocation stays well within it. */
export const HANDLER_TIMEOUT_SECONDS = 120;

/** Environment variables the provider sets on the handler function. */
export const HANDLER_ENVIRONMENT = {
  /** The provider's total timeout: the handler gives up (with a clear message) just before it. */
  totalTimeoutSeconds: 'WAIT_TIMEOUT_SECONDS',
  /** The provider's query interval: how long before the deadline the handler gives up. */
  queryIntervalSeconds: 'QUERY_INTERVAL_SECONDS',
} as const;

/**
 * A Secrets Manager secret the handler reads at deploy time. The template holds only where the value
 * is (the secret's id and the JSON field), never the value.
 */
export interface SecretReference {
  /** The secret's ARN, or its name. */
  readonly SecretId: string;
  /** The key of the value in a JSON secret; absent for a plain-text secret. */
  readonly JsonField?: string;
  readonly VersionStage?: string;
  readonly VersionId?: string;
}

/** Resource type of `AmplifyBackendAuth`. */
export const AUTH_RESOURCE_TYPE = 'Custom::AmplifyBackendAuth';

/** A social identity provider whose secret is a client secret (Google, Facebook, Login with Amazon). */
export interface SocialProviderProperties {
  readonly ClientId: string;
  readonly ClientSecret: SecretReference;
}

/** Sign in with Apple: the secret is the private key. */
export interface AppleProviderProperties {
  readonly ClientId: string;
  readonly TeamId: string;
  readonly KeyId: string;
  readonly PrivateKey: SecretReference;
}

/** The hosted UI's OAuth settings and social identity providers. */
export interface OAuthProperties {
  readonly GrantType: string;
  readonly Scopes: string[];
  readonly CallbackUrls: string[];
  readonly LogoutUrls: string[];
  /** Absent when the service chooses the domain prefix. */
  readonly DomainPrefix?: string;
  readonly Google?: SocialProviderProperties;
  readonly Facebook?: SocialProviderProperties;
  readonly LoginWithAmazon?: SocialProviderProperties;
  readonly SignInWithApple?: AppleProviderProperties;
}

/** Properties of `Custom::AmplifyBackendAuth` as the template holds them (the construct fills in every default). */
export interface AuthResourceProperties {
  readonly AppId: string;
  readonly EnvironmentName: string;
  readonly ResourceName: string;
  readonly UserPoolName: string;
  readonly SignInMethod: string;
  readonly RequiredSignUpAttributes: string[];
  readonly PasswordPolicy: { readonly MinimumLength: number; readonly AdditionalConstraints: string[] };
  readonly Mfa: { readonly Mode: string; readonly Types: string[]; readonly SmsMessage?: string };
  readonly VerificationMessage: {
    readonly DeliveryMethod: string;
    readonly EmailSubject?: string;
    readonly EmailMessage?: string;
    readonly SmsMessage?: string;
  };
  /** Absent for a user pool without an identity pool. */
  readonly IdentityPool?: { readonly Name: string; readonly AllowGuests: boolean };
  /** Absent without OAuth (no hosted UI, no social providers). */
  readonly OAuth?: OAuthProperties;
  /** The construct's `adopt`: a resource found before anything started is taken over; absent means refused. */
  readonly Adopt?: boolean;
}

/** Resource type of `ImportedBackendAuth`. */
export const IMPORTED_AUTH_RESOURCE_TYPE = 'Custom::AmplifyImportedBackendAuth';

/** Properties of `Custom::AmplifyImportedBackendAuth` as the template holds them. */
export interface ImportedAuthResourceProperties {
  readonly AppId: string;
  readonly EnvironmentName: string;
  readonly UserPoolId: string;
  readonly WebClientId: string;
  readonly NativeClientId: string;
  /** Absent when no identity pool is imported. */
  readonly IdentityPoolId?: string;
  /** The construct's `adopt`: a resource found before anything started is taken over; absent means refused. */
  readonly Adopt?: boolean;
}

/** Attributes both auth resource types return (`Fn::GetAtt`): the Cognito ids the environment reports. */
export const AUTH_ATTRIBUTES = {
  resourceName: 'ResourceName',
  userPoolId: 'UserPoolId',
  webClientId: 'WebClientId',
  nativeClientId: 'NativeClientId',
  /** Empty when the auth resource has no identity pool. */
  identityPoolId: 'IdentityPoolId',
} as const;

/** Resource type of `AmplifyBackendApi`. */
export const API_RESOURCE_TYPE = 'Custom::AmplifyBackendApi';

/** The authorization modes of an API, as the AmplifyBackend API names them (AppSync's, without its Lambda mode). */
export const API_AUTHORIZATION_MODES = ['API_KEY', 'AWS_IAM', 'AMAZON_COGNITO_USER_POOLS', 'OPENID_CONNECT'] as const;

/** The conflict resolution strategies of an API. */
export const API_CONFLICT_RESOLUTIONS = ['OPTIMISTIC_CONCURRENCY', 'LAMBDA', 'AUTOMERGE', 'NONE'] as const;

/** One authorization mode's settings; which ones a mode has depends on the mode. */
export interface ApiModeProperties {
  /** AMAZON_COGNITO_USER_POOLS: the user pool of the environment's auth as the app declares it; absent: read from the environment. */
  readonly UserPoolId?: string;
  /** API_KEY: the key's description. */
  readonly Description?: string;
  /** API_KEY: days from the deployment until the key expires, 1 to 365. */
  readonly ExpirationDays?: number;
  /** OPENID_CONNECT: the provider's name, issuer, client id and token lifetimes (milliseconds). */
  readonly ProviderName?: string;
  readonly IssuerUrl?: string;
  readonly ClientId?: string;
  readonly TokenExpiryFromAuth?: number;
  readonly TokenExpiryFromIssue?: number;
}

/** The default authorization mode: its name and settings. */
export interface ApiDefaultModeProperties extends ApiModeProperties {
  readonly Mode: string;
}

/** Properties of `Custom::AmplifyBackendApi` as the template holds them (the construct fills in every default). */
export interface ApiResourceProperties {
  readonly AppId: string;
  readonly EnvironmentName: string;
  readonly ResourceName: string;
  readonly ApiName: string;
  /** The annotated GraphQL schema, as the service's `transformSchema`. */
  readonly Schema: string;
  readonly DefaultAuthorization: ApiDefaultModeProperties;
  /** The additional modes, by mode (each at most once, never the default one). */
  readonly AdditionalAuthorizations: Readonly<Record<string, ApiModeProperties>>;
  /** Absent: conflict detection is off. */
  readonly ConflictResolution?: string;
  /** Whether GenerateBackendAPIModels runs after each create or update, so that Studio's models are never left STALE. */
  readonly GenerateModels: boolean;
  /** The construct's `adopt`: an API found before anything started is taken over; absent means refused. */
  readonly Adopt?: boolean;
}

/** Attributes of `Custom::AmplifyBackendApi` (`Fn::GetAtt`), as the environment reports them once the job has completed. */
export const API_ATTRIBUTES = {
  resourceName: 'ResourceName',
  /** The AppSync API's id (amplify-meta's `GraphQLAPIIdOutput`). */
  apiId: 'GraphQLApiId',
  /** The GraphQL endpoint (amplify-meta's `GraphQLAPIEndpointOutput`). */
  graphqlUrl: 'GraphQLApiEndpoint',
} as const;

/**
 * A change of one property that replaces a custom resource (the handler makes a new one and the old one
 * is removed) instead of updating it in place. `any`: the value was added, removed or changed;
 * `changed`: both have a value and they differ; `removed`: there was a value and there is none.
 */
export interface ReplacingChange {
  /** The property, with `.` into an object: `IdentityPool.Name`. Lists compare as sets. */
  readonly property: string;
  readonly when: 'any' | 'changed' | 'removed';
}

const any = (property: string): ReplacingChange => ({ property, when: 'any' });

/**
 * By resource type, the property changes that replace the resource; any other change is an update in
 * place. The handlers replace on exactly these (test/lambda/replacing-changes.test.ts holds each one to
 * it), and `cdk-amplify-backend local diff` predicts replacements from it: CloudFormation cannot know
 * them for custom resources.
 */
export const REPLACING_CHANGES: Readonly<Record<string, readonly ReplacingChange[]>> = {
  // AppName, ResourceName and CloneFrom are used only when the environment is created: changing them changes nothing.
  [ENVIRONMENT_RESOURCE_TYPE]: [any('AppId'), any('EnvironmentName')],
  [STORAGE_RESOURCE_TYPE]: [any('AppId'), any('EnvironmentName'), any('ResourceName')],
  [IMPORTED_STORAGE_RESOURCE_TYPE]: [any('AppId'), any('EnvironmentName'), any('BucketName')],
  [AUTH_RESOURCE_TYPE]: [
    any('AppId'), any('EnvironmentName'), any('ResourceName'),
    // What UpdateBackendAuth has no field for, and the one change it cannot make: removing OAuth.
    any('UserPoolName'), any('SignInMethod'), any('RequiredSignUpAttributes'),
    { property: 'IdentityPool.Name', when: 'changed' }, { property: 'OAuth', when: 'removed' },
  ],
  [IMPORTED_AUTH_RESOURCE_TYPE]: [any('AppId'), any('EnvironmentName'), any('UserPoolId'), any('WebClientId'), any('NativeClientId'), any('IdentityPoolId')],
  // UpdateBackendAPI changes everything else: the name, the schema, the modes and conflict resolution.
  [API_RESOURCE_TYPE]: [any('AppId'), any('EnvironmentName'), any('ResourceName')],
};

/**
 * The properties whose change from `before` to `after` replaces a resource of this type (`REPLACING_CHANGES`),
 * in the table's order; empty for an update in place, or a type the table does not know.
 */
export function replacingChanges(type: string, before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return (REPLACING_CHANGES[type] ?? []).filter(({ property, when }) => {
    const [was, now] = [valueAt(before, property), valueAt(after, property)];
    if (when === 'removed') return was !== undefined && now === undefined;
    if (when === 'changed' && (was === undefined || now === undefined)) return false;
    return canonical(was) !== canonical(now);
  }).map(({ property }) => property);
}

function valueAt(properties: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), properties);
}

/** A value as comparable text: lists as sets (sorted), objects by key. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).sort().join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
