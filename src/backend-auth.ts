import { IResource, Resource } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { CognitoReferences, cognitoReferences } from './private/cognito-references';

/**
 * The auth category of an Amplify backend environment: a Cognito user pool with its web and native
 * app clients, and an identity pool if the environment has one. Storage needs it.
 */
export interface IBackendAuth extends IResource {
  /**
   * Name of the auth resource inside its environment.
   * @attribute
   */
  readonly resourceName: string;
  /**
   * Id of the Cognito user pool, e.g. `us-east-1_AbCdEfGhI`.
   * @attribute
   */
  readonly userPoolId: string;
  /**
   * Id of the user pool's app client for web apps (Amplify's `AppClientIDWeb`, no client secret).
   * @attribute
   */
  readonly webClientId: string;
  /**
   * Id of the user pool's app client for native apps (Amplify's `AppClientID`).
   * @attribute
   */
  readonly nativeClientId: string;
  /**
   * Id of the Cognito identity pool, e.g. `us-east-1:0123abcd-...`; undefined when the auth has none (created
   * with `identityPool: false`, imported or referenced without one), so code can tell at synth.
   * @attribute
   */
  readonly identityPoolId?: string;
  /** The user pool, for anything that takes a `cognito.IUserPool` (an API authorizer, a grant). */
  readonly userPool: cognito.IUserPool;
  /** The web app client, for anything that takes a `cognito.IUserPoolClient`. */
  readonly webClient: cognito.IUserPoolClient;
  /** The native app client. */
  readonly nativeClient: cognito.IUserPoolClient;
}

/** Identifies auth that already exists in an environment. */
export interface BackendAuthAttributes {
  /** Name of the auth resource inside its environment. */
  readonly resourceName: string;
  /** Id of the Cognito user pool. */
  readonly userPoolId: string;
  /** Id of the user pool's web app client. */
  readonly webClientId: string;
  /** Id of the user pool's native app client. */
  readonly nativeClientId: string;
  /**
   * Id of the Cognito identity pool.
   * @default - the auth resource has no identity pool
   */
  readonly identityPoolId?: string;
}

/**
 * What created, imported and referenced auth have in common: the ids the environment reports, and the
 * Cognito objects behind them. Each attribute is declared here once; each kind of auth gives the values.
 */
export abstract class BackendAuthBase extends Resource implements IBackendAuth {
  /** Set by `_link` in each subclass's constructor. */
  private linked!: { readonly ids: BackendAuthAttributes; readonly cognito: CognitoReferences };

  /**
   * Name of the auth resource inside its environment.
   * @attribute
   */
  public get resourceName(): string {
    return this.linked.ids.resourceName;
  }

  /**
   * Id of the Cognito user pool.
   * @attribute
   */
  public get userPoolId(): string {
    return this.linked.ids.userPoolId;
  }

  /**
   * Id of the user pool's app client for web apps.
   * @attribute
   */
  public get webClientId(): string {
    return this.linked.ids.webClientId;
  }

  /**
   * Id of the user pool's app client for native apps.
   * @attribute
   */
  public get nativeClientId(): string {
    return this.linked.ids.nativeClientId;
  }

  /**
   * Id of the Cognito identity pool, undefined when the auth has none.
   * @attribute
   */
  public get identityPoolId(): string | undefined {
    return this.linked.ids.identityPoolId;
  }

  /** The user pool, for anything that takes a `cognito.IUserPool`. */
  public get userPool(): cognito.IUserPool {
    return this.linked.cognito.userPool;
  }

  /** The web app client, for anything that takes a `cognito.IUserPoolClient`. */
  public get webClient(): cognito.IUserPoolClient {
    return this.linked.cognito.webClient;
  }

  /** The native app client. */
  public get nativeClient(): cognito.IUserPoolClient {
    return this.linked.cognito.nativeClient;
  }

  /**
   * Gives the attributes their values; each subclass's constructor calls it once, as soon as it knows them.
   * @param cognitoObjects the Cognito objects behind the ids. Default: referenced by id.
   * @internal
   */
  protected _link(ids: BackendAuthAttributes, cognitoObjects?: CognitoReferences): void {
    this.linked = { ids, cognito: cognitoObjects ?? cognitoReferences(this, ids) };
  }
}
