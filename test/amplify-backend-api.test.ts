import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Duration, Expiration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  AmplifyBackend, AmplifyBackendApi, ApiAuthorization, ApiSchema, BackendApiOptions, ConflictResolutionStrategy, IAmplifyBackend,
} from '../src';
import { policyStatements, testStack } from './template-helpers';

const SCHEMA = 'type Todo @model @auth(rules: [{ allow: owner }, { allow: public }]) {\n  id: ID!\n  name: String\n}\n';
const API_ACTIONS = [
  'CreateBackendAPI', 'UpdateBackendAPI', 'DeleteBackendAPI', 'GetBackendAPI', 'GenerateBackendAPIModels', 'GetBackendAPIModels',
  'GetBackend', 'GetBackendJob', 'ListBackendJobs',
].map((operation) => `amplifybackend:${operation}`);

/** The README's shape: a user-pool default and an API key for public reads. */
const TODO_API: BackendApiOptions = {
  resourceName: 'todo',
  schema: ApiSchema.fromString(SCHEMA),
  defaultAuthorization: ApiAuthorization.userPool(),
  additionalAuthorizations: [ApiAuthorization.apiKey({ description: 'public', expires: Expiration.after(Duration.days(365)) })],
};

const referenced = (stack: Stack, environmentName = 'dev') =>
  AmplifyBackend.fromEnvironmentAttributes(stack, `Env-${environmentName}`, { appId: 'd1a2b3c4d5e6f7', environmentName });
const created = (stack: Stack, removalPolicy?: RemovalPolicy) =>
  new AmplifyBackend(stack, 'Staging', { appId: 'd1a2b3c4d5e6f7', appName: 'todos', environmentName: 'staging', removalPolicy });
const apiProperties = (stack: Stack) => Object.values(Template.fromStack(stack).findResources('Custom::AmplifyBackendApi'))[0] as any;
const withApi = (options: Partial<BackendApiOptions>, backend?: (stack: Stack) => IAmplifyBackend) => () => {
  const stack = testStack();
  (backend ?? referenced)(stack).addApi('Api', { ...TODO_API, ...options });
};

