import { IConstruct } from 'constructs';
import { ArgumentNode, ASTNode, DirectiveNode, DocumentNode, GraphQLError, Kind, parse, ValueNode } from 'graphql';
import type { ApiSchema } from '../api-schema';

/**
 * Synth-time checks of an API's schema with `graphql`, the reference implementation: the schema parses (as a
 * document: Amplify's transform directives, `@model` and `@auth` among them, are declared by the transformer, not in
 * the schema, so it is not validated as an executable schema), and its `@auth` rules need no authorization mode the
 * API lacks, as Amplify's GraphQL transformer refuses them at deploy time ("@auth directive with 'apiKey' provider
 * found, but the project has no API Key authentication provider configured").
 */

/** The provider a rule uses when it names none, by `allow` (Amplify's GraphQL transformer defaults). */
const DEFAULT_PROVIDER: Readonly<Record<string, string>> = {
  public: 'apiKey',
  private: 'userPools',
  owner: 'userPools',
  groups: 'userPools',
  custom: 'function',
};

/** The authorization mode each `@auth` provider needs. */
const PROVIDER_MODE: Readonly<Record<string, string>> = {
  apiKey: 'API_KEY',
  iam: 'AWS_IAM',
  userPools: 'AMAZON_COGNITO_USER_POOLS',
  oidc: 'OPENID_CONNECT',
  function: 'AWS_LAMBDA',
};

/** How each mode is added, for messages. */
const HOW_TO_ADD: Readonly<Record<string, string>> = {
  API_KEY: 'ApiAuthorization.apiKey()',
  AWS_IAM: 'ApiAuthorization.iam()',
  AMAZON_COGNITO_USER_POOLS: 'ApiAuthorization.userPool()',
  OPENID_CONNECT: 'ApiAuthorization.openIdConnect({ ... })',
};

/** The schema parsed as a document; a syntax error is refused with its line and column. */
export function parsedSchema(scope: IConstruct, schema: ApiSchema): DocumentNode {
  try {
    return parse(schema.definition, { noLocation: false });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const where = error.locations?.[0];
    const at = where ? ` at line ${where.line}, column ${where.column}` : '';
    throw new Error(`Invalid schema at ${scope.node.path}: ${error.message.replace(/\.$/, '')}${at} of ${schema.source}. `
      + 'Give an annotated GraphQL schema (SDL), as Amplify Studio and the Amplify CLI take it.');
  }
}

/**
 * Refuses `@auth` rules (on types and fields) whose provider needs a mode the API does not have (`modes`: its default
 * and additional modes), and `custom` rules (a Lambda authorizer, which the AmplifyBackend API cannot configure).
 * Rules with an `allow` or `provider` this check does not know are left to the transformer.
 */
export function checkAuthRules(scope: IConstruct, document: DocumentNode, schema: ApiSchema, modes: readonly string[]): void {
  for (const { directive, owner } of authDirectives(document)) {
    for (const rule of rulesOf(directive)) {
      const allow = enumText(rule.fields.get('allow'));
      const given = enumText(rule.fields.get('provider'));
      const provider = given ?? (allow === undefined ? undefined : DEFAULT_PROVIDER[allow]);
      const mode = provider === undefined ? undefined : PROVIDER_MODE[provider];
      if (mode === undefined || modes.includes(mode)) continue;
      const what = `@auth rule { allow: ${allow}${given ? `, provider: ${given}` : ''} } on ${owner}${locationOf(rule.node, schema)}`;
      const uses = `uses the ${provider} provider${given ? '' : ` (the default for ${allow})`}`;
      if (mode === 'AWS_LAMBDA') {
        throw new Error(`Invalid schema at ${scope.node.path}: ${what} ${uses}, a Lambda authorizer, which the AmplifyBackend API cannot `
          + 'configure (its modes are API_KEY, AWS_IAM, AMAZON_COGNITO_USER_POOLS and OPENID_CONNECT); use a rule of another kind.');
      }
      throw new Error(`Invalid schema at ${scope.node.path}: ${what} ${uses}, but the API has no ${mode} authorization (it has `
        + `${modes.join(', ')}); add ${HOW_TO_ADD[mode]} to additionalAuthorizations, or give the rule a provider of a mode the API has.`);
    }
  }
}

interface AuthDirective {
  readonly directive: DirectiveNode;
  /** `type Todo` or `field Todo.name`, for messages. */
  readonly owner: string;
}

/** Every `@auth` directive of an object type or of one of its fields. */
function authDirectives(document: DocumentNode): AuthDirective[] {
  const found: AuthDirective[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = definition.name.value;
    for (const directive of definition.directives ?? []) if (directive.name.value === 'auth') found.push({ directive, owner: `type ${type}` });
    for (const field of definition.fields ?? []) {
      for (const directive of field.directives ?? []) {
        if (directive.name.value === 'auth') found.push({ directive, owner: `field ${type}.${field.name.value}` });
      }
    }
  }
  return found;
}

interface Rule {
  readonly node: ValueNode;
  readonly fields: ReadonlyMap<string, ValueNode>;
}

/** The rule objects of an `@auth(rules: [...])` directive. */
function rulesOf(directive: DirectiveNode): Rule[] {
  const rules = directive.arguments?.find((argument: ArgumentNode) => argument.name.value === 'rules')?.value;
  const list = rules?.kind === Kind.LIST ? rules.values : rules ? [rules] : [];
  return list.filter((value) => value.kind === Kind.OBJECT).map((value) => ({
    node: value,
    fields: new Map(value.kind === Kind.OBJECT ? value.fields.map((field) => [field.name.value, field.value]) : []),
  }));
}

/** An enum value (or, leniently, a string) as text. */
function enumText(value: ValueNode | undefined): string | undefined {
  return value?.kind === Kind.ENUM || value?.kind === Kind.STRING ? value.value : undefined;
}

function locationOf(node: ASTNode, schema: ApiSchema): string {
  const location = node.loc;
  if (!location) return '';
  const before = location.source.body.slice(0, location.start).split('\n');
  return ` (line ${before.length}, column ${before[before.length - 1].length + 1} of ${schema.source})`;
}
