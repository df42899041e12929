/**
 * Drift of `Custom::AmplifyBackendAuth`: every setting GetBackendAuth reports, secrets excepted. The live
 * side comes from the handler's reader, which drops whatever secrets the service reports; the declared
 * side's secrets are Secrets Manager references, and no rule names them.
 */
import { readAuth } from '../../lambda/auth-observe';
import { PROVIDERS, settingsAsProperties } from '../../lambda/auth-settings';
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
    return { kind: 'found', properties: settingsAsProperties(auth.settings) };
  },
};
