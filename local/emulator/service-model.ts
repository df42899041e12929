/**
 * The requests the service takes, from the service's own model as the SDK package ships it: each operation's HTTP
 * method and path, and the structure of its body (members, their JSON names and types, which are required). The
 * model is data; what the emulator does with it (route a request, refuse a body) is its own. Its schema objects
 * (`@aws-sdk/client-amplifybackend`'s `dist-es/schemas`) say everything but which members take an enum: that is in
 * the SDK's declarations, read into `sdk-enum-members.json` by `projenrc/sdk-enum-members.ts`, and the values of
 * each enum are the SDK's own.
 */
import * as sdk from '@aws-sdk/client-amplifybackend';
import { NormalizedSchema } from '@smithy/core/schema';
import { badRequest } from './errors';
import ENUM_MEMBERS from './sdk-enum-members.json';

/** An operation as the model defines it: where it is served, and what its body holds. */
export interface OperationModel {
  readonly method: string;
  /** The path as the SDK sends it, labels named as the emulator reads them: `/backend/{appId}/api/{backendEnvironmentName}`. */
  readonly path: string;
  /** The body's structure: the operation's input without its path labels. */
  readonly body: StructureModel;
}

/** A structure of the model: its members by the name they have on the wire. */
export interface StructureModel {
  readonly kind: 'structure';
  readonly name: string;
  readonly members: ReadonlyMap<string, MemberModel>;
}

/** A member of a structure: its value's type, and whether a request must give it. */
export interface MemberModel {
  /** The member's name in the model (`ResourceConfig`); on the wire it is the key of `StructureModel.members`. */
  readonly name: string;
  readonly required: boolean;
  readonly value: () => ValueModel;
}

/** What a value may be. */
export type ValueModel =
  | StructureModel
  | { readonly kind: 'list' | 'map'; readonly element: () => ValueModel }
  | { readonly kind: 'string'; readonly enumName?: string; readonly values?: readonly string[] }
  | { readonly kind: 'number' | 'boolean' | 'other' };

const enumMembers: Readonly<Record<string, string>> = ENUM_MEMBERS;
const cache = new Map<string, OperationModel>();

/** The model of an operation of the SDK's service (`CreateBackendAPI`). */
export function operationModel(operation: string): OperationModel {
  let model = cache.get(operation);
  if (!model) cache.set(operation, model = readOperation(operation));
  return model;
}

/** The static operation schema: `[9, namespace, name, { http: [method, path, code] }, input, output]`. */
type OperationSchema = readonly [number, string, string, { readonly http?: readonly [string, string, number] }, unknown, unknown];

function readOperation(operation: string): OperationModel {
  const schema = (sdk as unknown as Record<string, OperationSchema | undefined>)[`${operation}$`];
  const http = schema?.[3]?.http;
  if (!schema || !http) throw new Error(`The SDK's service model has no operation ${operation}.`);
  const input = NormalizedSchema.of(schema[4] as Parameters<typeof NormalizedSchema.of>[0]);
  return {
    method: http[0],
    path: http[1].replace(/\{(\w)(\w*)\}/g, (_label, first: string, rest: string) => `{${first.toLowerCase()}${rest}}`),
    body: structureOf(input, (member) => !member.getMergedTraits().httpLabel),
  };
}

/** A structure's members, by wire name (`jsonName`, else the member's name); `included` leaves out the input's labels. */
function structureOf(schema: NormalizedSchema, included: (member: NormalizedSchema) => boolean = () => true): StructureModel {
  const name = schema.getName() ?? '';
  // The model lists required members first and says how many there are.
  const requiredCount = (schema.getSchema() as unknown as readonly unknown[])[6];
  const members = new Map<string, MemberModel>();
  let index = 0;
  for (const [memberName, member] of schema.structIterator()) {
    const required = typeof requiredCount === 'number' && index++ < requiredCount;
    if (!included(member)) continue;
    const wireName = (member.getMergedTraits().jsonName as string | undefined) ?? memberName;
    members.set(wireName, { name: memberName, required, value: once(() => valueOf(member, `${name}.${memberName}`)) });
  }
  return { kind: 'structure', name, members };
}

function valueOf(schema: NormalizedSchema, member: string): ValueModel {
  if (schema.isStructSchema()) return structureOf(schema);
  if (schema.isListSchema()) return { kind: 'list', element: once(() => valueOf(schema.getValueSchema(), member)) };
  if (schema.isMapSchema()) return { kind: 'map', element: once(() => valueOf(schema.getValueSchema(), member)) };
  if (schema.isStringSchema()) {
    const enumName = enumMembers[member];
    const values = enumName === undefined ? undefined : Object.values((sdk as unknown as Record<string, Record<string, string>>)[enumName]);
    return { kind: 'string', enumName, values };
  }
  if (schema.isBooleanSchema()) return { kind: 'boolean' };
  if (schema.isNumericSchema()) return { kind: 'number' };
  return { kind: 'other' };
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/**
 * Refuses a value that is not what the model says (400, as the service answers a request it cannot take): a missing
 * required member, a member the structure does not have, a value of the wrong type or outside its enum. `path` names
 * it in the message, with the wire's names (`resourceConfig.defaultAuthType.mode`).
 */
export function checkValue(model: ValueModel, value: unknown, path: string): void {
  switch (model.kind) {
    case 'structure': return checkStructure(model, value, path);
    case 'list':
      if (!Array.isArray(value)) throw badRequest(`${path} must be a list, got ${describe(value)}.`);
      return value.forEach((element, index) => checkValue(model.element(), element, `${path}[${index}]`));
    case 'map':
      if (!isObject(value)) throw badRequest(`${path} must be a JSON object, got ${describe(value)}.`);
      return Object.entries(value).forEach(([key, element]) => checkValue(model.element(), element, `${path}.${key}`));
    case 'string':
      if (typeof value !== 'string') throw badRequest(`${path} must be a string, got ${describe(value)}.`);
      if (model.values && !model.values.includes(value)) throw badRequest(`${path} must be one of ${model.values.join(', ')}, got ${describe(value)}.`);
      return;
    case 'number':
      if (typeof value !== 'number') throw badRequest(`${path} must be a number, got ${describe(value)}.`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw badRequest(`${path} must be a boolean, got ${describe(value)}.`);
      return;
    default:
      return;
  }
}

function checkStructure(model: StructureModel, value: unknown, path: string): void {
  if (!isObject(value)) throw badRequest(`${path || 'The request body'} must be a JSON object, got ${describe(value)}.`);
  for (const key of Object.keys(value)) {
    if (!model.members.has(key)) {
      throw badRequest(`Unknown key ${child(path, key)}: ${model.name} has ${[...model.members.keys()].join(', ') || 'no members in the body'}.`);
    }
  }
  for (const [key, member] of model.members) {
    const given = value[key];
    if (given === undefined || given === null) {
      if (member.required) throw badRequest(`Missing required key ${child(path, key)}.`);
      continue;
    }
    checkValue(member.value(), given, child(path, key));
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function child(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
