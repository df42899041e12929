import { Annotations as CoreAnnotations, App, CfnResource, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { AmplifyBackend, AmplifyBackendBase, AmplifyBackendStorage, IAmplifyBackend, IBackendEnvironment, StoragePermission } from '../src';
import { testStack } from './template-helpers';
import { EnvironmentChains } from '../src/private/environment-chain';

const READ = { authenticated: [StoragePermission.READ] };

/** Logical ids each resource depends on, directly or through others (DependsOn and Ref/GetAtt). */
function dependencyClosure(template: Template): Map<string, Set<string>> {
  const resources = template.toJSON().Resources as Record<string, { DependsOn?: string[]; Properties?: unknown }>;
  const direct = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(resources)) {
    const refs = new Set<string>(resource.DependsOn ?? []);
    JSON.stringify(resource.Properties ?? {}).replace(/"(?:Ref|Fn::GetAtt)":\s*(?:"|\[")([A-Za-z0-9]+)/g, (_m, target) => (refs.add(target), ''));
    direct.set(id, refs);
  }
  const closure = new Map<string, Set<string>>();
  const visit = (id: string): Set<string> => {
    if (closure.has(id)) return closure.get(id)!;
    const all = new Set<string>();
    closure.set(id, all);
    for (const dep of direct.get(id) ?? []) {
      all.add(dep);
      for (const indirect of visit(dep)) all.add(indirect);
    }
    return all;
  };
  for (const id of direct.keys()) visit(id);
  return closure;
}

function logicalIdsOfType(template: Template, type: string): string[] {
  return Object.keys(template.findResources(type));
}

describe('environment ordering', () => {
  test('two environments: each chained inside, no dependency between them, one provider', () => {
    const stack = testStack();
    const dev = new AmplifyBackend(stack, 'Dev', { appId: 'd1', appName: 'app', environmentName: 'dev' });
    const prod = new AmplifyBackend(stack, 'Prod', { appId: 'd1', appName: 'app', environmentName: 'prod' });
    dev.addStorage('Photos', { resourceName: 'photos', permissions: READ });
    prod.importStorage('Files', { bucket: s3.Bucket.fromBucketName(stack, 'Existing', 'team-files') });
    const template = Template.fromStack(stack);
    const deps = dependencyClosure(template);

    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    const [devEnv, prodEnv] = logicalIdsOfType(template, 'Custom::AmplifyBackend');
    const [devStorage] = logicalIdsOfType(template, 'Custom::AmplifyBackendStorage');
    const [prodStorage] = logicalIdsOfType(template, 'Custom::AmplifyImportedBackendStorage');
    expect([devEnv, prodEnv, devStorage, prodStorage].every(Boolean)).toBe(true);

    expect(deps.get(devStorage)).toContain(devEnv);
    expect(deps.get(prodStorage)).toContain(prodEnv);
    for (const [a, b] of [[devEnv, prodEnv], [devStorage, prodEnv], [devStorage, prodStorage], [devEnv, prodStorage]]) {
      expect(deps.get(a)).not.toContain(b);
      expect(deps.get(b)).not.toContain(a);
    }
  });

  test('resources of one environment follow each other in construction order', () => {
    const stack = testStack();
    const ref = AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' });
    const other = AmplifyBackend.fromEnvironmentAttributes(stack, 'Test', { appId: 'd1', environmentName: 'test' });
    const first = ref.addStorage('Photos', { resourceName: 'photos', permissions: READ });
    const unrelated = other.importStorage('Files', { bucketName: 'team-files' });
    const resourceId = (c: IConstruct) => stack.getLogicalId(c.node.defaultChild as CfnResource);
    const deps = dependencyClosure(Template.fromStack(stack));
    expect(deps.get(resourceId(unrelated))).not.toContain(resourceId(first));
  });

  test('storage on an environment of another stack makes that stack deploy first', () => {
    const app = new App();
    const envStack = new Stack(app, 'Environments');
    const storageStack = new Stack(app, 'Storage');
    const dev = new AmplifyBackend(envStack, 'Dev', { appId: 'd1', appName: 'app', environmentName: 'dev' });
    new AmplifyBackendStorage(storageStack, 'Photos', { backend: dev, resourceName: 'photos', permissions: READ });
    const manifest = app.synth().getStackArtifact(storageStack.artifactId).manifest;
    expect(manifest.dependencies).toContain(envStack.artifactId);
  });
});

