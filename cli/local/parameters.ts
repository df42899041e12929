import { ValueOption } from '../options';
import { LocalUsageError } from './errors';
import { StackArtifact } from '../../local/runner';

/** `[<stack>:]<name>=<value>`: the stack (optional) ends at the first `:`, the name at the first `=`. */
const PARAMETER = /^(?:([^:=]+):)?([^:=]+)=([\s\S]*)$/;

/**
 * `--parameters`, as `cdk deploy` takes it: `kept` for a deploy (the value stays for later deploys), not for a diff,
 * which compares with what a deploy given the value would do and saves nothing.
 */
export function parametersOption(kept: boolean): ValueOption {
  const lasting = kept ? 'later deploys keep it until another is given' : 'compared as local deploy would deploy it, and not kept';
  return new ValueOption('--parameters <[stack:]name=value>', 'A value for a CloudFormation parameter (CfnParameter) of a stack, or of every '
    + `stack that has it when no stack is named; ${lasting}. Default: the value of the last deploy, else the parameter's default`, {
    repeatable: true,
    check: (value) => (PARAMETER.test(value) ? undefined : 'use <name>=<value> or <stack>:<name>=<value>, e.g. EnvName=prod or Backend:EnvName=prod.'),
  });
}

/**
 * The parameter values given for each stack, as `cdk deploy --parameters` applies them: `stack:name=value` to
 * that stack, `name=value` to every stack that declares the parameter. A stack that is not among those deployed,
 * or a name no stack declares, is a usage error.
 */
export function parametersByStack(given: readonly string[], stacks: readonly StackArtifact[]): Map<string, Record<string, string>> {
  const byStack = new Map(stacks.map((stack) => [stack.name, {} as Record<string, string>]));
  for (const value of given) {
    const [, stackName, name, text] = PARAMETER.exec(value)!;
    const targets = stackName === undefined
      ? stacks.filter((stack) => name in (stack.template.Parameters ?? {}))
      : stacks.filter((stack) => stack.name === stackName);
    if (stackName !== undefined && targets.length === 0) {
      throw new LocalUsageError(`--parameters ${value}: no stack "${stackName}" is deployed here; the stacks: ${stacks.map((stack) => stack.name).join(', ')}.`);
    }
    if (targets.length === 0 || targets.some((stack) => !(name in (stack.template.Parameters ?? {})))) {
      throw new LocalUsageError(`--parameters ${value}: ${stackName ?? 'no stack'} has no parameter "${name}".`);
    }
    targets.forEach((stack) => (byStack.get(stack.name)![name] = text));
  }
  return byStack;
}
