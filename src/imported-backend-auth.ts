import { RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { BackendAuthBase } from './backend-auth';
import { IBackendEnvironment } from './i-backend-environment';
import { backendResource } from './private/backend-resource';
import { AUTH_ATTRIBUTES, IMPORTED_AUTH_RESOURCE_TYPE, ImportedAuthResourceProperties } from './private/contract';
import { EnvironmentChains } from './private/environment-chain';
import { amplifyProvider, checkProps, environment, flag, optional, PropRules, removalPolicy, required, text, withAttribute } from './private/props';
import { validateClientId, validateIdentityPoolId, validateUserPoolId } from './private/validate';
import { AmplifyBackendProvider, IAmplifyBackendProvider } from './provider';

/** The AmplifyBackend operations the handler calls for imported auth, on the app's backend. */
const IMPORT_OPERATIONS = ['ImportBackendAuth', 'GetBackend', 'DeleteBackendAuth', 'GetBackendJob', 'ListBackendJobs'];

const PROP_RULES: PropRules<ImportedBackendAuthProps> = {
  backend: required(environment),
  userPool: required(withAttribute('a cognito.IUserPool', 'userPoolId')),
  webClient: required(withAttribute('a cognito.IUserPoolClient', 'userPoolClientId')),
  nativeClient: required(withAttribute('a cognito.IUserPoolClient', 'userPoolClientId')),
  identityPoolId: optional(text('the identity pool id')),
  adopt: optional(flag),
  removalPolicy: optional(removalPolicy),
  provider: optional(amplifyProvider),
};

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
   * Whether the user pool, its clients and the identity pool, found already linked to the environment as its auth (in
   * the console, with the Amplify CLI, or outside this stack), are taken over as this stack's link: nothing is sent,
   * and the stack never unlinks them (its physical id ends in ` (adopted)`, and removing it from the stack only
   * forgets it, whatever `removalPolicy` says); linking others instead is then refused before anything starts.
   * Without it, a user pool already linked is refused, so that no two owners manage one link. Cognito resources not
   * linked yet are linked either way, and the link is then the stack's own.
   * @default false
   */
  readonly adopt?: boolean;
  /**
   * What happens to the link when it leaves the stack. `DESTROY` unlinks the user pool (and identity pool)
   * from the environment; `RETAIN` leaves them linked, until the environment is removed (a stack that removes the
   * environment warns about RETAIN). The Cognito resources themselves are never touched. SNAPSHOT is refused.
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
  readonly backend: IBackendEnvironment;
}

/**
 * An existing Cognito user pool, its two app clients and optionally an identity pool, linked to an
 * Amplify backend environment as its auth (`Custom::AmplifyImportedBackendAuth`, physical id
 * `<appId>/<environment>/<generated resource name>`). Removing it only unlinks them: the Cognito
 * resources and their users stay as they are. Storage in the same environment waits for it. Its ids and
 * Cognito objects are the ones given; `resourceName`, which the service generates, is read from the
 * environment's amplify-meta after the import.
 */
export class ImportedBackendAuth extends BackendAuthBase {
  /** The environment the Cognito resources are linked to. */
  public readonly backend: IBackendEnvironment;

  constructor(scope: Construct, id: string, props: ImportedBackendAuthProps) {
    super(scope, id);
    props = checkProps(this, 'ImportedBackendAuth', props, PROP_RULES);
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
      Adopt: props.adopt ? true : undefined,
    };
    const resource = backendResource(this, {
      provider,
      resourceType: IMPORTED_AUTH_RESOURCE_TYPE,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
      removal: { destroy: 'DeleteBackendAuth unlinks the user pool, which is never touched', retain: 'the user pool stays linked' },
      properties,
    });
    chains.joinFirst(resource, props.backend);
    this.backend = props.backend;
    this._link({
      resourceName: resource.getAttString(AUTH_ATTRIBUTES.resourceName),
      userPoolId: props.userPool.userPoolId,
      webClientId: props.webClient.userPoolClientId,
      nativeClientId: props.nativeClient.userPoolClientId,
      identityPoolId: props.identityPoolId,
    }, { userPool: props.userPool, webClient: props.webClient, nativeClient: props.nativeClient });
  }
}
