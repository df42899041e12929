import { notFound } from './errors';

/** Storage permissions as on the wire (`unAuthenticated` with a capital A). */
export interface StoragePermissions {
  readonly authenticated: string[];
  readonly unAuthenticated?: string[];
}

/** The one S3 storage resource an environment may have, created or imported. */
export interface StorageResource {
  readonly resourceName: string;
  readonly bucketName: string;
  readonly imported: boolean;
  /** Absent for imported buckets: the service manages no permissions for them. */
  permissions?: StoragePermissions;
}

/** What the service reports about Cognito resources in amplify-meta.json (`output`). */
export interface AuthOutputs {
  readonly UserPoolId: string;
  readonly AppClientIDWeb: string;
  readonly AppClientID: string;
  readonly IdentityPoolId?: string;
}

/** The one auth (Cognito) resource an environment may have. */
export interface AuthResource {
  readonly resourceName: string;
  readonly imported: boolean;
  /** The wire `resourceConfig` tree (as CreateBackendAuth takes it and GetBackendAuth returns it). */
  resourceConfig: AuthResourceConfig;
  readonly outputs: AuthOutputs;
}

/** The parts of an auth `resourceConfig` the emulator reads; the rest is kept as sent. */
export interface AuthResourceConfig {
  readonly authResources: string;
  readonly service: string;
  readonly userPoolConfigs?: Record<string, unknown>;
  readonly identityPoolConfigs?: { identityPoolName?: string; unauthenticatedLogin?: boolean };
  readonly [key: string]: unknown;
}

/**
 * Resources of the categories the emulator does not model (`api`, `function`, `hosting`, ...), by category and
 * resource name, as amplify-meta.json lists them (`service`, `providerPlugin`, `output`, ...): reported by GetBackend
 * as given, changed by no operation.
 */
export type OtherCategories = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;

/** What the service reports about an API in amplify-meta.json (`output`). */
export interface ApiOutputs {
  readonly GraphQLAPIIdOutput: string;
  readonly GraphQLAPIEndpointOutput: string;
  /** Only while the API has an API_KEY mode. */
  readonly GraphQLAPIKeyOutput?: string;
}

/** The models Studio and DataStore use, as GetBackendAPIModels reports them. */
export interface ApiModels {
  /** `STALE` from a create or a schema change until the models are generated. */
  readonly status: 'LATEST' | 'STALE';
  readonly models?: string;
  readonly modelIntrospectionSchema?: string;
}

/** The one GraphQL API (AppSync) an environment may have. */
export interface ApiResource {
  readonly resourceName: string;
  /** The wire `resourceConfig` (as CreateBackendAPI and UpdateBackendAPI take it and GetBackendAPI returns it). */
  readonly resourceConfig: Record<string, unknown>;
  readonly outputs: ApiOutputs;
  readonly models: ApiModels;
}

/** A backend environment of an app and the categories in it. */
export interface Environment {
  readonly name: string;
  storage?: StorageResource;
  auth?: AuthResource;
  otherCategories?: OtherCategories;
  api?: ApiResource;
}

/** An Amplify app as far as the backend API knows it: a name and its environments. */
export interface App {
  readonly appId: string;
  readonly appName: string;
  readonly environments: Map<string, Environment>;
}

/** An S3 bucket in the emulated account. */
export interface Bucket {
  readonly name: string;
  /** ISO 8601. */
  readonly creationDate: string;
  /** True for buckets that a CreateBackendStorage job made, false for the configured ones. */
  readonly createdByEmulator: boolean;
}

/** Apps, environments, their storage and auth, and the account's buckets. */
export class BackendState {
  private readonly apps = new Map<string, App>();
  private readonly buckets: Bucket[] = [];

  /** The app, or a 404 naming it. */
  requireApp(appId: string): App {
    const app = this.apps.get(appId);
    if (!app) throw notFound('App', `App ${appId} has no backend.`);
    return app;
  }

  /** The environment, if it exists. */
  findEnvironment(appId: string, environmentName: string): Environment | undefined {
    return this.apps.get(appId)?.environments.get(environmentName);
  }

  /** The environment, or a 404 naming it. */
  requireEnvironment(appId: string, environmentName: string): Environment {
    const environment = this.findEnvironment(appId, environmentName);
    if (!environment) {
      throw notFound('BackendEnvironment', `Backend environment ${environmentName} not found for app ${appId}.`);
    }
    return environment;
  }

  /** The app, created on first use (the first name given sticks). */
  addApp(appId: string, appName: string): App {
    const app = this.apps.get(appId) ?? { appId, appName, environments: new Map() };
    this.apps.set(appId, app);
    return app;
  }

  /** Adds an environment, creating the app on first use. */
  addEnvironment(appId: string, appName: string, environmentName: string): void {
    this.addApp(appId, appName).environments.set(environmentName, { name: environmentName });
  }

  /** Removes an environment; its buckets stay in the account. */
  removeEnvironment(appId: string, environmentName: string): void {
    this.requireApp(appId).environments.delete(environmentName);
  }

  /** Adds a bucket to the account. */
  addBucket(bucket: Bucket): void {
    this.buckets.push(bucket);
  }

  /** Removes a bucket from the account; false if it has none of that name. */
  removeBucket(name: string): boolean {
    const index = this.buckets.findIndex((bucket) => bucket.name === name);
    if (index >= 0) this.buckets.splice(index, 1);
    return index >= 0;
  }

  /** Whether the account has the bucket. */
  hasBucket(name: string): boolean {
    return this.buckets.some((bucket) => bucket.name === name);
  }

  /** The account's buckets: configured ones first, then created ones in creation order. */
  listBuckets(): readonly Bucket[] {
    return this.buckets;
  }

  /** Every app, for inspection. */
  listApps(): App[] {
    return [...this.apps.values()];
  }
}
