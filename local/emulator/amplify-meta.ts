import { Environment } from './state';

/**
 * GetBackend's `amplifyMetaConfig`: the environment's amplify-meta.json as a string, shaped as the
 * Amplify CLI writes it. Created storage has no `serviceType` (the CLI writes none); imported
 * storage and auth have `serviceType: 'imported'`; created auth has `'managed'`. An API is listed under `api`
 * with its AppSync ids (`GraphQLAPIIdOutput`, `GraphQLAPIEndpointOutput`, and `GraphQLAPIKeyOutput` with an API key).
 */
export function amplifyMetaConfig(appId: string, environment: Environment, region: string): string {
  const meta: Record<string, unknown> = {
    providers: { awscloudformation: { AmplifyAppId: appId, Region: region, StackName: `amplify-${appId}-${environment.name}` } },
    ...environment.otherCategories,
  };
  const { auth, storage, api } = environment;
  if (auth) {
    meta.auth = {
      [auth.resourceName]: {
        service: 'Cognito',
        serviceType: auth.imported ? 'imported' : 'managed',
        providerPlugin: 'awscloudformation',
        output: { ...auth.outputs },
      },
    };
  }
  if (storage) {
    meta.storage = {
      [storage.resourceName]: {
        service: 'S3',
        ...(storage.imported ? { serviceType: 'imported' } : {}),
        providerPlugin: 'awscloudformation',
        dependsOn: [],
        output: { BucketName: storage.bucketName, Region: region },
      },
    };
  }
  if (api) {
    meta.api = {
      [api.resourceName]: { service: 'AppSync', providerPlugin: 'awscloudformation', output: { ...api.outputs } },
    };
  }
  return JSON.stringify(meta);
}
