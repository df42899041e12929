/** Drift of `Custom::AmplifyImportedBackendAuth`: whether the user pool, its clients and the identity pool are still the ones linked. */
import { importDrift } from './imported-resource';
import { authInMeta } from '../../lambda/amplify-meta';

export const importedAuthDrift = importDrift({
  category: 'auth',
  entries: authInMeta,
  link: { property: 'UserPoolId', of: (auth) => auth.userPoolId },
  rules: [{ path: 'UserPoolId' }, { path: 'WebClientId' }, { path: 'NativeClientId' }, { path: 'IdentityPoolId' }],
  properties: (auth) => ({
    UserPoolId: auth.userPoolId, WebClientId: auth.webClientId, NativeClientId: auth.nativeClientId, IdentityPoolId: auth.identityPoolId,
  }),
});
