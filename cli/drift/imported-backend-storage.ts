/** Drift of `Custom::AmplifyImportedBackendStorage`: whether the bucket is still the one linked to the environment. */
import { importDrift } from './imported-resource';
import { storageInMeta } from '../../lambda/amplify-meta';

export const importedStorageDrift = importDrift({
  category: 'storage',
  entries: storageInMeta,
  link: { property: 'BucketName', of: (storage) => storage.bucketName },
  rules: [{ path: 'BucketName' }],
  properties: (storage) => ({ BucketName: storage.bucketName }),
});
