import { describeNumberRule, OptionSpec } from './args';
import { Command, CommandGroup, CommandNode } from './command';

/** The program's name, as installed in `bin`. */
export const PROGRAM = 'cdk-amplify-backend';

/** `cdk-amplify-backend jobs wait <jobId> --app-id <id> --env <name> [options]` */
export function usageLine(path: readonly string[], command: Command): string {
  const { positionals, options } = command.args;
  const required = options.filter((option) => option.required).map(optionLabel);
  const optional = options.some((option) => !option.required) ? ['[options]'] : [];
  return [PROGRAM, ...path, ...positionals.map((p) => `<${p.name}>`), ...required, ...optional].join(' ');
}

/** The full help of a command: usage, description, arguments, every option. */
export function commandHelp(path: readonly string[], command: Command): string {
  const lines = [`Usage: ${usageLine(path, command)}`, ''];
  for (const paragraph of command.description) lines.push(...wrap(paragraph, 100), '');
  if (command.args.positionals.length > 0) {
    lines.push('Arguments:');
    lines.push(...columns(command.args.positionals.map((p) => [`<${p.name}>`, p.description])), '');
  }
  lines.push('Options:');
  const rows = command.args.options.map((option): [string, string] => [optionLabel(option), optionDescription(option)]);
  lines.push(...columns([...rows, ['-h, --help', 'Show this help']]));
  return lines.join('\n') + '\n';
}

/** The help of a group: its commands. */
export function groupHelp(path: readonly string[], group: CommandGroup): string {
  const lines = [`Usage: ${[PROGRAM, ...path].join(' ')} <command> [options]`, '', `${group.summary}.`, '', 'Commands:'];
  lines.push(...columns(group.commands.map((command) => [command.name, command.summary])));
  lines.push('', `Run "${[PROGRAM, ...path].join(' ')} <command> --help" for the options of a command.`);
  return lines.join('\n') + '\n';
}

/** The help of the program: every command, the shared configuration and the exit codes. */
export function programHelp(tree: readonly CommandNode[]): string {
  const rows = tree.flatMap((node): Array<[string, string]> => node.kind === 'group'
    ? node.commands.map((command) => [`${node.name} ${command.name}`, command.summary])
    : [[node.name, node.summary]]);
  return [
    `${PROGRAM}: Amplify (Gen 1) backend jobs from the command line, and CDK apps deployed on an embedded AmplifyBackend emulator.`,
    '',
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...columns(rows),
    '',
    'Options:',
    ...columns([['-h, --help', 'Show help (also after any command)'], ['--version', 'Print the version']]),
    '',
    ...wrap('AWS configuration (jobs commands): the SDK\'s defaults apply (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL_AMPLIFYBACKEND, '
      + 'credentials, AWS_MAX_ATTEMPTS, the shared config and credentials files); --profile, --region and --endpoint-url override them.', 100),
    '',
    'Exit codes: 0 success; 1 service error, FAILED job or failed deployment; 2 bad arguments; 3 jobs wait timed out.',
    '',
  ].join('\n');
}

function optionLabel(option: OptionSpec): string {
  return option.kind === 'flag' ? `--${option.name}` : `--${option.name} ${option.placeholder ?? '<value>'}`;
}

function optionDescription(option: OptionSpec): string {
  const notes = [
    option.required ? 'required' : undefined,
    option.kind === 'list' ? 'repeatable' : undefined,
    option.kind === 'number' && option.number ? describeNumberRule(option.number) : undefined,
    option.default !== undefined ? `default ${option.default}` : undefined,
  ].filter((note) => note !== undefined);
  return notes.length > 0 ? `${option.description} (${notes.join('; ')})` : option.description;
}

/** Two columns: names padded to the widest, descriptions wrapped under themselves. */
function columns(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const width = Math.max(...rows.map(([name]) => name.length)) + 3;
  return rows.flatMap(([name, text]) => wrap(text, 100 - width - 2).map((line, index) => `  ${(index === 0 ? name : '').padEnd(width)}${line}`));
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return line ? [...lines, line] : lines;
}
