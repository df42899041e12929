/** The parts of a CloudFormation template the runner reads, and the intrinsic functions it resolves. */

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | string[];
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly Metadata?: Record<string, unknown>;
}

export interface Template {
  readonly Resources: Record<string, TemplateResource>;
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
  ref(logicalId: string): string;
  getAtt(logicalId: string, attribute: string): string;
}

/** The account and Region every local stack is deployed in. */
export const LOCAL_ACCOUNT = '123456789012';
export const LOCAL_REGION = 'us-east-1';

const PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': LOCAL_REGION,
  'AWS::AccountId': LOCAL_ACCOUNT,
  'AWS::URLSuffix': 'amazonaws.com',
};

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
        return PSEUDO_PARAMETERS[arg as string] ?? context.ref(arg as string);
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
