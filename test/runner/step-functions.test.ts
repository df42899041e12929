import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { DEFAULT_LOCATION, readAssembly, StackArtifact } from '../../local/runner';
import { deployedContext } from '../../local/runner/deployed-context';
import { resolve } from '../../local/runner/intrinsics';
import { physicalIdentity } from '../../local/runner/physical-names';
import { LocalStepFunctions } from '../../local/runner/step-functions';
import { Invocation } from '../../local/runner/user-function';
import { AmplifyBackend, AmplifyBackendProvider, StoragePermission } from '../../src';

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'step-functions-'));
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

/**
 * A synthesized provider whose waiter polls every 2 s up to 3 times, its Retry entry given a backoff rate
 * of 1.5 (the Provider framework always synthesizes 1).
 */
function waiterStack(): StackArtifact {
  const app = new App({ outdir });
  const stack = new Stack(app, 'Waiter');
  const provider = new AmplifyBackendProvider(stack, 'Provider', { queryInterval: Duration.seconds(2), totalTimeout: Duration.seconds(60) });
  AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' })
    .addStorage('Photos', { resourceName: 'photos', permissions: { authenticated: [StoragePermission.READ] }, provider });
  const artifact = readAssembly(app.synth().directory)[0];
  const text = JSON.stringify(artifact.template).replace('\\"MaxAttempts\\":30,\\"BackoffRate\\":1}', '\\"MaxAttempts\\":3,\\"BackoffRate\\":1.5}');
  expect(text).toContain('\\"BackoffRate\\":1.5}');
  return { ...artifact, template: JSON.parse(text) };
}

const stack = waiterStack();
const resources = stack.template.Resources;
// Every resource as the runner names it once deployed; the state machine's definition resolved against them.
const deployed = new Map(Object.entries(resources)
  .map(([id, resource]) => [id, physicalIdentity(stack.name, id, resource.Type, resource.Properties ?? {}, DEFAULT_LOCATION)]));
const context = deployedContext({
  stackName: stack.name,
  template: stack.template,
  location: DEFAULT_LOCATION,
  parameters: {},
  stacks: { output: () => undefined, exported: () => undefined },
}, deployed);
const arnOf = (prefix: string) => deployed.get(Object.keys(resources).find((id) => id.startsWith(prefix))!)!.attributes.Arn;
const STATE_MACHINE_ID = Object.keys(resources).find((id) => resources[id].Type === 'AWS::StepFunctions::StateMachine')!;
const STATE_MACHINE = deployed.get(STATE_MACHINE_ID)!.physicalResourceId;
const DEFINITION = resolve(resources[STATE_MACHINE_ID].Properties!.DefinitionString, context) as string;
const IS_COMPLETE = arnOf('ProviderframeworkisComplete');
const ON_TIMEOUT = arnOf('ProviderframeworkonTimeout');
const NO_CALLS = { startExecution: async () => { throw new Error('unexpected'); }, httpRequest: async () => undefined };
/** What the framework's isComplete throws while the user's isComplete answers "not yet": the request, to be retried. */
const RETRY = { errorType: 'Error', errorMessage: '{"RequestId":"r1"}', trace: ['Error: {"RequestId":"r1"}'] };
const NOT_YET: Invocation = { error: RETRY };

/** Runs the waiter with isComplete answering in turn from `answers`, and returns the tasks invoked and the waits. */
async function execute(answers: Invocation[]) {
  const tasks: Array<{ arn: string; input: unknown }> = [];
  const waits: number[] = [];
  const stepFunctions = new LocalStepFunctions({ stateMachine: (arn) => (arn === STATE_MACHINE ? DEFINITION : undefined) }, async (arn, input) => {
    tasks.push({ arn, input });
    return arn === IS_COMPLETE ? answers[tasks.length - 1] : { answer: 'null' };
  }, async (seconds) => {
    waits.push(seconds);
  });
  await stepFunctions.execute(STATE_MACHINE, '{"RequestId":"r1"}', NO_CALLS);
  return { tasks, waits };
}

describe('the local Step Functions, running the waiter from its synthesized definition', () => {
  test('isComplete runs at once; while it fails it is retried after the interval times the backoff rate, MaxAttempts times, then onTimeout gets the error', async () => {
    const { tasks, waits } = await execute([NOT_YET, { killed: true }, NOT_YET, NOT_YET]);
    expect(waits).toEqual([2, 3, 4.5]);
    expect(tasks.map((task) => task.arn)).toEqual([IS_COMPLETE, IS_COMPLETE, IS_COMPLETE, IS_COMPLETE, ON_TIMEOUT]);
    expect(tasks[0].input).toEqual({ RequestId: 'r1' });
    expect(tasks[4].input).toEqual({ Error: 'Error', Cause: JSON.stringify(RETRY) });
  });

  test('an isComplete that answers ends the execution without waiting or timing out', async () => {
    const { tasks, waits } = await execute([NOT_YET, { answer: 'null' }]);
    expect(waits).toEqual([2]);
    expect(tasks.map((task) => task.arn)).toEqual([IS_COMPLETE, IS_COMPLETE]);
  });
});
