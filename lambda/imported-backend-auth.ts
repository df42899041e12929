import { AmplifyBackendClient, ImportBackendAuthCommand } from '@aws-sdk/client-amplifybackend';
import { amplifyMeta, authInMeta, MetaAuth } from './amplify-meta';
import { removeAuth } from './auth-calls';
import { ResourceRequest } from './events';
import { Environment } from './jobs';
import {
  environmentOf, isProvisionalPhysicalId, movedImportPhysicalId, namesResource, parseResourcePhysicalId, provisionalPhysicalId, resourcePhysicalId,
  sameEnvironment, takenOverRefusal,
} from './physical-id';
import { flag, optionalString, requiredString } from './properties';
import { jobCall, Next, ResourceKind } from './reconcile';
import { AUTH_ATTRIBUTES } from '../src/private/contract';

/** The existing Cognito resources an import links: a user pool, its two app clients, maybe an identity pool. */
export interface CognitoLink {
  readonly userPoolId: string;
  readonly webClientId: string;
  readonly nativeClientId: string;
  readonly identityPoolId?: string;
}

/** What an imported-auth request wants done in one environment. */
export interface ImportAuthPlan {
  /** Undefined when there is nothing to do: the Delete of a link the stack took over. */
  readonly env?: Environment;
  /** onEvent's id: the current one on Update, a provisional one until the service has named the resource. */
  readonly physicalResourceId: string;
  /** Links that must not stay (unlinked first: one auth per environment). */
  readonly unlink: CognitoLink[];
  /** The Cognito resources that must be linked as imported auth. */
  readonly link?: CognitoLink;
  /** This request links them anew: finding them linked before anything started is a conflict, unless `adopt`. */
  readonly isNew: boolean;
  /** The Cognito resources found linked before anything started are taken over as the stack's link (the construct's `adopt`). */
  readonly adopt?: boolean;
  /** Why the request is refused before anything starts (it would unlink a link the stack took over). */
  readonly refusal?: string;
}

/** The environment's auth resources (from amplifyMetaConfig), with their Cognito ids. */
export interface ObservedImportAuth {
  readonly auth: MetaAuth[];
}

function parseSpec(properties: Record<string, unknown>): Environment & CognitoLink {
  return {
    appId: requiredString(properties, 'AppId'),
    environmentName: requiredString(properties, 'EnvironmentName'),
    userPoolId: requiredString(properties, 'UserPoolId'),
    webClientId: requiredString(properties, 'WebClientId'),
    nativeClientId: requiredString(properties, 'NativeClientId'),
    identityPoolId: optionalString(properties, 'IdentityPoolId'),
  };
}

const linkOf = (spec: CognitoLink): CognitoLink => ({
  userPoolId: spec.userPoolId, webClientId: spec.webClientId, nativeClientId: spec.nativeClientId, identityPoolId: spec.identityPoolId,
});

function sameLink(a: Partial<CognitoLink>, b: CognitoLink): boolean {
  return a.userPoolId === b.userPoolId && a.webClientId === b.webClientId && a.nativeClientId === b.nativeClientId
    && (a.identityPoolId ?? '') === (b.identityPoolId ?? '');
}

/** Whether an auth resource of the environment is this link: imported, with the same ids. A created user pool never is. */
function isLink(auth: MetaAuth, link: CognitoLink): boolean {
  return auth.imported && sameLink(auth, link);
}

/** Pure: what a Create, Update or Delete of `Custom::AmplifyImportedBackendAuth` wants. */
export function planImportAuth(request: ResourceRequest): ImportAuthPlan {
  const spec = parseSpec(request.ResourceProperties);
  const env = environmentOf(spec);
  const link = linkOf(spec);
  const adopt = flag(request.ResourceProperties, 'Adopt');
  const takenOver = parseResourcePhysicalId(request.PhysicalResourceId)?.adopted === true;
  if (request.RequestType === 'Delete') {
    // A link the stack took over existed before it and stays after it: its Delete forgets it.
    if (takenOver) return { physicalResourceId: request.PhysicalResourceId!, unlink: [], isNew: false };
    // Found by its ids, not by the id's name: the service may have renamed the resource since.
    return { env, physicalResourceId: request.PhysicalResourceId!, unlink: [link], isNew: false };
  }
  if (request.RequestType === 'Create') {
    const physicalResourceId = request.PhysicalResourceId ?? provisionalPhysicalId(env, spec.userPoolId);
    return { env, physicalResourceId, link, unlink: [], isNew: true, adopt };
  }
  const old = parseSpec(request.OldResourceProperties ?? {});
  if (!sameEnvironment(old, spec)) {
    return { env, physicalResourceId: movedImportPhysicalId(request.PhysicalResourceId, env, spec.userPoolId), link, unlink: [], isNew: true, adopt };
  }
  const oldLink = linkOf(old);
  if (!sameLink(oldLink, link)) {
    const refusal = takenOver
      ? takenOverRefusal(`the link of user pool ${old.userPoolId}`, `Linking user pool ${spec.userPoolId} instead`) : undefined;
    return { env, physicalResourceId: request.PhysicalResourceId!, link, unlink: [oldLink], isNew: true, adopt, refusal };
  }
  // Imported auth cannot be updated; the same Cognito resources need nothing.
  return { env, physicalResourceId: request.PhysicalResourceId!, link, unlink: [], isNew: false, adopt };
}