describe('the chain itself', () => {
  test('every resource of an environment depends on the one constructed before it in the same stack', () => {
    const stack = testStack();
    const backend = AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' });
    const chained = ['A', 'B', 'C'].map((id) => {
      const resource = new CfnResource(stack, id, { type: 'Custom::Test' });
      EnvironmentChains.of(resource).join(resource, backend);
      return resource;
    });
    const resources = Template.fromStack(stack).toJSON().Resources;
    expect(resources.A.DependsOn).toBeUndefined();
    expect(resources.B.DependsOn).toEqual(['A']);
    expect(resources.C.DependsOn).toEqual(['B']);
    expect(chained).toHaveLength(3);
  });
});

describe('one declaration per environment', () => {
  const declare = (stack: Stack, id = 'Dev') => new AmplifyBackend(stack, id, { appId: 'd1', appName: 'app', environmentName: 'dev' });
  const message = (first: string, second: string) => `Environment "dev" of app d1 is already declared at ${first}; ${second} would declare it `
    + 'a second time, and both would create or adopt it and remove it (DESTROY) with their own stack. Declare it once (new AmplifyBackend) '
    + 'and refer to it elsewhere with AmplifyBackend.fromEnvironmentAttributes().';

  test('a second AmplifyBackend of the same app and environment in the same stack fails synth naming both', () => {
    const stack = testStack();
    declare(stack);
    expect(() => declare(stack, 'Again')).toThrow(message('TestStack/Dev', 'TestStack/Again'));
  });

  test('a second AmplifyBackend of the same app and environment in another stack fails synth naming both', () => {
    const app = new App();
    declare(new Stack(app, 'A'));
    expect(() => declare(new Stack(app, 'B'))).toThrow(message('A/Dev', 'B/Dev'));
  });

  test('references to a declared environment are unlimited, in any stack, before or after it', () => {
    const app = new App();
    const a = new Stack(app, 'A');
    const b = new Stack(app, 'B');
    AmplifyBackend.fromEnvironmentAttributes(a, 'Before', { appId: 'd1', environmentName: 'dev' });
    declare(a);
    AmplifyBackend.fromEnvironmentAttributes(a, 'After', { appId: 'd1', environmentName: 'dev' });
    AmplifyBackend.fromEnvironmentAttributes(b, 'Elsewhere', { appId: 'd1', environmentName: 'dev' }).addStorage('Photos', { resourceName: 'photos', permissions: READ });
    expect(() => app.synth()).not.toThrow();
  });

  test('the same environment name in another app, or another environment of the same app, is another environment', () => {
    const stack = testStack();
    declare(stack);
    new AmplifyBackend(stack, 'OtherApp', { appId: 'd2', appName: 'app', environmentName: 'dev' });
    new AmplifyBackend(stack, 'Prod', { appId: 'd1', appName: 'app', environmentName: 'prod' });
    Template.fromStack(stack).resourceCountIs('Custom::AmplifyBackend', 3);
  });
});

describe('one storage per environment', () => {
  test('a second created storage on an environment fails synth naming both constructs', () => {
    const stack = testStack();
    const dev = new AmplifyBackend(stack, 'Dev', { appId: 'd1', appName: 'app', environmentName: 'dev' });
    dev.addStorage('Photos', { resourceName: 'photos', permissions: READ });
    expect(() => dev.addStorage('Videos', { resourceName: 'videos', permissions: READ })).toThrow(
      'Environment "dev" of app d1 already has storage at TestStack/Dev/Photos; TestStack/Dev/Videos would be a second one, '
      + 'and the service allows one storage (created or imported) per environment.');
  });

  test('a created and an imported storage on one environment, even through different references and stacks, fail synth', () => {
    const app = new App();
    const a = AmplifyBackend.fromEnvironmentAttributes(new Stack(app, 'A'), 'Dev', { appId: 'd1', environmentName: 'dev' });
    const b = AmplifyBackend.fromEnvironmentAttributes(new Stack(app, 'B'), 'Dev', { appId: 'd1', environmentName: 'dev' });
    a.addStorage('Photos', { resourceName: 'photos', permissions: READ });
    expect(() => b.importStorage('Files', { bucketName: 'team-files' })).toThrow(/already has storage at A\/Dev\/Photos; B\/Dev\/Files would be a second one/);
  });

  test('storage in separate environments, or in separate apps, neither conflicts nor waits for the other', () => {
    const stack = testStack();
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }).addStorage('P', { resourceName: 'p', permissions: READ });
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Prod', { appId: 'd1', environmentName: 'prod' }).addStorage('P', { resourceName: 'p', permissions: READ });
    // The same environment again, in a CDK app of its own: one app's rules know nothing of another's.
    const other = testStack('Other');
    AmplifyBackend.fromEnvironmentAttributes(other, 'Dev', { appId: 'd1', environmentName: 'dev' }).addStorage('P', { resourceName: 'p', permissions: READ });

    const storage = Template.fromStack(stack).findResources('Custom::AmplifyBackendStorage');
    expect(Object.values(storage).map((resource: any) => [resource.Properties.EnvironmentName, resource.DependsOn])).toEqual([['dev', undefined], ['prod', undefined]]);
    Template.fromStack(other).resourceCountIs('Custom::AmplifyBackendStorage', 1);
  });
});

