import { localDrift } from './local-drift';
import { LocalState } from './local-state';
import { printDrift } from '../drift/drift-report';
import { EXIT } from '../exit-codes';
import { PROGRAM } from '../help';
import { CliIo } from '../io';

/**
 * `local drift`: the local stacks named (every one without names, by name) against the local world, printed
 * as `drift` prints deployed stacks. Returns the exit code: 0 in sync, 1 drifted or missing, 2 for a name
 * that is not a local stack.
 */
export async function driftLocalStacks(state: LocalState, stackNames: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const world = state.readWorld();
  const saved = state.readStacks().sort((a, b) => a.name.localeCompare(b.name));
  if (!world || saved.length === 0) {
    io.stderr(`No local stacks in ${state.dir}: run "${PROGRAM} local deploy" first, or give the --state-dir it used.\n`);
    return EXIT.failed;
  }
  const unknown = stackNames.find((name) => !saved.some((stack) => stack.name === name));
  if (unknown !== undefined) {
    io.stderr(`${PROGRAM} local drift: --stack "${unknown}" is not a local stack in ${state.dir}; `
      + `the local stacks: ${saved.map((stack) => stack.name).join(', ')}.\n`);
    return EXIT.usage;
  }
  const stacks = stackNames.length > 0 ? saved.filter((stack) => stackNames.includes(stack.name)) : saved;
  return printDrift(await localDrift(stacks, world), json, io);
}
