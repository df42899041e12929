import { CfnDeletionPolicy, RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct, IConstruct } from 'constructs';
import {
  BackendAuthAppleProvider,
  BackendAuthOAuth,
  BackendAuthPasswordPolicy,
  BackendAuthSocialProvider,
  BackendAuthUserVerification,
  BackendOAuthScope,
  OAuthGrantType,
  SignInMethod,
  SignUpAttribute,
  VerificationDeliveryMethod,
} from './auth-settings';
import { BackendAuthAttributes, BackendAuthBase, IBackendAuth } from './backend-auth';
import { IBackendEnvironment } from './i-backend-environment';
import { backendResource, deletionPolicyOf } from './private/backend-resource';
import {
  AppleProviderProperties, AUTH_ATTRIBUTES, AUTH_RESOURCE_TYPE, AuthResourceProperties, OAuthProperties, SocialProviderProperties,
} from './private/contract';
import { EnvironmentChains } from './private/environment-chain';
import {
  amplifyProvider, checkProps, enumValue, environment, flag, optional, PropRules, removalPolicy, required, secretValue, struct, text, textList,
  wholeNumber,
} from './private/props';
import { secretReference } from './private/secret-reference';
import {
  validateAppleId, validateClientId, validateCodeMessage, validateDomainPrefix, validateEnumList, validateEnumValue,
  validateIdentityPoolName, validateResourceName, validateText, validateUrlList, validateUserPoolName, validateWholeNumber,
} from './private/validate';
import { AmplifyBackendProvider, IAmplifyBackendProvider } from './provider';

/** The AmplifyBackend operations the handler calls for created auth, on the app's backend. */
const AUTH_OPERATIONS = [
  'CreateBackendAuth', 'UpdateBackendAuth', 'DeleteBackendAuth', 'GetBackendAuth', 'GetBackend', 'GetBackendJob', 'ListBackendJobs',
];

/**
 * Auth in an environment, as `backend.addAuth(id, options)` takes it.
 *
 * Each setting says what changing it does. "In place" settings are changed with UpdateBackendAuth and keep
 * the user pool and its users. Settings the API cannot change replace the auth resource: the old one is
 * removed first (an environment holds one auth resource), and its user pool with every user in it goes
 * with it, whatever `removalPolicy` says; the service refuses that while the environment has storage.
 */
