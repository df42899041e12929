import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { readAssembly, StackArtifact } from '../../local/runner';
import { AmplifyBackend, AmplifyBackendProvider, ApiAuthorization, ApiSchema, IAmplifyBackend, StoragePermission } from '../../src';
import {
  API_RESOURCE_TYPE, ApiResourceProperties, ENVIRONMENT_RESOURCE_TYPE, IMPORTED_STORAGE_RESOURCE_TYPE, STORAGE_RESOURCE_TYPE,
} from '../../src/private/contract';

/** Who owns the environment: the stack (removed with it, or retained), or the console (it exists before). */
export type EnvironmentMode = 'owned' | 'retained' | 'existing';

export type Permission = 'READ' | 'CREATE_AND_UPDATE' | 'DELETE';

/** Storage the service creates. */
export interface CreatedStorageSpec {
  readonly kind: 'created';
  readonly resourceName: string;
  /** A bucket name prefix; absent lets the service name the bucket. */
  readonly bucketPrefix?: string;
  readonly authenticated: Permission[];
  readonly unauthenticated: Permission[];
}

/** An existing bucket linked to the environment. */
export interface ImportedStorageSpec {
  readonly kind: 'imported';
  readonly bucketName: string;
}

export type StorageSpec = CreatedStorageSpec | ImportedStorageSpec;

/** The schemas an API goes through: a field added, a model added (no `@auth` rules: the soak's stacks have no auth). */
export const API_SCHEMAS = [
  'type Todo @model {\n  id: ID!\n  name: String\n}\n',
  'type Todo @model {\n  id: ID!\n  name: String\n  done: Boolean\n}\n',
  'type Todo @model {\n  id: ID!\n  name: String\n}\n\ntype Note @model {\n  id: ID!\n  text: String\n}\n',
] as const;

/** Conflict resolution of an API; absent: conflict detection off. */
export type ConflictResolution = 'AUTOMERGE' | 'OPTIMISTIC_CONCURRENCY' | undefined;

/** The environment's GraphQL API: an API key as its default mode, IAM as an additional one or not. */
export interface ApiSpec {
  readonly resourceName: string;
  /** Index into API_SCHEMAS. */
  readonly schema: number;
  /** The API key's description: a change of the default mode's settings. */
  readonly keyDescription: string;
  /** AWS_IAM as an additional mode. */
  readonly iam: boolean;
  readonly conflictResolution: ConflictResolution;
}

/**
 * One version of a lifecycle's stack: an environment, its one storage resource, on some its API, and a clone of the
 * environment (DESTROY) if `clone` names one.
 */
export interface StackSpec {
  readonly stackName: string;
  readonly appId: string;
  readonly environmentName: string;
  readonly environment: EnvironmentMode;
  readonly storage: StorageSpec;
  /** The environment name of the clone (CloneBackend) of the lifecycle's environment, which the stack also declares. */
  readonly clone?: string;
  readonly api?: ApiSpec;
}

/** The properties of `Custom::AmplifyBackendApi` an API spec declares (besides the app and environment). */
export function apiProperties(api: ApiSpec): Omit<ApiResourceProperties, 'AppId' | 'EnvironmentName'> {
  return {
    ResourceName: api.resourceName,
    ApiName: api.resourceName,
    Schema: API_SCHEMAS[api.schema],
    DefaultAuthorization: { Mode: 'API_KEY', Description: api.keyDescription, ExpirationDays: 30 },
    AdditionalAuthorizations: api.iam ? { AWS_IAM: {} } : {},
    ConflictResolution: api.conflictResolution,
    GenerateModels: true,
  };
}

/**
 * The provider's timings, scaled by the runner's time scale: the shortest interval the construct allows;
 * a shorter total timeout for lifecycles that wait it out (a job that never finishes), the longest allowed
 * for the others, so that a machine busy with other work never makes them give up. The shorter one is still
 * long enough (30 s at the soak's scale) for a lifecycle's other steps (a rename: two jobs, throttled) on a
 * machine loaded with other work: at 600 (12 s) a rename gave up on a machine running three test suites at once,
 * and at 900 (18 s) one gave up after 23 s beside a clone on a machine running two engineers' suites.
 */
export const QUERY_INTERVAL_SECONDS = 1;
export const TOTAL_TIMEOUT_SECONDS = { waitedOut: 1500, otherwise: 3300 } as const;
/** Which total timeout a lifecycle's stacks get. */
export type Timeout = keyof typeof TOTAL_TIMEOUT_SECONDS;
const TIMEOUTS = Object.keys(TOTAL_TIMEOUT_SECONDS) as Timeout[];

const PLACEHOLDER_ENV = 'soakenv';
const PLACEHOLDER_CLONE = 'soakclone';
const ENVIRONMENT_MODES: readonly EnvironmentMode[] = ['owned', 'retained', 'existing'];
const AMPLIFY_TYPES = [ENVIRONMENT_RESOURCE_TYPE, STORAGE_RESOURCE_TYPE, IMPORTED_STORAGE_RESOURCE_TYPE, API_RESOURCE_TYPE];

/**
 * Templates of every stack shape (environment mode × storage kind), synthesized once through the
 * real constructs; each lifecycle step gets a copy with its own app, environment, storage and API
 * properties written in, or without the API (declared last, so nothing depends on it). Synthesizing
 * 1000 stack versions would take minutes.
 */
