/** The calls that start auth jobs, built from a spec; secret values are read only as a call is sent. */
import {
  CreateBackendAuthCommand, CreateBackendAuthOAuthConfig, CreateBackendAuthResourceConfig, DeleteBackendAuthCommand, SocialProviderSettings,
  UpdateBackendAuthCommand,
} from '@aws-sdk/client-amplifybackend';
import { AuthSpec, Provider, PROVIDERS, SIGN_IN_METHODS, SIGN_UP_ATTRIBUTES, USER_POOL_ONLY, WITH_IDENTITY_POOL } from './auth-settings';
import { secretsManager } from './client';
import { Environment } from './jobs';
import { jobCall, JobCall, Next } from './reconcile';
import { readSecret } from './secrets';

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

export function createCall(spec: AuthSpec): Next {
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

export function updateCall(spec: AuthSpec): Extract<Next, { kind: 'call' }> {
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