export interface BackendAuthOptions {
  /** Name of the auth resource inside the environment (1 to 128 letters and digits). Changing it replaces the auth resource. */
  readonly resourceName: string;
  /**
   * Name of the Cognito user pool: letters, digits, spaces and `+ = , . @ _ -`, at most 127 characters less the
   * environment name's length (the service appends `-<environment>`). Changing it replaces the auth resource.
   * @default - `<resourceName>_userpool`
   */
  readonly userPoolName?: string;
  /**
   * How users sign in. Changing it replaces the auth resource.
   * @default SignInMethod.EMAIL
   */
  readonly signInMethod?: SignInMethod;
  /**
   * Standard attributes users must give when they sign up. Changing them replaces the auth resource.
   * @default - the sign-in attributes: PHONE_NUMBER for PHONE_NUMBER, EMAIL and PHONE_NUMBER for EMAIL_AND_PHONE_NUMBER, EMAIL otherwise
   */
  readonly requiredSignUpAttributes?: SignUpAttribute[];
  /**
   * Password rules. Changed in place.
   * @default - at least 8 characters, nothing else required
   */
  readonly passwordPolicy?: BackendAuthPasswordPolicy;
  /**
   * Whether users need a second factor to sign in. Changed in place.
   * @default cognito.Mfa.OFF
   */
  readonly mfa?: cognito.Mfa;
  /**
   * The second factors users may use (SMS and TOTP; the API offers no email factor). Changed in place.
   * @default - SMS only, when `mfa` is not OFF
   */
  readonly mfaSecondFactor?: cognito.MfaSecondFactor;
  /**
   * Text message that sends the SMS second factor, with `{####}` where the code goes: 6 to 140 characters. Changed in place.
   * @default - the service's message
   */
  readonly mfaMessage?: string;
  /**
   * The message that sends users their verification code. Changed in place.
   * @default - by SMS when users sign in with their phone number only, by email otherwise, with the service's texts
   */
  readonly userVerification?: BackendAuthUserVerification;
  /**
   * Whether the auth resource has a Cognito identity pool, through which signed-in users (and guests, if
   * allowed) get AWS credentials, e.g. for storage. Added or removed in place.
   * @default true
   */
  readonly identityPool?: boolean;
  /**
   * Name of the identity pool: letters, digits and underscores, at most 126 characters less the environment name's
   * length (the service appends `__<environment>`). Used when the auth resource is created with one (an identity
   * pool added later is named by the service); changing it while the identity pool exists replaces the auth resource.
   * @default - `<resourceName>_identitypool`
   */
  readonly identityPoolName?: string;
  /**
   * Whether the identity pool gives guests (unauthenticated users) credentials too; storage permissions
   * for guests need it. Needs `identityPool`. Changed in place.
   * @default false
   */
  readonly allowUnauthenticatedIdentities?: boolean;
  /**
   * The hosted UI and its social identity providers (Google, Facebook, Login with Amazon, Sign in with
   * Apple), whose secrets are read from AWS Secrets Manager at deploy time. Added and changed in place;
   * removing it replaces the auth resource (the API cannot remove it).
   * @default - no hosted UI
   */
  readonly oAuth?: BackendAuthOAuth;
  /**
   * Whether auth of this `resourceName` that already exists in the environment (made in the console or Amplify Studio,
   * with the Amplify CLI, or outside this stack) is taken over as declared: settings that differ and can change in
   * place are updated, and the stack never removes it (its physical id ends in ` (adopted)`, and removing it from the
   * stack only forgets it, whatever `removalPolicy` says). Settings that would replace it (user pool name, sign-in
   * method, required attributes, identity pool name, removing OAuth) must be declared as they are: a takeover or a
   * later change that would replace auth taken over, removing a user pool the stack did not make, is refused before
   * anything starts, as is a new `resourceName`. Without it, existing auth of that name is refused, so that no two
   * owners manage one user pool. Auth that does not exist is created either way, and is then the stack's own.
   * @default false
   */
  readonly adopt?: boolean;
  /**
   * What happens to the auth resource when it leaves the stack. `DESTROY` removes it, and its user pool
   * with every user in it; `RETAIN` leaves it in the environment. An environment that the stack removes
   * (DESTROY) takes it along whatever this says, so there the default is DESTROY, and RETAIN gets a synth
   * warning. SNAPSHOT is refused.
   * @default - RemovalPolicy.DESTROY in an environment that this app creates with RemovalPolicy.DESTROY
   * (declared before the auth), RemovalPolicy.RETAIN otherwise
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * The provider that runs this resource's jobs.
   * @default - the stack's default provider (`AmplifyBackendProvider.defaultFor`)
   */
  readonly provider?: IAmplifyBackendProvider;
}

/** Properties of `AmplifyBackendAuth`. */
export interface AmplifyBackendAuthProps extends BackendAuthOptions {
  /** The environment the auth belongs to; it must exist before the auth is created. */
  readonly backend: IBackendEnvironment;
}

/**
 * The auth category of an Amplify backend environment, created through the AmplifyBackend API
 * (`Custom::AmplifyBackendAuth`, physical id `<appId>/<environment>/<resourceName>`): a Cognito user pool
 * with a web and a native app client, and an identity pool unless `identityPool` is false. Storage in
 * the same environment waits for it. Social sign-in secrets stay in AWS Secrets Manager: the handler
 * reads them at deploy time, and they never appear in the template, the handler's logs or the
 * resource's attributes. Its ids are the custom resource's attributes, as the environment reports them
 * once the job has completed; `identityPoolId` is undefined with `identityPool: false`.
 */
export class AmplifyBackendAuth extends BackendAuthBase {
  /** References auth that exists already. Nothing is created or removed. */
  public static fromAuthAttributes(scope: Construct, id: string, attrs: BackendAuthAttributes): IBackendAuth {
    class Import extends BackendAuthBase {
      constructor() {
        super(scope, id);
        this._link(checkProps(this, 'AmplifyBackendAuth.fromAuthAttributes', attrs, ATTRIBUTE_RULES));
      }
    }
    return new Import();
  }

  /** The environment the auth belongs to. */
  public readonly backend: IBackendEnvironment;

