import { IResource } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';

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
   * Id of the Cognito identity pool, e.g. `us-east-1:0123abcd-...`; empty when the auth resource has none.
   * @attribute
   */
  readonly identityPoolId: string;
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
