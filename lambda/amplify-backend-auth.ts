import { isDeepStrictEqual } from 'util';
import {
  AmplifyBackendClient,
  CreateBackendAuthCommand,
  CreateBackendAuthOAuthConfig,
  CreateBackendAuthResourceConfig,
  DeleteBackendAuthCommand,
  GetBackendAuthCommand,
  SocialProviderSettings,
  UpdateBackendAuthCommand,
} from '@aws-sdk/client-amplifybackend';
import { amplifyMeta, authInMeta, MetaAuth } from './amplify-meta';
import { secretsManager } from './client';
import { classifyError } from './errors';
import { ResourceRequest } from './events';
import { Environment } from './jobs';
import { environmentOf, parseResourcePhysicalId, resourcePhysicalId, sameEnvironment } from './physical-id';
import {
  enumList, enumValue, flag, optionalObject, optionalString, requiredObject, requiredString, stringList, wholeNumber,
} from './properties';
import { jobCall, JobCall, Next, ResourceKind } from './reconcile';
import { isUnknown, RequestJobs, UnknownOutcome } from './request-jobs';
import { readSecret } from './secrets';
import { AUTH_ATTRIBUTES, SecretReference } from '../src/private/contract';

const SIGN_IN_METHODS = ['EMAIL', 'EMAIL_AND_PHONE_NUMBER', 'PHONE_NUMBER', 'USERNAME'] as const;
const SIGN_UP_ATTRIBUTES = [
  'ADDRESS', 'BIRTHDATE', 'EMAIL', 'FAMILY_NAME', 'GENDER', 'GIVEN_NAME', 'LOCALE', 'MIDDLE_NAME', 'NAME',
  'NICKNAME', 'PHONE_NUMBER', 'PICTURE', 'PREFERRED_USERNAME', 'PROFILE', 'UPDATED_AT', 'WEBSITE', 'ZONE_INFO',
] as const;
const CONSTRAINTS = ['REQUIRE_DIGIT', 'REQUIRE_LOWERCASE', 'REQUIRE_SYMBOL', 'REQUIRE_UPPERCASE'] as const;
const MFA_MODES = ['OFF', 'ON', 'OPTIONAL'] as const;
const MFA_TYPES = ['SMS', 'TOTP'] as const;
const DELIVERY_METHODS = ['EMAIL', 'SMS'] as const;
const GRANT_TYPES = ['CODE', 'IMPLICIT'] as const;
const SCOPES = ['PHONE', 'EMAIL', 'OPENID', 'PROFILE', 'AWS_COGNITO_SIGNIN_USER_ADMIN'] as const;
/** The social providers, as the API names them (and the template's properties do). */
const PROVIDERS = ['Google', 'Facebook', 'LoginWithAmazon', 'SignInWithApple'] as const;
type Provider = typeof PROVIDERS[number];

const WITH_IDENTITY_POOL = 'IDENTITY_POOL_AND_USER_POOL' as const;
const USER_POOL_ONLY = 'USER_POOL_ONLY' as const;

/** A social provider's settings that are not secret: what the service may report back and the handler compares. */
interface ProviderSettings {
  readonly clientId: string;
  readonly teamId?: string;
  readonly keyId?: string;
}

