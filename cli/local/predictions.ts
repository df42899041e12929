import type { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { KNOWN_AFTER_DEPLOY, ResourceChange } from '../../local/runner';
import { handlerDecision } from '../handler-decision';

/** What the handler would say of one change: that it refuses it (why), or what of it it leaves undone (why). */
export interface Prediction {
  readonly refused?: string;
  readonly note?: string;
}

/**
 * What the handlers would say of the changes a deployment would send to custom resources (create, update,
 * replace), by logical id: a refusal with the handler's reason, or a note of what the handler leaves undone (an
 * environment's CloneFrom changed: nothing happens to the environment); each request decided by the handler's own
 * first look at the world as it is now. A change whose properties are known only after earlier resources deploy is
 * not predicted.
 */
export async function predictedDecisions(changes: readonly ResourceChange[], client: AmplifyBackendClient): Promise<Map<string, Prediction>> {
  const predictions = new Map<string, Prediction>();
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
    if (decision.kind === 'refuse') predictions.set(change.logicalId, { refused: decision.reason });
    else if (decision.note !== undefined) predictions.set(change.logicalId, { note: decision.note });
  }
  return predictions;
}