/** Pure: the next step for an imported-auth plan. */
export function decideImportAuth(plan: ImportAuthPlan, observed: ObservedImportAuth, firstLook: boolean): Next {
  if (plan.refusal) return refuse(plan.refusal);
  const env = plan.env!;
  const linked = (link: CognitoLink) => observed.auth.find((auth) => isLink(auth, link));
  const idOf = (auth: MetaAuth) => resourcePhysicalId(env, auth.resourceName);
  // The id to report: a new link gets the generated name's (it starts provisional); any other id stays.
  let physicalResourceId = plan.physicalResourceId;
  if (plan.link && plan.isNew && firstLook) {
    const already = linked(plan.link);
    // Linked under the name this resource's id carries, it is this stack's own link (a rollback finds it so).
    if (already && !namesResource(plan.physicalResourceId, env, already.resourceName)) {
      if (!plan.adopt) {
        return refuse(`user pool ${plan.link.userPoolId} is already linked to the environment as auth "${already.resourceName}"; `
          + 'take the link over as declared with adopt: true, or unlink it first');
      }
      // Someone else linked them: the stack takes the link over, its id says so, and the stack never unlinks it.
      return { kind: 'done', data: linkAttributes(already, plan.link), physicalResourceId: resourcePhysicalId(env, already.resourceName, true) };
    }
    // The link this resource's id names is swapped for another: a new link, so a new id, and CloudFormation
    // deletes the old id (its link is undone by then). When the id names nothing linked (a rollback after
    // the old link was undone), the id stays: a new one would make CloudFormation unlink by the old id's
    // Cognito ids, the ones being linked again.
    const swapped = plan.unlink.map(linked).some((auth) => auth !== undefined && idOf(auth) === plan.physicalResourceId);
    if (swapped) physicalResourceId = provisionalPhysicalId(env, plan.link.userPoolId);
  }
  for (const link of plan.unlink) {
    const auth = linked(link);
    if (auth) return { ...removeAuth(env, auth.resourceName), physicalResourceId };
  }
  if (!plan.link) return { kind: 'done', data: {} };
  const mine = linked(plan.link);
  if (mine) {
    return {
      kind: 'done',
      data: linkAttributes(mine, plan.link),
      physicalResourceId: isProvisionalPhysicalId(physicalResourceId) ? idOf(mine) : physicalResourceId,
    };
  }
  const other = observed.auth[0];
  if (other) {
    return refuse(`the environment already has the auth resource "${other.resourceName}"${other.imported ? ` (user pool ${other.userPoolId ?? 'unknown'})` : ''} `
      + 'and allows one; remove it in an earlier deployment, or import into another environment');
  }
  return {
    kind: 'call',
    physicalResourceId,
    call: jobCall('ImportBackendAuth', ImportBackendAuthCommand, {
      AppId: env.appId,
      BackendEnvironmentName: env.environmentName,
      UserPoolId: plan.link.userPoolId,
      WebClientId: plan.link.webClientId,
      NativeClientId: plan.link.nativeClientId,
      IdentityPoolId: plan.link.identityPoolId,
    }),
  };
}

/** The link's attributes: the name the service gave it, and the Cognito ids. */
function linkAttributes(auth: MetaAuth, link: CognitoLink): Record<string, string> {
  return {
    [AUTH_ATTRIBUTES.resourceName]: auth.resourceName,
    [AUTH_ATTRIBUTES.userPoolId]: link.userPoolId,
    [AUTH_ATTRIBUTES.webClientId]: link.webClientId,
    [AUTH_ATTRIBUTES.nativeClientId]: link.nativeClientId,
    [AUTH_ATTRIBUTES.identityPoolId]: link.identityPoolId ?? '',
  };
}

/** Reads the environment's auth resources from GetBackend's amplifyMetaConfig. */
export async function observeImportAuth(client: AmplifyBackendClient, plan: ImportAuthPlan): Promise<ObservedImportAuth> {
  return { auth: authInMeta(await amplifyMeta(client, plan.env!)) };
}

function refuse(reason: string): Next {
  return { kind: 'refuse', reason };
}

/** `Custom::AmplifyImportedBackendAuth`: an existing user pool linked to an environment (or a link taken over); Delete only unlinks it, and forgets a link taken over. */
export const importedBackendAuth: ResourceKind<ImportAuthPlan, ObservedImportAuth> = {
  plan: planImportAuth,
  physicalResourceId: (plan) => plan.physicalResourceId,
  environment: (plan) => plan.env,
  describe: (plan) => {
    const userPool = plan.link?.userPoolId ?? plan.unlink[0]?.userPoolId;
    return plan.env ? `imported user pool "${userPool}" (app ${plan.env.appId}, environment ${plan.env.environmentName})` : `imported auth ${plan.physicalResourceId}`;
  },
  observe: observeImportAuth,
  decide: decideImportAuth,
};
