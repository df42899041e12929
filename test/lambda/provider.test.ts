import { GetBackendJobCommand, GetBackendStorageCommand, ListBackendJobsCommand } from '@aws-sdk/client-amplifybackend';
import { amplify, notFound, request } from './harness';
import { WAIT_STATE_KEY } from '../../lambda/events';
import { handler } from '../../lambda/provider';
import { STORAGE_RESOURCE_TYPE } from '../../src/private/contract';

const PROPS = { AppId: 'd1', EnvironmentName: 'dev', ResourceName: 'photos', AuthenticatedPermissions: ['READ'], UnauthenticatedPermissions: [] };

describe('provider handler', () => {
  beforeEach(() => {
    amplify.reset();
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    process.env.AWS_REGION = 'us-east-1';
  });

  test('an event without onEvent\'s result is onEvent: it answers with the physical id and the wait state', async () => {
    amplify.on(GetBackendStorageCommand).rejects(notFound());
    amplify.on(ListBackendJobsCommand).resolves({ Jobs: [{ AppId: 'd1', BackendEnvironmentName: 'dev', JobId: 'x', Status: 'RUNNING' }] });
    const result = await handler(request('Delete', STORAGE_RESOURCE_TYPE, PROPS, { PhysicalResourceId: 'd1/dev/photos' }));
    expect(result).toEqual({ PhysicalResourceId: 'd1/dev/photos', [WAIT_STATE_KEY]: { startedAt: expect.any(Number) } });
  });

  test('an event carrying onEvent\'s result is isComplete', async () => {
    amplify.on(GetBackendJobCommand).resolves({ JobId: 'job-1', Status: 'RUNNING' });
    const event = { ...request('Create', STORAGE_RESOURCE_TYPE, PROPS), PhysicalResourceId: 'd1/dev/photos', [WAIT_STATE_KEY]: { startedAt: Date.now(), jobId: 'job-1' } };
    expect(await handler(event)).toEqual({ IsComplete: false });
  });

  test('an unknown resource type is refused with the supported ones', async () => {
    await expect(handler(request('Create', 'Custom::Something', {}))).rejects.toThrow(new Error('Unsupported resource type Custom::Something; supported: '
      + 'Custom::AmplifyBackend, Custom::AmplifyBackendStorage, Custom::AmplifyImportedBackendStorage, Custom::AmplifyBackendAuth, Custom::AmplifyImportedBackendAuth, '
      + 'Custom::AmplifyBackendApi'));
  });
});
