/**
 * Drift of an import (a bucket or a user pool linked to an environment): GetBackend's amplify-meta.json
 * lists it with what it links. It is found by the name the service gave it, else as the handler finds its
 * link, by what it links (the physical id may still be provisional). Else the environment's one import of
 * the category (the service allows one storage and one auth per environment) is the one in its place:
 * something else linked there in the console, which shows as drift of what it links.
 */
import { amplifyMeta } from '../../lambda/amplify-meta';
import { parseResourcePhysicalId } from '../../lambda/physical-id';
import { callService } from '../service-error';
import { PropertyRule } from './compare';
import { DriftCheck, unreadableId } from './drift-check';

interface MetaImport {
  readonly resourceName: string;
  readonly imported: boolean;
}

/** How one kind of import is listed and compared. */
export interface ImportKind<T extends MetaImport> {
  /** `storage`, `auth`: for messages. */
  readonly category: string;
  /** The environment's resources of this category, from amplify-meta.json. */
  readonly entries: (amplifyMetaConfig: string | undefined) => T[];
  /** The declared property that names what is linked (`BucketName`), and how an entry reports it. */
  readonly link: { readonly property: string; readonly of: (entry: T) => string | undefined };
  readonly rules: readonly PropertyRule[];
  /** An entry's live properties, shaped as the template's. */
  readonly properties: (entry: T) => Record<string, unknown>;
}

export function importDrift<T extends MetaImport>(kind: ImportKind<T>): DriftCheck {
  return {
    rules: kind.rules,
    async read(physicalId, declared, client) {
      const ref = parseResourcePhysicalId(physicalId);
      if (!ref) return unreadableId(physicalId, '<appId>/<environment>/<resource name>');
      const imports = kind.entries(await callService('GetBackend', () => amplifyMeta(client, ref))).filter((entry) => entry.imported);
      const declaredLink = declared[kind.link.property];
      const link = typeof declaredLink === 'string' ? declaredLink : undefined;
      const found = imports.find((entry) => entry.resourceName === ref.resourceName)
        ?? imports.find((entry) => link !== undefined && kind.link.of(entry) === link)
        ?? imports[0];
      if (!found) {
        return { kind: 'missing', reason: `GetBackend lists no imported ${kind.category} in environment "${ref.environmentName}" of app ${ref.appId}` };
      }
      return { kind: 'found', properties: kind.properties(found) };
    },
  };
}