describe('auth in the environment', () => {
  const GUESTS = { authenticated: [StoragePermission.READ], unauthenticated: [StoragePermission.READ] };
  const pool = (stack: Stack) => ({
    userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEfGhI'),
    webClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Web', 'webclient1'),
    nativeClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Native', 'nativeclient1'),
  });
  const idOf = (stack: Stack, c: IConstruct) => stack.getLogicalId(c.node.defaultChild as CfnResource);

  test('a second auth on an environment, created or imported, through any reference, fails synth naming both constructs', () => {
    const app = new App();
    const a = AmplifyBackend.fromEnvironmentAttributes(new Stack(app, 'A'), 'Dev', { appId: 'd1', environmentName: 'dev' });
    const bStack = new Stack(app, 'B');
    const b = AmplifyBackend.fromEnvironmentAttributes(bStack, 'Dev', { appId: 'd1', environmentName: 'dev' });
    a.addAuth('Users', { resourceName: 'users' });
    expect(() => b.importAuth('Pool', pool(bStack))).toThrow(
      'Environment "dev" of app d1 already has auth at A/Dev/Users; B/Dev/Pool would be a second one, '
      + 'and the service allows one auth resource (created or imported) per environment.');
  });

  test('the environment, then auth, then storage: storage declared before its auth in the same stack waits for it all the same', () => {
    const stack = testStack();
    const dev = new AmplifyBackend(stack, 'Dev', { appId: 'd1', appName: 'app', environmentName: 'dev' });
    const storage = dev.addStorage('Photos', { resourceName: 'photos', permissions: READ });
    const auth = dev.addAuth('Users', { resourceName: 'users' });
    const deps = dependencyClosure(Template.fromStack(stack));
    const [envId, authId, storageId] = [stack.getLogicalId(dev.node.defaultChild as CfnResource), idOf(stack, auth), idOf(stack, storage)];
    expect(deps.get(authId)).toContain(envId);
    expect(deps.get(storageId)).toContain(envId);
    expect(deps.get(storageId)).toContain(authId);
    expect(deps.get(authId)).not.toContain(storageId);
  });

  test('storage in another stack than its environment\'s auth makes the auth\'s stack deploy first, in either declaration order', () => {
    for (const authFirst of [true, false]) {
      const app = new App();
      const authStack = new Stack(app, 'Auth');
      const storageStack = new Stack(app, 'Storage');
      const declareAuth = () => AmplifyBackend.fromEnvironmentAttributes(authStack, 'Dev', { appId: 'd1', environmentName: 'dev' }).addAuth('Users', { resourceName: 'users' });
      if (authFirst) declareAuth();
      AmplifyBackend.fromEnvironmentAttributes(storageStack, 'Dev', { appId: 'd1', environmentName: 'dev' }).importStorage('Files', { bucketName: 'team-files' });
      if (!authFirst) declareAuth();
      expect(app.synth().getStackArtifact(storageStack.artifactId).manifest.dependencies).toContain(authStack.artifactId);
    }
  });

  test('storage of another environment does not wait for this one\'s auth', () => {
    const stack = testStack();
    const auth = AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }).addAuth('Users', { resourceName: 'users' });
    const storage = AmplifyBackend.fromEnvironmentAttributes(stack, 'Prod', { appId: 'd1', environmentName: 'prod' })
      .addStorage('Photos', { resourceName: 'photos', permissions: GUESTS });
    expect(dependencyClosure(Template.fromStack(stack)).get(idOf(stack, storage))).not.toContain(idOf(stack, auth));
  });

  test.each<[string, (backend: AmplifyBackendBase, stack: Stack) => unknown, string]>([
    ['created auth that does not allow guests', (b) => b.addAuth('Users', { resourceName: 'users' }),
      'at TestStack/Dev/Users does not allow unauthenticated identities (allowUnauthenticatedIdentities is false)'],
    ['created auth without an identity pool', (b) => b.addAuth('Users', { resourceName: 'users', identityPool: false }),
      'at TestStack/Dev/Users has no identity pool (identityPool is false)'],
    ['imported auth without an identity pool', (b, stack) => b.importAuth('Users', pool(stack)),
      'at TestStack/Dev/Users has no identity pool (give identityPoolId)'],
  ])('guest storage with %s fails synth naming both, whichever comes first', (_case, declareAuth, why) => {
    for (const storageFirst of [false, true]) {
      const stack = testStack();
      const dev = AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }) as AmplifyBackendBase;
      const declareStorage = () => dev.addStorage('Photos', { resourceName: 'photos', permissions: GUESTS });
      if (storageFirst) declareStorage();
      const message = 'Storage at TestStack/Dev/Photos gives guests (unauthenticated users) access, but the auth of environment "dev" of app d1 '
        + `${why}; the service lets guests use storage only through an identity pool that allows unauthenticated identities.`;
      expect(() => (storageFirst ? declareAuth(dev, stack) : (declareAuth(dev, stack), declareStorage()))).toThrow(message);
    }
  });

  test.each<[string, (backend: AmplifyBackendBase, stack: Stack) => unknown]>([
    ['created auth that allows guests', (b) => b.addAuth('Users', { resourceName: 'users', allowUnauthenticatedIdentities: true })],
    ['imported auth with an identity pool (what it allows is the service\'s to check)', (b, stack) =>
      b.importAuth('Users', { ...pool(stack), identityPoolId: 'us-east-1:0123abcd-0123-4567-89ab-0123456789ab' })],
  ])('guest storage with %s passes', (_case, declareAuth) => {
    const stack = testStack();
    const dev = AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }) as AmplifyBackendBase;
    declareAuth(dev, stack);
    expect(() => dev.addStorage('Photos', { resourceName: 'photos', permissions: GUESTS })).not.toThrow();
  });

  test('storage for signed-in users only needs no guest access', () => {
    const stack = testStack();
    const dev = AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' });
    dev.addAuth('Users', { resourceName: 'users', identityPool: false });
    expect(() => dev.addStorage('Photos', { resourceName: 'photos', permissions: READ })).not.toThrow();
  });
});

