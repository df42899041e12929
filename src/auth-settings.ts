import { SecretValue } from 'aws-cdk-lib';

/** How users sign in to the user pool. */
export enum SignInMethod {
  /** A user name that users choose. */
  USERNAME = 'USERNAME',
  /** The email address is the user name. */
  EMAIL = 'EMAIL',
  /** The phone number is the user name. */
  PHONE_NUMBER = 'PHONE_NUMBER',
  /** Either the email address or the phone number. */
  EMAIL_AND_PHONE_NUMBER = 'EMAIL_AND_PHONE_NUMBER',
}

/** Standard user attributes that users must give when they sign up. */
export enum SignUpAttribute {
  /** Postal address. */
  ADDRESS = 'ADDRESS',
  /** Date of birth. */
  BIRTHDATE = 'BIRTHDATE',
  /** Email address. */
  EMAIL = 'EMAIL',
  /** Surname. */
  FAMILY_NAME = 'FAMILY_NAME',
  /** Gender. */
  GENDER = 'GENDER',
  /** First name. */
  GIVEN_NAME = 'GIVEN_NAME',
  /** Locale. */
  LOCALE = 'LOCALE',
  /** Middle name. */
  MIDDLE_NAME = 'MIDDLE_NAME',
  /** Full name. */
  NAME = 'NAME',
  /** Casual name. */
  NICKNAME = 'NICKNAME',
  /** Phone number. */
  PHONE_NUMBER = 'PHONE_NUMBER',
  /** URL of the profile picture. */
  PICTURE = 'PICTURE',
  /** The name users want to be shown by. */
  PREFERRED_USERNAME = 'PREFERRED_USERNAME',
  /** URL of the profile page. */
  PROFILE = 'PROFILE',
  /** When the user's information was last updated. */
  UPDATED_AT = 'UPDATED_AT',
  /** URL of the user's website. */
  WEBSITE = 'WEBSITE',
  /** Time zone. */
  ZONE_INFO = 'ZONE_INFO',
}

/** How verification codes reach users. */
export enum VerificationDeliveryMethod {
  /** By email. */
  EMAIL = 'EMAIL',
  /** By text message. */
  SMS = 'SMS',
}

/** The OAuth grant the hosted UI issues tokens with. */
export enum OAuthGrantType {
  /** Authorization code grant: the app exchanges a code for tokens. */
  CODE = 'CODE',
  /** Implicit grant: tokens are returned directly in the redirect. */
  IMPLICIT = 'IMPLICIT',
}

/** OAuth scopes the hosted UI may grant. */
export enum BackendOAuthScope {
  /** `phone`: the phone number. */
  PHONE = 'PHONE',
  /** `email`: the email address. */
  EMAIL = 'EMAIL',
  /** `openid`: an ID token. */
  OPENID = 'OPENID',
  /** `profile`: the user's other attributes. */
  PROFILE = 'PROFILE',
  /** `aws.cognito.signin.user.admin`: the Cognito user pool API on the user's own behalf. */
  AWS_COGNITO_SIGNIN_USER_ADMIN = 'AWS_COGNITO_SIGNIN_USER_ADMIN',
}

/** Password rules of the user pool. */
export interface BackendAuthPasswordPolicy {
  /**
   * Minimum length: 6 to 99 characters.
   * @default 8
   */
  readonly minLength?: number;
  /**
   * Whether passwords need a lowercase letter.
   * @default false
   */
  readonly requireLowercase?: boolean;
  /**
   * Whether passwords need an uppercase letter.
   * @default false
   */
  readonly requireUppercase?: boolean;
  /**
   * Whether passwords need a digit.
   * @default false
   */
  readonly requireDigits?: boolean;
  /**
   * Whether passwords need a symbol.
   * @default false
   */
  readonly requireSymbols?: boolean;
}

/** The message that sends users their verification code. */
export interface BackendAuthUserVerification {
  /**
   * How the code is sent.
   * @default - by SMS when users sign in with their phone number only, by email otherwise
   */
  readonly deliveryMethod?: VerificationDeliveryMethod;
  /**
   * Subject of the email: 1 to 140 characters.
   * @default - the service's subject
   */
  readonly emailSubject?: string;
  /**
   * Body of the email, with `{####}` where the code goes: 6 to 20,000 characters.
   * @default - the service's message
   */
  readonly emailBody?: string;
  /**
   * Text message, with `{####}` where the code goes: 6 to 140 characters.
   * @default - the service's message
   */
  readonly smsMessage?: string;
}

/**
 * A social identity provider that identifies the app with a client id and a client secret
 * (Google, Facebook, Login with Amazon).
 */
export interface BackendAuthSocialProvider {
  /** The client id (Facebook: the app id) the provider issued for the app. */
  readonly clientId: string;
  /**
   * The client secret (Facebook: the app secret), in AWS Secrets Manager: `SecretValue.secretsManager(arn, { jsonField })`,
   * or `secret.secretValue` / `secret.secretValueFromJson(field)` of an `ISecret`. The handler reads it at deploy time:
   * the template holds only the secret's ARN, and the handler's role may read exactly this secret. A plain-text value
   * is refused at synth. A secret encrypted with a customer managed key also needs
   * `key.grantDecrypt(provider.handlerRole)`. A new value in the same secret is read at the next deployment that
   * changes the auth resource.
   */
  readonly clientSecretValue: SecretValue;
}

/** Sign in with Apple. */
export interface BackendAuthAppleProvider {
  /** The Services ID registered with Apple. */
  readonly clientId: string;
  /** The Apple developer team id: 10 capital letters and digits. */
  readonly teamId: string;
  /** The id of the private key: 10 capital letters and digits. */
  readonly keyId: string;
  /**
   * The private key (the contents of the `.p8` file), in AWS Secrets Manager, given as
   * `clientSecretValue` is for the other providers; read by the handler at deploy time, never written to the template.
   */
  readonly privateKeyValue: SecretValue;
}

/** The hosted UI: OAuth settings and the social identity providers users may sign in with. */
export interface BackendAuthOAuth {
  /**
   * Prefix of the hosted UI's domain (`<prefix>.auth.<region>.amazoncognito.com`): 1 to 63 lowercase
   * letters, digits and hyphens, not starting or ending with a hyphen, without `aws`, `amazon` or `cognito`.
   * @default - the service chooses one
   */
  readonly domainPrefix?: string;
  /** Where the hosted UI may send users after they sign in, e.g. `https://example.com/` or `myapp://`. At least one. */
  readonly callbackUrls: string[];
  /** Where the hosted UI may send users after they sign out. At least one. */
  readonly logoutUrls: string[];
  /**
   * The OAuth grant.
   * @default OAuthGrantType.CODE
   */
  readonly grantType?: OAuthGrantType;
  /**
   * Scopes the hosted UI may grant.
   * @default - all of them, as the Amplify CLI sets up
   */
  readonly scopes?: BackendOAuthScope[];
  /**
   * Sign in with Google.
   * @default - not offered
   */
  readonly google?: BackendAuthSocialProvider;
  /**
   * Sign in with Facebook.
   * @default - not offered
   */
  readonly facebook?: BackendAuthSocialProvider;
  /**
   * Login with Amazon.
   * @default - not offered
   */
  readonly amazon?: BackendAuthSocialProvider;
  /**
   * Sign in with Apple.
   * @default - not offered
   */
  readonly apple?: BackendAuthAppleProvider;
}
