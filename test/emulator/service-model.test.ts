import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { APP_ID, ENV, useEmulator } from './harness';
import { MUTATING_OPERATIONS, READ_OPERATIONS } from '../../local/emulator';
import { operationModel, StructureModel, ValueModel } from '../../local/emulator/service-model';
import { ENUM_MEMBERS_FILE, sdkEnumMembers } from '../../projenrc/sdk-enum-members';

/**
 * The emulator checks every request against the service model the SDK package ships. These tests hold its reading of
 * that model to the SDK's own declarations, and its answers to the service's: 400 BadRequestException for a body
 * with a member the operation does not have, without one it requires, or with a value outside an enum.
 */
const SERVED = [...MUTATING_OPERATIONS, ...READ_OPERATIONS];
const DECLARATIONS = path.join(path.dirname(require.resolve('@aws-sdk/client-amplifybackend/package.json')), 'dist-types', 'models', 'models_0.d.ts');

/** Per interface of the SDK's declarations, which members are required (declared without `?`). */
function declaredRequired(): Map<string, Map<string, boolean>> {
  const source = ts.createSourceFile(DECLARATIONS, fs.readFileSync(DECLARATIONS, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, Map<string, boolean>>();
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    interfaces.set(statement.name.text, new Map(statement.members.filter(ts.isPropertySignature)
      .map((member) => [member.name.getText(), member.questionToken === undefined])));
  }
  return interfaces;
}

/** Every structure a body can hold, the body's own first. */
function structuresOf(model: ValueModel, found = new Map<string, StructureModel>()): Map<string, StructureModel> {
  if (model.kind === 'structure') {
    if (found.has(model.name)) return found;
    found.set(model.name, model);
    for (const member of model.members.values()) structuresOf(member.value(), found);
  } else if (model.kind === 'list' || model.kind === 'map') {
    structuresOf(model.element(), found);
  }
  return found;
}

describe('the service model the emulator checks requests with', () => {
  test('sdk-enum-members.json is what the SDK\'s declarations say (npx ts-node projenrc/sdk-enum-members.ts rewrites it)', () => {
    expect(JSON.parse(fs.readFileSync(ENUM_MEMBERS_FILE, 'utf8'))).toEqual(sdkEnumMembers());
  });

  test('every operation the emulator serves has a route and a body in the SDK\'s model', () => {
    for (const operation of SERVED) {
      const model = operationModel(operation);
      expect(`${operation} ${model.method} ${model.path}`).toMatch(new RegExp(`^${operation} (GET|POST) /\\S+$`));
    }
    expect(operationModel('CreateBackendAPI')).toMatchObject({ method: 'POST', path: '/backend/{appId}/api' });
    expect(operationModel('GetBackendJob')).toMatchObject({ method: 'GET', path: '/backend/{appId}/job/{backendEnvironmentName}/{jobId}' });
  });

  test('the members it requires are the ones the SDK declares required, in every structure of every body', () => {
    const declared = declaredRequired();
    let compared = 0;
    for (const operation of SERVED) {
      for (const structure of structuresOf(operationModel(operation).body).values()) {
        const members = declared.get(structure.name);
        expect(members).toBeDefined();
        for (const member of structure.members.values()) {
          expect(`${structure.name}.${member.name} required: ${member.required}`).toBe(`${structure.name}.${member.name} required: ${members!.get(member.name)}`);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  test('members of an enum take its values, as the SDK exports them', () => {
    const config = structuresOf(operationModel('CreateBackendAPI').body).get('BackendAPIAuthType')!;
    expect(config.members.get('mode')!.value()).toEqual({ kind: 'string', enumName: 'Mode', values: ['AMAZON_COGNITO_USER_POOLS', 'API_KEY', 'AWS_IAM', 'OPENID_CONNECT'] });
  });
});

describe('requests that do not match the model', () => {
  const h = useEmulator();
  const post = async (url: string, body: unknown) => {
    const response = await fetch(`${h.emulator.endpoint}${url}`, { method: 'POST', body: JSON.stringify(body) });
    return { status: response.status, type: response.headers.get('x-amzn-errortype'), message: ((await response.json()) as { message: string }).message };
  };

  test.each(SERVED.filter((operation) => operationModel(operation).method === 'POST'))('%s: a member it does not have is a 400 BadRequestException', async (operation) => {
    const url = operationModel(operation).path.replace('{appId}', APP_ID).replace('{backendEnvironmentName}', ENV).replace('{jobId}', 'job-1');
    expect(await post(url, { notAMember: 1 })).toEqual({
      status: 400, type: 'BadRequestException', message: expect.stringContaining('Unknown key notAMember: '),
    });
  });

  test('a body without a required member, or with a value outside its enum, is a 400 naming the member', async () => {
    expect(await post(`/backend/${APP_ID}/api`, { backendEnvironmentName: ENV, resourceConfig: {} })).toMatchObject({
      status: 400, message: expect.stringContaining('Missing required key resourceName.'),
    });
    expect(await post(`/backend/${APP_ID}/api`, {
      backendEnvironmentName: ENV, resourceName: 'todo', resourceConfig: { defaultAuthType: { mode: 'AWS_LAMBDA' } },
    })).toMatchObject({
      status: 400,
      message: expect.stringContaining('resourceConfig.defaultAuthType.mode must be one of AMAZON_COGNITO_USER_POOLS, API_KEY, AWS_IAM, OPENID_CONNECT, got "AWS_LAMBDA".'),
    });
    expect(await post(`/backend/${APP_ID}/api/${ENV}`, {
      resourceName: 'todo', resourceConfig: { conflictResolution: { resolutionStrategy: 'LAST_WRITER_WINS' } },
    })).toMatchObject({ status: 400, message: expect.stringContaining('resourceConfig.conflictResolution.resolutionStrategy must be one of') });
  });
});
