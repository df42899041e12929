/**
 * The values of the declarations `adopt` writes, as a small expression tree: the same tree is rendered as
 * TypeScript source and evaluated with the library's own classes, so what is checked is what is written.
 */

/** Where a name comes from: the library, aws-cdk-lib, its Cognito module (imported as `cognito`), or Node's path module (as `path`). */
export type Module = 'cdk-amplify-backend' | 'aws-cdk-lib' | 'aws-cdk-lib/aws-cognito' | 'node:path';

export type Expr =
  | string
  | number
  | boolean
  | { readonly kind: 'list'; readonly items: readonly Expr[] }
  /** An object literal; entries in the order of the props they set. */
  | { readonly kind: 'object'; readonly entries: ReadonlyArray<readonly [string, Expr]> }
  /** A member of an exported name: `SignInMethod.EMAIL`, `RemovalPolicy.RETAIN`, `cognito.Mfa.OPTIONAL`. */
  | { readonly kind: 'member'; readonly module: Module; readonly name: string; readonly member: string }
  /** `SecretValue.secretsManager(name, { jsonField })`. */
  | { readonly kind: 'secret'; readonly name: string; readonly jsonField: string }
  /** `cognito.UserPool.fromUserPoolId(scope, id, value)` or `cognito.UserPoolClient.fromUserPoolClientId(...)`. */
  | { readonly kind: 'cognito'; readonly what: 'UserPool' | 'UserPoolClient'; readonly scope: string; readonly id: string; readonly value: string }
  /** A static method's call: `ApiAuthorization.apiKey({ ... })`, `Duration.days(30)`. */
  | { readonly kind: 'call'; readonly module: Module; readonly name: string; readonly method: string; readonly args: readonly Expr[] }
  /** `ApiSchema.fromFile(path.join(__dirname, file))`: a schema adopt writes beside the module, `text` being the file's content. */
  | { readonly kind: 'schemaFile'; readonly file: string; readonly text: string };

export type ObjectExpr = Extract<Expr, { kind: 'object' }>;

export const list = (items: readonly Expr[]): Expr => ({ kind: 'list', items });

/** An object literal of the entries whose value is defined. */
export function object(entries: ReadonlyArray<readonly [string, Expr | undefined]>): ObjectExpr {
  return { kind: 'object', entries: entries.filter((entry): entry is readonly [string, Expr] => entry[1] !== undefined) };
}

export const member = (module: Module, name: string, value: string): Expr => ({ kind: 'member', module, name, member: value });

export const call = (module: Module, name: string, method: string, ...args: Expr[]): Expr => ({ kind: 'call', module, name, method, args });

/** Every exported name an expression uses, by module. */
export function namesUsed(expr: Expr, into: Map<Module, Set<string>>): void {
  const use = (module: Module, name: string) => {
    if (!into.has(module)) into.set(module, new Set());
    into.get(module)!.add(name);
  };
  if (typeof expr !== 'object') return;
  switch (expr.kind) {
    case 'list':
      expr.items.forEach((item) => namesUsed(item, into));
      return;
    case 'object':
      expr.entries.forEach(([, value]) => namesUsed(value, into));
      return;
    case 'member':
      use(expr.module, expr.name);
      return;
    case 'secret':
      use('aws-cdk-lib', 'SecretValue');
      return;
    case 'cognito':
      use('aws-cdk-lib/aws-cognito', expr.what);
      return;
    case 'call':
      use(expr.module, expr.name);
      expr.args.forEach((arg) => namesUsed(arg, into));
      return;
    case 'schemaFile':
      use('cdk-amplify-backend', 'ApiSchema');
      use('node:path', 'path');
      return;
  }
}
