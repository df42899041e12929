/**
 * Auth settings as the handler compares them: what the template declares and what GetBackendAuth
 * reports, secrets left out; which of them the API can change in place and which need a new resource.
 */
import type { Environment } from './jobs';
import type { SecretReference } from '../src/private/contract';

export const SIGN_IN_METHODS = ['EMAIL', 'EMAIL_AND_PHONE_NUMBER', 'PHONE_NUMBER', 'USERNAME'] as const;
export const SIGN_UP_ATTRIBUTES = [
  'ADDRESS', 'BIRTHDATE', 'EMAIL', 'FAMILY_NAME', 'GENDER', 'GIVEN_NAME', 'LOCALE', 'MIDDLE_NAME', 'NAME',
  'NICKNAME', 'PHONE_NUMBER', 'PICTURE', 'PREFERRED_USERNAME', 'PROFILE', 'UPDATED_AT', 'WEBSITE', 'ZONE_INFO',
] as const;
export const CONSTRAINTS = ['REQUIRE_DIGIT', 'REQUIRE_LOWERCASE', 'REQUIRE_SYMBOL', 'REQUIRE_UPPERCASE'] as const;
export const MFA_MODES = ['OFF', 'ON', 'OPTIONAL'] as const;
export const MFA_TYPES = ['SMS', 'TOTP'] as const;
export const DELIVERY_METHODS = ['EMAIL', 'SMS'] as const;
export const GRANT_TYPES = ['CODE', 'IMPLICIT'] as const;
export const SCOPES = ['PHONE', 'EMAIL', 'OPENID', 'PROFILE', 'AWS_COGNITO_SIGNIN_USER_ADMIN'] as const;
/** The social providers, as the API names them (and the template's properties do). */
export const PROVIDERS = ['Google', 'Facebook', 'LoginWithAmazon', 'SignInWithApple'] as const;
export type Provider = typeof PROVIDERS[number];

export const WITH_IDENTITY_POOL = 'IDENTITY_POOL_AND_USER_POOL' as const;
export const USER_POOL_ONLY = 'USER_POOL_ONLY' as const;

/** A social provider's settings that are not secret: what the service may report back and the handler compares. */
export interface ProviderSettings {
  readonly clientId: string;
  readonly teamId?: string;
  readonly keyId?: string;
}

/** The OAuth settings, secrets left out. */
export interface OAuthSettings {
  readonly grantType: string;
  readonly scopes: string[];
  readonly callbackUrls: string[];
  readonly logoutUrls: string[];
  readonly domainPrefix?: string;
  readonly providers: Partial<Record<Provider, ProviderSettings>>;
}

/**
 * An auth resource's settings as the template declares them or GetBackendAuth reports them. Secrets
 * are never among them: the handler reads them only to send them.
 */
export interface AuthSettings {
  readonly userPoolName: string;
  readonly signInMethod: string;
  readonly requiredSignUpAttributes: string[];
  readonly passwordPolicy?: { readonly minimumLength: number; readonly additionalConstraints: string[] };
  readonly mfa?: { readonly mode: string; readonly types: string[]; readonly smsMessage?: string };
  readonly verificationMessage?: {
    readonly deliveryMethod: string;
    readonly emailSubject?: string;
    readonly emailMessage?: string;
    readonly smsMessage?: string;
  };
  /** Absent: a user pool only. */
  readonly identityPool?: { readonly name: string; readonly allowGuests: boolean };
  readonly oAuth?: OAuthSettings;
}

/** An auth resource as the template declares it: its settings, and where its secrets are. */
export interface AuthSpec extends Environment {
  readonly resourceName: string;
  readonly settings: AuthSettings;
  readonly secrets: Partial<Record<Provider, SecretReference>>;
}

/**
 * The settings the API cannot change (UpdateBackendAuth has no field for them, or cannot remove OAuth):
 * an auth resource that still has the old ones is replaced.
 */
export interface FixedSettings {
  readonly userPoolName: string;
  readonly signInMethod: string;
  readonly requiredSignUpAttributes: string[];
  /** Only when the old resource has an identity pool. */
  readonly identityPoolName?: string;
  readonly oAuth: boolean;
}

/** An auth resource as GetBackendAuth reports it. */
export interface ObservedAuthResource {
  readonly authResources: string;
  readonly settings: AuthSettings;
}

/** Whether two lists hold the same values, in any order. */
export const sameSet = (a: readonly string[] = [], b: readonly string[] = []) => new Set(a).size === new Set(b).size && a.every((x) => b.includes(x));

export function fixedSettings(settings: AuthSettings): FixedSettings {
  return {
    userPoolName: settings.userPoolName,
    signInMethod: settings.signInMethod,
    requiredSignUpAttributes: settings.requiredSignUpAttributes,
    identityPoolName: settings.identityPool?.name,
    oAuth: settings.oAuth !== undefined,
  };
}

