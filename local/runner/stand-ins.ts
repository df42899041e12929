import { LOCAL_ACCOUNT, LOCAL_REGION, ResolveContext, TemplateResource } from './template';

/**
 * References to the resources the runner does not create (everything but custom resources), which it
 * takes as created: their Ref is their explicit name property or a name made from the stack and logical
 * id, and a function's or state machine's ARN is built from that name, as CloudFormation would build it,
 * so that the Provider framework finds its functions and state machine by ARN.
 */
export function standIns(stack: string, resources: Record<string, TemplateResource>): ResolveContext {
  const name = (id: string) => nameOf(stack, id, resources[id]);
  const type = (id: string) => resources[id]?.Type;
  return {
    ref: (id) => (type(id) === 'AWS::StepFunctions::StateMachine' ? arn('states', `stateMachine:${name(id)}`) : name(id)),
    getAtt: (id, attribute) => (type(id) === 'AWS::Lambda::Function' && attribute === 'Arn' ? arn('lambda', `function:${name(id)}`) : `${name(id)}.${attribute}`),
  };
}

function arn(service: string, resource: string): string {
  return `arn:aws:${service}:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${resource}`;
}

function nameOf(stack: string, logicalId: string, resource: TemplateResource | undefined): string {
  const properties = resource?.Properties ?? {};
  const explicit = Object.entries(properties).find(([key, value]) => /Name$/.test(key) && typeof value === 'string' && key !== 'Handler');
  return explicit ? String(explicit[1]) : `${stack}-${logicalId}-local`;
}
