import { RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AmplifyBackendBase } from './amplify-backend-base';
import { AmplifyBackendAttributes, IAmplifyBackend } from './i-amplify-backend';
import { IBackendEnvironment } from './i-backend-environment';
import { backendResource } from './private/backend-resource';
import { validateCloneSource } from './private/clone-source';
import { ENVIRONMENT_RESOURCE_TYPE, EnvironmentResourceProperties } from './private/contract';
import { EnvironmentChains, followSourceIn } from './private/environment-chain';
import { amplifyProvider, checkProps, environment, optional, PropRules, removalPolicy, required, text } from './private/props';
import { validateAppId, validateAppName, validateEnvironmentName, validateResourceName } from './private/validate';
import { AmplifyBackendProvider, IAmplifyBackendProvider } from './provider';

const PROP_RULES: PropRules<AmplifyBackendProps> = {
  appId: required(text('the Amplify app id')),
  appName: required(text('the name of the Amplify app')),
  environmentName: required(text('the backend environment name')),
  resourceName: optional(text()),
  removalPolicy: optional(removalPolicy),
  provider: optional(amplifyProvider),
  cloneFrom: optional(environment),
};

const ATTRIBUTE_RULES: PropRules<AmplifyBackendAttributes> = {
  appId: required(text('the Amplify app id')),
  environmentName: required(text('the backend environment name')),
};

/** The AmplifyBackend operations the handler calls for every environment, besides the one that creates it. */
const ENVIRONMENT_OPERATIONS = ['GetBackend', 'DeleteBackend', 'GetBackendJob', 'ListBackendJobs'];

/** Properties of `AmplifyBackend`. */
export interface AmplifyBackendProps {
  /**
   * Id of the Amplify app the environment belongs to, e.g. `d1a2b3c4d5e6f7` (for example
   * `amplify.App.appId` from `@aws-cdk/aws-amplify-alpha`). Changing it replaces the environment.
   */
  readonly appId: string;
  /** Name of the Amplify app (1 to 255 characters). Used only when the environment is created; later changes are ignored. */
  readonly appName: string;
  /** Name of the backend environment: 2 to 10 lowercase letters. Changing it replaces the environment. */
  readonly environmentName: string;
  /**
   * Resource name passed to CreateBackend (1 to 128 letters and digits). Used only when the environment is created;
   * later changes are ignored.
   * @default - none is sent
   */
  readonly resourceName?: string;
  /**
   * What happens to the environment when it leaves the stack. `DESTROY` removes it (DeleteBackend),
   * with everything in it. An environment that existed before the stack (it was adopted) is never removed.
   * SNAPSHOT is refused: the API keeps no snapshots.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * The provider that runs this resource's jobs.
   * @default - the stack's default provider (`AmplifyBackendProvider.defaultFor`)
   */
  readonly provider?: IAmplifyBackendProvider;
  /**
   * An environment of the same app to create this one from: CloneBackend instead of CreateBackend. The clone gets
   * the source's auth and storage definitions; created ones become new resources (a new user pool, a new bucket),
   * imported ones stay shared (the clone links the same user pool and bucket: a synth warning says so when the app
   * declares them). Nothing is ever sent to the source; the clone waits for the source's auth and storage that the app
   * declares. Used only when the environment is created: one that exists already is adopted and never cloned over,
   * and a later change of this prop changes nothing.
   * @default - the environment is created empty, with CreateBackend
   */
  readonly cloneFrom?: IBackendEnvironment;
}

/**
 * An Amplify (Gen 1) backend environment (`Custom::AmplifyBackend`, physical id `<appId>/<environment>`).
 * Created with CreateBackend, or with CloneBackend as a copy of another environment (`cloneFrom`); an environment
 * that already exists (the console creates one with every app) is adopted instead, its physical id says so, and this
 * stack never removes it.
 */
export class AmplifyBackend extends AmplifyBackendBase {
  /** References a backend environment that already exists. Nothing is created or removed. */
  public static fromEnvironmentAttributes(scope: Construct, id: string, attrs: AmplifyBackendAttributes): IAmplifyBackend {
    class Import extends AmplifyBackendBase {
      public readonly appId: string;
      public readonly environmentName: string;
      constructor() {
        super(scope, id);
        const checked = checkProps(this, 'AmplifyBackend.fromEnvironmentAttributes', attrs, ATTRIBUTE_RULES);
        validateAppId(this, checked.appId);
        validateEnvironmentName(this, checked.environmentName);
        this.appId = checked.appId;
        this.environmentName = checked.environmentName;
      }
    }
    return new Import();
  }

  /** The Amplify app id the environment belongs to. */
  public readonly appId: string;
  /** The backend environment's name. */
  public readonly environmentName: string;

  constructor(scope: Construct, id: string, props: AmplifyBackendProps) {
    super(scope, id);
    props = checkProps(this, 'AmplifyBackend', props, PROP_RULES);
    validateAppId(this, props.appId);
    validateAppName(this, props.appName);
    validateEnvironmentName(this, props.environmentName);
    if (props.resourceName !== undefined) validateResourceName(this, props.resourceName);
    this.appId = props.appId;
    this.environmentName = props.environmentName;
    const source = props.cloneFrom;
    if (source) validateCloneSource(this, source);

    const provider = props.provider ?? AmplifyBackendProvider.defaultFor(this);
    // CloneBackend only where a clone is declared, on its app; CreateBackend names no app in its path (see the provider).
    provider.allowOperations(props.appId, [source ? 'CloneBackend' : 'CreateBackend']);
    provider.allowOperations(props.appId, ENVIRONMENT_OPERATIONS);
    const properties: EnvironmentResourceProperties = {
      AppId: props.appId,
      AppName: props.appName,
      EnvironmentName: props.environmentName,
      ResourceName: props.resourceName,
      CloneFrom: source?.environmentName,
    };
    const resource = backendResource(this, {
      provider,
      resourceType: ENVIRONMENT_RESOURCE_TYPE,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      removal: { destroy: 'DeleteBackend removes the environment with everything in it', retain: 'the environment stays' },
      properties,
    });
    const chains = EnvironmentChains.of(this);
    chains.start(resource, this);
    if (source) followSourceIn(chains, resource, this, source);
  }
}