describe('the chains in the construct tree', () => {
  test('live in one construct at the root of the app, which a construct of another kind under that id is not taken for', () => {
    const app = new App();
    new Stack(app, 'CdkAmplifyBackendEnvironments');
    const dev = AmplifyBackend.fromEnvironmentAttributes(new Stack(app, 'A'), 'Dev', { appId: 'd1', environmentName: 'dev' });
    expect(() => dev.addStorage('Photos', { resourceName: 'photos', permissions: READ })).toThrow(
      'CdkAmplifyBackendEnvironments is not cdk-amplify-backend\'s record of the app\'s environments, which needs this id at the root of the app; '
      + 'choose another id for your construct.');
  });
});

describe('storage in an environment the app creates, without auth', () => {
  const WARNING = 'cdk-amplify-backend:storageWithoutAuth';
  const staging = (stack: Stack) => new AmplifyBackend(stack, 'Staging', { appId: 'd1', appName: 'app', environmentName: 'staging' });
  const storageWarnings = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(WARNING));

  test.each<[string, (backend: AmplifyBackendBase) => unknown]>([
    ['created storage', (backend) => backend.addStorage('Photos', { resourceName: 'photos', permissions: READ })],
    ['imported storage', (backend) => backend.importStorage('Photos', { bucketName: 'team-files' })],
  ])('%s gets a warning saying what the deploy would do and how to fix it', (_case, declareStorage) => {
    const stack = testStack();
    declareStorage(staging(stack));
    Annotations.fromStack(stack).hasWarning('/TestStack/Staging/Photos', 'Storage at TestStack/Staging/Photos is in environment "staging" of app d1, '
      + 'which TestStack/Staging creates, and no auth is declared for it in this app. The service refuses storage without auth: the deploy would '
      + 'create the environment, fail at this storage and roll back, and the rollback keeps the new environment unless its removal policy is '
      + 'DESTROY. Declare auth (backend.addAuth() or backend.importAuth()); if the environment exists already and has auth (it is adopted, '
      + `not created), acknowledge this warning. [ack: ${WARNING}]`);
  });

  test('auth declared for the environment, even after the storage and through another reference, removes the warning', () => {
    const app = new App();
    staging(new Stack(app, 'Environments'));
    const stack = new Stack(app, 'Storage');
    const sameEnvironment = AmplifyBackend.fromEnvironmentAttributes(stack, 'Staging', { appId: 'd1', environmentName: 'staging' });
    sameEnvironment.addStorage('Photos', { resourceName: 'photos', permissions: READ });
    sameEnvironment.addAuth('Users', { resourceName: 'users' });
    expect(storageWarnings(stack)).toEqual([]);
  });

  test('acknowledging it, for an adopted environment that has auth, removes the warning', () => {
    const stack = testStack();
    const storage = staging(stack).addStorage('Photos', { resourceName: 'photos', permissions: READ });
    CoreAnnotations.of(storage).acknowledgeWarning(WARNING, 'staging exists already and has auth from the console');
    expect(storageWarnings(stack)).toEqual([]);
  });

  test('storage in an environment the app only references gets no warning: whether it has auth is not known here', () => {
    const stack = testStack();
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }).addStorage('Photos', { resourceName: 'photos', permissions: READ });
    expect(storageWarnings(stack)).toEqual([]);
  });
});