/** Whether an observed auth resource is still the old one of a replacement. */
export function hasFixedSettings(found: AuthSettings, fixed: FixedSettings): boolean {
  return found.userPoolName === fixed.userPoolName
    && found.signInMethod === fixed.signInMethod
    && sameSet(found.requiredSignUpAttributes, fixed.requiredSignUpAttributes)
    && (fixed.identityPoolName === undefined || found.identityPool?.name === fixed.identityPoolName)
    && (found.oAuth !== undefined) === fixed.oAuth;
}

/** The settings UpdateBackendAuth changes, with where the secrets are: what an Update request must send when it changes. */
export function inPlaceSettings(spec: AuthSpec): unknown {
  const { passwordPolicy, mfa, verificationMessage, identityPool, oAuth } = spec.settings;
  const guests = identityPool?.allowGuests;
  return { passwordPolicy, mfa, verificationMessage, identityPool: identityPool !== undefined, guests, oAuth, secrets: spec.secrets };
}

/** Pure: whether what the service reports differs from what is wanted, in any setting the spec gives. */
export function differs(want: AuthSettings, found: ObservedAuthResource): boolean {
  const { settings: have } = found;
  const given = (wanted: string | undefined, had: string | undefined) => wanted !== undefined && wanted !== had;
  if (found.authResources !== (want.identityPool ? WITH_IDENTITY_POOL : USER_POOL_ONLY)) return true;
  if (want.identityPool && want.identityPool.allowGuests !== have.identityPool?.allowGuests) return true;
  if (want.passwordPolicy && (want.passwordPolicy.minimumLength !== have.passwordPolicy?.minimumLength
    || !sameSet(want.passwordPolicy.additionalConstraints, have.passwordPolicy?.additionalConstraints))) return true;
  if (want.mfa && (want.mfa.mode !== have.mfa?.mode
    || (want.mfa.mode !== 'OFF' && (!sameSet(want.mfa.types, have.mfa.types) || given(want.mfa.smsMessage, have.mfa.smsMessage))))) return true;
  const message = want.verificationMessage;
  if (message && (message.deliveryMethod !== have.verificationMessage?.deliveryMethod
    || given(message.emailSubject, have.verificationMessage.emailSubject)
    || given(message.emailMessage, have.verificationMessage.emailMessage)
    || given(message.smsMessage, have.verificationMessage.smsMessage))) return true;
  const oAuth = want.oAuth;
  if (!oAuth) return false;
  const had = have.oAuth;
  if (!had || oAuth.grantType !== had.grantType || !sameSet(oAuth.scopes, had.scopes) || given(oAuth.domainPrefix, had.domainPrefix)
    || !sameSet(oAuth.callbackUrls, had.callbackUrls) || !sameSet(oAuth.logoutUrls, had.logoutUrls)) return true;
  return PROVIDERS.some((name) => {
    const provider = oAuth.providers[name];
    const reported = had.providers[name];
    return provider !== undefined
      && (provider.clientId !== reported?.clientId || provider.teamId !== reported.teamId || provider.keyId !== reported.keyId);
  });
}

/**
 * Settings named and shaped as the template's properties name them (`PasswordPolicy.MinimumLength`), secrets left
 * out: what drift compares with the declared properties, and what a takeover compares with the declared settings.
 */
export function settingsAsProperties(settings: AuthSettings): Record<string, unknown> {
  const { passwordPolicy, mfa, verificationMessage: message, identityPool, oAuth } = settings;
  return {
    UserPoolName: settings.userPoolName,
    SignInMethod: settings.signInMethod,
    RequiredSignUpAttributes: settings.requiredSignUpAttributes,
    PasswordPolicy: passwordPolicy && { MinimumLength: passwordPolicy.minimumLength, AdditionalConstraints: passwordPolicy.additionalConstraints },
    Mfa: mfa && { Mode: mfa.mode, Types: mfa.types, SmsMessage: mfa.smsMessage },
    VerificationMessage: message && {
      DeliveryMethod: message.deliveryMethod,
      EmailSubject: message.emailSubject,
      EmailMessage: message.emailMessage,
      SmsMessage: message.smsMessage,
    },
    IdentityPool: identityPool && { Name: identityPool.name, AllowGuests: identityPool.allowGuests },
    OAuth: oAuth && oAuthAsProperties(oAuth),
  };
}

function oAuthAsProperties(oAuth: OAuthSettings): Record<string, unknown> {
  const providers = Object.entries(oAuth.providers)
    .map(([name, provider]) => [name, { ClientId: provider.clientId, TeamId: provider.teamId, KeyId: provider.keyId }]);
  return {
    GrantType: oAuth.grantType,
    Scopes: oAuth.scopes,
    CallbackUrls: oAuth.callbackUrls,
    LogoutUrls: oAuth.logoutUrls,
    DomainPrefix: oAuth.domainPrefix,
    ...Object.fromEntries(providers),
  };
}

/** One setting at a dotted property path (`IdentityPool.Name`), for a message: JSON, `(none)` when absent, `(set)` for an object. */
export function describeSetting(settings: AuthSettings, property: string): string {
  const value = property.split('.').reduce<unknown>(
    (at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), settingsAsProperties(settings));
  if (value === undefined) return '(none)';
  return typeof value === 'object' && !Array.isArray(value) ? '(set)' : JSON.stringify(value);
}
