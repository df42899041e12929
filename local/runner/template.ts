/** The parts of a CloudFormation template the runner reads. */

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | string[];
  readonly Condition?: string;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly Metadata?: Record<string, unknown>;
}

/** A stack output (`CfnOutput`). */
export interface TemplateOutput {
  readonly Value: unknown;
  readonly Description?: string;
  readonly Condition?: string;
  readonly Export?: { readonly Name: unknown };
}

/** A template parameter (`CfnParameter`). */
export interface TemplateParameter {
  readonly Type: string;
  readonly Default?: unknown;
  readonly NoEcho?: boolean | string;
  readonly AllowedValues?: readonly unknown[];
  readonly Description?: string;
}

export interface Template {
  readonly Resources: Record<string, TemplateResource>;
  readonly Outputs?: Record<string, TemplateOutput>;
  readonly Parameters?: Record<string, TemplateParameter>;
  readonly Conditions?: Record<string, unknown>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
}

/** Where a stack is deployed: the account and Region its pseudo parameters and ARNs name. */
export interface StackLocation {
  readonly account: string;
  readonly region: string;
}

/** Where a local stack is deployed unless told otherwise. */
export const DEFAULT_LOCATION: StackLocation = { account: '123456789012', region: 'us-east-1' };

/** Direct dependencies of each resource: DependsOn plus every resource its properties reference (Ref, Fn::GetAtt, Fn::Sub). */
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

/** The names a value references: `Ref` targets, `Fn::GetAtt` resources and `${Name}` / `${Name.Attribute}` of `Fn::Sub`. */
function collectReferences(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    value.forEach((v) => collectReferences(v, into));
  } else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (typeof object.Ref === 'string') into.add(object.Ref);
    const getAtt = object['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') into.add(getAtt[0]);
    if (typeof getAtt === 'string') into.add(getAtt.split('.')[0]);
    const sub = object['Fn::Sub'];
    const body = Array.isArray(sub) ? sub[0] : sub;
    if (typeof body === 'string') {
      const variables = Array.isArray(sub) && sub[1] && typeof sub[1] === 'object' ? Object.keys(sub[1]) : [];
      for (const match of body.matchAll(/\$\{([^!}][^}]*)\}/g)) {
        const name = match[1].split('.')[0];
        if (!variables.includes(name)) into.add(name);
      }
    }
    Object.values(object).forEach((v) => collectReferences(v, into));
  }
}
