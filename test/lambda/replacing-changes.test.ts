import { AUTH_PROPERTIES, request } from './harness';
import { planEnvironment } from '../../lambda/amplify-backend';
import { planApi } from '../../lambda/amplify-backend-api';
import { planAuth } from '../../lambda/amplify-backend-auth';
import { planStorage } from '../../lambda/amplify-backend-storage';
import { ResourceRequest } from '../../lambda/events';
import { planImportAuth } from '../../lambda/imported-backend-auth';
import { planImport } from '../../lambda/imported-backend-storage';
import {
  API_RESOURCE_TYPE, AUTH_RESOURCE_TYPE, ENVIRONMENT_RESOURCE_TYPE, IMPORTED_AUTH_RESOURCE_TYPE, IMPORTED_STORAGE_RESOURCE_TYPE, REPLACING_CHANGES,
  replacingChanges, STORAGE_RESOURCE_TYPE,
} from '../../src/private/contract';

type Properties = Record<string, unknown>;

/** One resource type: properties and physical id as deployed, whether the handler's plan for an Update replaces it, and changes to try. */
interface Case {
  readonly before: Properties;
  readonly physicalResourceId: string;
  readonly replaces: (update: ResourceRequest) => boolean;
  /** Each a change to `before`: every replacing change of the table, and changes that are updates in place. */
  readonly changes: readonly Properties[];
}

const AUTH = {
  ...AUTH_PROPERTIES,
  OAuth: { GrantType: 'CODE', Scopes: ['EMAIL'], CallbackUrls: ['https://example.com/'], LogoutUrls: ['https://example.com/'] },
};
const { IdentityPool: _pool, ...AUTH_WITHOUT_IDENTITY_POOL } = AUTH;
const { OAuth: _oAuth, ...AUTH_WITHOUT_OAUTH } = AUTH;
const IMPORTED_AUTH = { AppId: 'd1', EnvironmentName: 'dev', UserPoolId: 'us-east-1_Pool1', WebClientId: 'web1', NativeClientId: 'native1', IdentityPoolId: 'us-east-1:i-1' };
const { IdentityPoolId: _identityPoolId, ...IMPORTED_AUTH_WITHOUT_IDENTITY_POOL } = IMPORTED_AUTH;
const API = {
  AppId: 'd1',
  EnvironmentName: 'dev',
  ResourceName: 'todo',
  ApiName: 'todo',
  Schema: 'type Todo @model { id: ID! }',
  DefaultAuthorization: { Mode: 'API_KEY', ExpirationDays: '7' },
  AdditionalAuthorizations: {},
  GenerateModels: 'true',
};

/** Each resource type's handler, held to the table: the kind of plan that replaces the resource differs by type. */
const CASES: Record<string, Case> = {
  [ENVIRONMENT_RESOURCE_TYPE]: {
    before: { AppId: 'd1', AppName: 'photos', EnvironmentName: 'dev' },
    physicalResourceId: 'd1/dev',
    replaces: (update) => planEnvironment(update).physicalResourceId !== update.PhysicalResourceId,
    changes: [{ AppId: 'd2' }, { EnvironmentName: 'prod' }, { AppName: 'renamed' }, { ResourceName: 'backend' }, { CloneFrom: 'prod' }],
  },
  [STORAGE_RESOURCE_TYPE]: {
    before: { AppId: 'd1', EnvironmentName: 'dev', ResourceName: 'photos', BucketName: 'photos', AuthenticatedPermissions: ['READ'], UnauthenticatedPermissions: [] },
    physicalResourceId: 'd1/dev/photos',
    replaces: (update) => planStorage(update).physicalResourceId !== update.PhysicalResourceId,
    changes: [{ AppId: 'd2' }, { EnvironmentName: 'prod' }, { ResourceName: 'media' }, { AuthenticatedPermissions: ['READ', 'DELETE'] },
      { UnauthenticatedPermissions: ['READ'] }, { BucketName: 'pictures' }],
  },
  [IMPORTED_STORAGE_RESOURCE_TYPE]: {
    before: { AppId: 'd1', EnvironmentName: 'dev', BucketName: 'team-files' },
    physicalResourceId: 'd1/dev/s3abcdef12',
    // A new link: the handler gives it a new id once it finds the old link, and CloudFormation deletes the old id.
    replaces: (update) => planImport(update).isNew,
    changes: [{ AppId: 'd2' }, { EnvironmentName: 'prod' }, { BucketName: 'other-files' }],
  },
  [AUTH_RESOURCE_TYPE]: {
    before: AUTH,
    physicalResourceId: 'd1/dev/users',
    // The same id with `replaces` is a replacement under the same name: the old user pool is removed first.
    replaces: (update) => {
      const plan = planAuth(update);
      return plan.physicalResourceId !== update.PhysicalResourceId || plan.replaces !== undefined;
    },
    changes: [{ AppId: 'd2' }, { EnvironmentName: 'prod' }, { ResourceName: 'people' }, { UserPoolName: 'people' }, { SignInMethod: 'USERNAME' },
      { RequiredSignUpAttributes: ['EMAIL', 'NAME'] }, { IdentityPool: { Name: 'people_ids', AllowGuests: 'true' } },
      { IdentityPool: { Name: 'users_identitypool', AllowGuests: 'false' } }, { PasswordPolicy: { MinimumLength: '12', AdditionalConstraints: [] } },
      { Mfa: { Mode: 'OPTIONAL', Types: ['TOTP'] } }, { OAuth: { ...AUTH.OAuth, Scopes: ['EMAIL', 'OPENID'] } }],
  },
  [IMPORTED_AUTH_RESOURCE_TYPE]: {
    before: IMPORTED_AUTH,
    physicalResourceId: 'd1/dev/cognitoabcdef12',
    replaces: (update) => planImportAuth(update).isNew,
    changes: [{ AppId: 'd2' }, { EnvironmentName: 'prod' }, { UserPoolId: 'us-east-1_Pool2' }, { WebClientId: 'web2' }, { NativeClientId: 'native2' },
      { IdentityPoolId: 'us-east-1:i-2' }],
  },
  [API_RESOURCE_TYPE]: {
    before: API,
    physicalResourceId: 'd1/dev/todo',
    replaces: (update) => planApi(update).physicalResourceId !== update.PhysicalResourceId,
    changes: [{ AppId: 'd2' }, { EnvironmentName: 'prod' }, { ResourceName: 'tasks' }, { ApiName: 'tasks' }, { Schema: 'type Task @model { id: ID! }' },
      { DefaultAuthorization: { Mode: 'AWS_IAM' } }, { AdditionalAuthorizations: { AWS_IAM: {} } }, { ConflictResolution: 'AUTOMERGE' },
      { GenerateModels: 'false' }],
  },
};

