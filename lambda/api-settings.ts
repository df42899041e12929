/**
 * An API's settings as the handler compares them: what the template declares and what GetBackendAPI reports, read
 * into one shape, and the service's resource config built from them.
 */
import type { BackendAPIAuthType, BackendAPIResourceConfig } from '@aws-sdk/client-amplifybackend';
import { sameSchema } from './api-schema';
import type { Environment } from './jobs';
import { enumValue, flag, InputError, optionalObject, optionalString, requiredObject, requiredString, wholeNumber } from './properties';
import { API_AUTHORIZATION_MODES, API_CONFLICT_RESOLUTIONS } from '../src/private/contract';

export const USER_POOLS = 'AMAZON_COGNITO_USER_POOLS';
const API_KEY = 'API_KEY';
const OPENID_CONNECT = 'OPENID_CONNECT';
/** The service an API is provisioned with, as Amplify's headless `add api` and amplify-meta name it. */
export const API_SERVICE = 'AppSync';

/** One authorization mode with the settings that apply to it. */
export interface ApiMode {
  readonly mode: string;
  /** AMAZON_COGNITO_USER_POOLS: absent in a spec means the environment's auth, read at deploy time. */
  readonly userPoolId?: string;
  readonly description?: string;
  readonly expirationDays?: number;
  readonly providerName?: string;
  readonly issuerUrl?: string;
  readonly clientId?: string;
  readonly tokenExpiryFromAuth?: number;
  readonly tokenExpiryFromIssue?: number;
}

/** What UpdateBackendAPI changes: everything an API has but its identity. */
export interface ApiSettings {
  readonly apiName: string;
  readonly schema: string;
  readonly defaultMode: ApiMode;
  /** In the order declared (or reported); each mode once. */
  readonly additionalModes: ApiMode[];
  /** Absent: conflict detection is off. */
  readonly conflictResolution?: string;
}

/** An API as the template declares it. */
export interface ApiSpec extends Environment {
  readonly resourceName: string;
  readonly settings: ApiSettings;
  readonly generateModels: boolean;
}

function optionalNumber(properties: Record<string, unknown>, key: string, path: string): number | undefined {
  return properties[key] === undefined || properties[key] === '' ? undefined : wholeNumber(properties, key, path);
}

function parseMode(mode: string, properties: Record<string, unknown>, path: string): ApiMode {
  return {
    mode,
    userPoolId: optionalString(properties, 'UserPoolId', path),
    description: optionalString(properties, 'Description', path),
    expirationDays: optionalNumber(properties, 'ExpirationDays', path),
    providerName: optionalString(properties, 'ProviderName', path),
    issuerUrl: optionalString(properties, 'IssuerUrl', path),
    clientId: optionalString(properties, 'ClientId', path),
    tokenExpiryFromAuth: optionalNumber(properties, 'TokenExpiryFromAuth', path),
    tokenExpiryFromIssue: optionalNumber(properties, 'TokenExpiryFromIssue', path),
  };
}

/** Reads `Custom::AmplifyBackendApi` properties; throws InputError for what the service would refuse. */
export function parseApiSpec(properties: Record<string, unknown>): ApiSpec {
  const defaultMode = requiredObject(properties, 'DefaultAuthorization');
  const additional = optionalObject(properties, 'AdditionalAuthorizations') ?? {};
  const additionalModes = Object.keys(additional).map((mode) => {
    if (!(API_AUTHORIZATION_MODES as readonly string[]).includes(mode)) {
      throw new InputError(`property AdditionalAuthorizations has the mode ${JSON.stringify(mode)}; allowed: ${API_AUTHORIZATION_MODES.join(', ')}`);
    }
    return parseMode(mode, requiredObject(additional, mode, 'AdditionalAuthorizations.'), `AdditionalAuthorizations.${mode}.`);
  });
  const conflictResolution = optionalString(properties, 'ConflictResolution');
  return {
    appId: requiredString(properties, 'AppId'),
    environmentName: requiredString(properties, 'EnvironmentName'),
    resourceName: requiredString(properties, 'ResourceName'),
    settings: {
      apiName: requiredString(properties, 'ApiName'),
      schema: requiredString(properties, 'Schema'),
      defaultMode: parseMode(enumValue(defaultMode, 'Mode', API_AUTHORIZATION_MODES, 'DefaultAuthorization.'), defaultMode, 'DefaultAuthorization.'),
      additionalModes,
      conflictResolution: conflictResolution === undefined ? undefined : enumValue(properties, 'ConflictResolution', API_CONFLICT_RESOLUTIONS),
    },
    generateModels: properties.GenerateModels === undefined || flag(properties, 'GenerateModels'),
  };
}

/** A mode with the user pool it uses: the spec's, else the environment's (`environmentUserPoolId`). */
export function withUserPool(mode: ApiMode, environmentUserPoolId: string | undefined): ApiMode {
  return mode.mode === USER_POOLS ? { ...mode, userPoolId: mode.userPoolId ?? environmentUserPoolId } : mode;
}

/** Every mode of the settings. */
export function modesOf(settings: ApiSettings): ApiMode[] {
  return [settings.defaultMode, ...settings.additionalModes];
}

