/**
 * Drift of `Custom::AmplifyBackendAuth`: every setting GetBackendAuth reports, secrets excepted. The live
 * side comes from the handler's reader, which drops whatever secrets the service reports; the declared
 * side's secrets are Secrets Manager references, and no rule names them.
 */
import { readAuth } from '../../lambda/auth-observe';
import { AuthSettings, OAuthSettings, PROVIDERS } from '../../lambda/auth-settings';
import { parseResourcePhysicalId } from '../../lambda/physical-id';
import { callService } from '../service-error';
import { PropertyRule } from './compare';
import { valueAt } from './declared';
import { DriftCheck, unreadableId } from './drift-check';

/** MFA types and the MFA text mean nothing while MFA is off (the handler ignores them too). */
const mfaOn: PropertyRule['when'] = (declared) => valueAt(declared, 'Mfa.Mode') !== 'OFF';

const RULES: PropertyRule[] = [
  { path: 'UserPoolName' },
  { path: 'SignInMethod' },
  { path: 'RequiredSignUpAttributes', compare: 'set' },
  { path: 'PasswordPolicy.MinimumLength' },
  { path: 'PasswordPolicy.AdditionalConstraints', compare: 'set' },
  { path: 'Mfa.Mode' },
  { path: 'Mfa.Types', compare: 'set', when: mfaOn },
  { path: 'Mfa.SmsMessage', serviceDefault: true, when: mfaOn },
  { path: 'VerificationMessage.DeliveryMethod' },
  { path: 'VerificationMessage.EmailSubject', serviceDefault: true },
  { path: 'VerificationMessage.EmailMessage', serviceDefault: true },
  { path: 'VerificationMessage.SmsMessage', serviceDefault: true },
  { path: 'IdentityPool.Name' },
  { path: 'IdentityPool.AllowGuests' },
  { path: 'OAuth.GrantType' },
  { path: 'OAuth.Scopes', compare: 'set' },
  { path: 'OAuth.CallbackUrls', compare: 'set' },
  { path: 'OAuth.LogoutUrls', compare: 'set' },
  { path: 'OAuth.DomainPrefix', serviceDefault: true },
  // Each social provider's client id; Sign in with Apple's team and key ids. Never ClientSecret or PrivateKey.
  ...PROVIDERS.map((name) => ({ path: `OAuth.${name}.ClientId` })),
  { path: 'OAuth.SignInWithApple.TeamId' },
  { path: 'OAuth.SignInWithApple.KeyId' },
];

export const authDrift: DriftCheck = {
  rules: RULES,
  async read(physicalId, _declared, client) {
    const ref = parseResourcePhysicalId(physicalId);
    if (!ref) return unreadableId(physicalId, '<appId>/<environment>/<resource name>');
    const auth = await callService('GetBackendAuth', () => readAuth(client, ref, ref.resourceName));
    if (!auth) {
      return { kind: 'missing', reason: `GetBackendAuth finds no auth "${ref.resourceName}" in environment "${ref.environmentName}" of app ${ref.appId}` };
    }
    return { kind: 'found', properties: templateShaped(auth.settings) };
  },
};

/** Settings as GetBackendAuth reported them (secrets already dropped), named as the template names them. */
function templateShaped(settings: AuthSettings): Record<string, unknown> {
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
    OAuth: oAuth && templateShapedOAuth(oAuth),
  };
}

function templateShapedOAuth(oAuth: OAuthSettings): Record<string, unknown> {
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
