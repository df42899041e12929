import { RemovalPolicy, Resource } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { IBackendAuth } from './backend-auth';
import { IAmplifyBackend } from './i-amplify-backend';
import { backendResource } from './private/backend-resource';
import { AUTH_ATTRIBUTES, IMPORTED_AUTH_RESOURCE_TYPE, ImportedAuthResourceProperties } from './private/contract';
import { EnvironmentChains } from './private/environment-chain';
import { validateClientId, validateIdentityPoolId, validateUserPoolId } from './private/validate';
import { AmplifyBackendProvider, IAmplifyBackendProvider } from './provider';

/** The AmplifyBackend operations the handler calls for imported auth, on the app's backend. */
const IMPORT_OPERATIONS = ['ImportBackendAuth', 'GetBackend', 'DeleteBackendAuth', 'GetBackendJob', 'ListBackendJobs'];

/**
 * An existing Cognito user pool (and identity pool) to link to an environment, as
 * `backend.importAuth(id, options)` takes it. Changing any of them unlinks the old ones first (an
 * environment holds one auth resource) and links the new ones.
 */
export interface ImportAuthOptions {
  /** The existing user pool. */
  readonly userPool: cognito.IUserPool;
  /** The user pool's app client for web apps (one without a client secret). */
  readonly webClient: cognito.IUserPoolClient;
  /** The user pool's app client for native apps. */
  readonly nativeClient: cognito.IUserPoolClient;
  /**
   * Id of an existing identity pool that trusts the user pool, e.g. `us-east-1:0123abcd-...`.
   * @default - none: the environment's storage cannot give guests access
   */
  readonly identityPoolId?: string;
  /**
   * What happens to the link when it leaves the stack. `DESTROY` unlinks the user pool (and identity pool)
   * from the environment; `RETAIN` leaves them linked. The Cognito resources themselves are never touched.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * The provider that runs this resource's jobs.
   * @default - the stack's default provider (`AmplifyBackendProvider.defaultFor`)
   */
  readonly provider?: IAmplifyBackendProvider;
}

/** Properties of `ImportedBackendAuth`. */
export interface ImportedBackendAuthProps extends ImportAuthOptions {
  /** The environment to link the Cognito resources to; it must exist before the import. */
  readonly backend: IAmplifyBackend;
}

/**
 * An existing Cognito user pool, its two app clients and optionally an identity pool, linked to an
 * Amplify backend environment as its auth (`Custom::AmplifyImportedBackendAuth`, physical id
 * `<appId>/<environment>/<generated resource name>`). Removing it only unlinks them: the Cognito
 * resources and their users stay as they are. Storage in the same environment waits for it.
 */
export class ImportedBackendAuth extends Resource implements IBackendAuth {
  /**
   * Name the service generated for the auth resource, read from the environment's amplify-meta after the import.
   * @attribute
   */
  public readonly resourceName: string;
  /**
   * Id of the linked user pool.
   * @attribute
   */
  public readonly userPoolId: string;
  /**
   * Id of the linked web app client.
   * @attribute
   */
  public readonly webClientId: string;
  /**
   * Id of the linked native app client.
   * @attribute
   */
  public readonly nativeClientId: string;
  /**
   * Id of the linked identity pool; empty without one.
   * @attribute
   */
  public readonly identityPoolId: string;
  /** The linked user pool, as given. */
  public readonly userPool: cognito.IUserPool;
  /** The linked web app client, as given. */
  public readonly webClient: cognito.IUserPoolClient;
  /** The linked native app client, as given. */
  public readonly nativeClient: cognito.IUserPoolClient;
  /** The environment the Cognito resources are linked to. */
  public readonly backend: IAmplifyBackend;

  constructor(scope: Construct, id: string, props: ImportedBackendAuthProps) {
    super(scope, id);
    // What an imported identity pool allows is not known here; the service decides at deploy time.
    const chains = EnvironmentChains.of(this);
    chains.claimAuth(this, props.backend, props.identityPoolId === undefined ? 'has no identity pool (give identityPoolId)' : undefined);
    validateUserPoolId(this, props.userPool.userPoolId);
    validateClientId(this, 'webClient', props.webClient.userPoolClientId);
    validateClientId(this, 'nativeClient', props.nativeClient.userPoolClientId);
    if (props.identityPoolId !== undefined) validateIdentityPoolId(this, props.identityPoolId);

    const provider = props.provider ?? AmplifyBackendProvider.defaultFor(this);
    provider.allowOperations(props.backend.appId, IMPORT_OPERATIONS);
    const properties: ImportedAuthResourceProperties = {
      AppId: props.backend.appId,
      EnvironmentName: props.backend.environmentName,
      UserPoolId: props.userPool.userPoolId,
      WebClientId: props.webClient.userPoolClientId,
      NativeClientId: props.nativeClient.userPoolClientId,
      IdentityPoolId: props.identityPoolId,
    };
    const resource = backendResource(this, {
      provider,
      resourceType: IMPORTED_AUTH_RESOURCE_TYPE,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
      properties,
    });
    chains.joinFirst(resource, props.backend);
    this.backend = props.backend;
    this.resourceName = resource.getAttString(AUTH_ATTRIBUTES.resourceName);
    this.userPoolId = props.userPool.userPoolId;
    this.webClientId = props.webClient.userPoolClientId;
    this.nativeClientId = props.nativeClient.userPoolClientId;
    this.identityPoolId = props.identityPoolId ?? '';
    this.userPool = props.userPool;
    this.webClient = props.webClient;
    this.nativeClient = props.nativeClient;
  }
}
