import { isDeepStrictEqual } from 'util';
import { createCall, removeAuth, updateCall } from './auth-calls';
import { ObservedAuth, observeAuth } from './auth-observe';
import { parseAuthSpec } from './auth-properties';
import { AuthSpec, differs, FixedSettings, fixedSettings, hasFixedSettings, inPlaceSettings } from './auth-settings';
import { ResourceRequest } from './events';
import { Environment } from './jobs';
import { environmentOf, parseResourcePhysicalId, resourcePhysicalId, sameEnvironment } from './physical-id';
import { Next, ResourceKind } from './reconcile';
import { isUnknown } from './request-jobs';
import { AUTH_ATTRIBUTES, AUTH_RESOURCE_TYPE, replacingChanges } from '../src/private/contract';

/** What an auth request wants done in one environment. */
export interface AuthPlan {
  /** Undefined when there is nothing to do (a Delete whose id names no auth). */
  readonly env?: Environment;
  readonly physicalResourceId: string;
  /** Auth resources that must be gone before `ensure` is created (a rename): the service allows one per environment. */
  readonly remove: string[];
  /** The auth resource that must exist, with these settings. */
  readonly ensure?: AuthSpec;
  /** An auth resource named as `ensure` that still has these settings is the old one of a replacement: removed first. */
  readonly replaces?: FixedSettings;
  /** The property changes that make this update a replacement (`REPLACING_CHANGES`), for the reason of a refusal. */
  readonly replacedBy?: string[];
  /** `ensure` is a new identity for this resource: finding it before anything started is a conflict. */
  readonly isNew: boolean;
  /**
   * The request changes settings that are updated in place. UpdateBackendAuth is sent even if the state
   * shows no difference, until this request's settings have reached the service: a new secret, or a
   * removed provider, does not show in what GetBackendAuth reports.
   */
  readonly update: boolean;
}

/** Pure: what a Create, Update or Delete of `Custom::AmplifyBackendAuth` wants. */
export function planAuth(request: ResourceRequest): AuthPlan {
  if (request.RequestType === 'Delete') {
    const ref = parseResourcePhysicalId(request.PhysicalResourceId);
    return { env: ref, physicalResourceId: request.PhysicalResourceId!, remove: ref ? [ref.resourceName] : [], isNew: false, update: false };
  }
  const spec = parseAuthSpec(request.ResourceProperties);
  const base = { env: environmentOf(spec), physicalResourceId: resourcePhysicalId(spec, spec.resourceName), ensure: spec, update: false };
  if (request.RequestType === 'Create') return { ...base, remove: [], isNew: true };

  const old = parseAuthSpec(request.OldResourceProperties ?? {});
  // The physical id already names the auth wanted: the rollback of a failed rename or move to another
  // environment (CloudFormation sends the old properties with the old id). It is this stack's auth, so
  // finding it is no conflict; what the failed update may have created under the other name is removed.
  const ours = request.PhysicalResourceId === base.physicalResourceId;
  // Another environment: an ordinary replacement; CloudFormation deletes the old id afterwards.
  if (!sameEnvironment(old, spec)) return { ...base, remove: [], isNew: !ours };
  // A rename: one auth per environment, so the old one is removed first and the later Delete of its id finds nothing.
  if (old.resourceName !== spec.resourceName) return { ...base, remove: [old.resourceName], isNew: !ours };
  // The same name: a replacement happens under the same id, so CloudFormation sends no Delete for it.
  const replacedBy = replacingChanges(AUTH_RESOURCE_TYPE, request.OldResourceProperties ?? {}, request.ResourceProperties);
  return {
    ...base,
    remove: [],
    isNew: false,
    replaces: replacedBy.length > 0 ? fixedSettings(old.settings) : undefined,
    replacedBy,
    update: !isDeepStrictEqual(inPlaceSettings(old), inPlaceSettings(spec)),
  };
}

