import { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { Command } from 'commander';
import { CliCommand } from '../command';
import { driftJson, driftJsonOption, printDrift, StackDrift } from '../drift/drift-report';
import { driftRows } from '../drift/drift-rows';
import { DRIFT_RESOURCE_TYPES } from '../drift/resource-drift';
import { EXIT } from '../exit-codes';
import { CliIo } from '../io';
import { selectStacks } from './app';
import { runLocal } from './errors';
import { AppOptions, stackOption, stateDirOption } from './options';
import { stateFolder } from './session';
import { LocalStack, LocalState } from './state';
import { AmplifyBackendEmulator, WorldImage } from '../../local/emulator';

type LocalDriftOptions = Omit<AppOptions, 'app'>;

/** `local drift`: the local stack's Amplify resources against the local world, as `drift` compares deployed stacks. */
export const localDriftCommand: CliCommand<LocalDriftOptions> = {
  define: () => new Command('drift')
    .summary('Find the local stack\'s Amplify resources changed outside it (e.g. through local serve)')
    .description([
      'Compares each stack of the local stack (the state folder, .cdk-amplify-backend/ or --state-dir) with the local world, '
      + 'as "drift" compares deployed stacks with AWS: the declared side is each resource\'s properties as last sent, the live '
      + 'side what the AmplifyBackend API of the local world reports, read over HTTP from an emulator started from the saved '
      + 'world. One row per resource: in sync, drifted (each property that differs, declared and live) or missing. Secret '
      + 'values are never compared or printed. Nothing is changed.',
      'Exit 0 when every resource is in sync (or nothing is deployed), 1 when any resource drifted or is missing, 2 for bad '
      + 'arguments (a --stack that is not deployed locally). --json prints one JSON document, as drift does (stackId null).',
    ].join('\n\n'))
    .addOption(stateDirOption())
    .addOption(stackOption('compare'))
    .addOption(driftJsonOption()),
  run: (options, _args, io) => runLocal(io, () => driftLocalStacks(stateFolder(options.stateDir, io.cwd), options.stack, options.json === true, io)),
};

/**
 * The local stacks named (every one without names, by name) against the local world, printed as `drift`
 * prints deployed stacks; returns the exit code. A name that is not a local stack throws a LocalUsageError.
 */
export async function driftLocalStacks(state: LocalState, stackNames: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const saved = state.readStacks().sort((a, b) => a.name.localeCompare(b.name)).map((stack) => ({ name: stack.name, dependencies: [], stack }));
  const stacks = selectStacks(saved, stackNames, 'none').map(({ stack }) => stack);
  const world = state.readWorld();
  if (!world || stacks.length === 0) {
    io.stdout(json ? driftJson([]) : `Nothing deployed in ${state.dir}.\n`);
    return EXIT.ok;
  }
  return printDrift(await localDrift(stacks, world), json, io);
}

/**
 * The drift of each stack's resources of this library against the world `image` holds, served by an
 * emulator started from it and read over HTTP with the real SDK client, through the same readers as drift
 * against AWS.
 */
export async function localDrift(stacks: readonly LocalStack[], image: WorldImage): Promise<StackDrift[]> {
  const emulator = await AmplifyBackendEmulator.start({ world: image });
  const client = new AmplifyBackendClient({ ...emulator.clientConfig(), maxAttempts: 1 });
  try {
    const drifts: StackDrift[] = [];
    for (const stack of stacks) {
      const resources = [...stack.resources.values()]
        .filter((resource) => DRIFT_RESOURCE_TYPES.includes(resource.type))
        .map(({ logicalId, type, properties, physicalResourceId }) => ({ logicalId, type, physicalId: physicalResourceId, declared: properties }));
      drifts.push({ stackName: stack.name, rows: await driftRows(resources, client) });
    }
    return drifts;
  } finally {
    client.destroy();
    await emulator.close();
  }
}
