import { Expiration } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';

/** An API key (`ApiAuthorization.apiKey`), as AppSync's `ApiKeyConfig` describes one. */
export interface ApiKeyOptions {
  /**
   * What the key is for, shown in the AppSync console.
   * @default - none
   */
  readonly description?: string;
  /**
   * When the key expires, 1 to 365 days after the deployment that sends it: sent to the service as a whole number of
   * days (rounded up), which is how the Amplify CLI and Studio give an API key's expiry. Use `Expiration.after(duration)`;
   * an `Expiration.atDate()` counts the days from the synth, so its value changes with every day you synthesize.
   * The key is renewed only when this changes (a new number of days is an update of the API).
   * @default Expiration.after(Duration.days(7)), the Amplify CLI's and AppSync's default
   */
  readonly expires?: Expiration;
}

/** An OpenID Connect provider (`ApiAuthorization.openIdConnect`), as AppSync's `OpenIdConnectConfig` describes one. */
export interface OpenIdConnectOptions {
  /** A name for the provider (letters, digits, spaces, `. _ -`). */
  readonly providerName: string;
  /** The issuer's URL: https (http only for localhost), as AppSync's `oidcProvider`. */
  readonly oidcProvider: string;
  /**
   * The client id of the application the tokens must be issued to.
   * @default - tokens of every client are accepted
   */
  readonly clientId?: string;
  /**
   * How long a token is accepted after the user authenticated, in milliseconds.
   * @default - no limit
   */
  readonly tokenExpiryFromAuth?: number;
  /**
   * How long a token is accepted after it was issued, in milliseconds.
   * @default - no limit
   */
  readonly tokenExpiryFromIssue?: number;
}

/**
 * How clients authorize against the API: one of the four modes the AmplifyBackend API offers (AppSync's Lambda mode is
 * not among them). Pass one as `defaultAuthorization`, others as `additionalAuthorizations`.
 */
export class ApiAuthorization {
  /**
   * Signed-in users of the environment's Cognito user pool (AppSync's `AMAZON_COGNITO_USER_POOLS`). The user pool is the
   * environment's auth: the one the app declares for it (`addAuth`, `importAuth`), or else the one the environment
   * has, read at deploy time. There is no id to give.
   */
  public static userPool(): ApiAuthorization {
    return new ApiAuthorization(appsync.AuthorizationType.USER_POOL, {});
  }

  /** An API key (`API_KEY`): for public access, e.g. `@auth(rules: [{ allow: public }])`. */
  public static apiKey(options: ApiKeyOptions = {}): ApiAuthorization {
    return new ApiAuthorization(appsync.AuthorizationType.API_KEY, { apiKey: options });
  }

  /** AWS IAM (`AWS_IAM`): signed requests, e.g. from a Lambda function granted access with `api.grantQuery()`. */
  public static iam(): ApiAuthorization {
    return new ApiAuthorization(appsync.AuthorizationType.IAM, {});
  }

  /** Tokens of an OpenID Connect provider (`OPENID_CONNECT`). */
  public static openIdConnect(options: OpenIdConnectOptions): ApiAuthorization {
    return new ApiAuthorization(appsync.AuthorizationType.OIDC, { openIdConnect: options });
  }

  /** The mode, in AppSync's terms. */
  public readonly authorizationType: appsync.AuthorizationType;
  /** The API key's settings, for `API_KEY`. */
  public readonly apiKeyOptions?: ApiKeyOptions;
  /** The provider's settings, for `OPENID_CONNECT`. */
  public readonly openIdConnectOptions?: OpenIdConnectOptions;

  private constructor(authorizationType: appsync.AuthorizationType, settings: { apiKey?: ApiKeyOptions; openIdConnect?: OpenIdConnectOptions }) {
    this.authorizationType = authorizationType;
    this.apiKeyOptions = settings.apiKey;
    this.openIdConnectOptions = settings.openIdConnect;
  }
}
