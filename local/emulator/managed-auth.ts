import { NameGenerator } from './names';
import { SeedAuth } from './options';
import { AuthOutputs, AuthResource, AuthResourceConfig } from './state';

/** The Cognito ids a created auth resource gets; an identity pool only when the config has one. */
export function generatedOutputs(names: NameGenerator, config: AuthResourceConfig, current?: AuthOutputs): AuthOutputs {
  const userPool = current ?? { UserPoolId: names.userPoolId(), AppClientIDWeb: names.appClientId(), AppClientID: names.appClientId() };
  const { IdentityPoolId, ...withoutIdentityPool } = userPool;
  if (config.authResources !== 'IDENTITY_POOL_AND_USER_POOL') return withoutIdentityPool;
  return { ...withoutIdentityPool, IdentityPoolId: IdentityPoolId ?? names.identityPoolId() };
}

/** An auth resource the environment manages (created, or there from the start), with generated Cognito ids. */
export function managedAuth(names: NameGenerator, resourceName: string, config: AuthResourceConfig): AuthResource {
  return { resourceName, imported: false, resourceConfig: config, outputs: generatedOutputs(names, config) };
}

/** The auth a seeded environment starts with, as Amplify Studio sets it up: email sign-in and an identity pool. */
export function seededAuth(names: NameGenerator, seed: SeedAuth): AuthResource {
  const resourceName = seed.resourceName ?? 'userpool';
  return managedAuth(names, resourceName, {
    authResources: 'IDENTITY_POOL_AND_USER_POOL',
    service: 'COGNITO',
    userPoolConfigs: { userPoolName: `${resourceName}_userpool`, signInMethod: 'EMAIL', requiredSignUpAttributes: ['EMAIL'] },
    identityPoolConfigs: { identityPoolName: `${resourceName}_identitypool`, unauthenticatedLogin: seed.allowGuests ?? true },
  });
}
