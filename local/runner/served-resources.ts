import { StackArtifact } from './assembly';
import { Provider } from './providers';
import { standIns } from './stand-ins';
import { resolve, StackLocation } from './template';

/**
 * The custom resources the runner serves in a stack, with their ServiceToken: those whose ServiceToken is
 * a Provider framework function of the stack. Every other resource is a stand-in.
 */
export function servedResources(
  stack: StackArtifact, location: StackLocation, providers: (serviceToken: string) => Provider | undefined,
): Map<string, string> {
  const standIn = standIns(stack.name, stack.template.Resources, location);
  const served = new Map<string, string>();
  for (const [id, resource] of Object.entries(stack.template.Resources)) {
    const token = resource.Properties?.ServiceToken;
    if (token === undefined) continue;
    const serviceToken = String(resolve(token, standIn));
    if (providers(serviceToken)) served.set(id, serviceToken);
  }
  return served;
}