export class SoakStacks {
  static synthesize(): SoakStacks {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'soak-'));
    const app = new App({ outdir });
    for (const mode of ENVIRONMENT_MODES) {
      for (const kind of ['created', 'imported'] as const) {
        for (const clone of [false, true]) TIMEOUTS.forEach((timeout) => shape(app, { mode, kind, timeout, clone }));
      }
    }
    return new SoakStacks(outdir, new Map(readAssembly(app.synth().directory).map((stack) => [stack.name, stack])));
  }

  private constructor(private readonly outdir: string, private readonly shapes: ReadonlyMap<string, StackArtifact>) {}

  /** Removes the cloud assembly (the runner loads the handler bundle from it until then). */
  dispose(): void {
    fs.rmSync(this.outdir, { recursive: true, force: true });
  }

  /** The stack for a spec: the shape's template with the spec's values. */
  stackFor(spec: StackSpec, timeout: Timeout): StackArtifact {
    const which: Shape = { mode: spec.environment, kind: spec.storage.kind, timeout, clone: spec.clone !== undefined };
    const base = this.shapes.get(shapeName(which))!;
    const text = JSON.stringify(base.template).split(placeholderApp(which)).join(spec.appId);
    const template = JSON.parse(text) as StackArtifact['template'];
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      const properties = resource.Properties as Record<string, unknown>;
      if (resource.Type === API_RESOURCE_TYPE) {
        if (spec.api) Object.assign(properties, apiProperties(spec.api));
        else delete template.Resources[logicalId];
      }
      if (AMPLIFY_TYPES.includes(resource.Type)) properties.EnvironmentName = spec.environmentName;
      if (properties?.CloneFrom !== undefined) Object.assign(properties, { EnvironmentName: spec.clone, CloneFrom: spec.environmentName });
      if (resource.Type === ENVIRONMENT_RESOURCE_TYPE) properties.AppName = `soak ${spec.appId}`;
      if (resource.Type === STORAGE_RESOURCE_TYPE && spec.storage.kind === 'created') {
        properties.ResourceName = spec.storage.resourceName;
        if (spec.storage.bucketPrefix === undefined) delete properties.BucketName;
        else properties.BucketName = spec.storage.bucketPrefix;
        properties.AuthenticatedPermissions = [...spec.storage.authenticated];
        properties.UnauthenticatedPermissions = [...spec.storage.unauthenticated];
      }
      if (resource.Type === IMPORTED_STORAGE_RESOURCE_TYPE && spec.storage.kind === 'imported') properties.BucketName = spec.storage.bucketName;
    }
    return { ...base, name: spec.stackName, template };
  }
}

/** What a stack's template depends on: who owns the environment, its storage's kind, the provider's timeout, and whether it has a clone. */
interface Shape {
  readonly mode: EnvironmentMode;
  readonly kind: StorageSpec['kind'];
  readonly timeout: Timeout;
  readonly clone: boolean;
}

function shapeName({ mode, kind, timeout, clone }: Shape): string {
  return `Soak-${mode}-${kind}-${timeout}${clone ? '-clone' : ''}`;
}

/** Each shape has an app of its own: the constructs allow one storage per environment in an app. */
function placeholderApp({ mode, kind, timeout, clone }: Shape): string {
  return `dshape${mode.slice(0, 3)}${kind.slice(0, 3)}${timeout.slice(0, 3)}${clone ? 'clone' : ''}`;
}

/**
 * One shape, with placeholder values that `stackFor` replaces. The clone is declared before the storage it
 * copies: it follows the storage all the same.
 */
function shape(app: App, which: Shape): void {
  const { mode, kind, timeout } = which;
  const stack = new Stack(app, shapeName(which));
  const provider = new AmplifyBackendProvider(stack, 'Provider', {
    queryInterval: Duration.seconds(QUERY_INTERVAL_SECONDS),
    totalTimeout: Duration.seconds(TOTAL_TIMEOUT_SECONDS[timeout]),
  });
  const environment = { appId: placeholderApp(which), environmentName: PLACEHOLDER_ENV };
  const backend: IAmplifyBackend = mode === 'existing'
    ? AmplifyBackend.fromEnvironmentAttributes(stack, 'Env', environment)
    : new AmplifyBackend(stack, 'Env', {
      ...environment,
      appName: 'soak',
      provider,
      removalPolicy: mode === 'owned' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
  if (which.clone) {
    new AmplifyBackend(stack, 'Clone', {
      appId: environment.appId, appName: 'soak', environmentName: PLACEHOLDER_CLONE, cloneFrom: backend, provider, removalPolicy: RemovalPolicy.DESTROY,
    });
  }
  if (kind === 'created') {
    backend.addStorage('Storage', { resourceName: 'placeholder', bucketName: 'placeholder', permissions: { authenticated: [StoragePermission.READ] }, provider });
  } else {
    backend.importStorage('Storage', { bucketName: 'placeholder-bucket', provider });
  }
  // Removed with the stack, as storage is: a retained API would outlive the lifecycle's environment.
  backend.addApi('Api', {
    resourceName: 'placeholder', schema: ApiSchema.fromString(API_SCHEMAS[0]), defaultAuthorization: ApiAuthorization.apiKey(), removalPolicy: RemovalPolicy.DESTROY, provider,
  });
}
