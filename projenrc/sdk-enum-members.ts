import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * Which member of which structure of the AmplifyBackend service model takes an enum: the one fact of the model that
 * its schema objects (dist-es/schemas, which the emulator reads at run time) leave out; the SDK's declarations
 * (dist-types/models) carry it as the member's type. Written to local/emulator/sdk-enum-members.json, for the
 * emulator's checks of request bodies; test/emulator/service-model.test.ts fails when it no longer matches the SDK.
 */

const SDK_TYPES = path.join(path.dirname(require.resolve('@aws-sdk/client-amplifybackend/package.json')), 'dist-types', 'models');
export const ENUM_MEMBERS_FILE = path.join(__dirname, '..', 'local', 'emulator', 'sdk-enum-members.json');

/** `Structure.Member` → the enum's name (for a list, its elements' enum), in the order the declarations give them. */
export function sdkEnumMembers(): Record<string, string> {
  const enums = new Set(declarations(path.join(SDK_TYPES, 'enums.d.ts')).flatMap((statement) =>
    ts.isVariableStatement(statement) ? statement.declarationList.declarations.map((declaration) => declaration.name.getText()) : []));
  const members: Record<string, string> = {};
  for (const statement of declarations(path.join(SDK_TYPES, 'models_0.d.ts'))) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    for (const member of statement.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const name = enumOf(member.type);
      if (name !== undefined && enums.has(name)) members[`${statement.name.text}.${member.name.getText()}`] = name;
    }
  }
  return members;
}

/** The enum a member's type names: `Mode | undefined`, `AuthenticatedElement[] | undefined`. */
function enumOf(type: ts.TypeNode): string | undefined {
  const named = ts.isUnionTypeNode(type) ? type.types.filter((part) => part.kind !== ts.SyntaxKind.UndefinedKeyword) : [type];
  if (named.length !== 1) return undefined;
  const [only] = named;
  const element = ts.isArrayTypeNode(only) ? only.elementType : only;
  return ts.isTypeReferenceNode(element) ? element.typeName.getText() : undefined;
}

function declarations(file: string): readonly ts.Statement[] {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true).statements;
}

if (require.main === module) {
  fs.writeFileSync(ENUM_MEMBERS_FILE, `${JSON.stringify(sdkEnumMembers(), null, 2)}\n`);
}
