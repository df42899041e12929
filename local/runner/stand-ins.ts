import { DEFAULT_LOCATION, pseudoParameter, ResolveContext, StackLocation, TemplateResource } from './template';

/**
 * References to the resources the runner does not create (everything but custom resources), which it
 * takes as created: their Ref is their explicit name property or a name made from the stack and logical
 * id, and a function's or state machine's ARN is built from that name, as CloudFormation would build it,
 * so that the Provider framework finds its functions and state machine by ARN. Pseudo parameters and
 * ARNs name the stack's account and Region.
 */
export function standIns(stack: string, resources: Record<string, TemplateResource>, location: StackLocation = DEFAULT_LOCATION): ResolveContext {
  const name = (id: string) => nameOf(stack, id, resources[id]);
  const type = (id: string) => resources[id]?.Type;
  const arn = (service: string, resource: string) => `arn:aws:${service}:${location.region}:${location.account}:${resource}`;
  return {
    ref: (id) => pseudoParameter(id, location) ?? (type(id) === 'AWS::StepFunctions::StateMachine' ? arn('states', `stateMachine:${name(id)}`) : name(id)),
    getAtt: (id, attribute) => (type(id) === 'AWS::Lambda::Function' && attribute === 'Arn' ? arn('lambda', `function:${name(id)}`) : `${name(id)}.${attribute}`),
  };
}

function nameOf(stack: string, logicalId: string, resource: TemplateResource | undefined): string {
  const properties = resource?.Properties ?? {};
  const explicit = Object.entries(properties).find(([key, value]) => /Name$/.test(key) && typeof value === 'string' && key !== 'Handler');
  return explicit ? String(explicit[1]) : `${stack}-${logicalId}-local`;
}