const CLONE = { AppId: 'd1', AppName: 'photos', EnvironmentName: 'dev', CloneFrom: 'prod' };
const { CloneFrom: _cloneFrom, ...NOT_A_CLONE } = CLONE;

/** Changes from another base (a clone) and changes that remove a property, which the spread changes above cannot express. */
const REMOVALS: Array<[string, Properties, Properties]> = [
  [ENVIRONMENT_RESOURCE_TYPE, CLONE, { ...CLONE, CloneFrom: 'staging' }],
  [ENVIRONMENT_RESOURCE_TYPE, CLONE, NOT_A_CLONE],
  [AUTH_RESOURCE_TYPE, AUTH, AUTH_WITHOUT_OAUTH],
  [AUTH_RESOURCE_TYPE, AUTH_WITHOUT_OAUTH, AUTH],
  [AUTH_RESOURCE_TYPE, AUTH, AUTH_WITHOUT_IDENTITY_POOL],
  [AUTH_RESOURCE_TYPE, AUTH_WITHOUT_IDENTITY_POOL, AUTH],
  [IMPORTED_AUTH_RESOURCE_TYPE, IMPORTED_AUTH, IMPORTED_AUTH_WITHOUT_IDENTITY_POOL],
];

const everyChange: Array<[string, Properties, Properties]> = [
  ...Object.entries(CASES).flatMap(([type, { before, changes }]) =>
    changes.map((change): [string, Properties, Properties] => [type, before, { ...before, ...change }])),
  ...REMOVALS,
];

describe('REPLACING_CHANGES: the one place that says which property changes replace a resource', () => {
  test.each(everyChange.map(([type, before, after]) => [type, JSON.stringify(changedKeys(before, after)), before, after] as const))(
    '%s %s: the handler replaces exactly when the table says so',
    (type, _change, before, after) => {
      const { physicalResourceId, replaces } = CASES[type];
      const update = request('Update', type, after, { OldResourceProperties: before, PhysicalResourceId: physicalResourceId });
      expect(replaces(update)).toBe(replacingChanges(type, before, after).length > 0);
    },
  );

  test('every entry of the table is tried above, and every custom resource type has an entry', () => {
    const tried = new Set(everyChange.flatMap(([type, before, after]) => replacingChanges(type, before, after).map((property) => `${type} ${property}`)));
    const listed = Object.entries(REPLACING_CHANGES).flatMap(([type, changes]) => changes.map(({ property }) => `${type} ${property}`));
    expect([...tried].sort()).toEqual([...listed].sort());
    expect(Object.keys(REPLACING_CHANGES).sort()).toEqual(Object.keys(CASES).sort());
  });

  test('lists compare as sets; a change of a nested property is named by its path', () => {
    expect(replacingChanges(AUTH_RESOURCE_TYPE, { RequiredSignUpAttributes: ['EMAIL', 'NAME'] }, { RequiredSignUpAttributes: ['NAME', 'EMAIL'] })).toEqual([]);
    expect(replacingChanges(AUTH_RESOURCE_TYPE, AUTH, { ...AUTH, UserPoolName: 'people', IdentityPool: { Name: 'x', AllowGuests: 'true' } }))
      .toEqual(['UserPoolName', 'IdentityPool.Name']);
    expect(replacingChanges('Custom::Unknown', { A: '1' }, { A: '2' })).toEqual([]);
  });
});

/** The keys whose values differ, for the test's name. */
function changedKeys(before: Properties, after: Properties): Properties {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return Object.fromEntries([...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).map((key) => [key, after[key] ?? '(removed)']));
}
