/** CloudFormation's intrinsic functions and conditions, evaluated as CloudFormation evaluates them at deploy time. */

/** How the names a template mentions resolve while it is evaluated. Each throws when the value cannot be known. */
export interface ResolveContext {
  /** The stack's Region (`Fn::GetAZs` of the empty string). */
  readonly region: string;
  /** A resource's Ref, or a parameter's or pseudo parameter's value. */
  ref(name: string): unknown;
  getAtt(logicalId: string, attribute: string): unknown;
  /** The value another stack exports under `name` (`Fn::ImportValue`). */
  importValue(name: string): unknown;
  /** An output of another stack (`Fn::GetStackOutput`). */
  stackOutput(stackName: string, outputName: string): unknown;
  /** Whether a condition of the template holds. */
  condition(name: string): boolean;
  /** A value of the template's Mappings (`Fn::FindInMap`), or undefined. */
  mapping(map: string, top: string, second: string): unknown;
}

/** A value that cannot be known locally: its message says why. */
export class UnresolvableError extends Error {
  readonly name = 'UnresolvableError';
}

/** `Ref: AWS::NoValue`: the property it stands in is left out. */
const NO_VALUE = Symbol('AWS::NoValue');

/**
 * A template value with every intrinsic function evaluated: Ref, Fn::GetAtt, Fn::Join, Fn::Select, Fn::Split,
 * Fn::Sub, Fn::If (with AWS::NoValue), Fn::Equals, Fn::And, Fn::Or, Fn::Not, Fn::Base64, Fn::FindInMap,
 * Fn::GetAZs, Fn::ImportValue, Fn::GetStackOutput, Fn::Length and Fn::ToJsonString. Anything else throws.
 */
export function resolve(value: unknown, context: ResolveContext): unknown {
  const resolved = evaluate(value, context);
  return resolved === NO_VALUE ? undefined : resolved;
}

function evaluate(value: unknown, context: ResolveContext): unknown {
  if (Array.isArray(value)) return value.map((v) => evaluate(v, context)).filter((v) => v !== NO_VALUE);
  if (!value || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return intrinsic(keys[0], object[keys[0]], context);
  const entries = keys.map((key) => [key, evaluate(object[key], context)] as const).filter(([, v]) => v !== NO_VALUE);
  return Object.fromEntries(entries);
}

function intrinsic(name: string, arg: unknown, context: ResolveContext): unknown {
  const text = (v: unknown) => asString(name, evaluate(v, context));
  const list = (v: unknown) => asList(name, evaluate(v, context));
  switch (name) {
    case 'Ref':
      return arg === 'AWS::NoValue' ? NO_VALUE : context.ref(String(arg));
    case 'Fn::GetAtt': {
      const [id, attribute] = typeof arg === 'string' ? splitAt(arg) : (arg as [string, unknown]);
      return context.getAtt(id, text(attribute));
    }
    case 'Fn::Join': {
      const [separator, parts] = arg as [string, unknown];
      return list(parts).map((part) => asString(name, part)).join(separator);
    }
    case 'Fn::Select': {
      const [index, items] = arg as [unknown, unknown];
      const all = list(items);
      const at = Number(evaluate(index, context));
      if (!Number.isInteger(at) || at < 0 || at >= all.length) throw new Error(`Fn::Select: index ${at} is outside a list of ${all.length}`);
      return all[at];
    }
    case 'Fn::Split': {
      const [delimiter, source] = arg as [string, unknown];
      return text(source).split(delimiter);
    }
    case 'Fn::Sub':
      return substitute(arg, context);
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = arg as [string, unknown, unknown];
      return evaluate(context.condition(condition) ? whenTrue : whenFalse, context);
    }
    case 'Fn::Equals': {
      const [a, b] = arg as [unknown, unknown];
      return JSON.stringify(evaluate(a, context)) === JSON.stringify(evaluate(b, context));
    }
    case 'Fn::And':
      return (arg as unknown[]).every((c) => holds(c, context));
    case 'Fn::Or':
      return (arg as unknown[]).some((c) => holds(c, context));
    case 'Fn::Not':
      return !holds((arg as unknown[])[0], context);
    case 'Fn::Base64':
      return Buffer.from(text(arg), 'utf8').toString('base64');
    case 'Fn::FindInMap': {
      const [map, top, second, options] = arg as [unknown, unknown, unknown, { DefaultValue?: unknown } | undefined];
      const found = context.mapping(text(map), text(top), text(second));
      if (found !== undefined) return found;
      if (options && 'DefaultValue' in options) return evaluate(options.DefaultValue, context);
      throw new Error(`Fn::FindInMap: no ${text(map)}.${text(top)}.${text(second)} in the template's Mappings`);
    }
    case 'Fn::GetAZs': {
      const region = text(arg) || context.region;
      return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
    }
    case 'Fn::ImportValue':
      return context.importValue(text(arg));
    case 'Fn::GetStackOutput': {
      const { StackName: stackName, OutputName: outputName } = arg as { StackName: unknown; OutputName: unknown };
      return context.stackOutput(stackNameOf(text(stackName)), text(outputName));
    }
    case 'Fn::Length':
      return list(arg).length;
    case 'Fn::ToJsonString':
      return JSON.stringify(evaluate(arg, context));
    default:
      throw new UnresolvableError(`the local runner does not evaluate ${name}`);
  }
}

/** Whether a condition (a condition function, or `{ "Condition": name }`) holds. */
export function holds(condition: unknown, context: ResolveContext): boolean {
  if (condition && typeof condition === 'object' && !Array.isArray(condition)) {
    const named = (condition as { Condition?: unknown }).Condition;
    if (typeof named === 'string' && Object.keys(condition).length === 1) return context.condition(named);
  }
  const value = evaluate(condition, context);
  if (typeof value !== 'boolean') throw new Error(`a condition evaluated to ${JSON.stringify(value)}, not true or false`);
  return value;
}

/** `Fn::Sub`: `${Name}` and `${Name.Attribute}` from the variables given or the template; `${!Text}` is the text `${Text}`. */
function substitute(arg: unknown, context: ResolveContext): string {
  const [body, variables] = Array.isArray(arg) ? (arg as [string, Record<string, unknown>]) : [arg as string, {}];
  const values = Object.fromEntries(Object.entries(variables ?? {}).map(([key, value]) => [key, evaluate(value, context)]));
  return String(body).replace(/\$\{([^}]*)\}/g, (_whole, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    if (inner in values) return asString('Fn::Sub', values[inner]);
    const [id, attribute] = inner.includes('.') && !inner.startsWith('AWS::') ? splitAt(inner) : [inner, undefined];
    return asString('Fn::Sub', attribute === undefined ? context.ref(id) : context.getAtt(id, attribute));
  });
}

/** `Logical.Attribute.With.Dots` → the logical id and the attribute. */
function splitAt(text: string): [string, string] {
  const dot = text.indexOf('.');
  return [text.slice(0, dot), text.slice(dot + 1)];
}

/** A stack's name from a stack name or a stack ARN (`arn:aws:cloudformation:...:stack/<name>/<id>`). */
function stackNameOf(nameOrArn: string): string {
  return /^arn:[^:]+:cloudformation:[^:]*:[^:]*:stack\/([^/]+)/.exec(nameOrArn)?.[1] ?? nameOrArn;
}

function asString(fn: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`${fn} needs a string, and got ${JSON.stringify(value)}`);
}

function asList(fn: string, value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  throw new Error(`${fn} needs a list, and got ${JSON.stringify(value)}`);
}
