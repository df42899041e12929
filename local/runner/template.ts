/** The parts of a CloudFormation template the runner reads, and the intrinsic functions it resolves. */

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | string[];
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly Metadata?: Record<string, unknown>;
}

/** A stack output (`CfnOutput`). */
export interface TemplateOutput {
  readonly Value: unknown;
  readonly Description?: string;
}

export interface Template {
  readonly Resources: Record<string, TemplateResource>;
  readonly Outputs?: Record<string, TemplateOutput>;
}

/** Direct dependencies of each resource: DependsOn plus every Ref and Fn::GetAtt in its properties. */
export function directDependencies(template: Template): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    const deps = new Set<string>([resource.DependsOn ?? []].flat());
    collectReferences(resource.Properties, deps);
    for (const dep of deps) if (!(dep in template.Resources)) deps.delete(dep);
    result.set(id, deps);
  }
  return result;
}

/** Every resource each one depends on, directly or through others. */
export function dependencyClosure(template: Template): Map<string, Set<string>> {
  const direct = directDependencies(template);
  const closure = new Map<string, Set<string>>();
  const visit = (id: string): Set<string> => {
    const known = closure.get(id);
    if (known) return known;
    const all = new Set<string>();
    closure.set(id, all);
    for (const dep of direct.get(id) ?? []) {
      all.add(dep);
      visit(dep).forEach((d) => all.add(d));
    }
    return all;
  };
  direct.forEach((_deps, id) => visit(id));
  return closure;
}

function collectReferences(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    value.forEach((v) => collectReferences(v, into));
  } else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (typeof object.Ref === 'string') into.add(object.Ref);
    const getAtt = object['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') into.add(getAtt[0]);
    Object.values(object).forEach((v) => collectReferences(v, into));
  }
}

/** How references resolve while a stack deploys. */
export interface ResolveContext {
  /** A resource's Ref, or a pseudo parameter's value. */
  ref(logicalId: string): string;
  getAtt(logicalId: string, attribute: string): string;
}

/** Where a stack is deployed: the account and Region its pseudo parameters and ARNs name. */
export interface StackLocation {
  readonly account: string;
  readonly region: string;
}

/** Where a local stack is deployed unless told otherwise. */
export const DEFAULT_LOCATION: StackLocation = { account: '123456789012', region: 'us-east-1' };

/** The value of a pseudo parameter (`AWS::Region`) at a location; undefined for any other name. */
export function pseudoParameter(name: string, location: StackLocation): string | undefined {
  switch (name) {
    case 'AWS::Partition': return 'aws';
    case 'AWS::Region': return location.region;
    case 'AWS::AccountId': return location.account;
    case 'AWS::URLSuffix': return 'amazonaws.com';
    default: return undefined;
  }
}

/** Resolves Ref, Fn::GetAtt, Fn::Join and Fn::Select in a property value; anything else is refused. */
export function resolve(value: unknown, context: ResolveContext): unknown {
  if (Array.isArray(value)) return value.map((v) => resolve(v, context));
  if (!value || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
    const arg = object[keys[0]];
    switch (keys[0]) {
      case 'Ref':
        return context.ref(arg as string);
      case 'Fn::GetAtt': {
        const [id, attribute] = arg as [string, string];
        return context.getAtt(id, attribute);
      }
      case 'Fn::Join': {
        const [separator, parts] = arg as [string, unknown[]];
        return (resolve(parts, context) as unknown[]).join(separator);
      }
      case 'Fn::Select': {
        const [index, list] = arg as [number, unknown[]];
        return (resolve(list, context) as unknown[])[Number(index)];
      }
      default:
        throw new Error(`The local runner does not resolve ${keys[0]}`);
    }
  }
  return Object.fromEntries(keys.map((key) => [key, resolve(object[key], context)]));
}