/** The OAuth settings, secrets left out. */
interface OAuthSettings {
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

/** What an auth request wants done in one environment. */
export interface AuthPlan {
  /** Undefined when there is nothing to do (a Delete whose id names no auth). */
  readonly env?: Environment;
  readonly physicalResourceId: string;
  /** Auth resources that must be gone before `ensure` is created (a rename): the service allows one per environment. */
  readonly remove: string[];
  /** The auth resource that must exist, with these settings. */
  readonly ensure?: AuthSpec;
  /** An auth resource named as `ensure` that still has these settings is the old one of a replacement: removed first. */
  readonly replaces?: FixedSettings;
  /** `ensure` is a new identity for this resource: finding it before anything started is a conflict. */
  readonly isNew: boolean;
  /**
   * The request changes settings that are updated in place. UpdateBackendAuth is sent even if the state
   * shows no difference, until this request's settings have reached the service: a new secret, or a
   * removed provider, does not show in what GetBackendAuth reports.
   */
  readonly update: boolean;
}

/** An auth resource as GetBackendAuth reports it. */
export interface ObservedAuthResource {
  readonly authResources: string;
  readonly settings: AuthSettings;
}

/** Every auth resource of the environment with its ids (GetBackend), and the settings of the one the plan wants (GetBackendAuth). */
export interface ObservedAuth {
  readonly inEnvironment: MetaAuth[];
  /** Absent when the environment has no auth resource of the wanted name. */
  readonly wanted?: ObservedAuthResource;
  /**
   * A CreateBackendAuth or UpdateBackendAuth job of this request completed (ListBackendJobs), read only
   * for a plan that must update and on a poll: this request's settings, secrets included, were sent.
   * Or why the job list could not tell.
   */
  readonly settingsSent?: boolean | UnknownOutcome;
}

function parseSecret(properties: Record<string, unknown>, key: string, path: string): SecretReference {
  const reference = requiredObject(properties, key, path);
  const where = `${path}${key}.`;
  return {
    SecretId: requiredString(reference, 'SecretId', where),
    JsonField: optionalString(reference, 'JsonField', where),
    VersionStage: optionalString(reference, 'VersionStage', where),
    VersionId: optionalString(reference, 'VersionId', where),
  };
}

function parseOAuth(properties: Record<string, unknown>): { settings?: OAuthSettings; secrets: AuthSpec['secrets'] } {
  const oAuth = optionalObject(properties, 'OAuth');
  if (!oAuth) return { secrets: {} };
  const providers: OAuthSettings['providers'] = {};
  const secrets: AuthSpec['secrets'] = {};
  for (const name of PROVIDERS) {
    const provider = optionalObject(oAuth, name, 'OAuth.');
    if (!provider) continue;
    const path = `OAuth.${name}.`;
    const apple = name === 'SignInWithApple';
    providers[name] = {
      clientId: requiredString(provider, 'ClientId', path),
      teamId: apple ? requiredString(provider, 'TeamId', path) : undefined,
      keyId: apple ? requiredString(provider, 'KeyId', path) : undefined,
    };
    secrets[name] = parseSecret(provider, apple ? 'PrivateKey' : 'ClientSecret', path);
  }
  return {
    settings: {
      grantType: enumValue(oAuth, 'GrantType', GRANT_TYPES, 'OAuth.'),
      scopes: enumList(oAuth, 'Scopes', SCOPES, 'OAuth.'),
      callbackUrls: stringList(oAuth, 'CallbackUrls', 'OAuth.'),
      logoutUrls: stringList(oAuth, 'LogoutUrls', 'OAuth.'),
      domainPrefix: optionalString(oAuth, 'DomainPrefix', 'OAuth.'),
      providers,
    },
    secrets,
  };
}

function parseSpec(properties: Record<string, unknown>): AuthSpec {
  const policy = requiredObject(properties, 'PasswordPolicy');
  const mfa = requiredObject(properties, 'Mfa');
  const verification = requiredObject(properties, 'VerificationMessage');
  const identityPool = optionalObject(properties, 'IdentityPool');
  const oAuth = parseOAuth(properties);
  return {
    appId: requiredString(properties, 'AppId'),
    environmentName: requiredString(properties, 'EnvironmentName'),
    resourceName: requiredString(properties, 'ResourceName'),
    settings: {
      userPoolName: requiredString(properties, 'UserPoolName'),
      signInMethod: enumValue(properties, 'SignInMethod', SIGN_IN_METHODS),
      requiredSignUpAttributes: enumList(properties, 'RequiredSignUpAttributes', SIGN_UP_ATTRIBUTES),
      passwordPolicy: {
        minimumLength: wholeNumber(policy, 'MinimumLength', 'PasswordPolicy.'),
        additionalConstraints: enumList(policy, 'AdditionalConstraints', CONSTRAINTS, 'PasswordPolicy.'),
      },
      mfa: {
        mode: enumValue(mfa, 'Mode', MFA_MODES, 'Mfa.'),
        types: enumList(mfa, 'Types', MFA_TYPES, 'Mfa.'),
        smsMessage: optionalString(mfa, 'SmsMessage', 'Mfa.'),
      },
      verificationMessage: {
        deliveryMethod: enumValue(verification, 'DeliveryMethod', DELIVERY_METHODS, 'VerificationMessage.'),
        emailSubject: optionalString(verification, 'EmailSubject', 'VerificationMessage.'),
        emailMessage: optionalString(verification, 'EmailMessage', 'VerificationMessage.'),
        smsMessage: optionalString(verification, 'SmsMessage', 'VerificationMessage.'),
      },
      identityPool: identityPool && {
        name: requiredString(identityPool, 'Name', 'IdentityPool.'),
        allowGuests: flag(identityPool, 'AllowGuests', 'IdentityPool.'),
      },
      oAuth: oAuth.settings,
    },
    secrets: oAuth.secrets,
  };
}

const sameSet = (a: readonly string[] = [], b: readonly string[] = []) => new Set(a).size === new Set(b).size && a.every((x) => b.includes(x));

function fixedSettings(settings: AuthSettings): FixedSettings {
  return {
    userPoolName: settings.userPoolName,
    signInMethod: settings.signInMethod,
    requiredSignUpAttributes: settings.requiredSignUpAttributes,
    identityPoolName: settings.identityPool?.name,
    oAuth: settings.oAuth !== undefined,
  };
}

/** Whether going from `old` to `now` needs a new auth resource: a fixed setting changed, or OAuth was removed. */
function needsReplacement(old: AuthSettings, now: AuthSettings): boolean {
  return old.userPoolName !== now.userPoolName
    || old.signInMethod !== now.signInMethod
    || !sameSet(old.requiredSignUpAttributes, now.requiredSignUpAttributes)
    || (old.identityPool !== undefined && now.identityPool !== undefined && old.identityPool.name !== now.identityPool.name)
    || (old.oAuth !== undefined && now.oAuth === undefined);
}

/** Whether an observed auth resource is still the old one of a replacement. */
function hasFixedSettings(found: AuthSettings, fixed: FixedSettings): boolean {
  return found.userPoolName === fixed.userPoolName
    && found.signInMethod === fixed.signInMethod
    && sameSet(found.requiredSignUpAttributes, fixed.requiredSignUpAttributes)
    && (fixed.identityPoolName === undefined || found.identityPool?.name === fixed.identityPoolName)
    && (found.oAuth !== undefined) === fixed.oAuth;
}

/** The settings UpdateBackendAuth changes, with where the secrets are: what an Update request must send when it changes. */
function inPlaceSettings(spec: AuthSpec): unknown {
  const { passwordPolicy, mfa, verificationMessage, identityPool, oAuth } = spec.settings;
  const guests = identityPool?.allowGuests;
  return { passwordPolicy, mfa, verificationMessage, identityPool: identityPool !== undefined, guests, oAuth, secrets: spec.secrets };
}

/** Pure: what a Create, Update or Delete of `Custom::AmplifyBackendAuth` wants. */
export function planAuth(request: ResourceRequest): AuthPlan {
  if (request.RequestType === 'Delete') {
    const ref = parseResourcePhysicalId(request.PhysicalResourceId);
    return { env: ref, physicalResourceId: request.PhysicalResourceId!, remove: ref ? [ref.resourceName] : [], isNew: false, update: false };
  }
  const spec = parseSpec(request.ResourceProperties);
  const base = { env: environmentOf(spec), physicalResourceId: resourcePhysicalId(spec, spec.resourceName), ensure: spec, update: false };
  if (request.RequestType === 'Create') return { ...base, remove: [], isNew: true };

  const old = parseSpec(request.OldResourceProperties ?? {});
  // The physical id already names the auth wanted: the rollback of a failed rename or move to another
  // environment (CloudFormation sends the old properties with the old id). It is this stack's auth, so
  // finding it is no conflict; what the failed update may have created under the other name is removed.
  const ours = request.PhysicalResourceId === base.physicalResourceId;
  // Another environment: an ordinary replacement; CloudFormation deletes the old id afterwards.
  if (!sameEnvironment(old, spec)) return { ...base, remove: [], isNew: !ours };
  // A rename: one auth per environment, so the old one is removed first and the later Delete of its id finds nothing.
  if (old.resourceName !== spec.resourceName) return { ...base, remove: [old.resourceName], isNew: !ours };
  // The same name: a replacement happens under the same id, so CloudFormation sends no Delete for it.
  return {
    ...base,
    remove: [],
    isNew: false,
    replaces: needsReplacement(old.settings, spec.settings) ? fixedSettings(old.settings) : undefined,
    update: !isDeepStrictEqual(inPlaceSettings(old), inPlaceSettings(spec)),
  };
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

/** Pure: the next step for an auth plan, given the auth resources observed. */
export function decideAuth(plan: AuthPlan, observed: ObservedAuth, firstLook: boolean): Next {
  const want = plan.ensure;
  const found = want && observed.wanted;
  if (want && found && plan.isNew && firstLook) {
    return refuse(`an auth resource named "${want.resourceName}" already exists in the environment; declare another resourceName, or remove the existing auth first`);
  }
  const leftover = plan.remove.find((name) => observed.inEnvironment.some((auth) => auth.resourceName === name));
  if (leftover !== undefined) return removeAuth(plan.env!, leftover);
  if (!want) return { kind: 'done', data: {} };
  const listed = observed.inEnvironment.find((auth) => auth.resourceName === want.resourceName);
  if (found && listed?.imported) {
    return refuse(`"${want.resourceName}" is imported auth (user pool ${listed.userPoolId ?? 'unknown'}); use ImportedBackendAuth for it`);
  }
  if (found && plan.replaces && hasFixedSettings(found.settings, plan.replaces)) return removeAuth(plan.env!, want.resourceName);
  if (!found) {
    const other = observed.inEnvironment.find((auth) => auth.resourceName !== want.resourceName);
    if (other) {
      return refuse(`the environment already has the auth resource "${other.resourceName}"${other.imported ? ' (imported)' : ''} and allows one; `
        + 'remove it first, or declare that one instead');
    }
    return createCall(want);
  }
  const sent = observed.settingsSent;
  if (plan.update && isUnknown(sent)) return refuse(`${sent.unknown}; nothing was started`);
  if ((plan.update && !sent) || differs(want.settings, found)) return updateCall(want);
  return {
    kind: 'done',
    data: {
      [AUTH_ATTRIBUTES.resourceName]: want.resourceName,
      [AUTH_ATTRIBUTES.userPoolId]: listed?.userPoolId ?? '',
      [AUTH_ATTRIBUTES.webClientId]: listed?.webClientId ?? '',
      [AUTH_ATTRIBUTES.nativeClientId]: listed?.nativeClientId ?? '',
      [AUTH_ATTRIBUTES.identityPoolId]: listed?.identityPoolId ?? '',
    },
  };
}

/**
 * Reads the environment's auth with its ids (GetBackend): whether a resource exists. The settings of the
 * wanted one are read only when the environment lists it (GetBackendAuth; not found means absent), so a
 * Delete reads once. A poll of a plan that must update reads the jobs too: whether its settings were sent.
 */
export async function observeAuth(client: AmplifyBackendClient, plan: AuthPlan, _firstLook: boolean, jobs?: RequestJobs): Promise<ObservedAuth> {
  const env = plan.env!;
  const inEnvironment = authInMeta(await amplifyMeta(client, env));
  const name = plan.ensure?.resourceName;
  const listed = name !== undefined && inEnvironment.some((auth) => auth.resourceName === name);
  const wanted = listed ? await readAuth(client, env, name) : undefined;
  const settingsSent = wanted && plan.update && jobs ? await sentByThisRequest(jobs) : undefined;
  return { inEnvironment, wanted, settingsSent };
}

/**
 * Whether this request's create or update of auth completed. The first poll sends UpdateBackendAuth; a
 * later one finds its job completed and does not send it again (a replacement's CreateBackendAuth sent
 * every setting already). A job without a readable createTime does not count, as for failures (so the
 * update would be sent again); neither does a search that gave up.
 */
async function sentByThisRequest(jobs: RequestJobs): Promise<boolean | UnknownOutcome> {
  for (const operation of ['UpdateBackendAuth', 'CreateBackendAuth']) {
    const job = await jobs.latest(operation, 'COMPLETED');
    if (job !== undefined) return isUnknown(job) ? job : true;
  }
  return false;
}

async function readAuth(client: AmplifyBackendClient, env: Environment, resourceName: string): Promise<ObservedAuthResource | undefined> {
  try {
    const { ResourceConfig: config } = await client.send(new GetBackendAuthCommand({
      AppId: env.appId,
      BackendEnvironmentName: env.environmentName,
      ResourceName: resourceName,
    }));
    return { authResources: config?.AuthResources ?? '', settings: reportedSettings(config) };
  } catch (error) {
    if (classifyError(error) === 'not-found') return undefined;
    throw error;
  }
}

/** GetBackendAuth's config as settings; whatever secrets it reports are dropped here. */
function reportedSettings(config: CreateBackendAuthResourceConfig | undefined): AuthSettings {
  const pool = config?.UserPoolConfigs;
  const identityPool = config?.IdentityPoolConfigs;
  return {
    userPoolName: pool?.UserPoolName ?? '',
    signInMethod: pool?.SignInMethod ?? '',
    requiredSignUpAttributes: pool?.RequiredSignUpAttributes ?? [],
    passwordPolicy: pool?.PasswordPolicy && {
      minimumLength: pool.PasswordPolicy.MinimumLength ?? 0,
      additionalConstraints: pool.PasswordPolicy.AdditionalConstraints ?? [],
    },
    mfa: pool?.Mfa && { mode: pool.Mfa.MFAMode ?? '', types: pool.Mfa.Settings?.MfaTypes ?? [], smsMessage: pool.Mfa.Settings?.SmsMessage },
    verificationMessage: pool?.VerificationMessage && {
      deliveryMethod: pool.VerificationMessage.DeliveryMethod ?? '',
      emailSubject: pool.VerificationMessage.EmailSettings?.EmailSubject,
      emailMessage: pool.VerificationMessage.EmailSettings?.EmailMessage,
      smsMessage: pool.VerificationMessage.SmsSettings?.SmsMessage,
    },
    identityPool: config?.AuthResources === WITH_IDENTITY_POOL
      ? { name: identityPool?.IdentityPoolName ?? '', allowGuests: identityPool?.UnauthenticatedLogin === true }
      : undefined,
    oAuth: pool?.OAuth && reportedOAuth(pool.OAuth),
  };
}

function reportedOAuth(oAuth: CreateBackendAuthOAuthConfig): OAuthSettings {
  const social = oAuth.SocialProviderSettings ?? {};
  const providers: OAuthSettings['providers'] = {};
  for (const name of PROVIDERS) {
    const provider = social[name] as { ClientId?: string; TeamId?: string; KeyId?: string } | undefined;
    if (!provider) continue;
    providers[name] = { clientId: provider.ClientId ?? '', teamId: provider.TeamId, keyId: provider.KeyId };
  }
  return {
    grantType: oAuth.OAuthGrantType ?? '',
    scopes: oAuth.OAuthScopes ?? [],
    callbackUrls: oAuth.RedirectSignInURIs ?? [],
    logoutUrls: oAuth.RedirectSignOutURIs ?? [],
    domainPrefix: oAuth.DomainPrefix,
    providers,
  };
}

/** The secret values of a spec, by provider. */
type SecretValues = Partial<Record<Provider, string>>;

const SECRET_NAMES: Record<Provider, string> = {
  Google: 'the Google client secret',
  Facebook: 'the Facebook app secret',
  LoginWithAmazon: 'the Login with Amazon client secret',
  SignInWithApple: 'the Sign in with Apple private key',
};

/** Reads every secret of the spec from Secrets Manager, just before the call that sends them. */
async function readSecrets(spec: AuthSpec): Promise<SecretValues> {
  const values: SecretValues = {};
  for (const name of PROVIDERS) {
    const reference = spec.secrets[name];
    if (reference) values[name] = await readSecret(secretsManager(), reference, SECRET_NAMES[name]);
  }
  return values;
}

/**
 * A call whose input carries secrets. `input` (for logs of decisions and tests) leaves them out; `send`
 * reads them from Secrets Manager and sends the whole input, so the values exist only for that call.
 */
function callWithSecrets<I extends object>(
  operation: string, Command: new (input: I) => object, spec: AuthSpec, build: (secrets: SecretValues) => I,
): JobCall {
  const { input } = jobCall(operation, Command, build({}));
  return {
    operation,
    input,
    send: async (client) => jobCall(operation, Command, build(await readSecrets(spec))).send(client),
  };
}

function oAuthConfig(spec: AuthSpec, secrets: SecretValues): CreateBackendAuthOAuthConfig | undefined {
  const oAuth = spec.settings.oAuth;
  if (!oAuth) return undefined;
  const social: SocialProviderSettings = {};
  for (const name of PROVIDERS) {
    const provider = oAuth.providers[name];
    if (!provider) continue;
    if (name === 'SignInWithApple') {
      social.SignInWithApple = { ClientId: provider.clientId, TeamId: provider.teamId, KeyId: provider.keyId, PrivateKey: secrets[name] };
    } else {
      social[name] = { ClientId: provider.clientId, ClientSecret: secrets[name] };
    }
  }
  return {
    OAuthGrantType: oAuth.grantType as CreateBackendAuthOAuthConfig['OAuthGrantType'],
    OAuthScopes: oAuth.scopes as CreateBackendAuthOAuthConfig['OAuthScopes'],
    RedirectSignInURIs: oAuth.callbackUrls,
    RedirectSignOutURIs: oAuth.logoutUrls,
    DomainPrefix: oAuth.domainPrefix,
    SocialProviderSettings: Object.keys(social).length > 0 ? social : undefined,
  };
}

/** The pool settings both CreateBackendAuth and UpdateBackendAuth take. */
function changeableConfig(spec: AuthSpec, secrets: SecretValues) {
  const { passwordPolicy, mfa, verificationMessage: message } = spec.settings;
  type Config = NonNullable<CreateBackendAuthResourceConfig['UserPoolConfigs']>;
  return {
    PasswordPolicy: passwordPolicy && {
      MinimumLength: passwordPolicy.minimumLength,
      AdditionalConstraints: passwordPolicy.additionalConstraints as NonNullable<Config['PasswordPolicy']>['AdditionalConstraints'],
    },
    Mfa: mfa && {
      MFAMode: mfa.mode as NonNullable<Config['Mfa']>['MFAMode'],
      Settings: mfa.mode === 'OFF' ? undefined : { MfaTypes: mfa.types as NonNullable<NonNullable<Config['Mfa']>['Settings']>['MfaTypes'], SmsMessage: mfa.smsMessage },
    },
    VerificationMessage: message && {
      DeliveryMethod: message.deliveryMethod as NonNullable<Config['VerificationMessage']>['DeliveryMethod'],
      EmailSettings: message.emailSubject !== undefined || message.emailMessage !== undefined
        ? { EmailSubject: message.emailSubject, EmailMessage: message.emailMessage } : undefined,
      SmsSettings: message.smsMessage !== undefined ? { SmsMessage: message.smsMessage } : undefined,
    },
    OAuth: oAuthConfig(spec, secrets),
  };
}

function createCall(spec: AuthSpec): Next {
  const { settings } = spec;
  return {
    kind: 'call',
    call: callWithSecrets('CreateBackendAuth', CreateBackendAuthCommand, spec, (secrets) => ({
      AppId: spec.appId,
      BackendEnvironmentName: spec.environmentName,
      ResourceName: spec.resourceName,
      ResourceConfig: {
        AuthResources: settings.identityPool ? WITH_IDENTITY_POOL : USER_POOL_ONLY,
        Service: 'COGNITO' as const,
        UserPoolConfigs: {
          UserPoolName: settings.userPoolName,
          SignInMethod: settings.signInMethod as typeof SIGN_IN_METHODS[number],
          RequiredSignUpAttributes: settings.requiredSignUpAttributes as Array<typeof SIGN_UP_ATTRIBUTES[number]>,
          ...changeableConfig(spec, secrets),
        },
        IdentityPoolConfigs: settings.identityPool && {
          IdentityPoolName: settings.identityPool.name,
          UnauthenticatedLogin: settings.identityPool.allowGuests,
        },
      },
    })),
  };
}

function updateCall(spec: AuthSpec): Next {
  const { identityPool } = spec.settings;
  return {
    kind: 'call',
    call: callWithSecrets('UpdateBackendAuth', UpdateBackendAuthCommand, spec, (secrets) => ({
      AppId: spec.appId,
      BackendEnvironmentName: spec.environmentName,
      ResourceName: spec.resourceName,
      ResourceConfig: {
        AuthResources: identityPool ? WITH_IDENTITY_POOL : USER_POOL_ONLY,
        Service: 'COGNITO' as const,
        UserPoolConfigs: changeableConfig(spec, secrets),
        IdentityPoolConfigs: identityPool && { UnauthenticatedLogin: identityPool.allowGuests },
      },
    })),
  };
}

/** DeleteBackendAuth: removes an auth resource from the environment (created: with its user pool; imported: unlinked only). */
export function removeAuth(env: Environment, resourceName: string): Extract<Next, { kind: 'call' }> {
  return {
    kind: 'call',
    call: jobCall('DeleteBackendAuth', DeleteBackendAuthCommand, { AppId: env.appId, BackendEnvironmentName: env.environmentName, ResourceName: resourceName }),
  };
}

function refuse(reason: string): Next {
  return { kind: 'refuse', reason };
}

/** `Custom::AmplifyBackendAuth`: auth the service creates; Delete removes it with its user pool. */
export const amplifyBackendAuth: ResourceKind<AuthPlan, ObservedAuth> = {
  plan: planAuth,
  physicalResourceId: (plan) => plan.physicalResourceId,
  environment: (plan) => plan.env,
  describe: (plan) => {
    const name = plan.ensure?.resourceName ?? plan.remove[0] ?? plan.physicalResourceId;
    return plan.env ? `auth "${name}" (app ${plan.env.appId}, environment ${plan.env.environmentName})` : `auth ${name}`;
  },
  observe: observeAuth,
  decide: decideAuth,
};
