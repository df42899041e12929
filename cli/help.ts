import { Command, Help, HelpConfiguration, Option } from 'commander';
import { describeNumberRule, ValueOption } from './options';

/** The program's name, as installed in `bin`. */
export const PROGRAM = 'cdk-amplify-backend';

/** `cdk-amplify-backend jobs wait` */
export function commandPath(command: Command): string {
  return command.parent ? `${commandPath(command.parent)} ${command.name()}` : command.name();
}

/**
 * `cdk-amplify-backend jobs wait <jobId> --app-id <id> --env <name> [options]`: what a command needs
 * to run at all; `cdk-amplify-backend jobs <command> [options]` for a group.
 */
export function usageLine(command: Command): string {
  if (command.commands.length > 0) return `${commandPath(command)} <command> [options]`;
  const required = command.options.filter((option) => option.mandatory).map((option) => option.flags);
  const optional = command.options.some((option) => !option.mandatory) ? ['[options]'] : [];
  return [commandPath(command), ...command.registeredArguments.map((argument) => `<${argument.name()}>`), ...required, ...optional].join(' ');
}

/**
 * Commander's help, laid out as this command's help has been: the usage line above, descriptions
 * wrapped at 100 columns, `<jobId>` for arguments, and the notes an option's description needs
 * (required, repeatable, the numbers it takes, its default). The program lists every command that
 * runs (`jobs list`, ..., `local`), not just its groups.
 */
export const HELP: HelpConfiguration = {
  helpWidth: 100,
  commandUsage: usageLine,
  argumentTerm: (argument) => `<${argument.name()}>`,
  subcommandTerm: (command) => command.name(),
  optionDescription,
  visibleCommands: (command) => (command.parent ? [...command.commands] : command.commands.flatMap(runnableCommands)),
  // Three spaces between a term and its description rather than commander's two.
  padWidth: (command, helper) => Help.prototype.padWidth.call(helper, command, helper) + 1,
};

function optionDescription(option: Option): string {
  const rule = option instanceof ValueOption ? option.rule : {};
  const notes = [
    option.mandatory ? 'required' : undefined,
    rule.repeatable ? 'repeatable' : undefined,
    rule.number ? describeNumberRule(rule.number) : undefined,
    option.defaultValue !== undefined ? `default ${option.defaultValue}` : undefined,
  ].filter((note) => note !== undefined);
  return notes.length > 0 ? `${option.description} (${notes.join('; ')})` : option.description;
}

/**
 * A command as the program's help lists it: itself, or for a group each of its commands, those of a group in it
 * too, as `jobs list` and `local secrets set` (for display only).
 */
function runnableCommands(command: Command): Command[] {
  if (command.commands.length === 0) return [command];
  return command.commands.flatMap(runnableCommands).map((child) => new Command(`${command.name()} ${child.name()}`).summary(child.summary()));
}