  constructor(scope: Construct, id: string, props: AmplifyBackendAuthProps) {
    super(scope, id);
    props = checkProps(this, 'AmplifyBackendAuth', props, PROP_RULES);
    const hasIdentityPool = props.identityPool ?? true;
    const guests = props.allowUnauthenticatedIdentities ?? false;
    const chains = EnvironmentChains.of(this);
    const environmentCreator = chains.claimAuth(this, props.backend, !hasIdentityPool ? 'has no identity pool (identityPool is false)'
      : guests ? undefined : 'does not allow unauthenticated identities (allowUnauthenticatedIdentities is false)') ?? props.backend;
    const provider = props.provider ?? AmplifyBackendProvider.defaultFor(this);
    provider.allowOperations(props.backend.appId, AUTH_OPERATIONS);
    const properties = authProperties(this, props, provider);

    const resource = backendResource(this, {
      provider,
      resourceType: AUTH_RESOURCE_TYPE,
      // Removed with its environment anyway: RETAIN would only skip the DeleteBackendAuth before DeleteBackend.
      removalPolicy: props.removalPolicy
        ?? (deletionPolicyOf(environmentCreator) === CfnDeletionPolicy.DELETE ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN),
      removal: { destroy: 'DeleteBackendAuth removes the auth and its user pool with every user', retain: 'the auth stays in the environment' },
      properties,
    });
    chains.joinFirst(resource, props.backend);
    this.backend = props.backend;
    this._link({
      resourceName: resource.getAttString(AUTH_ATTRIBUTES.resourceName),
      userPoolId: resource.getAttString(AUTH_ATTRIBUTES.userPoolId),
      webClientId: resource.getAttString(AUTH_ATTRIBUTES.webClientId),
      nativeClientId: resource.getAttString(AUTH_ATTRIBUTES.nativeClientId),
      identityPoolId: hasIdentityPool ? resource.getAttString(AUTH_ATTRIBUTES.identityPoolId) : undefined,
    });
  }
}

const SOCIAL_PROVIDER = (name: string) => optional(struct<BackendAuthSocialProvider>(`BackendAuthSocialProvider (${name})`, {
  clientId: required(text(`the client id ${name} issued`)),
  clientSecretValue: required(secretValue),
}));
const PROP_RULES: PropRules<AmplifyBackendAuthProps> = {
  backend: required(environment),
  resourceName: required(text('the auth resource\'s name')),
  userPoolName: optional(text('the user pool\'s name')),
  signInMethod: optional(enumValue('SignInMethod')),
  requiredSignUpAttributes: optional(textList('SignUpAttribute values')),
  passwordPolicy: optional(struct<BackendAuthPasswordPolicy>('BackendAuthPasswordPolicy', {
    minLength: optional(wholeNumber),
    requireLowercase: optional(flag),
    requireUppercase: optional(flag),
    requireDigits: optional(flag),
    requireSymbols: optional(flag),
  })),
  mfa: optional(enumValue('cognito.Mfa')),
  mfaSecondFactor: optional(struct<cognito.MfaSecondFactor>('cognito.MfaSecondFactor', {
    sms: required(flag),
    otp: required(flag),
    email: optional(flag),
  })),
  mfaMessage: optional(text('the SMS text with {####}')),
  userVerification: optional(struct<BackendAuthUserVerification>('BackendAuthUserVerification', {
    deliveryMethod: optional(enumValue('VerificationDeliveryMethod')),
    emailSubject: optional(text('the email\'s subject')),
    emailBody: optional(text('the email\'s body with {####}')),
    smsMessage: optional(text('the text message with {####}')),
  })),
  identityPool: optional(flag),
  identityPoolName: optional(text('the identity pool\'s name')),
  allowUnauthenticatedIdentities: optional(flag),
  oAuth: optional(struct<BackendAuthOAuth>('BackendAuthOAuth', {
    domainPrefix: optional(text('the hosted UI\'s domain prefix')),
    callbackUrls: required(textList('URLs')),
    logoutUrls: required(textList('URLs')),
    grantType: optional(enumValue('OAuthGrantType')),
    scopes: optional(textList('BackendOAuthScope values')),
    google: SOCIAL_PROVIDER('Google'),
    facebook: SOCIAL_PROVIDER('Facebook'),
    amazon: SOCIAL_PROVIDER('Login with Amazon'),
    apple: optional(struct<BackendAuthAppleProvider>('BackendAuthAppleProvider', {
      clientId: required(text('the Services ID registered with Apple')),
      teamId: required(text('the Apple team id')),
      keyId: required(text('the id of the private key')),
      privateKeyValue: required(secretValue),
    })),
  })),
  adopt: optional(flag),
  removalPolicy: optional(removalPolicy),
  provider: optional(amplifyProvider),
};

const ATTRIBUTE_RULES: PropRules<BackendAuthAttributes> = {
  resourceName: required(text('the auth resource\'s name')),
  userPoolId: required(text('the user pool id')),
  webClientId: required(text('the web app client id')),
  nativeClientId: required(text('the native app client id')),
  identityPoolId: optional(text('the identity pool id')),
};

