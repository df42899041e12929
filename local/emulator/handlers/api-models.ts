import { DocumentNode, GraphQLError, Kind, parse, TypeNode } from 'graphql';
import { ApiModels } from '../state';

/**
 * What the service's GraphQL transform makes of a schema, as far as the emulator models it: whether it parses (a
 * schema that does not fails the job, with the parser's message and where), and the models Amplify Studio and
 * DataStore use, from its `@model` types.
 */

/** Why the service cannot build the schema, as the job's error says it; undefined when it parses. */
export function schemaProblem(schema: string | undefined): string | undefined {
  if (schema === undefined || schema.trim() === '') return 'No GraphQL schema found for the API: resourceConfig.transformSchema is empty.';
  try {
    parse(schema);
    return undefined;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const where = error.locations?.[0];
    return `Failed to compile the GraphQL schema: ${error.message}${where ? ` (line ${where.line}, column ${where.column})` : ''}`;
  }
}

interface Field {
  readonly name: string;
  readonly type: string;
  readonly isRequired: boolean;
  readonly isArray: boolean;
}

function fieldType(type: TypeNode): { type: string; isRequired: boolean; isArray: boolean } {
  if (type.kind === Kind.NON_NULL_TYPE) return { ...fieldType(type.type), isRequired: true };
  if (type.kind === Kind.LIST_TYPE) return { ...fieldType(type.type), isArray: true, isRequired: false };
  return { type: type.name.value, isRequired: false, isArray: false };
}

/** The models generated from a schema that parses: each `@model` type with its fields, as a model introspection schema. */
export function generatedModels(schema: string): ApiModels {
  const document: DocumentNode = parse(schema);
  const models: Record<string, { name: string; fields: Record<string, Field> }> = {};
  for (const definition of document.definitions) {
    const isModel = definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.directives?.some((directive) => directive.name.value === 'model');
    if (!isModel || definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const fields = Object.fromEntries((definition.fields ?? [])
      .map((field) => [field.name.value, { name: field.name.value, ...fieldType(field.type) }]));
    models[definition.name.value] = { name: definition.name.value, fields };
  }
  return {
    status: 'LATEST',
    models: JSON.stringify(Object.keys(models)),
    modelIntrospectionSchema: JSON.stringify({ version: 1, models, enums: {}, nonModels: {} }),
  };
}
