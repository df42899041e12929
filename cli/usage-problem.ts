import { Command, CommanderError, Option } from 'commander';
import { commandPath, usageLine } from './help';
import { needsValue } from './options';

/**
 * A usage problem as printed: `cdk-amplify-backend jobs list: <problem>`, then for a command its usage
 * line, for a group where its commands are listed.
 */
export function usageProblem(command: Command, problem: string): string {
  const path = commandPath(command);
  const hint = command.commands.length > 0
    ? `Run "${path} --help" for every command.`
    : `Usage: ${usageLine(command)}\nRun "${path} --help" for every option.`;
  return `${path}: ${problem}\n${hint}\n`;
}

/** `command` for the program, `jobs command` for a group: what is missing or unknown after it. */
export function commandNoun(command: Command): string {
  return command.parent ? `${command.name()} command` : 'command';
}

/**
 * What commander refused, in words that name the argument, what was given and what is allowed; the
 * details come from the command's own state, not from commander's message. `argv` is the whole command line.
 */
export function describeProblem(command: Command, error: CommanderError, argv: readonly string[]): string {
  const registered = command.registeredArguments;
  switch (error.code) {
    case 'commander.unknownCommand':
      return `Unknown ${commandNoun(command)} "${command.args[0]}". Commands: ${command.commands.map((child) => child.name()).join(', ')}.`;
    case 'commander.unknownOption':
      return unknownOption(command);
    case 'commander.missingMandatoryOptionValue': {
      const missing = command.options.filter((option) => option.mandatory && command.getOptionValue(option.attributeName()) === undefined);
      return `Missing required option${missing.length > 1 ? 's' : ''}: ${missing.map((option) => option.flags).join(', ')}.`;
    }
    case 'commander.optionMissingArgument': {
      // Commander reads the next argument as the value, whatever it is: only the last one can lack it.
      const flag = argv[argv.length - 1];
      return needsValue(command.options.find((option) => named(option, flag))!);
    }
    case 'commander.missingArgument': {
      const missing = registered[command.args.length];
      return `Missing <${missing.name()}>: ${missing.description.charAt(0).toLowerCase()}${missing.description.slice(1)}.`;
    }
    case 'commander.excessArguments': {
      const takes = registered.length === 0 ? 'takes no arguments' : `takes ${registered.map((argument) => `<${argument.name()}>`).join(' ')} only`;
      return `Unexpected argument "${command.args[registered.length]}": this command ${takes}.`;
    }
    default:
      // The command's own checks (readCommandLine) refuse in these words already.
      return error.message;
  }
}

/** `Unknown option --limit. Options: ...`, or `--json takes no value; got "--json=yes".` */
function unknownOption(command: Command): string {
  // Commander keeps what it did not recognise in `args`; parsing that again finds the option it refused.
  const flag = command.parseOptions([...command.args]).unknown[0];
  const known = command.createHelp().visibleOptions(command);
  const name = flag.split('=')[0];
  if (name !== flag && known.some((option) => named(option, name))) return `${name} takes no value; got "${flag}".`;
  return `Unknown option ${flag}. Options: ${known.map((option) => option.long).join(', ')}.`;
}

function named(option: Option, flag: string): boolean {
  return option.long === flag || option.short === flag;
}
