/** Drift of `Custom::AmplifyBackend`: whether the environment still exists, and its app's name. */
import { parseEnvironmentPhysicalId } from '../../lambda/amplify-backend';
import { environmentListed, getBackend } from '../../lambda/amplify-meta';
import { callService } from '../service-error';
import { DriftCheck, unreadableId } from './drift-check';

export const environmentDrift: DriftCheck = {
  // The API cannot change an app's name; the Amplify console can. ResourceName is not reported. CloneFrom is what the
  // environment was made from, used once: a clone is an environment like any other, whatever became of its source.
  rules: [{ path: 'AppName' }],
  async read(physicalId, _declared, client) {
    const env = parseEnvironmentPhysicalId(physicalId);
    if (!env) return unreadableId(physicalId, '<appId>/<environment>');
    const backend = await callService('GetBackend', () => getBackend(client, env));
    if (!backend || !environmentListed(backend, env.environmentName)) {
      return { kind: 'missing', reason: `GetBackend does not list environment "${env.environmentName}" of app ${env.appId}` };
    }
    return { kind: 'found', properties: { AppName: backend.AppName } };
  },
};