describe('a clone and its source', () => {
  const WARNING = 'cdk-amplify-backend:cloneSharesImports';
  const clone = (stack: Stack, source: IBackendEnvironment, id = 'Rehearsal', environmentName = 'rehearsal') =>
    new AmplifyBackend(stack, id, { appId: 'd1', appName: 'app', environmentName, cloneFrom: source });
  const idOf = (stack: Stack, construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnResource);

  test('the clone waits for every resource the app declares of its source, declared before or after it, in its stack', () => {
    const stack = testStack();
    const prod = new AmplifyBackend(stack, 'Prod', { appId: 'd1', appName: 'app', environmentName: 'prod' });
    const auth = prod.addAuth('Users', { resourceName: 'users' });
    const rehearsal = clone(stack, prod);
    const storage = prod.addStorage('Photos', { resourceName: 'photos', permissions: READ });
    const after = dependencyClosure(Template.fromStack(stack)).get(idOf(stack, rehearsal))!;
    expect([prod, auth, storage].map((construct) => after.has(idOf(stack, construct)))).toEqual([true, true, true]);
  });

  test('the clone waits for its source\'s resources declared before it, with nothing declared after', () => {
    const stack = testStack();
    const prod = new AmplifyBackend(stack, 'Prod', { appId: 'd1', appName: 'app', environmentName: 'prod' });
    const auth = prod.addAuth('Users', { resourceName: 'users' });
    const rehearsal = clone(stack, prod);
    expect(dependencyClosure(Template.fromStack(stack)).get(idOf(stack, rehearsal))!.has(idOf(stack, auth))).toBe(true);
  });

  test('a clone in another stack makes the stacks of its source\'s resources deploy first', () => {
    const app = new App();
    const production = new Stack(app, 'Production');
    const prod = AmplifyBackend.fromEnvironmentAttributes(production, 'Prod', { appId: 'd1', environmentName: 'prod' });
    const rehearsal = new Stack(app, 'Rehearsal');
    clone(rehearsal, AmplifyBackend.fromEnvironmentAttributes(rehearsal, 'Prod', { appId: 'd1', environmentName: 'prod' }));
    const media = new Stack(app, 'Media');
    AmplifyBackend.fromEnvironmentAttributes(media, 'Prod', { appId: 'd1', environmentName: 'prod' }).importStorage('Files', { bucketName: 'team-files' });
    prod.addAuth('Users', { resourceName: 'users' });
    const assembly = app.synth();
    const stacksBefore = (stack: Stack) => (assembly.getStackArtifact(stack.artifactId).manifest.dependencies ?? []).filter((id) => !id.endsWith('.assets'));
    expect(stacksBefore(rehearsal).sort()).toEqual(['Media', 'Production']);
    expect(stacksBefore(production)).toEqual([]);
  });

  test('clones of one source follow each other; the source waits for none of them', () => {
    const stack = testStack();
    const prod = new AmplifyBackend(stack, 'Prod', { appId: 'd1', appName: 'app', environmentName: 'prod' });
    const first = clone(stack, prod, 'First', 'first');
    const second = clone(stack, prod, 'Second', 'second');
    const closure = dependencyClosure(Template.fromStack(stack));
    expect(closure.get(idOf(stack, second))!.has(idOf(stack, first))).toBe(true);
    expect([first, second].map((copy) => closure.get(idOf(stack, prod))!.has(idOf(stack, copy)))).toEqual([false, false]);
  });

  test('the clone\'s own resources follow the clone, not the other way round', () => {
    const stack = testStack();
    const prod = new AmplifyBackend(stack, 'Prod', { appId: 'd1', appName: 'app', environmentName: 'prod' });
    const rehearsal = clone(stack, prod);
    const files = rehearsal.importStorage('Files', { bucketName: 'team-files' });
    const closure = dependencyClosure(Template.fromStack(stack));
    expect(closure.get(idOf(stack, files))!.has(idOf(stack, rehearsal))).toBe(true);
    expect(closure.get(idOf(stack, rehearsal))!.has(idOf(stack, files))).toBe(false);
  });

  test('imported auth and storage of the source get a warning on the clone, saying what stays shared', () => {
    const stack = testStack();
    const prod = AmplifyBackend.fromEnvironmentAttributes(stack, 'Prod', { appId: 'd1', environmentName: 'prod' });
    prod.importAuth('Users', {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEfGhI'),
      webClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Web', 'webclient1'),
      nativeClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Native', 'nativeclient1'),
    });
    prod.importStorage('Files', { bucketName: 'team-files' });
    clone(stack, prod);
    Annotations.fromStack(stack).hasWarning('/TestStack/Rehearsal', 'Environment "rehearsal" of app d1 at TestStack/Rehearsal is a clone of '
      + 'environment "prod" of app d1, and the clone shares what the source imports: imported auth at TestStack/Prod/Users (the same user pool '
      + 'and identity pool: users signed up or deleted through the clone are the source\'s); imported storage at TestStack/Prod/Files (the same '
      + 'bucket: objects written or deleted through the clone are the source\'s). CloneBackend makes new auth and storage only for those the '
      + 'service created; imported ones are linked as they are, and removing the clone unlinks them and touches nothing else. Acknowledge this '
      + `warning if sharing them is what you want. [ack: ${WARNING}]`);
  });

  test.each<[string, (prod: IAmplifyBackend) => unknown]>([
    ['created auth and storage', (prod) => {
      prod.addAuth('Users', { resourceName: 'users' });
      prod.addStorage('Photos', { resourceName: 'photos', permissions: READ });
    }],
    ['nothing declared of the source', () => undefined],
  ])('a source with %s gives no warning', (_case, declare) => {
    const stack = testStack();
    const prod = AmplifyBackend.fromEnvironmentAttributes(stack, 'Prod', { appId: 'd1', environmentName: 'prod' });
    declare(prod);
    clone(stack, prod);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(WARNING))).toEqual([]);
  });

  test('the app\'s record from a copy of the library without clones refuses a clone rather than leave it unordered', () => {
    const stack = testStack();
    const prod = AmplifyBackend.fromEnvironmentAttributes(stack, 'Prod', { appId: 'd1', environmentName: 'prod' });
    Object.defineProperty(EnvironmentChains.of(stack), 'followSource', { value: undefined });
    expect(() => clone(stack, prod)).toThrow('TestStack/Rehearsal is a clone (cloneFrom), but the app\'s record of environments '
      + '(CdkAmplifyBackendEnvironments) comes from an older copy of cdk-amplify-backend in the app');
  });
});