const SIGN_IN_METHODS: string[] = Object.values(SignInMethod);
const SIGN_UP_ATTRIBUTES: string[] = Object.values(SignUpAttribute);
const MFA_MODES: string[] = Object.values(cognito.Mfa);
const DELIVERY_METHODS: string[] = Object.values(VerificationDeliveryMethod);
const GRANT_TYPES: string[] = Object.values(OAuthGrantType);
const SCOPES: string[] = Object.values(BackendOAuthScope);

/** The properties the handler gets: every default filled in, every value checked, secrets as references. */
function authProperties(scope: IConstruct, props: AmplifyBackendAuthProps, provider: IAmplifyBackendProvider): AuthResourceProperties {
  validateResourceName(scope, props.resourceName);
  const environmentName = props.backend.environmentName;
  const userPoolName = props.userPoolName ?? `${props.resourceName}_userpool`;
  validateUserPoolName(scope, userPoolName, environmentName, props.userPoolName === undefined);
  const signInMethod = props.signInMethod ?? SignInMethod.EMAIL;
  validateEnumValue(scope, 'signInMethod', signInMethod, SIGN_IN_METHODS);
  const attributes = props.requiredSignUpAttributes ?? defaultAttributes(signInMethod);
  validateEnumList(scope, 'requiredSignUpAttributes', attributes, SIGN_UP_ATTRIBUTES, true);
  return {
    AppId: props.backend.appId,
    EnvironmentName: props.backend.environmentName,
    ResourceName: props.resourceName,
    UserPoolName: userPoolName,
    SignInMethod: signInMethod,
    RequiredSignUpAttributes: [...attributes],
    PasswordPolicy: passwordPolicy(scope, props.passwordPolicy ?? {}),
    Mfa: mfa(scope, props),
    VerificationMessage: verification(scope, props.userVerification ?? {}, signInMethod),
    IdentityPool: identityPool(scope, props),
    OAuth: props.oAuth && oAuth(scope, props.oAuth, environmentName, provider),
    Adopt: props.adopt ? true : undefined,
  };
}

function defaultAttributes(signInMethod: SignInMethod): SignUpAttribute[] {
  switch (signInMethod) {
    case SignInMethod.PHONE_NUMBER: return [SignUpAttribute.PHONE_NUMBER];
    case SignInMethod.EMAIL_AND_PHONE_NUMBER: return [SignUpAttribute.EMAIL, SignUpAttribute.PHONE_NUMBER];
    default: return [SignUpAttribute.EMAIL];
  }
}

function passwordPolicy(scope: IConstruct, policy: BackendAuthPasswordPolicy): AuthResourceProperties['PasswordPolicy'] {
  const minimumLength = policy.minLength ?? 8;
  validateWholeNumber(scope, 'passwordPolicy.minLength', minimumLength, 6, 99);
  const constraints: Array<[boolean | undefined, string]> = [
    [policy.requireDigits, 'REQUIRE_DIGIT'],
    [policy.requireLowercase, 'REQUIRE_LOWERCASE'],
    [policy.requireSymbols, 'REQUIRE_SYMBOL'],
    [policy.requireUppercase, 'REQUIRE_UPPERCASE'],
  ];
  return { MinimumLength: minimumLength, AdditionalConstraints: constraints.filter(([on]) => on).map(([, name]) => name) };
}

function mfa(scope: IConstruct, props: BackendAuthOptions): AuthResourceProperties['Mfa'] {
  const mode = props.mfa ?? cognito.Mfa.OFF;
  validateEnumValue(scope, 'mfa', mode, MFA_MODES);
  const where = scope.node.path;
  if (mode === cognito.Mfa.OFF) {
    if (props.mfaSecondFactor || props.mfaMessage !== undefined) {
      throw new Error(`Invalid mfaSecondFactor/mfaMessage at ${where}: mfa is OFF; set mfa to OPTIONAL or REQUIRED, or leave them out.`);
    }
    return { Mode: mode, Types: [] };
  }
  const factor = props.mfaSecondFactor ?? { sms: true, otp: false };
  if (factor.email) throw new Error(`Invalid mfaSecondFactor at ${where}: email is not a second factor the AmplifyBackend API offers; use sms and/or otp.`);
  const types = [...(factor.sms ? ['SMS'] : []), ...(factor.otp ? ['TOTP'] : [])];
  if (types.length === 0) throw new Error(`Invalid mfaSecondFactor at ${where}: with mfa ${mode}, enable sms, otp or both.`);
  if (props.mfaMessage !== undefined) validateCodeMessage(scope, 'mfaMessage', props.mfaMessage, 140);
  return { Mode: mode, Types: types, SmsMessage: props.mfaMessage };
}

