import { isHelp, parseArgs, UsageError } from './args';
import { Command } from './command';
import { COMMANDS } from './commands';
import { EXIT } from './exit-codes';
import { commandHelp, groupHelp, PROGRAM, programHelp, usageLine } from './help';
import { CliIo } from './io';
import { ServiceCallError } from './service-error';
import { packageVersion } from './version';

export type { CliIo } from './io';
export { EXIT } from './exit-codes';

/**
 * `cdk-amplify-backend <command> ...`: runs one command and returns its exit code. Everything it
 * reads from or writes to the outside goes through `io`, so tests run it in-process.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const tree = COMMANDS;
  const [first, ...rest] = argv;
  if (first === undefined) return usageProblem(io, [], 'Missing command.', programHelp(tree));
  if (isHelp(first)) {
    io.stdout(programHelp(tree));
    return EXIT.ok;
  }
  if (first === '--version') {
    io.stdout(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  const names = tree.map((node) => node.name).join(', ');
  const node = tree.find((candidate) => candidate.name === first);
  if (!node) {
    const problem = first.startsWith('-') ? `Unknown option ${first}. Options: --help, --version.` : `Unknown command "${first}". Commands: ${names}.`;
    return usageProblem(io, [], problem, `Run "${PROGRAM} --help" for every command.\n`);
  }
  if (node.kind === 'command') return runCommand([node.name], node, rest, io);

  const [second, ...args] = rest;
  const path = [node.name];
  if (second === undefined) return usageProblem(io, path, `Missing ${node.name} command.`, groupHelp(path, node));
  if (isHelp(second)) {
    io.stdout(groupHelp(path, node));
    return EXIT.ok;
  }
  const command = node.commands.find((candidate) => candidate.name === second);
  if (!command) {
    const known = node.commands.map((candidate) => candidate.name).join(', ');
    return usageProblem(io, path, `Unknown ${node.name} command "${second}". Commands: ${known}.`, `Run "${PROGRAM} ${node.name} --help" for every command.\n`);
  }
  return runCommand([node.name, command.name], command, args, io);
}

async function runCommand(path: readonly string[], command: Command, argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv, command.args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const name = [PROGRAM, ...path].join(' ');
    return usageProblem(io, path, error.message, `Usage: ${usageLine(path, command)}\nRun "${name} --help" for every option.\n`);
  }
  if (parsed.help) {
    io.stdout(commandHelp(path, command));
    return EXIT.ok;
  }
  try {
    return await command.run(parsed.args, io);
  } catch (error) {
    io.stderr(`${failureText(error)}\n`);
    return EXIT.failed;
  }
}

/** Prints a usage problem, `cdk-amplify-backend jobs list: <problem>`, then what helps; exit 2. */
function usageProblem(io: CliIo, path: readonly string[], problem: string, help: string): number {
  io.stderr(`${[PROGRAM, ...path].join(' ')}: ${problem}\n${help}`);
  return EXIT.usage;
}

/** A service error as `<Operation> failed: <ErrorName>: <message>`; anything else by its name and message. */
function failureText(error: unknown): string {
  if (error instanceof ServiceCallError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
