import type { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import type { PropertyRule } from './compare';
import type { DeclaredProperties } from './declared';

/** What the AmplifyBackend API reports of a resource. */
export type LiveState =
  /** Found: its properties, shaped as the template's; only non-secret settings are ever put here. */
  | { readonly kind: 'found'; readonly properties: Readonly<Record<string, unknown>> }
  /** Not there any more: removed outside the stack. */
  | { readonly kind: 'missing'; readonly reason: string }
  /** Cannot be looked up at all (a physical id that names no resource). */
  | { readonly kind: 'unknown'; readonly reason: string };

/** How drift is checked for one resource type: which properties are compared, and how the live side is read. */
export interface DriftCheck {
  readonly rules: readonly PropertyRule[];
  /** Reads the live state of the resource the physical id names; `declared` helps find an import the service renamed. */
  read(physicalId: string, declared: DeclaredProperties, client: AmplifyBackendClient): Promise<LiveState>;
}

/** The live state of a resource whose physical id cannot be read as one of its type. */
export function unreadableId(physicalId: string, form: string): LiveState {
  return { kind: 'unknown', reason: `its physical id "${physicalId}" is not of the form ${form}, so the resource cannot be looked up` };
}
