import { RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Checks of the props object itself, before any prop is used: jsii languages and plain JavaScript can pass
 * anything (a prop left out, `{}` for a struct, a number for a name), and TypeScript's types do not exist at
 * run time. Each construct lists a rule for every prop (`PropRules` makes leaving one out a compile error);
 * a missing required prop or a value of the wrong kind is refused with the construct path, the prop and what
 * is expected, never a TypeError. What a value must look like beyond its kind (a name's characters and length,
 * an enum's members) is the business of `validate.ts`, which runs after these.
 */

/** What one prop must be. */
export interface PropRule {
  /** What the message asks for, e.g. `a string` or `a list of StoragePermission values`. */
  readonly expected: string;
  readonly required: boolean;
  /** Whether a given (not undefined or null) value is of the right kind. */
  readonly accepts: (value: unknown) => boolean;
  /** For a struct: its own props' rules, checked once the value is an object. */
  readonly struct?: Readonly<Record<string, PropRule>>;
  /** A secret: messages say what kind of value was given, never the value. */
  readonly conceal?: boolean;
}

/** One rule per prop of `T`, required and optional alike. */
export type PropRules<T> = { readonly [K in keyof Required<T>]: PropRule };

/** What kind of value a prop takes, and what the message calls it. */
export interface Kind {
  readonly expected: string;
  readonly accepts: (value: unknown) => boolean;
  readonly struct?: Readonly<Record<string, PropRule>>;
  readonly conceal?: boolean;
}

export const required = (kind: Kind): PropRule => ({ ...kind, required: true });
export const optional = (kind: Kind): PropRule => ({ ...kind, required: false });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const hasString = (value: unknown, key: string): boolean => isObject(value) && typeof value[key] === 'string';

/** A string; `what` says what it names, e.g. `the name of the Amplify app`. */
export const text = (what?: string): Kind => ({ expected: what ? `a string, ${what}` : 'a string', accepts: (value) => typeof value === 'string' });
export const flag: Kind = { expected: 'true or false', accepts: (value) => typeof value === 'boolean' };
export const wholeNumber: Kind = { expected: 'a number', accepts: (value) => typeof value === 'number' };
/** A list of strings, e.g. enum values; which values are allowed is checked afterwards. */
export const textList = (what: string): Kind => ({
  expected: `a list of ${what}`,
  accepts: (value) => Array.isArray(value) && value.every((element) => typeof element === 'string'),
});
/** A value of a string enum, e.g. `SignInMethod`; the value itself is checked afterwards. */
export const enumValue = (name: string): Kind => ({
  expected: `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name} value`,
  accepts: (value) => typeof value === 'string',
});
/** A RemovalPolicy; SNAPSHOT gets past this check so that `backendResource` says why it does not apply. */
export const removalPolicy: Kind = {
  expected: 'a RemovalPolicy (DESTROY, RETAIN or RETAIN_ON_UPDATE_OR_DELETE)',
  accepts: (value) => (Object.values(RemovalPolicy) as unknown[]).includes(value),
};
/** A SecretValue; a string gets past this check so that `secretReference` refuses it as the plain text it is. */
export const secretValue: Kind = {
  expected: 'a SecretValue from AWS Secrets Manager',
  accepts: (value) => SecretValue.isSecretValue(value) || typeof value === 'string',
  conceal: true,
};
/** A Duration (any copy of aws-cdk-lib's). */
export const duration: Kind = { expected: 'a Duration', accepts: (value) => isObject(value) && typeof value.toMilliseconds === 'function' };
/** An object of another library (`anType`: `an ec2.IVpc`), checked no further here: aws-cdk-lib checks its own. */
export const object = (anType: string): Kind => ({ expected: anType, accepts: isObject });
/** A list of objects of another library, e.g. security groups. */
export const objectList = (types: string): Kind => ({ expected: `a list of ${types}`, accepts: (value) => Array.isArray(value) && value.every(isObject) });
/** An object with a string attribute, e.g. `a cognito.IUserPool` (`userPoolId`). */
export const withAttribute = (anType: string, attribute: string): Kind => ({
  expected: `${anType} (an object with ${attribute})`,
  accepts: (value) => hasString(value, attribute),
});
/** An `IBackendEnvironment`: what `new AmplifyBackend` or `AmplifyBackend.fromEnvironmentAttributes` returns. */
export const environment: Kind = {
  expected: 'an IAmplifyBackend: new AmplifyBackend(...) or AmplifyBackend.fromEnvironmentAttributes(...)',
  accepts: (value) => hasString(value, 'appId') && hasString(value, 'environmentName') && isObject(value) && isObject(value.node),
};
/** An `IAmplifyBackendProvider`. */
export const amplifyProvider: Kind = {
  expected: 'an IAmplifyBackendProvider, e.g. new AmplifyBackendProvider(...)',
  accepts: (value) => hasString(value, 'serviceToken') && isObject(value)
    && typeof value.allowOperations === 'function' && typeof value.allowSecretRead === 'function',
};
/** An `ApiSchema`: what `ApiSchema.fromFile` or `ApiSchema.fromString` returns. */
export const apiSchema: Kind = {
  expected: 'an ApiSchema: ApiSchema.fromFile(path) or ApiSchema.fromString(sdl)',
  accepts: (value) => hasString(value, 'definition') && hasString(value, 'source'),
};
/** An `ApiAuthorization`, e.g. `ApiAuthorization.userPool()`. */
export const apiAuthorization: Kind = {
  expected: 'an ApiAuthorization: ApiAuthorization.userPool(), apiKey(), iam() or openIdConnect({ ... })',
  accepts: (value) => hasString(value, 'authorizationType'),
};
/** A list of `ApiAuthorization`s. */
export const apiAuthorizationList: Kind = {
  expected: 'a list of ApiAuthorization objects (ApiAuthorization.userPool(), apiKey(), iam() or openIdConnect({ ... }))',
  accepts: (value) => Array.isArray(value) && value.every((element) => apiAuthorization.accepts(element)),
};
/** An `Expiration` (any copy of aws-cdk-lib's). */
export const expiration: Kind = {
  expected: 'an Expiration, e.g. Expiration.after(Duration.days(365))',
  accepts: (value) => isObject(value) && value.date instanceof Date,
};
/** A struct (an object literal in TypeScript, a dict or the struct's class elsewhere) with its own props. */
export const struct = <T>(name: string, rules: PropRules<T>): Kind => ({ expected: `a ${name} (an object)`, accepts: isObject, struct: rules });

/**
 * Refuses props that are not there or not what `rules` say, naming the construct path and the prop
 * (`permissions.authenticated` inside a struct). `construct` names the construct for a missing props object.
 * Returns the props as checked: a copy of the props (and of their structs) in which `null` counts as not given,
 * as it does for jsii languages, so that code after the check sees `undefined` only.
 */
export function checkProps<T>(scope: IConstruct, construct: string, props: T | undefined, rules: PropRules<T>): T {
  if (!isObject(props)) {
    const needed = Object.entries<PropRule>(rules).filter(([, rule]) => rule.required).map(([name]) => name);
    throw new Error(`Invalid ${construct} at ${scope.node.path}: its props are ${describe(props)}; give an object`
      + `${needed.length > 0 ? ` with ${needed.join(', ')}` : ''}.`);
  }
  return checkStruct(scope, '', props, rules) as T;
}

function checkStruct(
  scope: IConstruct, prefix: string, values: Record<string, unknown>, rules: Readonly<Record<string, PropRule>>,
): Record<string, unknown> {
  const checked: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(rules)) {
    const property = `${prefix}${name}`;
    const value = values[name];
    if (value === undefined || value === null) {
      if (rule.required) throw new Error(`Invalid ${property} at ${scope.node.path}: it is required; give ${rule.expected}.`);
      continue;
    }
    if (!rule.accepts(value)) {
      const given = rule.conceal ? `(${kindOf(value)}) ` : `${describe(value)} `;
      throw new Error(`Invalid ${property} ${given}at ${scope.node.path}: give ${rule.expected}.`);
    }
    checked[name] = rule.struct ? checkStruct(scope, `${property}.`, value as Record<string, unknown>, rule.struct) : value;
  }
  return checked;
}

/** What kind of value it is, without showing it. */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A value as a message shows it: short JSON for plain data, the kind of anything else. */
function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return JSON.stringify(value).length <= 60 ? JSON.stringify(value) : 'a list';
  if (isObject(value)) {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return `a ${value.constructor?.name ?? 'object'}`;
    const json = JSON.stringify(value);
    return json.length <= 60 ? json : 'an object';
  }
  return JSON.stringify(value);
}
