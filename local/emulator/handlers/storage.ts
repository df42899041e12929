import { badRequest, notFound } from '../errors';
import { OperationHandler, OperationSpec, startedJob, targetOf } from '../operation';
import { StoragePermissions } from '../state';
import { assertName } from './name-rules';
import { assertAuthAllowsStorage, assertNoStorage, requireStorage } from './storage-rules';

interface StorageConfigBody {
  readonly permissions: StoragePermissions;
  readonly bucketName?: string;
}

/** CreateBackendStorage: a new bucket named after the prefix with a suffix, linked once the job completes. */
const createStorage: OperationHandler = (request, world) => {
  const target = targetOf(request);
  const resourceName = request.body.resourceName as string;
  const config = request.body.resourceConfig as StorageConfigBody;
  const environment = world.state.requireEnvironment(target.appId, target.backendEnvironmentName);
  assertName('resourceName', 'resourceName', resourceName, environment.name);
  assertName('bucketName', 'resourceConfig.bucketName', config.bucketName, environment.name);
  assertNoStorage(target.appId, environment);
  assertAuthAllowsStorage(world, environment, config.permissions);
  // Without a bucket name, the resource name (letters and digits) in lowercase, cut to the 47 characters a prefix may have.
  const prefix = config.bucketName ?? resourceName.toLowerCase().slice(0, 47);
  const bucketName = world.names.createdBucketName(prefix, environment.name);
  const job = world.startJob('CreateBackendStorage', target, () => {
    environment.storage = { resourceName, bucketName, imported: false, permissions: config.permissions };
    world.state.addBucket({ name: bucketName, creationDate: new Date(world.now()).toISOString(), createdByEmulator: true });
  });
  return startedJob(job);
};

/** UpdateBackendStorage: changes the permissions of created storage (imported storage cannot be updated). */
const updateStorage: OperationHandler = (request, world) => {
  const target = targetOf(request);
  const config = request.body.resourceConfig as StorageConfigBody;
  const environment = world.state.requireEnvironment(target.appId, target.backendEnvironmentName);
  const storage = requireStorage(environment, request.body.resourceName as string);
  if (storage.imported) throw badRequest(`Storage resource ${storage.resourceName} is imported and cannot be updated; unlink it and import again.`);
  assertAuthAllowsStorage(world, environment, config.permissions);
  const job = world.startJob('UpdateBackendStorage', target, () => {
    storage.permissions = config.permissions;
  });
  return startedJob(job);
};

/** DeleteBackendStorage: unlinks the storage once the job completes; the bucket stays in the account. */
const deleteStorage: OperationHandler = (request, world) => {
  const target = targetOf(request);
  const environment = world.state.requireEnvironment(target.appId, target.backendEnvironmentName);
  requireStorage(environment, request.body.resourceName as string);
  const job = world.startJob('DeleteBackendStorage', target, () => {
    environment.storage = undefined;
  });
  return startedJob(job);
};

/** ImportBackendStorage: links an existing bucket under a resource name the service makes up. */
const importStorage: OperationHandler = (request, world) => {
  const target = targetOf(request);
  const bucketName = request.body.bucketName as string | undefined;
  // The model marks bucketName optional; nothing can be imported without one.
  if (bucketName === undefined) throw badRequest('Missing required key bucketName: name the bucket to import.');
  const environment = world.state.requireEnvironment(target.appId, target.backendEnvironmentName);
  if (!world.state.hasBucket(bucketName)) throw notFound('S3Bucket', `S3 bucket ${bucketName} not found in the account.`);
  assertNoStorage(target.appId, environment);
  assertAuthAllowsStorage(world, environment);
  const resourceName = world.names.importedStorageName();
  const job = world.startJob('ImportBackendStorage', target, () => {
    environment.storage = { resourceName, bucketName, imported: true };
  });
  return startedJob(job);
};

/** GetBackendStorage: the storage resource's bucket and permissions. */
const getStorage: OperationHandler = (request, world) => {
  const target = targetOf(request);
  const environment = world.state.requireEnvironment(target.appId, target.backendEnvironmentName);
  const storage = requireStorage(environment, request.body.resourceName as string);
  return {
    ...target,
    resourceName: storage.resourceName,
    resourceConfig: { imported: storage.imported, serviceName: 'S3', bucketName: storage.bucketName, permissions: storage.permissions },
  };
};

/** The storage operations. */
export const STORAGE_OPERATIONS: readonly OperationSpec[] = [
  { name: 'CreateBackendStorage', handle: createStorage },
  { name: 'UpdateBackendStorage', handle: updateStorage },
  { name: 'DeleteBackendStorage', handle: deleteStorage },
  { name: 'ImportBackendStorage', handle: importStorage },
  { name: 'GetBackendStorage', handle: getStorage },
];
