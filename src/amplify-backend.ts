import { RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AmplifyBackendBase } from './amplify-backend-base';
import { AmplifyBackendAttributes, IAmplifyBackend } from './i-amplify-backend';
import { backendResource } from './private/backend-resource';
import { ENVIRONMENT_RESOURCE_TYPE, EnvironmentResourceProperties } from './private/contract';
import { EnvironmentChains } from './private/environment-chain';
import { validateAppId, validateEnvironmentName } from './private/validate';
import { AmplifyBackendProvider, IAmplifyBackendProvider } from './provider';

/** The AmplifyBackend operations the handler calls for environments. */
const ENVIRONMENT_OPERATIONS = ['CreateBackend', 'GetBackend', 'DeleteBackend', 'GetBackendJob', 'ListBackendJobs'];

/** Properties of `AmplifyBackend`. */
export interface AmplifyBackendProps {
  /**
   * Id of the Amplify app the environment belongs to, e.g. `d1a2b3c4d5e6f7` (for example
   * `amplify.App.appId` from `@aws-cdk/aws-amplify-alpha`). Changing it replaces the environment.
   */
  readonly appId: string;
  /** Name of the Amplify app. Used only when the environment is created; later changes are ignored. */
  readonly appName: string;
  /** Name of the backend environment: 2 to 10 lowercase letters. Changing it replaces the environment. */
  readonly environmentName: string;
  /**
   * Resource name passed to CreateBackend. Used only when the environment is created; later changes are ignored.
   * @default - none is sent
   */
  readonly resourceName?: string;
  /**
   * What happens to the environment when it leaves the stack. `DESTROY` removes it (DeleteBackend),
   * with everything in it. An environment that existed before the stack (it was adopted) is never removed.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * The provider that runs this resource's jobs.
   * @default - the stack's default provider (`AmplifyBackendProvider.defaultFor`)
   */
  readonly provider?: IAmplifyBackendProvider;
}

/**
 * An Amplify (Gen 1) backend environment (`Custom::AmplifyBackend`, physical id `<appId>/<environment>`).
 * Created with CreateBackend; an environment that already exists (the console creates one with every
 * app) is adopted instead, its physical id says so, and this stack never removes it.
 */
export class AmplifyBackend extends AmplifyBackendBase {
  /** References a backend environment that already exists. Nothing is created or removed. */
  public static fromEnvironmentAttributes(scope: Construct, id: string, attrs: AmplifyBackendAttributes): IAmplifyBackend {
    class Import extends AmplifyBackendBase {
      public readonly appId = attrs.appId;
      public readonly environmentName = attrs.environmentName;
    }
    const backend = new Import(scope, id);
    validateAppId(backend, attrs.appId);
    validateEnvironmentName(backend, attrs.environmentName);
    return backend;
  }

  /** The Amplify app id the environment belongs to. */
  public readonly appId: string;
  /** The backend environment's name. */
  public readonly environmentName: string;

  constructor(scope: Construct, id: string, props: AmplifyBackendProps) {
    super(scope, id);
    validateAppId(this, props.appId);
    validateEnvironmentName(this, props.environmentName);
    this.appId = props.appId;
    this.environmentName = props.environmentName;

    const provider = props.provider ?? AmplifyBackendProvider.defaultFor(this);
    provider.allowOperations(props.appId, ENVIRONMENT_OPERATIONS);
    const properties: EnvironmentResourceProperties = {
      AppId: props.appId,
      AppName: props.appName,
      EnvironmentName: props.environmentName,
      ResourceName: props.resourceName,
    };
    const resource = backendResource(this, {
      provider,
      resourceType: ENVIRONMENT_RESOURCE_TYPE,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      properties,
    });
    EnvironmentChains.of(this).start(resource, this);
  }
}
