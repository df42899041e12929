import { handlerDecision } from '../../cli/handler-decision';
import { amplifyBackendEnvironment, planEnvironment } from '../../lambda/amplify-backend';
import { firstDecision } from '../../lambda/reconcile';
import { ENVIRONMENT_RESOURCE_TYPE } from '../../src/private/contract';
import { APP_ID, ENV, useEmulator } from '../emulator/harness';

/**
 * The handler's first decision, as `local diff` (and `preview`) read it from the world as it is: for a clone, what
 * the handler's onEvent decides before anything starts.
 */
describe('the handler\'s first decision for a clone', () => {
  const h = useEmulator({ environments: [{ appId: APP_ID, backendEnvironmentName: ENV }, { appId: APP_ID, backendEnvironmentName: 'rehearsal' }] });
  const clone = (environmentName: string, cloneFrom = ENV) => ({ AppId: APP_ID, AppName: 'photo-app', EnvironmentName: environmentName, CloneFrom: cloneFrom });
  const create = (properties: Record<string, unknown>) =>
    handlerDecision(h.client, { RequestType: 'Create', ResourceType: ENVIRONMENT_RESOURCE_TYPE, LogicalResourceId: 'Clone', ResourceProperties: properties });

  test('a target that exists is adopted: nothing is called, never a clone over it, and the id says adopted', async () => {
    expect(await create(clone('rehearsal'))).toEqual({ kind: 'nothing', physicalResourceId: `${APP_ID}/rehearsal (adopted)` });
    const request = { RequestType: 'Create', ResourceType: ENVIRONMENT_RESOURCE_TYPE, LogicalResourceId: 'Clone', ResourceProperties: clone('rehearsal') } as const;
    expect(await firstDecision(amplifyBackendEnvironment, planEnvironment(request), h.client))
      .toEqual({ kind: 'done', data: {}, physicalResourceId: `${APP_ID}/rehearsal (adopted)` });
  });

  test('a target that does not exist is cloned', async () => {
    expect(await create(clone('qa'))).toEqual({ kind: 'call', operation: 'CloneBackend' });
  });

  test('a source that does not exist is a refusal naming it', async () => {
    expect(await create(clone('qa', 'prod'))).toEqual({
      kind: 'refuse',
      reason: `Environment "qa" of app ${APP_ID} (a clone of "prod"): the environment to clone it from, "prod", does not exist in app ${APP_ID} `
        + '(GetBackend does not list it); nothing was started',
    });
  });

  test('a changed CloneFrom of an existing environment is nothing, with a note saying why', async () => {
    const decision = await handlerDecision(h.client, {
      RequestType: 'Update',
      ResourceType: ENVIRONMENT_RESOURCE_TYPE,
      LogicalResourceId: 'Clone',
      PhysicalResourceId: `${APP_ID}/rehearsal`,
      ResourceProperties: clone('rehearsal', 'prod'),
      OldResourceProperties: clone('rehearsal'),
    });
    expect(decision).toEqual({ kind: 'nothing', note: 'nothing changes in the environment: CloneFrom is used only when it is created (CreateBackend or CloneBackend)' });
    expect(h.emulator.requests().filter((request) => request.mutating)).toEqual([]);
  });
});
