import type { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { ResourceRequest } from '../lambda/events';
import { KINDS } from '../lambda/kinds';
import { InputError } from '../lambda/properties';
import { failureOf, firstDecision } from '../lambda/reconcile';

/**
 * What the handler would do first with a request: refuse it (its reason), start a call, or nothing (it is as declared).
 * `note`: what the request asks that the handler leaves undone, and why (a changed CloneFrom of an existing environment);
 * `physicalResourceId`: the id it would report when that is not the plan's own (a resource taken over says adopted).
 */
export type HandlerDecision =
  | { readonly kind: 'refuse'; readonly reason: string }
  | { readonly kind: 'call'; readonly operation: string; readonly note?: string; readonly physicalResourceId?: string }
  | { readonly kind: 'nothing'; readonly note?: string; readonly physicalResourceId?: string };

/**
 * The handler's own first decision on a request, from the state `client` reads (reads only): its plan (a
 * property the service would refuse is a refusal), what it observes and what it decides, as its onEvent
 * does before a deployment starts anything. What `local diff` and `preview` predict comes from here.
 */
export async function handlerDecision(client: AmplifyBackendClient, request: ResourceRequest): Promise<HandlerDecision> {
  const kind = KINDS[request.ResourceType];
  if (!kind) throw new Error(`No handler for ${request.ResourceType}`);
  let plan: unknown;
  try {
    plan = kind.plan(request);
  } catch (error) {
    if (error instanceof InputError) return { kind: 'refuse', reason: error.message };
    throw error;
  }
  const next = await firstDecision(kind, plan, client);
  if (next.kind === 'refuse') return { kind: 'refuse', reason: failureOf(kind, plan, next.reason) };
  const note = kind.note?.(plan);
  const physicalResourceId = next.physicalResourceId;
  const decision: HandlerDecision = next.kind === 'call' ? { kind: 'call', operation: next.call.operation, physicalResourceId } : { kind: 'nothing', physicalResourceId };
  return note === undefined ? decision : { ...decision, note };
}