function verification(
  scope: IConstruct, config: BackendAuthUserVerification, signInMethod: SignInMethod,
): AuthResourceProperties['VerificationMessage'] {
  const byPhone = signInMethod === SignInMethod.PHONE_NUMBER;
  const deliveryMethod = config.deliveryMethod ?? (byPhone ? VerificationDeliveryMethod.SMS : VerificationDeliveryMethod.EMAIL);
  validateEnumValue(scope, 'userVerification.deliveryMethod', deliveryMethod, DELIVERY_METHODS);
  if (config.emailSubject !== undefined) validateText(scope, 'userVerification.emailSubject', config.emailSubject, 140);
  if (config.emailBody !== undefined) validateCodeMessage(scope, 'userVerification.emailBody', config.emailBody, 20_000);
  if (config.smsMessage !== undefined) validateCodeMessage(scope, 'userVerification.smsMessage', config.smsMessage, 140);
  return { DeliveryMethod: deliveryMethod, EmailSubject: config.emailSubject, EmailMessage: config.emailBody, SmsMessage: config.smsMessage };
}

function identityPool(scope: IConstruct, props: AmplifyBackendAuthProps): AuthResourceProperties['IdentityPool'] {
  if (props.identityPool === false) {
    if (props.allowUnauthenticatedIdentities || props.identityPoolName !== undefined) {
      throw new Error(`Invalid identityPool at ${scope.node.path}: it is false, so allowUnauthenticatedIdentities and identityPoolName have no identity pool to apply to.`);
    }
    return undefined;
  }
  const name = props.identityPoolName ?? `${props.resourceName}_identitypool`;
  validateIdentityPoolName(scope, name, props.backend.environmentName, props.identityPoolName === undefined);
  return { Name: name, AllowGuests: props.allowUnauthenticatedIdentities ?? false };
}

function oAuth(scope: IConstruct, config: BackendAuthOAuth, environmentName: string, provider: IAmplifyBackendProvider): OAuthProperties {
  if (config.domainPrefix !== undefined) validateDomainPrefix(scope, config.domainPrefix, environmentName);
  validateUrlList(scope, 'oAuth.callbackUrls', config.callbackUrls);
  validateUrlList(scope, 'oAuth.logoutUrls', config.logoutUrls);
  const grantType = config.grantType ?? OAuthGrantType.CODE;
  validateEnumValue(scope, 'oAuth.grantType', grantType, GRANT_TYPES);
  const scopes = config.scopes ?? Object.values(BackendOAuthScope);
  validateEnumList(scope, 'oAuth.scopes', scopes, SCOPES);
  const social = (name: string, settings: BackendAuthSocialProvider | undefined): SocialProviderProperties | undefined => {
    if (!settings) return undefined;
    validateClientId(scope, `oAuth.${name}.clientId`, settings.clientId);
    return { ClientId: settings.clientId, ClientSecret: readableSecret(scope, `oAuth.${name}.clientSecretValue`, settings.clientSecretValue, provider) };
  };
  return {
    GrantType: grantType,
    Scopes: [...scopes],
    CallbackUrls: [...config.callbackUrls],
    LogoutUrls: [...config.logoutUrls],
    DomainPrefix: config.domainPrefix,
    Google: social('google', config.google),
    Facebook: social('facebook', config.facebook),
    LoginWithAmazon: social('amazon', config.amazon),
    SignInWithApple: config.apple && apple(scope, config.apple, provider),
  };
}

function apple(scope: IConstruct, config: BackendAuthAppleProvider, provider: IAmplifyBackendProvider): AppleProviderProperties {
  validateClientId(scope, 'oAuth.apple.clientId', config.clientId);
  validateAppleId(scope, 'oAuth.apple.teamId', config.teamId);
  validateAppleId(scope, 'oAuth.apple.keyId', config.keyId);
  return {
    ClientId: config.clientId,
    TeamId: config.teamId,
    KeyId: config.keyId,
    PrivateKey: readableSecret(scope, 'oAuth.apple.privateKeyValue', config.privateKeyValue, provider),
  };
}

/** The secret's reference for the template; the handler may read exactly this secret. */
function readableSecret(scope: IConstruct, property: string, value: SecretValue, provider: IAmplifyBackendProvider) {
  const secret = secretReference(scope, property, value);
  provider.allowSecretRead(secret.policyArn);
  return secret.reference;
}
