/**
 * Reads property values of a deployed template the way CloudFormation would, as far as the command can:
 * literals, pseudo parameters, parameter values and the functions that combine them (Fn::Join, Fn::Sub,
 * Fn::Select). What CloudFormation resolved at deploy time from other resources (Ref of a resource,
 * Fn::GetAtt), from other stacks or conditions, or from dynamic references becomes an `UnknownValue`
 * that says so: a stack's properties cannot be read back resolved.
 */
import { UnknownValue } from './declared';

/** A resource of the stack, as ListStackResources reports it: what a reference to it points at. */
export interface ReferencedResource {
  readonly type: string;
  readonly physicalId?: string;
}

/** What a template's references resolve against. */
export interface StackValues {
  /** Pseudo parameters (`AWS::Region`, `AWS::AccountId`, ...) by name. */
  readonly pseudoParameters: Readonly<Record<string, string>>;
  /** Parameter values by name: a string, a list for list types, an `UnknownValue` for a NoEcho one. */
  readonly parameters: Readonly<Record<string, string | string[] | UnknownValue>>;
  /** The stack's resources by logical id. */
  readonly resources: Readonly<Record<string, ReferencedResource>>;
}

/** `{{resolve:ssm:...}}`, `{{resolve:secretsmanager:...}}`: CloudFormation reads these at deploy time. */
const DYNAMIC_REFERENCE = /\{\{resolve:[^}]*\}\}/;

/**
 * A template value with every reference resolved that can be; an `UnknownValue` for what cannot. A list
 * with an unknown element is unknown as a whole (lists are compared whole); an object keeps its known
 * members. `Ref: AWS::NoValue` removes the member or element, as in CloudFormation.
 */
export function resolveTemplateValue(value: unknown, stack: StackValues): unknown {
  if (Array.isArray(value)) {
    const elements = value.map((element) => resolveTemplateValue(element, stack)).filter((element) => element !== undefined);
    return elements.find((element) => element instanceof UnknownValue) ?? elements;
  }
  if (typeof value === 'string') {
    const dynamic = DYNAMIC_REFERENCE.exec(value);
    return dynamic ? new UnknownValue(`the dynamic reference ${dynamic[0]}`) : value;
  }
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return intrinsic(keys[0], object[keys[0]], stack);
  const members = keys.map((key) => [key, resolveTemplateValue(object[key], stack)] as const).filter(([, member]) => member !== undefined);
  return Object.fromEntries(members);
}

function intrinsic(name: string, argument: unknown, stack: StackValues): unknown {
  switch (name) {
    case 'Ref':
      return ref(String(argument), stack);
    case 'Fn::GetAtt': {
      const [logicalId, attribute] = Array.isArray(argument) ? argument.map(String) : String(argument).split(/\.(.*)/);
      return new UnknownValue(`Fn::GetAtt ${logicalId}.${attribute}${describeResource(stack.resources[logicalId])}`);
    }
    case 'Fn::Join': {
      const [separator, parts] = argument as [string, unknown];
      const resolved = resolveTemplateValue(parts, stack);
      return resolved instanceof UnknownValue ? resolved : (resolved as unknown[]).join(separator);
    }
    case 'Fn::Select': {
      const [index, list] = (argument as unknown[]).map((part) => resolveTemplateValue(part, stack));
      if (index instanceof UnknownValue) return index;
      return list instanceof UnknownValue ? list : (list as unknown[])[Number(index)];
    }
    case 'Fn::Sub':
      return sub(argument, stack);
    default:
      return new UnknownValue(`${name}, which CloudFormation evaluates at deploy time`);
  }
}

function ref(name: string, stack: StackValues): unknown {
  if (name === 'AWS::NoValue') return undefined;
  if (name in stack.pseudoParameters) return stack.pseudoParameters[name];
  if (name in stack.parameters) return stack.parameters[name];
  return new UnknownValue(`Ref ${name}${describeResource(stack.resources[name])}`);
}

/** ` (AWS::S3::Bucket team-files-1a2b)`: what the reference points at, for the reader to compare by eye. */
function describeResource(resource: ReferencedResource | undefined): string {
  if (!resource) return '';
  return ` (${resource.type}${resource.physicalId ? ` ${resource.physicalId}` : ''})`;
}

/** Fn::Sub: `${Name}` as Ref (or a variable of its own), `${Name.Attribute}` as Fn::GetAtt, `${!Literal}` as `${Literal}`. */
function sub(argument: unknown, stack: StackValues): unknown {
  const [text, variables] = Array.isArray(argument) ? argument as [string, Record<string, unknown>?] : [String(argument), undefined];
  let unknown: UnknownValue | undefined;
  const result = text.replace(/\$\{([^}]*)\}/g, (_match, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const value = variables && inner in variables
      ? resolveTemplateValue(variables[inner], stack)
      : inner.includes('.') ? intrinsic('Fn::GetAtt', inner, stack) : ref(inner, stack);
    if (value instanceof UnknownValue) unknown ??= value;
    return String(value);
  });
  return unknown ?? resolveTemplateValue(result, stack);
}
