import { Template } from './template';

/** The values a stack's parameters take in one deployment, and why any that are used cannot be. */
export interface ParameterValues {
  /** By name, as the deployment records them (list parameters as their comma-separated text). */
  readonly given: Record<string, string>;
  /** By name, as Ref answers them (list parameters as lists). */
  readonly values: Record<string, string | string[]>;
  /** Parameters whose value the runner cannot know, with the reason (their Ref fails with it). */
  readonly unknown: ReadonlyMap<string, string>;
}

/** A parameter problem found before anything is deployed: the message names the stack and the parameter. */
export class ParameterError extends Error {
  readonly name = 'ParameterError';
}

/**
 * The values of a stack's parameters, as `cdk deploy` passes them: the value given for this deployment
 * (`--parameters`), else the value of the previous deployment, else the template's default. A parameter
 * with none of them, or a value outside its AllowedValues, is refused before anything starts. An SSM
 * parameter type (`AWS::SSM::Parameter::Value<...>`, such as the CDK's BootstrapVersion) names a parameter in
 * Systems Manager, which the local account does not have: a resource that uses its value fails, saying so.
 */
export function parameterValues(
  stackName: string, template: Template, given: Readonly<Record<string, string>>, previous: Readonly<Record<string, string>> = {},
): ParameterValues {
  const unknownGiven = Object.keys(given).filter((name) => !(name in (template.Parameters ?? {})));
  if (unknownGiven.length > 0) {
    throw new ParameterError(`Stack ${stackName} has no parameter ${unknownGiven.join(', ')}; its parameters: ${Object.keys(template.Parameters ?? {}).join(', ') || 'none'}.`);
  }
  const recorded: Record<string, string> = {};
  const values: Record<string, string | string[]> = {};
  const unknown = new Map<string, string>();
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    const value = given[name] ?? previous[name] ?? (parameter.Default === undefined ? undefined : String(parameter.Default));
    if (value === undefined) {
      throw new ParameterError(`Stack ${stackName}: parameter ${name} has no default and no value; give one with --parameters ${stackName}:${name}=<value>.`);
    }
    const allowed = parameter.AllowedValues?.map(String);
    if (allowed && !allowed.includes(value)) {
      throw new ParameterError(`Stack ${stackName}: parameter ${name} may be ${allowed.join(', ')}, not ${JSON.stringify(value)}.`);
    }
    recorded[name] = value;
    if (parameter.Type.startsWith('AWS::SSM::Parameter::Value<')) {
      unknown.set(name, `parameter ${name} takes its value from the Systems Manager parameter ${value}, which the local stack does not model; `
        + 'give the value itself with a parameter of type String');
    } else {
      values[name] = /^(List<|CommaDelimitedList)/.test(parameter.Type) ? value.split(',').map((item) => item.trim()) : value;
    }
  }
  return { given: recorded, values, unknown };
}