describe('AmplifyBackendApi', () => {
  test('declares the schema, the modes and model generation; the user pool is the one of the auth the app declares', () => {
    const stack = testStack();
    const staging = created(stack);
    staging.addApi('Api', TODO_API);
    staging.addAuth('Users', { resourceName: 'users' });
    const api = apiProperties(stack);
    expect(api.Properties).toMatchObject({
      AppId: 'd1a2b3c4d5e6f7',
      EnvironmentName: 'staging',
      ResourceName: 'todo',
      ApiName: 'todo',
      Schema: SCHEMA,
      DefaultAuthorization: { Mode: 'AMAZON_COGNITO_USER_POOLS', UserPoolId: { 'Fn::GetAtt': [expect.stringMatching(/^StagingUsers/), 'UserPoolId'] } },
      AdditionalAuthorizations: { API_KEY: { Description: 'public', ExpirationDays: 365 } },
      GenerateModels: true,
    });
    // Declared before the auth, it still deploys after the environment and its auth.
    expect(api.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^StagingUsers/), expect.stringMatching(/^Staging[0-9A-F]{8}$/)]));
  });

  test('an imported user pool is the one given; an environment whose auth the app does not declare leaves it to the handler', () => {
    const stack = testStack();
    const dev = referenced(stack);
    dev.importAuth('Users', {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEfGhI'),
      webClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Web', 'web'),
      nativeClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Native', 'native'),
    });
    dev.addApi('Api', TODO_API);
    referenced(stack, 'prod').addApi('ProdApi', TODO_API);
    const apis = Object.values(Template.fromStack(stack).findResources('Custom::AmplifyBackendApi')) as any[];
    expect(apis.map((api) => api.Properties.DefaultAuthorization)).toEqual([
      { Mode: 'AMAZON_COGNITO_USER_POOLS', UserPoolId: 'us-east-1_AbCdEfGhI' },
      { Mode: 'AMAZON_COGNITO_USER_POOLS' },
    ]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('apiWithoutAuth'));
  });

  test('defaults: an API key for 7 days (AppSync\'s and the Amplify CLI\'s default), the resource name as API name, no conflict detection', () => {
    const stack = testStack();
    referenced(stack).addApi('Api', { resourceName: 'notes', schema: ApiSchema.fromString('type Note @model @auth(rules: [{ allow: public }]) { id: ID! }') });
    const { Properties: properties } = apiProperties(stack);
    expect(properties.DefaultAuthorization).toEqual({ Mode: 'API_KEY', ExpirationDays: 7 });
    expect(properties.ApiName).toBe('notes');
    expect(properties.AdditionalAuthorizations).toEqual({});
    expect(properties.ConflictResolution).toBeUndefined();
  });

  test('IAM, OpenID Connect and conflict resolution are declared as given', () => {
    const stack = testStack();
    referenced(stack).addApi('Api', {
      resourceName: 'notes',
      apiName: 'notesApi',
      schema: ApiSchema.fromString('type Note @model @auth(rules: [{ allow: owner, provider: oidc }, { allow: private, provider: iam }]) { id: ID! }'),
      defaultAuthorization: ApiAuthorization.iam(),
      additionalAuthorizations: [ApiAuthorization.openIdConnect({
        providerName: 'Auth0', oidcProvider: 'https://example.auth0.com/', clientId: 'abc', tokenExpiryFromAuth: 3_600_000,
      })],
      conflictResolution: ConflictResolutionStrategy.AUTOMERGE,
      generateModels: false,
    });
    expect(apiProperties(stack).Properties).toMatchObject({
      ApiName: 'notesApi',
      DefaultAuthorization: { Mode: 'AWS_IAM' },
      AdditionalAuthorizations: { OPENID_CONNECT: { ProviderName: 'Auth0', IssuerUrl: 'https://example.auth0.com/', ClientId: 'abc', TokenExpiryFromAuth: 3_600_000 } },
      ConflictResolution: 'AUTOMERGE',
      GenerateModels: false,
    });
  });

  test('a schema file is read; a syntax error in it is refused at synth with its line and column', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'api-schema-'));
    try {
      const good = path.join(dir, 'schema.graphql');
      fs.writeFileSync(good, SCHEMA);
      const stack = testStack();
      referenced(stack).addApi('Api', { ...TODO_API, schema: ApiSchema.fromFile(good) });
      expect(apiProperties(stack).Properties.Schema).toBe(SCHEMA);

      const bad = path.join(dir, 'broken.graphql');
      fs.writeFileSync(bad, 'type Todo @model {\n  id: ID!\n  name String\n}\n');
      expect(withApi({ schema: ApiSchema.fromFile(bad) })).toThrow(
        `Invalid schema at TestStack/Env-dev/Api: Syntax Error: Expected ":", found Name "String" at line 3, column 8 of ${bad}.`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a schema given as text is refused with its line and column too; a missing file is refused by name', () => {
    expect(withApi({ schema: ApiSchema.fromString('type Todo @model {\n  id: ID!\n') }))
      .toThrow('Invalid schema at TestStack/Env-dev/Api: Syntax Error: Expected Name, found <EOF> at line 3, column 1 of the schema string.');
    expect(() => ApiSchema.fromFile('/no/such/schema.graphql')).toThrow(/^Cannot read the API schema file \/no\/such\/schema.graphql: ENOENT/);
  });

  test.each([
    ['a public rule without an API key', 'type T @model @auth(rules: [{ allow: public }]) { id: ID! }', [ApiAuthorization.userPool()],
      '@auth rule { allow: public } on type T (line 1, column 29 of the schema string) uses the apiKey provider (the default for public), but the API has no API_KEY authorization (it has AMAZON_COGNITO_USER_POOLS); add ApiAuthorization.apiKey() to additionalAuthorizations'],
    ['an owner rule without a user pool', 'type T @model @auth(rules: [{ allow: owner }]) { id: ID! }', [ApiAuthorization.apiKey()],
      'uses the userPools provider (the default for owner), but the API has no AMAZON_COGNITO_USER_POOLS authorization'],
    ['a public IAM rule without IAM', 'type T @model { id: ID! secret: String @auth(rules: [{ allow: public, provider: iam }]) }', [ApiAuthorization.apiKey()],
      '@auth rule { allow: public, provider: iam } on field T.secret'],
    ['a custom (Lambda) rule', 'type T @model @auth(rules: [{ allow: custom }]) { id: ID! }', [ApiAuthorization.apiKey()],
      'uses the function provider (the default for custom), a Lambda authorizer, which the AmplifyBackend API cannot configure'],
  ])('%s is refused at synth', (_name, schema, [defaultAuthorization], message) => {
    expect(withApi({ schema: ApiSchema.fromString(schema), defaultAuthorization, additionalAuthorizations: [] })).toThrow(message);
  });

  test('rules whose providers the API has pass, with IAM for public rules and OIDC for owner rules', () => {
    expect(withApi({
      schema: ApiSchema.fromString('type T @model @auth(rules: [{ allow: public, provider: iam }, { allow: owner, provider: oidc }, { allow: groups, groups: ["Admin"] }]) { id: ID! }'),
      defaultAuthorization: ApiAuthorization.userPool(),
      additionalAuthorizations: [ApiAuthorization.iam(), ApiAuthorization.openIdConnect({ providerName: 'idp', oidcProvider: 'https://idp.example.com/' })],
    })).not.toThrow();
  });

  test.each([
    [Expiration.after(Duration.days(365)), 365],
    [Expiration.after(Duration.days(1)), 1],
    [Expiration.after(Duration.hours(36)), 2],
  ])('an API key expiring %s is sent as %i days', (expires, days) => {
    const stack = testStack();
    referenced(stack).addApi('Api', { ...TODO_API, additionalAuthorizations: [ApiAuthorization.apiKey({ expires })] });
    expect(apiProperties(stack).Properties.AdditionalAuthorizations.API_KEY.ExpirationDays).toBe(days);
  });

  test.each([
    ['366 days', Expiration.after(Duration.days(366))],
    ['12 hours', Expiration.after(Duration.hours(12))],
  ])('an API key expiring after %s is refused: 1 to 365 days', (_name, expires) => {
    expect(withApi({ additionalAuthorizations: [ApiAuthorization.apiKey({ expires })] }))
      .toThrow(/^Invalid additionalAuthorizations\[0\]\.expires \S+ at TestStack\/Env-dev\/Api: an API key expires 1 to 365 days after the deployment/);
  });

  test('a mode given twice, or the default again as an additional one, is refused', () => {
    expect(withApi({ additionalAuthorizations: [ApiAuthorization.userPool(), ApiAuthorization.apiKey()] }))
      .toThrow('Invalid additionalAuthorizations at TestStack/Env-dev/Api: AMAZON_COGNITO_USER_POOLS is given as the default and more than once');
  });

  test.each([
    ['resourceName', { resourceName: 'todo-api' }, 'Invalid resourceName "todo-api" at TestStack/Env-dev/Api: use 1 to 128 letters and digits.'],
    ['apiName', { apiName: 'todo api' }, 'Invalid apiName "todo api" at TestStack/Env-dev/Api: use 1 to 128 letters and digits.'],
    ['oidcProvider (http)', { additionalAuthorizations: [ApiAuthorization.openIdConnect({ providerName: 'idp', oidcProvider: 'http://idp.example.com/' })] },
      'Invalid additionalAuthorizations[0].oidcProvider "http://idp.example.com/" at TestStack/Env-dev/Api: use the issuer\'s https URL'],
  ])('a bad %s is refused at synth', (_name, options, message) => {
    expect(withApi(options as Partial<BackendApiOptions>)).toThrow(message);
  });

  test('a second API in one environment is refused, naming both: an environment holds one', () => {
    const stack = testStack();
    const dev = referenced(stack);
    dev.addApi('Api', TODO_API);
    expect(() => dev.addApi('Other', { ...TODO_API, resourceName: 'other' })).toThrow(
      'Environment "dev" of app d1a2b3c4d5e6f7 already has an API at TestStack/Env-dev/Api; TestStack/Env-dev/Other would be a second one');
  });

  test('a user-pool mode in an environment the app creates without auth gets a warning to declare auth or acknowledge', () => {
    const stack = testStack();
    created(stack).addApi('Api', TODO_API);
    Annotations.fromStack(stack).hasWarning('/TestStack/Staging/Api', Match.stringLikeRegexp(
      'API at TestStack/Staging/Api authorizes with the user pool .* no auth is declared for it in this app.*\\[ack: cdk-amplify-backend:apiWithoutAuth\\]'));
  });

  test('grants are AppSync\'s: a Lambda role may run queries on the API the service created', () => {
    const stack = testStack();
    const api = referenced(stack).addApi('Api', {
      ...TODO_API,
      additionalAuthorizations: [ApiAuthorization.iam()],
      schema: ApiSchema.fromString('type Todo @model @auth(rules: [{ allow: owner }, { allow: private, provider: iam }]) { id: ID! }'),
    });
    const role = new iam.Role(stack, 'Fn', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    api.grantQuery(role, 'listTodos');
    const statement = policyStatements(stack).find((s) => s.Action === 'appsync:GraphQL');
    expect(JSON.stringify(statement?.Resource)).toContain('"Fn::GetAtt":["EnvdevApi');
    expect(JSON.stringify(statement?.Resource)).toContain('/types/Query/fields/listTodos');
  });

  test('the handler may call the API operations on the app\'s backend', () => {
    const stack = testStack();
    referenced(stack).addApi('Api', TODO_API);
    const actions = policyStatements(stack).flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('amplifybackend:'));
    expect(actions.sort()).toEqual([...API_ACTIONS].sort());
  });

  test('retained by default; removed with DeleteBackendAPI by default in an environment the app creates with DESTROY', () => {
    const kept = testStack();
    referenced(kept).addApi('Api', TODO_API);
    expect(apiProperties(kept).DeletionPolicy).toBe('Retain');
    const removed = testStack();
    const staging = created(removed, RemovalPolicy.DESTROY);
    staging.addAuth('Users', { resourceName: 'users' });
    staging.addApi('Api', TODO_API);
    expect(apiProperties(removed).DeletionPolicy).toBe('Delete');
  });

  test('a referenced API gives the AppSync API for grants; nothing is created', () => {
    const stack = testStack();
    const api = AmplifyBackendApi.fromApiAttributes(stack, 'Existing', { resourceName: 'todo', apiId: 'abc123' });
    expect(api.graphqlApi.apiId).toBe('abc123');
    Template.fromStack(stack).resourceCountIs('Custom::AmplifyBackendApi', 0);
  });
});
