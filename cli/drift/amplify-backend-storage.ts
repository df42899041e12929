/** Drift of `Custom::AmplifyBackendStorage`: the bucket and the permissions of storage the service created. */
import { readStorage } from '../../lambda/amplify-backend-storage';
import { parseResourcePhysicalId } from '../../lambda/physical-id';
import { callService } from '../service-error';
import { DriftCheck, unreadableId } from './drift-check';

export const storageDrift: DriftCheck = {
  rules: [
    // A prefix: the service appends a suffix to the bucket name it is given.
    { path: 'BucketName', compare: 'prefix', serviceDefault: true },
    { path: 'AuthenticatedPermissions', compare: 'set' },
    { path: 'UnauthenticatedPermissions', compare: 'set' },
  ],
  async read(physicalId, _declared, client) {
    const ref = parseResourcePhysicalId(physicalId);
    if (!ref) return unreadableId(physicalId, '<appId>/<environment>/<resource name>');
    const storage = await callService('GetBackendStorage', () => readStorage(client, ref, ref.resourceName));
    if (!storage) {
      const reason = `GetBackendStorage finds no storage "${ref.resourceName}" in environment "${ref.environmentName}" of app ${ref.appId}`;
      return { kind: 'missing', reason };
    }
    return {
      kind: 'found',
      properties: {
        BucketName: storage.bucketName,
        AuthenticatedPermissions: storage.authenticated,
        UnauthenticatedPermissions: storage.unauthenticated,
      },
    };
  },
};
