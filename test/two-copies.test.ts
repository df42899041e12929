import { Template } from 'aws-cdk-lib/assertions';
import * as library from '../src';
import { StoragePermission } from '../src';
import { testStack } from './template-helpers';

/**
 * A second copy of the library's modules that shares this aws-cdk-lib, as npm installs one copy for each of
 * two construct packages that depend on the library: its classes are not this copy's classes.
 */
function secondCopy(): typeof library {
  let copy: typeof library | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module registry needs a synchronous require
    copy = require('../src');
  });
  return copy!;
}

const other = secondCopy();
const READ = { authenticated: [StoragePermission.READ] };

describe('two copies of the library in one app', () => {
  test('isAmplifyBackendProvider recognizes a provider of the other copy, which instanceof does not', () => {
    const provider = new other.AmplifyBackendProvider(testStack(), 'Provider');
    expect(provider instanceof library.AmplifyBackendProvider).toBe(false);
    expect(library.AmplifyBackendProvider.isAmplifyBackendProvider(provider)).toBe(true);
  });

  test('constructs of both copies synthesize together and share the stack\'s default provider', () => {
    const stack = testStack();
    library.AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }).addStorage('Photos', { resourceName: 'photos', permissions: READ });
    other.AmplifyBackend.fromEnvironmentAttributes(stack, 'Prod', { appId: 'd2', environmentName: 'prod' }).addStorage('Photos', { resourceName: 'photos', permissions: READ });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    const tokens = Object.values(template.findResources('Custom::AmplifyBackendStorage')).map((r: any) => JSON.stringify(r.Properties.ServiceToken));
    expect(tokens).toHaveLength(2);
    expect(tokens[1]).toEqual(tokens[0]);
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).toMatch(/backend\/d1\/\*.*backend\/d2\/\*/);
  });
});
