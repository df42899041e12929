import { Command, CommanderError } from 'commander';
import { adoptCommand } from './adopt/adopt-command';
import { runnable } from './command';
import { driftCommand } from './drift/drift-command';
import { EXIT } from './exit-codes';
import { commandPath, HELP, PROGRAM } from './help';
import { CliIo } from './io';
import { listCommand } from './jobs/list';
import { showCommand } from './jobs/show';
import { updateCommand } from './jobs/update';
import { waitCommand } from './jobs/wait';
import { localAdoptCommand } from './local/adopt';
import { deployCommand } from './local/deploy';
import { destroyCommand } from './local/destroy';
import { diffCommand } from './local/diff';
import { localDriftCommand } from './local/drift';
import { localPreviewCommand } from './local/preview';
import { SECRETS_COMMANDS } from './local/secrets-commands';
import { serveCommand } from './local/serve';
import { tryCommand } from './local/try';
import { previewCommand } from './preview/preview-command';
import { commandNoun, describeProblem, usageProblem } from './usage-problem';
import { packageVersion } from './version';

const PROGRAM_NOTES = `
AWS configuration (jobs, drift, adopt and preview): the SDK's defaults apply (AWS_PROFILE, AWS_REGION,
AWS_ENDPOINT_URL_AMPLIFYBACKEND, AWS_ENDPOINT_URL_CLOUDFORMATION, credentials, AWS_MAX_ATTEMPTS, the
shared config and credentials files); --profile, --region and --endpoint-url override them.

Exit codes: 0 success; 1 service error, FAILED job, failed deployment or drift (adopt: its check found
a change, nothing written; preview: something would change); 2 bad arguments; 3 jobs wait timed out
(the job still running); 4 incomplete AWS configuration (no Region, no credentials, unknown profile);
5 endpoint unreachable (host name does not resolve, connection refused, timed out).`;

/**
 * Every command of `cdk-amplify-backend`, in the order help lists them, set up for one run of `argv`:
 * output goes to `io`, a usage problem is printed there before commander ends the parse with a
 * CommanderError (it never exits the process), and `exit` receives the exit code of the command that ran.
 */
export function createProgram(io: CliIo, argv: readonly string[], exit: (code: number) => void): Command {
  const jobs = new Command('jobs')
    .description('Read, wait for and update the jobs of an Amplify backend environment (AmplifyBackend API).')
    .addHelpText('after', `\nRun "${PROGRAM} jobs <command> --help" for the options of a command.`);
  for (const command of [listCommand, showCommand, waitCommand, updateCommand]) jobs.addCommand(runnable(command, io, exit));
  const local = new Command('local')
    .description('CDK apps deployed on an embedded AmplifyBackend emulator: a local stack kept between commands (deploy, diff, destroy; '
      + 'serve it to change it as the console would, and find that drift; adopt a backend of its world, and preview a deploy on it; '
      + 'the secrets its handlers read), '
      + 'or a throw-away one (try).')
    .addHelpText('after', `\nRun "${PROGRAM} local <command> --help" for the options of a command.`);
  for (const command of [deployCommand, diffCommand, destroyCommand, tryCommand]) local.addCommand(runnable(command, io, exit));
  local.addCommand(runnable(serveCommand, io, exit)).addCommand(runnable(localDriftCommand, io, exit));
  local.addCommand(runnable(localAdoptCommand, io, exit)).addCommand(runnable(localPreviewCommand, io, exit));
  const secrets = new Command('secrets')
    .summary('List, set and delete the local account\'s secrets, which the local Secrets Manager serves to handlers')
    .description('The local account\'s secrets (social sign-in client secrets), kept in the state folder\'s secrets.json (owner-only) '
      + 'for every later local deploy and destroy: list their names, set one (its value read from stdin), delete one.')
    .addHelpText('after', `\nRun "${PROGRAM} local secrets <command> --help" for the options of a command.`);
  for (const command of SECRETS_COMMANDS) secrets.addCommand(runnable(command, io, exit));
  local.addCommand(secrets);
  const program = new Command(PROGRAM)
    .description('Amplify (Gen 1) backend jobs from the command line, drift of deployed stacks, existing backends brought under code (adopt, '
      + 'preview), and CDK apps deployed on an embedded AmplifyBackend emulator.')
    .version(packageVersion(), '--version', 'Print the version')
    .addHelpText('after', PROGRAM_NOTES)
    // Commander shows the help of the program or a group on stderr when the command is missing: say so first.
    .addHelpText('beforeAll', ({ error, command }) => (error ? `${commandPath(command)}: Missing ${commandNoun(command)}.` : ''))
    .addCommand(jobs)
    .addCommand(runnable(driftCommand, io, exit))
    .addCommand(runnable(adoptCommand, io, exit))
    .addCommand(runnable(previewCommand, io, exit))
    .addCommand(local);
  for (const command of everyCommand(program)) configure(command, io, argv);
  return program.helpOption('-h, --help', 'Show help (also after any command)');
}

/** Help, output and errors the same way for every command (commander passes settings on only to commands made by `.command()`). */
function configure(command: Command, io: CliIo, argv: readonly string[]): void {
  command
    .configureHelp(HELP)
    .helpOption('-h, --help', 'Show this help')
    .helpCommand(false)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined })
    .exitOverride((error) => {
      // Exit code 0: help or the version was printed. `commander.help` with another code: a missing command, said with the help.
      if (error.exitCode !== 0 && error.code !== 'commander.help') {
        if (asksForHelp(argv)) {
          command.outputHelp();
          throw new CommanderError(EXIT.ok, 'commander.helpDisplayed', '(outputHelp)');
        }
        io.stderr(usageProblem(command, describeProblem(command, error, argv)));
      }
      throw error;
    });
}

/**
 * -h or --help anywhere before `--` wins over every other problem. Commander already lets it win over
 * most; not over an option at the end that lacks its value, nor when it was read as an option's value.
 */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === '-h' || arg === '--help');
}

function everyCommand(command: Command): Command[] {
  return [command, ...command.commands.flatMap(everyCommand)];
}
