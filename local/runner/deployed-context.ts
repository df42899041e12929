import { holds, ResolveContext, UnresolvableError } from './intrinsics';
import { StackLocation, Template } from './template';

/** What references read of a deployed resource: its physical id (Ref) and attributes (Fn::GetAtt). */
export interface DeployedReference {
  readonly physicalResourceId: string;
  readonly attributes: Record<string, string>;
  /** A custom resource answers only the attributes its handler returned; any other resource is known by name. */
  readonly model?: string;
}

/** The outputs and exports of the other stacks deployed beside this one. */
export interface OtherStacks {
  /** An output of a deployed stack, or undefined. */
  output(stackName: string, outputName: string): string | undefined;
  /** The value exported under `name` by a deployed stack, or undefined. */
  exported(name: string): string | undefined;
}

/** Where a stack is evaluated: its template, location, parameter values and neighbours. */
export interface StackScope {
  readonly stackName: string;
  readonly template: Template;
  readonly location: StackLocation;
  /** Parameter values by name (a list parameter's value is a list). */
  readonly parameters: Readonly<Record<string, string | string[]>>;
  /** Parameters whose value cannot be known locally, with the reason. */
  readonly unknownParameters?: ReadonlyMap<string, string>;
  readonly stacks: OtherStacks;
}

/**
 * References as they resolve in a stack being deployed: resources to what `deployed` holds of them (a
 * resource not in it cannot be known yet: `pending` says what stands in for it, or it throws), parameters
 * to their values, pseudo parameters to the stack's location, conditions and mappings to the template's,
 * Fn::ImportValue and Fn::GetStackOutput to the other stacks deployed.
 */
export function deployedContext(
  scope: StackScope, deployed: ReadonlyMap<string, DeployedReference>, pending?: (logicalId: string) => string,
): ResolveContext {
  const { stackName, template, location, parameters, stacks } = scope;
  const conditions = new Map<string, boolean>();
  const where = (what: string) => `${stackName}: ${what}`;
  const resource = (id: string): DeployedReference | string => {
    const found = deployed.get(id);
    if (found) return found;
    if (pending && id in template.Resources) return pending(id);
    if (!(id in template.Resources)) throw new Error(where(`${id} is neither a resource nor a parameter of the template`));
    throw new UnresolvableError(where(`${id} does not exist yet`));
  };
  const context: ResolveContext = {
    region: location.region,
    ref: (name) => {
      const pseudo = pseudoParameter(name, stackName, location);
      if (pseudo !== undefined) return pseudo;
      if (name in parameters) return parameters[name];
      const unknown = scope.unknownParameters?.get(name);
      if (unknown !== undefined) throw new UnresolvableError(where(unknown));
      const found = resource(name);
      return typeof found === 'string' ? found : found.physicalResourceId;
    },
    getAtt: (id, attribute) => {
      const found = resource(id);
      if (typeof found === 'string') return found;
      const value = found.attributes[attribute];
      if (value !== undefined) return value;
      if (found.model === 'provider') throw new Error(where(`${id} returned no attribute ${attribute}`));
      // Known by name only: an attribute the runner does not know is made from the name.
      return `${found.physicalResourceId}.${attribute}`;
    },
    importValue: (name) => {
      const value = stacks.exported(name);
      if (value === undefined) throw new UnresolvableError(where(`no stack deployed locally exports "${name}" (Fn::ImportValue); deploy the stack that exports it first`));
      return value;
    },
    stackOutput: (otherStack, outputName) => {
      const value = stacks.output(otherStack, outputName);
      if (value === undefined) throw new UnresolvableError(where(`stack ${otherStack} is not deployed locally with an output ${outputName} (Fn::GetStackOutput)`));
      return value;
    },
    condition: (name) => {
      const known = conditions.get(name);
      if (known !== undefined) return known;
      const definition = template.Conditions?.[name];
      if (definition === undefined) throw new Error(where(`no condition ${name} in the template`));
      const value = holds(definition, context);
      conditions.set(name, value);
      return value;
    },
    mapping: (map, top, second) => template.Mappings?.[map]?.[top]?.[second],
  };
  return context;
}

/** The value of a pseudo parameter (`AWS::Region`) in a stack at a location; undefined for any other name. */
export function pseudoParameter(name: string, stackName: string, location: StackLocation): unknown {
  switch (name) {
    case 'AWS::Partition': return 'aws';
    case 'AWS::Region': return location.region;
    case 'AWS::AccountId': return location.account;
    case 'AWS::URLSuffix': return 'amazonaws.com';
    case 'AWS::StackName': return stackName;
    case 'AWS::StackId': return stackId(stackName, location);
    case 'AWS::NotificationARNs': return [];
    default: return undefined;
  }
}

/** The stack's id, as CloudFormation makes it (a stack ARN). */
export function stackId(stackName: string, location: StackLocation): string {
  return `arn:aws:cloudformation:${location.region}:${location.account}:stack/${stackName}/local`;
}
