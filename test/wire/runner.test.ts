import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { localDeployment, synth } from './harness';
import { customResources, HandlerKilled, LambdaHandler, ResourceEvent } from '../../local/runner';
import { AmplifyBackend, AmplifyBackendProvider, StoragePermission } from '../../src';

jest.setTimeout(30_000);

const READ = { authenticated: [StoragePermission.READ] };

/** An environment the stack creates (and removes on delete) with storage in it. */
const ownedEnvironmentStack = () => synth((app) => {
  const stack = new Stack(app, 'Owned');
  new AmplifyBackend(stack, 'Env', { appId: 'd1', appName: 'app', environmentName: 'dev', removalPolicy: RemovalPolicy.DESTROY })
    .addStorage('Photos', { resourceName: 'photos', permissions: READ });
});

/** Kills the first invocation that `select` picks, after the handler has done its work: its answer is lost. */
function killOnce(select: (payload: any) => boolean) {
  const killed: any[] = [];
  const invoke = async (handler: LambdaHandler, payload: any) => {
    const answer = await handler(payload);
    if (killed.length === 0 && select(payload)) {
      killed.push(payload);
      throw new HandlerKilled('the container died before it answered');
    }
    return answer;
  };
  return { invoke, killed };
}

describe('the local runner, as CloudFormation, Lambda and Step Functions behave', () => {
  test('a killed isComplete is polled again, as the waiter retries its task', async () => {
    const kill = killOnce((payload) => 'AmplifyBackendWait' in payload && payload.ResourceType === 'Custom::AmplifyBackendStorage');
    const local = await localDeployment({ invoke: kill.invoke });
    try {
      const result = await local.deploy(ownedEnvironmentStack());
      expect(result.status).toBe('CREATE_COMPLETE');
      expect(kill.killed).toHaveLength(1);
    } finally {
      await local.close();
    }
  });

  test('a killed onEvent is run again with the same request, as Lambda retries an asynchronous invocation', async () => {
    const onEvents: string[] = [];
    const kill = killOnce((payload) => !('AmplifyBackendWait' in payload) && payload.ResourceType === 'Custom::AmplifyBackend');
    const local = await localDeployment({
      invoke: (handler, payload: any) => {
        if (!('AmplifyBackendWait' in payload)) onEvents.push(`${payload.RequestType} ${payload.ResourceType} ${payload.RequestId}`);
        return kill.invoke(handler, payload);
      },
    });
    try {
      const result = await local.deploy(ownedEnvironmentStack());
      expect(kill.killed).toHaveLength(1);
      const environmentCalls = onEvents.filter((line) => line.startsWith('Create Custom::AmplifyBackend '));
      expect(environmentCalls).toHaveLength(2);
      expect(new Set(environmentCalls).size).toBe(1);
      expect(result.failures).toEqual([]);
      expect(result.status).toBe('CREATE_COMPLETE');
      // Run again, onEvent does not take the environment for one that existed before the stack.
      const environment = [...result.state.resources.values()].find((resource) => resource.type === 'Custom::AmplifyBackend');
      expect(environment?.physicalResourceId).toBe('d1/dev');
    } finally {
      await local.close();
    }
  });

  test('an onEvent killed at every attempt gets no response to CloudFormation: the resource fails after Lambda\'s two retries, and the rollback has nothing of it to delete', async () => {
    const attempts: string[] = [];
    const local = await localDeployment({
      invoke: async (handler, payload: any) => {
        if ('AmplifyBackendWait' in payload || payload.ResourceType !== 'Custom::AmplifyBackendStorage') return handler(payload);
        attempts.push(`${payload.RequestType} ${payload.RequestId}`);
        throw new HandlerKilled('killed before onEvent ran');
      },
    });
    try {
      const result = await local.deploy(ownedEnvironmentStack());
      expect(result.status).toBe('ROLLBACK_COMPLETE');
      expect(attempts).toEqual([attempts[0], attempts[0], attempts[0]]);
      expect(attempts[0]).toMatch(/^Create /);
      expect(result.failures.map((failure) => failure.reason)).toEqual([
        expect.stringMatching(/^CloudFormation did not receive a response from your Custom Resource\. Please check your logs for requestId \[[-0-9a-f]{36}\]\.$/),
      ]);
      expect(local.emulator.inspect().environments).toEqual([]);
    } finally {
      await local.close();
    }
  });

  test('an isComplete that never completes is polled at once and then MaxAttempts times, and the framework\'s onTimeout fails the resource', async () => {
    let polls = 0;
    const local = await localDeployment({
      emulator: { environments: [{ appId: 'd1', backendEnvironmentName: 'dev' }] },
      invoke: async (handler, payload: any) => {
        if (!('AmplifyBackendWait' in payload) || payload.RequestType !== 'Create') return handler(payload);
        polls++;
        return { IsComplete: false };
      },
    });
    try {
      const result = await local.deploy(synth((app) => {
        const stack = new Stack(app, 'Waits');
        // A waiter of 20 attempts: the total timeout over the query interval.
        const provider = new AmplifyBackendProvider(stack, 'Provider', { queryInterval: Duration.seconds(3), totalTimeout: Duration.minutes(1) });
        AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }).addStorage('Photos', { resourceName: 'photos', permissions: READ, provider });
      }));
      expect(result.status).toBe('ROLLBACK_COMPLETE');
      expect(result.failures.map((failure) => failure.reason)).toEqual(['Operation timed out']);
      expect(polls).toBe(1 + 20);
      expect(local.emulator.inspect().environments[0].storage).toBeUndefined();
    } finally {
      await local.close();
    }
  });

  test.each([
    ['SUCCESS', 'isComplete answers 5 KB of Data', (payload: object) => ('AmplifyBackendWait' in payload ? { IsComplete: true, Data: { Large: 'x'.repeat(5_000) } } : undefined)],
    ['FAILED', 'onEvent throws a 5 KB message', (payload: object) => {
      if (!('AmplifyBackendWait' in payload)) throw new Error('y'.repeat(5_000));
    }],
  ])('a %s response over 4,096 bytes (%s) fails the resource, as CloudFormation refuses it, and the rollback leaves nothing', async (status, _what, answer) => {
    const local = await localDeployment({
      invoke: async (handler, payload: any) => {
        const storageCreate = payload.RequestType === 'Create' && payload.ResourceType === 'Custom::AmplifyBackendStorage';
        return (storageCreate ? answer(payload) : undefined) ?? handler(payload);
      },
    });
    try {
      const result = await local.deploy(ownedEnvironmentStack());
      expect(result.status).toBe('ROLLBACK_COMPLETE');
      expect(result.failures.map((failure) => failure.reason)).toEqual([expect.stringMatching(new RegExp(`^Response object is too long \\(\\d{4} bytes, ${status}\\)$`))]);
      expect(local.emulator.inspect().environments).toEqual([]);
    } finally {
      await local.close();
    }
  });

  test('a resource whose dependent failed to delete is not attempted; the next destroy removes both', async () => {
    const events: ResourceEvent[] = [];
    const local = await localDeployment({ onEvent: (event) => events.push(event) });
    try {
      expect((await local.deploy(ownedEnvironmentStack())).status).toBe('CREATE_COMPLETE');
      local.emulator.injectFault('DeleteBackendStorage', { kind: 'jobFails', error: 'Stack is in UPDATE_ROLLBACK_FAILED' });

      const first = await local.destroy('Owned');
      expect(first.status).toBe('DELETE_FAILED');
      expect(customResources(first.state).map((resource) => resource.type).sort()).toEqual(['Custom::AmplifyBackend', 'Custom::AmplifyBackendStorage']);
      expect(events.filter((event) => event.action === 'DELETE' && event.type === 'Custom::AmplifyBackend')).toEqual([]);
      expect(local.emulator.inspect().environments).toEqual([expect.objectContaining({ backendEnvironmentName: 'dev', storage: expect.anything() })]);

      expect((await local.destroy('Owned')).status).toBe('DELETE_COMPLETE');
      expect(local.emulator.inspect().environments).toEqual([]);
    } finally {
      await local.close();
    }
  });
});
