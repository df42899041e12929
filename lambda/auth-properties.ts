/** `Custom::AmplifyBackendAuth` properties read into a spec: the settings, and where the secrets are. */
import {
  AuthSpec, CONSTRAINTS, DELIVERY_METHODS, GRANT_TYPES, MFA_MODES, MFA_TYPES, OAuthSettings, PROVIDERS, SCOPES, SIGN_IN_METHODS, SIGN_UP_ATTRIBUTES,
} from './auth-settings';
import {
  enumList, enumValue, flag, optionalObject, optionalString, requiredObject, requiredString, stringList, wholeNumber,
} from './properties';
import type { SecretReference } from '../src/private/contract';

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

/** Reads `Custom::AmplifyBackendAuth` properties; throws InputError for what the service would refuse. */
export function parseAuthSpec(properties: Record<string, unknown>): AuthSpec {
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
