import type { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { KNOWN_AFTER_DEPLOY, ResourceChange } from '../../local/runner';
import { handlerDecision } from '../handler-decision';

/**
 * The changes a deployment would send to a custom resource (create, update, replace) that its handler would
 * refuse, with the handler's reason, by logical id: each request decided by the handler's own first look at
 * the world as it is now. A change whose properties are known only after earlier resources deploy is not
 * predicted.
 */
export async function predictedRefusals(changes: readonly ResourceChange[], client: AmplifyBackendClient): Promise<Map<string, string>> {
  const refusals = new Map<string, string>();
  for (const change of changes) {
    if (change.model !== 'provider' || !['create', 'update', 'replace'].includes(change.kind)) continue;
    if (JSON.stringify(change.after).includes(KNOWN_AFTER_DEPLOY)) continue;
    const decision = await handlerDecision(client, {
      RequestType: change.kind === 'create' ? 'Create' : 'Update',
      ResourceType: change.type,
      LogicalResourceId: change.logicalId,
      PhysicalResourceId: change.physicalResourceId,
      ResourceProperties: change.after ?? {},
      OldResourceProperties: change.kind === 'create' ? undefined : change.before,
    });
    if (decision.kind === 'refuse') refusals.set(change.logicalId, decision.reason);
  }
  return refusals;
}
