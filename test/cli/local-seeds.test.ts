import { App, CfnParameter, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { checkSeedMode, SeedOptions, seedsFromApp } from '../../cli/local/seeds';
import { readAssembly, StackArtifact } from '../../local/runner';
import { readmeExamples } from '../../projenrc/readme-examples';
import { AmplifyBackend, StoragePermission } from '../../src';
import { CDK_CLI_CONTEXT } from '../cdk-cli-context';
import { runReadmeExample } from '../readme-app';

const AUTO: SeedOptions = { seed: 'auto', environment: [], bucket: [] };
const READ = { authenticated: [StoragePermission.READ] };

// Apps get the context the CDK CLI (and `local`) gives them: construct paths in the templates' metadata.
beforeAll(() => {
  process.env.CDK_CONTEXT_JSON = JSON.stringify(CDK_CLI_CONTEXT);
});
afterAll(() => {
  delete process.env.CDK_CONTEXT_JSON;
});

/** The stacks of an app, as `local` reads them from its cloud assembly. */
const stacksOf = (app: App): StackArtifact[] => readAssembly(app.synth().directory);

/** The README's first example and its Auth example (the one that links an existing user pool). */
const [firstExample, authExample] = [readmeExamples()[0], readmeExamples().find((example) => example.includes('.importAuth('))!];

/**
 * Two stacks: `Environments` creates d1/staging (with auth) and d1/solo (storage, no auth); `Storage` puts
 * storage in d1/staging, imports a bucket into d1/dev, and adds auth and storage to d1/qa.
 */
function twoStackApp(): App {
  const app = new App();
  const environments = new Stack(app, 'Environments');
  const storage = new Stack(app, 'Storage');
  storage.addStackDependency(environments);
  const staging = new AmplifyBackend(environments, 'Staging', { appId: 'd1', appName: 'photo-share', environmentName: 'staging' });
  staging.addAuth('Users', { resourceName: 'users' });
  new AmplifyBackend(environments, 'Solo', { appId: 'd1', appName: 'photo-share', environmentName: 'solo', removalPolicy: RemovalPolicy.DESTROY })
    .addStorage('Files', { resourceName: 'files', permissions: READ });
  AmplifyBackend.fromEnvironmentAttributes(storage, 'Staging', { appId: 'd1', environmentName: 'staging' })
    .addStorage('Photos', { resourceName: 'photos', permissions: READ });
  AmplifyBackend.fromEnvironmentAttributes(storage, 'Dev', { appId: 'd1', environmentName: 'dev' }).importStorage('TeamFiles', { bucketName: 'team-files' });
  const qa = AmplifyBackend.fromEnvironmentAttributes(storage, 'Qa', { appId: 'd1', environmentName: 'qa' });
  qa.addAuth('Testers', { resourceName: 'testers' });
  qa.addStorage('Reports', { resourceName: 'reports', permissions: READ });
  return app;
}

describe('seedsFromApp', () => {
  test('the README\'s first example: the console\'s environment with auth (it gets storage and no auth) and the bucket it links', () => {
    expect(seedsFromApp(stacksOf(runReadmeExample(firstExample)), AUTO)).toEqual({
      environments: [{ appId: 'd1a2b3c4d5e6f7', appName: 'photo-share', backendEnvironmentName: 'dev', auth: {} }],
      buckets: ['team-files-123456789012'],
      described: [
        'environment d1a2b3c4d5e6f7/dev (referenced by AmplifyBackends/Dev/TeamFiles, not created by the app) with auth, as the console and Studio would have made it',
        'bucket team-files-123456789012 (imported by AmplifyBackends/Dev/TeamFiles), as a bucket the account already has',
      ],
    });
  });

  test('the README\'s Auth example: the console\'s environment without auth (the app links a user pool to it), and nothing else', () => {
    expect(seedsFromApp(stacksOf(runReadmeExample(authExample)), AUTO)).toEqual({
      environments: [{ appId: 'd1a2b3c4d5e6f7', appName: 'photo-share', backendEnvironmentName: 'dev', auth: undefined }],
      buckets: [],
      described: [
        'environment d1a2b3c4d5e6f7/dev (referenced by PhotoShare/Dev/TeamUsers, not created by the app), as the console would have made it; its auth comes from the app',
      ],
    });
  });

  test('an environment created in any stack of the app is not seeded, even without auth; one the app adds auth to is seeded without it', () => {
    const seeds = seedsFromApp(stacksOf(twoStackApp()), AUTO);
    expect(seeds.environments).toEqual([
      { appId: 'd1', appName: 'photo-share', backendEnvironmentName: 'dev', auth: {} },
      { appId: 'd1', appName: 'photo-share', backendEnvironmentName: 'qa', auth: undefined },
    ]);
    expect(seeds.buckets).toEqual(['team-files']);
    expect(seeds.described[1]).toBe('environment d1/qa (referenced by Storage/Qa/Testers, Storage/Qa/Reports, not created by the app), '
      + 'as the console would have made it; its auth comes from the app');
  });

  test('values that are not literals are skipped, and said so; a bucket the stack creates needs no seed; the literal ones beside them are still seeded', () => {
    const app = new App();
    const stack = new Stack(app, 'Tokens');
    const appId = new CfnParameter(stack, 'AppId').valueAsString;
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId, environmentName: 'dev' }).importStorage('Files', { bucketName: 'team-files' });
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Qa', { appId: 'd1', environmentName: 'qa' })
      .importStorage('Reports', { bucket: new s3.Bucket(stack, 'ReportsBucket') });

    const seeds = seedsFromApp(stacksOf(app), AUTO);

    expect(seeds.environments).toEqual([{ appId: 'd1', backendEnvironmentName: 'qa', auth: {} }]);
    expect(seeds.buckets).toEqual(['team-files']);
    expect(seeds.described.slice(2)).toEqual([
      'bucket of Tokens/ReportsBucket, which Tokens/Qa/Reports links, is created by the stack: nothing to seed',
      'skipped Tokens/Dev/Files (Custom::AmplifyImportedBackendStorage): its AppId is {"Ref":"AppId"}, not a literal value, so nothing is seeded from it',
    ]);
  });

  test('--seed none seeds only the environments and buckets given', () => {
    const seeds = seedsFromApp(stacksOf(runReadmeExample(firstExample)), { seed: 'none', environment: ['d9/prod+auth'], bucket: ['spare-files'] });
    expect(seeds).toEqual({
      environments: [{ appId: 'd9', backendEnvironmentName: 'prod', auth: {} }],
      buckets: ['spare-files'],
      described: [
        'environment d9/prod (given with --environment) with auth, as the console and Studio would have made it',
        'bucket spare-files (given with --bucket), as a bucket the account already has',
      ],
    });
  });

  test('given values are added to the app\'s, each environment and bucket once; an environment has auth if either asks for it', () => {
    const seeds = seedsFromApp(stacksOf(twoStackApp()), {
      seed: 'auto',
      environment: ['d1/dev', 'd1/qa+auth', 'd2/prod', 'd2/prod+auth', 'd2/prod'],
      bucket: ['spare-files', 'team-files', 'spare-files'],
    });
    expect(seeds.environments).toEqual([
      { appId: 'd1', appName: 'photo-share', backendEnvironmentName: 'dev', auth: {} },
      { appId: 'd1', appName: 'photo-share', backendEnvironmentName: 'qa', auth: {} },
      { appId: 'd2', backendEnvironmentName: 'prod', auth: {} },
    ]);
    expect(seeds.buckets).toEqual(['team-files', 'spare-files']);
    expect(seeds.described).toEqual([
      'environment d1/dev (given with --environment; referenced by Storage/Dev/TeamFiles, not created by the app) with auth, as the console and Studio would have made it',
      'environment d1/qa (given with --environment; referenced by Storage/Qa/Testers, Storage/Qa/Reports, not created by the app) with auth, '
      + 'as the console and Studio would have made it',
      'environment d2/prod (given with --environment) with auth, as the console and Studio would have made it',
      'bucket team-files (given with --bucket; imported by Storage/Dev/TeamFiles), as a bucket the account already has',
      'bucket spare-files (given with --bucket), as a bucket the account already has',
    ]);
  });
});

describe('checkSeedMode', () => {
  test('accepts auto and none, and refuses anything else saying what is allowed', () => {
    expect([checkSeedMode('auto'), checkSeedMode('none')]).toEqual([undefined, undefined]);
    expect(checkSeedMode('all')).toMatch(/^use auto \(.*\) or none \(/);
  });
});
