import { amplifyMetaConfig } from '../amplify-meta';
import { badRequest } from '../errors';
import { Target } from '../jobs';
import { OperationHandler, OperationSpec, startedJobWithOperation, targetOf } from '../operation';
import { World } from '../world';
import { assertName } from './name-rules';

/** Refuses to make an environment that exists (400), as CreateBackend and CloneBackend do. */
export function assertNoEnvironment(world: World, target: Target): void {
  if (world.state.findEnvironment(target.appId, target.backendEnvironmentName)) {
    throw badRequest(`Backend environment ${target.backendEnvironmentName} already exists for app ${target.appId}.`);
  }
}

/** CreateBackend: the environment exists once the job completes. */
const createBackend: OperationHandler = (request, world) => {
  const target = targetOf(request);
  assertNoEnvironment(world, target);
  const appName = request.body.appName as string;
  const environmentName = target.backendEnvironmentName;
  assertName('appName', 'appName', appName, environmentName);
  assertName('backendEnvironmentName', 'backendEnvironmentName', environmentName, environmentName);
  assertName('resourceName', 'resourceName', request.body.resourceName as string | undefined, environmentName);
  const job = world.startJob('CreateBackend', target, () => {
    world.state.addEnvironment(target.appId, appName, target.backendEnvironmentName);
  });
  return startedJobWithOperation(job);
};

/** GetBackend: the app's environments and, for the named one, its amplify-meta.json. */
const getBackend: OperationHandler = (request, world) => {
  const app = world.state.requireApp(request.params.appId);
  const response: Record<string, unknown> = {
    appId: app.appId,
    appName: app.appName,
    backendEnvironmentList: [...app.environments.keys()],
  };
  const environmentName = request.backendEnvironmentName;
  if (environmentName === undefined) return response;
  const environment = world.state.requireEnvironment(app.appId, environmentName);
  const meta = amplifyMetaConfig(app.appId, environment, world.settings.region);
  return { ...response, backendEnvironmentName: environmentName, amplifyMetaConfig: meta };
};

/** DeleteBackend: the environment (with its links to storage and auth) is gone once the job completes. */
const deleteBackend: OperationHandler = (request, world) => {
  const target = targetOf(request);
  world.state.requireEnvironment(target.appId, target.backendEnvironmentName);
  const job = world.startJob('DeleteBackend', target, () => world.state.removeEnvironment(target.appId, target.backendEnvironmentName));
  return startedJobWithOperation(job);
};

/** The backend environment operations. */
export const BACKEND_OPERATIONS: readonly OperationSpec[] = [
  { name: 'CreateBackend', handle: createBackend },
  { name: 'GetBackend', handle: getBackend },
  { name: 'DeleteBackend', handle: deleteBackend },
];
