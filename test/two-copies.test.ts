import { App, Stack } from 'aws-cdk-lib';
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

  test('a second storage on one environment is refused when the copies each declare one, naming both', () => {
    const app = new App();
    library.AmplifyBackend.fromEnvironmentAttributes(new Stack(app, 'A'), 'Dev', { appId: 'd1', environmentName: 'dev' })
      .addStorage('Photos', { resourceName: 'photos', permissions: READ });
    const dev = other.AmplifyBackend.fromEnvironmentAttributes(new Stack(app, 'B'), 'Dev', { appId: 'd1', environmentName: 'dev' });
    expect(() => dev.importStorage('Files', { bucketName: 'team-files' })).toThrow(
      'Environment "dev" of app d1 already has storage at A/Dev/Photos; B/Dev/Files would be a second one, '
      + 'and the service allows one storage (created or imported) per environment.');
  });

  test('a second auth on one environment is refused across the copies too', () => {
    const stack = testStack();
    other.AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }).addAuth('Users', { resourceName: 'users' });
    const dev = library.AmplifyBackend.fromEnvironmentAttributes(stack, 'Same', { appId: 'd1', environmentName: 'dev' });
    expect(() => dev.addAuth('Users', { resourceName: 'users' })).toThrow(/already has auth at TestStack\/Dev\/Users; TestStack\/Same\/Users would be a second one/);
  });

  test('a second declaration of one environment is refused when the copies each declare it, naming both', () => {
    const app = new App();
    new library.AmplifyBackend(new Stack(app, 'A'), 'Dev', { appId: 'd1', appName: 'app', environmentName: 'dev' });
    expect(() => new other.AmplifyBackend(new Stack(app, 'B'), 'Dev', { appId: 'd1', appName: 'app', environmentName: 'dev' }))
      .toThrow(/Environment "dev" of app d1 is already declared at A\/Dev; B\/Dev would declare it a second time/);
  });

  test('storage of one copy waits for the environment and the auth another copy declared', () => {
    const stack = testStack();
    const created = new other.AmplifyBackend(stack, 'Staging', { appId: 'd1', appName: 'app', environmentName: 'staging' });
    const auth = created.addAuth('Users', { resourceName: 'users' });
    const storage = library.AmplifyBackend.fromEnvironmentAttributes(stack, 'Same', { appId: 'd1', environmentName: 'staging' })
      .addStorage('Photos', { resourceName: 'photos', permissions: READ });
    const logicalId = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as any);
    const dependsOn = Template.fromStack(stack).toJSON().Resources[logicalId(storage)].DependsOn;
    expect(dependsOn).toEqual(expect.arrayContaining([logicalId(created), logicalId(auth)]));
  });
});