/** What the service holds of a mode: the settings that apply to it, the others dropped. */
export function relevantSettings(mode: ApiMode): ApiMode {
  switch (mode.mode) {
    case USER_POOLS: return { mode: mode.mode, userPoolId: mode.userPoolId };
    case API_KEY: return { mode: mode.mode, description: mode.description, expirationDays: mode.expirationDays };
    case OPENID_CONNECT: {
      const { providerName, issuerUrl, clientId, tokenExpiryFromAuth, tokenExpiryFromIssue } = mode;
      return { mode: mode.mode, providerName, issuerUrl, clientId, tokenExpiryFromAuth, tokenExpiryFromIssue };
    }
    default: return { mode: mode.mode };
  }
}

/** Two modes are the same when every setting that applies to them is. */
function sameMode(a: ApiMode, b: ApiMode | undefined): boolean {
  if (!b) return false;
  const [x, y] = [relevantSettings(a), relevantSettings(b)] as unknown as Array<Record<string, unknown>>;
  return Object.keys({ ...x, ...y }).every((key) => (x[key] ?? undefined) === (y[key] ?? undefined));
}

/**
 * Pure: whether the API as reported differs from what is wanted, in anything UpdateBackendAPI changes. The wanted
 * modes' user pool is resolved to the environment's beforehand (`withUserPool`). The schemas are compared as
 * documents; additional modes as a set.
 */
export function differs(want: ApiSettings, found: ApiSettings): boolean {
  if (want.apiName !== found.apiName || !sameSchema(want.schema, found.schema)) return true;
  if ((want.conflictResolution ?? undefined) !== (found.conflictResolution ?? undefined)) return true;
  if (!sameMode(want.defaultMode, found.defaultMode)) return true;
  if (want.additionalModes.length !== found.additionalModes.length) return true;
  return want.additionalModes.some((mode) => !sameMode(mode, found.additionalModes.find((other) => other.mode === mode.mode)));
}

/** The settings with every user-pool mode given the environment's user pool. */
export function resolvedSettings(settings: ApiSettings, environmentUserPoolId: string | undefined): ApiSettings {
  return {
    ...settings,
    defaultMode: withUserPool(settings.defaultMode, environmentUserPoolId),
    additionalModes: settings.additionalModes.map((mode) => withUserPool(mode, environmentUserPoolId)),
  };
}

function authType(mode: ApiMode): BackendAPIAuthType {
  const {
    userPoolId, description, expirationDays, providerName, issuerUrl, clientId, tokenExpiryFromAuth, tokenExpiryFromIssue,
  } = relevantSettings(mode);
  const settings = {
    CognitoUserPoolId: userPoolId,
    Description: description,
    ExpirationTime: expirationDays,
    OpenIDProviderName: providerName,
    OpenIDIssueURL: issuerUrl,
    OpenIDClientId: clientId,
    OpenIDAuthTTL: tokenExpiryFromAuth === undefined ? undefined : String(tokenExpiryFromAuth),
    OpenIDIatTTL: tokenExpiryFromIssue === undefined ? undefined : String(tokenExpiryFromIssue),
  };
  const given = Object.values(settings).some((value) => value !== undefined);
  return { Mode: mode.mode as BackendAPIAuthType['Mode'], Settings: given ? settings : undefined };
}

/** The resource config CreateBackendAPI and UpdateBackendAPI take, from resolved settings. */
export function resourceConfig(settings: ApiSettings): BackendAPIResourceConfig {
  return {
    ApiName: settings.apiName,
    Service: API_SERVICE,
    TransformSchema: settings.schema,
    DefaultAuthType: authType(settings.defaultMode),
    AdditionalAuthTypes: settings.additionalModes.map(authType),
    ConflictResolution: settings.conflictResolution === undefined
      ? undefined
      : { ResolutionStrategy: settings.conflictResolution as NonNullable<BackendAPIResourceConfig['ConflictResolution']>['ResolutionStrategy'] },
  };
}

/** A TTL the service reports as text, as a number of milliseconds. */
function milliseconds(value: string | undefined): number | undefined {
  return value === undefined || value === '' || Number.isNaN(Number(value)) ? undefined : Number(value);
}

function reportedMode(type: BackendAPIAuthType | undefined): ApiMode {
  const settings = type?.Settings;
  return {
    mode: type?.Mode ?? '',
    userPoolId: settings?.CognitoUserPoolId,
    description: settings?.Description,
    expirationDays: settings?.ExpirationTime,
    providerName: settings?.OpenIDProviderName,
    issuerUrl: settings?.OpenIDIssueURL,
    clientId: settings?.OpenIDClientId,
    tokenExpiryFromAuth: milliseconds(settings?.OpenIDAuthTTL),
    tokenExpiryFromIssue: milliseconds(settings?.OpenIDIatTTL),
  };
}

/** The settings GetBackendAPI reports. */
export function reportedSettings(config: BackendAPIResourceConfig | undefined): ApiSettings {
  return {
    apiName: config?.ApiName ?? '',
    schema: config?.TransformSchema ?? '',
    defaultMode: reportedMode(config?.DefaultAuthType),
    additionalModes: (config?.AdditionalAuthTypes ?? []).map(reportedMode),
    conflictResolution: config?.ConflictResolution?.ResolutionStrategy,
  };
}
