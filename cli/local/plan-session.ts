/**
 * What `local diff` and `local preview` share: the app synthesized into the state folder's cdk.out, the stacks chosen,
 * their parameters, the local stack opened (never deployed to) with a client of its emulator, closed however they end.
 */
import * as path from 'node:path';
import { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { findApp, locationOf, selectStacks, synthesisOf, withStacks } from './app';
import { runLocal } from './errors';
import { AppOptions, SynthOptions } from './options';
import { parametersByStack } from './parameters';
import { SeedOptions } from './seeds';
import { openSession, Session, stateFolder } from './session';
import { StackArtifact } from '../../local/runner';
import { CliIo } from '../io';

/** The options of a command that plans against the local stack. */
export type PlanOptions = AppOptions & SynthOptions & SeedOptions & { readonly parameters: string[] };

/** What a plan is made with. */
export interface PlanSession extends Session {
  readonly stacks: readonly StackArtifact[];
  /** Each stack's parameter values, by stack name. */
  readonly parameters: ReadonlyMap<string, Record<string, string>>;
  /** A client of the local world's emulator, which tries each call once. */
  readonly client: AmplifyBackendClient;
}

/** Runs `plan` with the app's chosen stacks and the local stack, and returns its exit code. */
export function runPlan(options: PlanOptions, io: CliIo, plan: (session: PlanSession) => Promise<number>): Promise<number> {
  return runLocal(io, async () => {
    const folder = stateFolder(options.stateDir, io.cwd);
    const source = findApp(options.app, io.cwd);
    const synthesis = synthesisOf(source, options, io.cwd, () => ({ outdir: path.join(folder.dir, 'cdk.out'), kept: true }));
    return withStacks(source, synthesis, io, async (all) => {
      const stacks = selectStacks(all, options.stack, 'none');
      const parameters = parametersByStack(options.parameters, stacks);
      const { local, seeded } = await openSession(folder, { location: locationOf(stacks), seeds: { stacks: all, options } });
      const client = new AmplifyBackendClient({ ...local.emulator.clientConfig(), maxAttempts: 1 });
      try {
        return await plan({ stacks, parameters, local, seeded, client });
      } finally {
        client.destroy();
        await local.close();
      }
    });
  });
}
