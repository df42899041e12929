/**
 * The drift of one custom resource: its declared properties against what the AmplifyBackend API reports.
 * Independent of where the declared side comes from (a deployed template, a local stack's saved state)
 * and of where the API is (AWS, the embedded emulator).
 */
import type { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { environmentDrift } from './amplify-backend';
import { apiDrift } from './amplify-backend-api';
import { authDrift } from './amplify-backend-auth';
import { storageDrift } from './amplify-backend-storage';
import { compareProperties, Difference, UnknownProperty } from './compare';
import { DeclaredProperties } from './declared';
import { DriftCheck } from './drift-check';
import { importedAuthDrift } from './imported-backend-auth';
import { importedStorageDrift } from './imported-backend-storage';
import {
  API_RESOURCE_TYPE, AUTH_RESOURCE_TYPE, ENVIRONMENT_RESOURCE_TYPE, IMPORTED_AUTH_RESOURCE_TYPE, IMPORTED_STORAGE_RESOURCE_TYPE,
  STORAGE_RESOURCE_TYPE,
} from '../../src/private/contract';

/**
 * `in-sync`: every compared property matches. `drifted`: at least one differs. `missing`: the resource is
 * gone (removed outside the stack). `unknown`: nothing differs, but some property (or the resource as a
 * whole) could not be compared.
 */
export type DriftStatus = 'in-sync' | 'drifted' | 'missing' | 'unknown';

export interface ResourceDrift {
  readonly status: DriftStatus;
  /** The properties whose live value differs from the declared one. */
  readonly differences: readonly Difference[];
  /** The properties CloudFormation resolved at deploy time, with their live values. */
  readonly unknown: readonly UnknownProperty[];
  /** Why the resource is missing, or why it could not be checked at all. */
  readonly reason?: string;
}

/** How each resource type of this library is checked. */
const CHECKS: Readonly<Record<string, DriftCheck>> = {
  [ENVIRONMENT_RESOURCE_TYPE]: environmentDrift,
  [STORAGE_RESOURCE_TYPE]: storageDrift,
  [IMPORTED_STORAGE_RESOURCE_TYPE]: importedStorageDrift,
  [AUTH_RESOURCE_TYPE]: authDrift,
  [IMPORTED_AUTH_RESOURCE_TYPE]: importedAuthDrift,
  [API_RESOURCE_TYPE]: apiDrift,
};

/** The resource types drift checks: every custom resource type of this library. */
export const DRIFT_RESOURCE_TYPES: readonly string[] = Object.keys(CHECKS);

/**
 * Reads the live state of the resource `physicalId` names and compares it with `declared`. Only reads;
 * a failed call throws a ServiceCallError naming the operation.
 */
export async function checkDrift(
  resourceType: string, physicalId: string, declared: DeclaredProperties, client: AmplifyBackendClient,
): Promise<ResourceDrift> {
  const check = CHECKS[resourceType];
  if (!check) throw new Error(`drift does not check resources of type ${resourceType}; it checks ${DRIFT_RESOURCE_TYPES.join(', ')}`);
  const live = await check.read(physicalId, declared, client);
  if (live.kind !== 'found') return { status: live.kind, differences: [], unknown: [], reason: live.reason };
  const { differences, unknown } = compareProperties(check.rules, declared, live.properties);
  const status = differences.length > 0 ? 'drifted' : unknown.length > 0 ? 'unknown' : 'in-sync';
  return { status, differences, unknown };
}
