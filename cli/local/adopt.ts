import { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { Command } from 'commander';
import { stateDirOption } from './options';
import { stateFolder } from './session';
import { LocalState } from './state';
import { AmplifyBackendEmulator } from '../../local/emulator';
import { ADOPT_DESCRIPTION, AdoptCommandOptions, adoptOptions, runAdopt } from '../adopt/adopt-command';
import { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { PROGRAM } from '../help';
import { CliIo } from '../io';

/** `local adopt`: `adopt` against the local world (the state folder's), read over HTTP from an emulator started from it. */
export const localAdoptCommand: CliCommand<AdoptCommandOptions & { readonly stateDir?: string }> = {
  define: () => {
    const command = new Command('adopt')
      .summary('Write the declarations of a backend of the local world, checked to change nothing on the first deploy')
      .description([
        `As "${PROGRAM} adopt", on the local world: the emulated account of the state folder (.cdk-amplify-backend/, or --state-dir), `
        + 'read over HTTP from an emulator started from it, as local drift reads it; nothing is changed or saved. To adopt from a '
        + `running "${PROGRAM} local serve", give its endpoint to "${PROGRAM} adopt --endpoint-url" instead.`,
        ...ADOPT_DESCRIPTION,
      ].join('\n\n'))
      .addOption(stateDirOption());
    adoptOptions().forEach((option) => command.addOption(option));
    return command;
  },
  run: (options, _args, io) => adoptFromLocalWorld(stateFolder(options.stateDir, io.cwd), options, io),
};

/** Runs adopt on the world the state folder keeps; returns the exit code (1 when there is none). */
export async function adoptFromLocalWorld(state: Pick<LocalState, 'dir' | 'readWorld'>, options: AdoptCommandOptions, io: CliIo): Promise<number> {
  const world = state.readWorld();
  if (!world) {
    io.stderr(`There is no local world in ${state.dir}: run "${PROGRAM} local deploy" first, or give the --state-dir that has one.\n`);
    return EXIT.failed;
  }
  const emulator = await AmplifyBackendEmulator.start({ world });
  const client = new AmplifyBackendClient({ ...emulator.clientConfig(), maxAttempts: 1 });
  try {
    return await runAdopt(client, options, io);
  } finally {
    client.destroy();
    await emulator.close();
  }
}
