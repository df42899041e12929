/** What the service reports of an environment's auth, read as the reconciler needs it; secrets it reports are dropped. */
import {
  AmplifyBackendClient, CreateBackendAuthOAuthConfig, CreateBackendAuthResourceConfig, GetBackendAuthCommand,
} from '@aws-sdk/client-amplifybackend';
import { amplifyMeta, authInMeta, MetaAuth, MetaStorage, storageInMeta } from './amplify-meta';
import { AuthSettings, ObservedAuthResource, OAuthSettings, PROVIDERS, WITH_IDENTITY_POOL } from './auth-settings';
import { classifyError } from './errors';
import { Environment } from './jobs';
import { isUnknown, RequestJobs, UnknownOutcome } from './request-jobs';

/** Every auth resource of the environment with its ids (GetBackend), and the settings of the one the plan wants (GetBackendAuth). */
export interface ObservedAuth {
  readonly inEnvironment: MetaAuth[];
  /** The environment's storage: the service refuses to remove auth while there is any. */
  readonly storage: MetaStorage[];
  /** Absent when the environment has no auth resource of the wanted name. */
  readonly wanted?: ObservedAuthResource;
  /**
   * A CreateBackendAuth or UpdateBackendAuth job of this request completed (ListBackendJobs), read only
   * for a plan that must update and on a poll: this request's settings, secrets included, were sent.
   * Or why the job list could not tell.
   */
  readonly settingsSent?: boolean | UnknownOutcome;
}

/** What observing needs of a plan: where, the resource wanted, and whether the request must update it. */
export interface AuthLookup {
  readonly env?: Environment;
  readonly ensure?: { readonly resourceName: string };
  readonly update: boolean;
}

/**
 * Reads the environment's auth with its ids (GetBackend): whether a resource exists. The settings of the
 * wanted one are read only when the environment lists it (GetBackendAuth; not found means absent), so a
 * Delete reads once. A poll of a plan that must update reads the jobs too: whether its settings were sent.
 */
export async function observeAuth(client: AmplifyBackendClient, plan: AuthLookup, _firstLook: boolean, jobs?: RequestJobs): Promise<ObservedAuth> {
  const env = plan.env!;
  const meta = await amplifyMeta(client, env);
  const inEnvironment = authInMeta(meta);
  const name = plan.ensure?.resourceName;
  const listed = name !== undefined && inEnvironment.some((auth) => auth.resourceName === name);
  const wanted = listed ? await readAuth(client, env, name) : undefined;
  const settingsSent = wanted && plan.update && jobs ? await sentByThisRequest(jobs) : undefined;
  return { inEnvironment, storage: storageInMeta(meta), wanted, settingsSent };
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

/** One auth resource as GetBackendAuth reports it, secrets dropped; undefined when it (or its environment) is not found. */
export async function readAuth(client: AmplifyBackendClient, env: Environment, resourceName: string): Promise<ObservedAuthResource | undefined> {
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
