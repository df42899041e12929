/** The drift rows of one stack's resources, wherever their declared side comes from (a deployed template, a local stack's state). */
import type { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { DeclaredProperties } from './declared';
import { DriftRow } from './drift-report';
import { checkDrift } from './resource-drift';

/** A custom resource of this library as its stack declares it. */
export interface DeclaredResource {
  readonly logicalId: string;
  readonly type: string;
  /** Absent when the stack has none (a create that failed). */
  readonly physicalId?: string;
  /** The stack's status of the resource, e.g. `CREATE_FAILED`: said when there is no physical id. */
  readonly status?: string;
  readonly declared: DeclaredProperties;
  /** Its properties as the template holds them, unresolved (from a deployed template). */
  readonly template?: Readonly<Record<string, unknown>>;
  /** Its DeletionPolicy in the template (from a deployed template). */
  readonly deletionPolicy?: string;
}

/** Reads each resource's live state and compares it, in the order given. */
export async function driftRows(resources: readonly DeclaredResource[], client: AmplifyBackendClient): Promise<DriftRow[]> {
  const rows: DriftRow[] = [];
  for (const { logicalId, type, physicalId, status, declared } of resources) {
    const drift = physicalId
      ? await checkDrift(type, physicalId, declared, client)
      : { status: 'unknown' as const, differences: [], unknown: [], reason: `CloudFormation reports it ${status ?? 'without a status'} and has no physical id for it` };
    rows.push({ logicalId, type, physicalId, ...drift });
  }
  return rows;
}
