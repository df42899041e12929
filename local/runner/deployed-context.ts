import { standIns } from './stand-ins';
import { ResolveContext, StackLocation, TemplateResource } from './template';

/** What references read of a deployed custom resource: its physical id (Ref) and attributes (Fn::GetAtt). */
export interface DeployedReference {
  readonly physicalResourceId: string;
  readonly attributes: Record<string, string>;
}

/**
 * References as they resolve in a stack: to the custom resources deployed so far, their physical id
 * and attributes; to every other resource, its stand-in; pseudo parameters to the stack's location.
 */
export function deployedContext(
  stack: string, resources: Record<string, TemplateResource>, deployed: ReadonlyMap<string, DeployedReference>, location: StackLocation,
): ResolveContext {
  const standIn = standIns(stack, resources, location);
  return {
    ref: (id) => deployed.get(id)?.physicalResourceId ?? standIn.ref(id),
    getAtt: (id, attribute) => {
      const resource = deployed.get(id);
      if (!resource) return standIn.getAtt(id, attribute);
      const value = resource.attributes[attribute];
      if (value === undefined) throw new Error(`${stack}/${id} returned no attribute ${attribute}`);
      return value;
    },
  };
}