/** Pure: the next step for an auth plan, given the auth resources observed. */
export function decideAuth(plan: AuthPlan, observed: ObservedAuth, firstLook: boolean): Next {
  const want = plan.ensure;
  const found = want && observed.wanted;
  if (want && found && plan.isNew && firstLook) {
    return refuse(`an auth resource named "${want.resourceName}" already exists in the environment; declare another resourceName, or remove the existing auth first`);
  }
  const leftover = plan.remove.find((name) => observed.inEnvironment.some((auth) => auth.resourceName === name));
  if (leftover !== undefined && want) {
    const refused = refusedWhileStorage(observed, `renaming it to "${want.resourceName}" removes "${leftover}" and its user pool first`, 'keep resourceName');
    if (refused) return refused;
  }
  if (leftover !== undefined) return removeAuth(plan.env!, leftover);
  if (!want) return { kind: 'done', data: {} };
  const listed = observed.inEnvironment.find((auth) => auth.resourceName === want.resourceName);
  if (found && listed?.imported) {
    return refuse(`"${want.resourceName}" is imported auth (user pool ${listed.userPoolId ?? 'unknown'}); use ImportedBackendAuth for it`);
  }
  if (found && plan.replaces && hasFixedSettings(found.settings, plan.replaces)) {
    const changed = plan.replacedBy?.join(', ') ?? 'a setting that needs a new user pool';
    const refused = refusedWhileStorage(observed, `changing ${changed} replaces it: its user pool is removed first`, `keep ${changed} as it is`);
    return refused ?? removeAuth(plan.env!, want.resourceName);
  }
  if (!found) {
    const other = observed.inEnvironment.find((auth) => auth.resourceName !== want.resourceName);
    if (other) {
      return refuse(`the environment already has the auth resource "${other.resourceName}"${other.imported ? ' (imported)' : ''} and allows one; `
        + 'remove it first, or declare that one instead');
    }
    return createCall(want);
  }
  const sent = observed.settingsSent;
  if (plan.update && isUnknown(sent)) return refuse(`${sent.unknown}; nothing was started`);
  if ((plan.update && !sent) || differs(want.settings, found)) return updateCall(want);
  return {
    kind: 'done',
    data: {
      [AUTH_ATTRIBUTES.resourceName]: want.resourceName,
      [AUTH_ATTRIBUTES.userPoolId]: listed?.userPoolId ?? '',
      [AUTH_ATTRIBUTES.webClientId]: listed?.webClientId ?? '',
      [AUTH_ATTRIBUTES.nativeClientId]: listed?.nativeClientId ?? '',
      [AUTH_ATTRIBUTES.identityPoolId]: listed?.identityPoolId ?? '',
    },
  };
}

function refuse(reason: string): Next {
  return { kind: 'refuse', reason };
}

/**
 * Removing auth for a replacement is refused before anything starts while the environment has storage: the
 * service refuses to remove auth that storage depends on, and the replacement would stop halfway.
 */
function refusedWhileStorage(observed: ObservedAuth, what: string, instead: string): Next | undefined {
  const storage = observed.storage[0];
  if (!storage) return undefined;
  return refuse(`${what}, which the service refuses while the environment has storage "${storage.resourceName}"; ${instead}, `
    + 'or remove the storage first (its bucket is kept)');
}

/** `Custom::AmplifyBackendAuth`: auth the service creates; Delete removes it with its user pool. */
export const amplifyBackendAuth: ResourceKind<AuthPlan, ObservedAuth> = {
  plan: planAuth,
  physicalResourceId: (plan) => plan.physicalResourceId,
  environment: (plan) => plan.env,
  describe: (plan) => {
    const name = plan.ensure?.resourceName ?? plan.remove[0] ?? plan.physicalResourceId;
    return plan.env ? `auth "${name}" (app ${plan.env.appId}, environment ${plan.env.environmentName})` : `auth ${name}`;
  },
  observe: observeAuth,
  decide: decideAuth,
};
