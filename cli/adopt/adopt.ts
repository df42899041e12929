/**
 * `adopt`: the live backend read (read operations only), declared as a TypeScript module with the library's public
 * API, and checked before anything is written: the declarations are built with the library's real classes,
 * synthesized in this process and compared with the live backend; any field the first deploy would change stops it.
 */
import type { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { Declarations, declarationsOf } from './declarations';
import { DeclarationError, synthesizeDeclarations, SynthesizedResource } from './instantiate';
import { loadLibrary } from './library';
import { LiveBackend, readLiveBackend } from './live-backend';
import { renderModule } from './render';
import { CheckFinding, selfCheck } from './self-check';

export interface AdoptOptions {
  readonly appId: string;
  /** Only these environments; every one when empty. */
  readonly environments: readonly string[];
  readonly className?: string;
  /** The module's file name without its extension, when it goes to a file: schemas are written beside it. */
  readonly moduleName?: string;
  readonly now: () => number;
}

/** What was read, declared and found. `findings` (or `declarationError`) means the module must not be written. */
export interface Adoption {
  readonly live: LiveBackend;
  readonly declarations: Declarations;
  readonly source: string;
  readonly resources: readonly SynthesizedResource[];
  readonly warnings: readonly string[];
  readonly findings: readonly CheckFinding[];
  /** The declarations did not synthesize: the library refused something it would have to declare. */
  readonly declarationError?: string;
}

export async function adoptBackend(client: AmplifyBackendClient, options: AdoptOptions): Promise<Adoption> {
  const region = await client.config.region();
  const live = await readLiveBackend(client, options.appId, options.environments);
  const { className, moduleName } = options;
  const declarations = declarationsOf(live, { region, readAt: new Date(options.now()), className, moduleName });
  const source = renderModule(declarations);
  try {
    const { resources, warnings } = synthesizeDeclarations(declarations, loadLibrary());
    return { live, declarations, source, resources, warnings, findings: await selfCheck(resources, client) };
  } catch (error) {
    if (!(error instanceof DeclarationError)) throw error;
    return { live, declarations, source, resources: [], warnings: [], findings: [], declarationError: error.message };
  }
}
