import { Command } from 'commander';
import { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { PROGRAM } from '../help';
import { CliIo, interrupted } from '../io';
import { CONSOLE_PATH, LocalConsole } from './console/console-server';
import { stateDirOption } from './options';
import { stateFolder } from './session';
import { LocalState } from './state';
import { WorldImage } from '../../local/emulator';
import { WorldKeeper } from '../../local/world-keeper';
import { ValueOption } from '../options';

interface ServeOptions {
  readonly stateDir?: string;
  readonly port: number;
  /** Milliseconds. */
  readonly jobDuration: number;
}

/** `local serve`: the local world's emulator as a server, until stopped. */
export const serveCommand: CliCommand<ServeOptions> = {
  define: () => new Command('serve')
    .summary('Serve the local world\'s AmplifyBackend emulator until stopped, keeping every change made through it')
    .description([
      'Starts the emulator of the local stack\'s world (the state folder, .cdk-amplify-backend/ or --state-dir) as a server and '
      + 'prints "endpoint <url>" as the first line. Change the world through it as the Amplify console would change the real one: '
      + 'with the SDK, the AWS CLI or the jobs commands (AWS_ENDPOINT_URL_AMPLIFYBACKEND or --endpoint-url; any credentials). '
      + 'Every change is saved in the state folder before its answer is sent, and its job ends at once, so a killed server loses '
      + 'nothing; "local drift" then shows what differs from the local stacks. Runs until Ctrl-C or SIGTERM. With --job-duration, '
      + 'jobs run that long, as the service\'s do, and each is saved when it ends (one still running when the server is killed is lost).',
      `A read-only web console is served beside the API at <url>${CONSOLE_PATH}/: each environment with its auth and storage settings `
      + '(secrets by name only), the job history as a timeline, the local stacks\' resources with their drift, and the requests '
      + 'answered, kept up to date while it is open.',
      'It holds the state folder\'s lock while it serves: until it is stopped, local deploy and destroy refuse to run, naming it.',
      'Exit 0 when stopped; 1 when nothing is deployed locally or another command holds the state folder; 2 for bad arguments '
      + '(a --port in use).',
    ].join('\n\n'))
    .addOption(stateDirOption())
    .addOption(new ValueOption('--port <n>', 'The port to listen on, on 127.0.0.1 (0: any free port)', {
      number: { integer: true, min: 0 }, check: (value) => (Number(value) <= 65535 ? undefined : 'use a port from 0 to 65535.'),
    }).default(0))
    .addOption(new ValueOption('--job-duration <ms>', 'How long every job started through it runs, in milliseconds (0: it ends at once)', {
      number: { integer: true, min: 0 },
    }).default(0)),
  run: (options, _args, io) => serveLocalWorld(stateFolder(options.stateDir, io.cwd), options, io),
};

/** How long stopping waits for running jobs besides their duration, so that their effect is saved. */
const STOP_WAIT_MS = 5_000;

/** How to serve: the port (0: any free one), and how long each job runs (ms). */
export type ServeSettings = Pick<ServeOptions, 'port' | 'jobDuration'>;

/**
 * `local serve`: the local world's emulator as a server until asked to stop, every change saved in the
 * state folder as it is made, with its console beside it. Prints `endpoint <url>` first, so a script can read
 * the endpoint from the first line. Returns the exit code.
 */
export async function serveLocalWorld(state: LocalState, settings: ServeSettings, io: CliIo): Promise<number> {
  const world = state.readWorld();
  if (!world) {
    io.stderr(`Nothing is deployed locally in ${state.dir}: run "${PROGRAM} local deploy" first, or give the --state-dir it used.\n`);
    return EXIT.failed;
  }
  // Held while serving: local deploy and destroy would save a world this server then overwrites.
  const release = state.lock('local serve');
  try {
    return await serveWorld(state, world, settings, io);
  } finally {
    release();
  }
}

async function serveWorld(state: LocalState, world: WorldImage, { port, jobDuration }: ServeSettings, io: CliIo): Promise<number> {
  const localConsole = new LocalConsole();
  let keeper: WorldKeeper;
  try {
    keeper = await WorldKeeper.start(
      { world, port, jobDurationMs: jobDuration, requireAuthForStorage: true, mounts: [localConsole.mount] },
      (image) => state.writeWorld(image),
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    io.stderr(`${PROGRAM} local serve: --port ${port} is in use; give another port, or 0 for any free one.\n`);
    return EXIT.usage;
  }
  // Listening for a stop before the endpoint is printed: a script may stop the server as soon as it reads it.
  const stopAsked = interrupted(io);
  const { endpoint } = keeper.emulator;
  localConsole.attach({ emulator: keeper.emulator, state });
  // Any credentials do, but some must be there: the lines work as printed on a machine with no AWS configuration.
  const credentials = 'AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local';
  const [appId, env] = firstEnvironment(world);
  io.stdout([
    `endpoint ${endpoint}`,
    `Serving the local world of ${state.dir} until Ctrl-C or SIGTERM; every change is saved there as it is made, `
      + (jobDuration === 0 ? 'and every job ends at once.' : `and every job runs ${jobDuration} ms.`),
    `See it in a browser: ${endpoint}${CONSOLE_PATH}/ (read-only)`,
    'Change it as the console would, with the SDK, the AWS CLI or the jobs commands, e.g.:',
    `  ${credentials} aws amplifybackend get-backend --endpoint-url ${endpoint} --region ${world.region} --app-id ${appId} --backend-environment-name ${env}`,
    `  ${credentials} ${PROGRAM} jobs list --endpoint-url ${endpoint} --region ${world.region} --app-id ${appId} --env ${env}`,
    `Then "${PROGRAM} local drift" shows what differs from the local stacks.`,
    '',
  ].join('\n'));
  await stopAsked;
  const lost = await keeper.stop(STOP_WAIT_MS + jobDuration);
  if (lost.length > 0) {
    io.stderr(`Stopped with job${lost.length > 1 ? 's' : ''} ${lost.join(', ')} still running: ${lost.length > 1 ? 'their effects were' : 'its effect was'} not saved.\n`);
    return EXIT.failed;
  }
  io.stdout(`Stopped; the world is saved in ${state.dir}.\n`);
  return EXIT.ok;
}

/** The first environment of the world, for the examples printed (placeholders when it has none). */
function firstEnvironment(world: WorldImage): [string, string] {
  const app = world.apps.find((candidate) => candidate.environments.length > 0);
  return app ? [app.appId, app.environments[0].name] : ['<appId>', '<env>'];
}
