import { deployedContext } from './deployed-context';
import { StackState } from './stack-state';
import { resolve, StackLocation } from './template';

/**
 * A deployed stack's outputs (`CfnOutput`), as CloudFormation reports them after a deployment: each value
 * resolved against the resources as deployed. A value the runner cannot resolve (an intrinsic function it
 * does not know) says so in place of the value.
 */
export function stackOutputs(state: StackState, location: StackLocation): Record<string, string> {
  const { template, name } = state.artifact;
  const context = deployedContext(name, template.Resources, state.resources, location);
  return Object.fromEntries(Object.entries(template.Outputs ?? {}).map(([key, output]) => {
    try {
      const value = resolve(output.Value, context);
      return [key, typeof value === 'string' ? value : JSON.stringify(value)];
    } catch (error) {
      return [key, `(not resolved locally: ${(error as Error).message})`];
    }
  }));
}
