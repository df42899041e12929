import { badRequest } from '../errors';
import { Target } from '../jobs';
import { managedAuth } from '../managed-auth';
import { createdBucketPrefix, NameGenerator } from '../names';
import { OperationHandler, OperationRequest, OperationSpec, startedJobWithOperation, targetOf } from '../operation';
import { AuthResource, Environment, StorageResource } from '../state';
import { World } from '../world';
import { assertNoEnvironment } from './backend';
import { assertName } from './name-rules';

/**
 * CloneBackend, as far as the API lets anyone know it: the path names the source, the body the target's name, and the
 * answer is a job. What a clone holds, and which environment its job belongs to, are this model's assumptions (the
 * README's "CloneBackend" section): the target gets the source's auth and storage definitions as they are when the
 * job ends; created ones become new resources (new Cognito ids, a new bucket suffix), imported ones link the same user
 * pool and bucket.
 */

function targetName(request: OperationRequest): string {
  return request.body.targetEnvironmentName as string;
}

/** The source (the path's environment) and the target (the body's name), of one app. */
function environmentsOf(request: OperationRequest): { readonly source: Target; readonly target: Target } {
  const source = targetOf(request);
  return { source, target: { appId: source.appId, backendEnvironmentName: targetName(request) } };
}

/** Names in the source's auth that get the environment appended must fit the target's name too. */
function assertAuthNamesFit(auth: AuthResource | undefined, environmentName: string): void {
  if (!auth || auth.imported) return;
  const { userPoolConfigs, identityPoolConfigs } = auth.resourceConfig;
  const of = 'of the source\'s auth';
  assertName('userPoolName', `userPoolName ${of}`, userPoolConfigs?.userPoolName as string | undefined, environmentName);
  assertName('identityPoolName', `identityPoolName ${of}`, identityPoolConfigs?.identityPoolName, environmentName);
  assertName('domainPrefix', `domainPrefix ${of}`, (userPoolConfigs?.oAuth as { domainPrefix?: string } | undefined)?.domainPrefix, environmentName);
}

/** The clone of auth: created auth gets new Cognito ids, imported auth links the same pools. */
function clonedAuth(auth: AuthResource, names: NameGenerator): AuthResource {
  return auth.imported ? structuredClone(auth) : managedAuth(names, auth.resourceName, structuredClone(auth.resourceConfig));
}

/** The clone of storage: created storage gets a new bucket of the same prefix, imported storage links the same bucket. */
function clonedStorage(storage: StorageResource, source: string, target: string, world: World): StorageResource {
  if (storage.imported) return structuredClone(storage);
  const prefix = createdBucketPrefix(storage.bucketName, source) ?? storage.resourceName.toLowerCase().slice(0, 47);
  const bucketName = world.names.createdBucketName(prefix, target);
  world.state.addBucket({ name: bucketName, creationDate: new Date(world.now()).toISOString(), createdByEmulator: true });
  return { ...structuredClone(storage), bucketName };
}

/** The job's effect: the source as it is now, copied into a new environment; a rule the state broke since fails the job. */
function cloneInto(world: World, source: Target, target: Target): void {
  const from: Environment = world.state.requireEnvironment(source.appId, source.backendEnvironmentName);
  assertNoEnvironment(world, target);
  assertAuthNamesFit(from.auth, target.backendEnvironmentName);
  world.state.addEnvironment(target.appId, world.state.requireApp(target.appId).appName, target.backendEnvironmentName);
  const to = world.state.requireEnvironment(target.appId, target.backendEnvironmentName);
  to.auth = from.auth && clonedAuth(from.auth, world.names);
  to.storage = from.storage && clonedStorage(from.storage, source.backendEnvironmentName, target.backendEnvironmentName, world);
}

/** CloneBackend: a new environment with the source's auth and storage once the job completes. */
const cloneBackend: OperationHandler = (request, world) => {
  const { source, target } = environmentsOf(request);
  assertName('backendEnvironmentName', 'targetEnvironmentName', target.backendEnvironmentName, target.backendEnvironmentName);
  if (target.backendEnvironmentName === source.backendEnvironmentName) {
    throw badRequest(`targetEnvironmentName ${target.backendEnvironmentName} is the environment to clone; name a new environment.`);
  }
  const from = world.state.requireEnvironment(source.appId, source.backendEnvironmentName);
  assertNoEnvironment(world, target);
  assertAuthNamesFit(from.auth, target.backendEnvironmentName);
  const listedUnder = world.jobListing(source.appId).cloneJobsUnder === 'target' ? target : source;
  const job = world.startJob('CloneBackend', listedUnder, () => cloneInto(world, source, target), source);
  return startedJobWithOperation(job);
};

/** The clone operation. */
export const CLONE_OPERATIONS: readonly OperationSpec[] = [
  {
    name: 'CloneBackend',
    handle: cloneBackend,
    // A clone reads its source and makes its target: a job pending on either refuses it.
    jobTargets: (request) => {
      const { source, target } = environmentsOf(request);
      return [source, target];
    },
  },
];
