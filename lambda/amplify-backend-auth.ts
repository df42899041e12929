import { isDeepStrictEqual } from 'util';
import { MetaAuth } from './amplify-meta';
import { createCall, removeAuth, updateCall } from './auth-calls';
import { ObservedAuth, observeAuth } from './auth-observe';
import { parseAuthSpec } from './auth-properties';
import {
  AuthSpec, describeSetting, differs, FixedSettings, fixedSettings, hasFixedSettings, inPlaceSettings, ObservedAuthResource, settingsAsProperties,
} from './auth-settings';
import { ResourceRequest } from './events';
import { Environment } from './jobs';
import { environmentOf, namesResource, parseResourcePhysicalId, resourcePhysicalId, sameEnvironment, takenOverRefusal } from './physical-id';
import { flag } from './properties';
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
  /** `ensure` is a new identity for this resource: finding it before anything started is a conflict, unless `adopt`. */
  readonly isNew: boolean;
  /** Auth of `ensure`'s name found before anything started is taken over as declared (the construct's `adopt`). */
  readonly adopt?: boolean;
  /** Why the request is refused before anything starts (it would remove auth the stack took over). */
  readonly refusal?: string;
  /**
   * The request changes settings that are updated in place. UpdateBackendAuth is sent even if the state
   * shows no difference, until this request's settings have reached the service: a new secret, or a
   * removed provider, does not show in what GetBackendAuth reports.
   */
  readonly update: boolean;
}

/** Pure: what a Create, Update or Delete of `Custom::AmplifyBackendAuth` wants. */
export function planAuth(request: ResourceRequest): AuthPlan {
  const current = parseResourcePhysicalId(request.PhysicalResourceId);
  if (request.RequestType === 'Delete') {
    // Auth the stack took over existed before it and stays after it: its Delete forgets it.
    const owned = current && !current.adopted ? current : undefined;
    return { env: owned, physicalResourceId: request.PhysicalResourceId!, remove: owned ? [owned.resourceName] : [], isNew: false, update: false };
  }
  const spec = parseAuthSpec(request.ResourceProperties);
  const adopt = flag(request.ResourceProperties, 'Adopt');
  // The physical id already names the auth wanted (taken over or not): an update in place, or the rollback of a
  // failed rename or move to another environment (CloudFormation sends the old properties with the old id). It is
  // this stack's auth, so finding it is no conflict; its id stays. What the failed update may have created under
  // the other name is removed.
  const ours = request.RequestType === 'Update' && namesResource(request.PhysicalResourceId, spec, spec.resourceName);
  const physicalResourceId = ours ? request.PhysicalResourceId! : resourcePhysicalId(spec, spec.resourceName);
  const base = { env: environmentOf(spec), physicalResourceId, ensure: spec, update: false, adopt };
  if (request.RequestType === 'Create') return { ...base, remove: [], isNew: true };

  const old = parseAuthSpec(request.OldResourceProperties ?? {});
  const takenOver = current?.adopted === true;
  // Another environment: an ordinary replacement; CloudFormation deletes the old id afterwards.
  if (!sameEnvironment(old, spec)) return { ...base, remove: [], isNew: !ours };
  // A rename: one auth per environment, so the old one is removed first and the later Delete of its id finds nothing.
  if (old.resourceName !== spec.resourceName) {
    const refusal = takenOver && !ours
      ? takenOverRefusal(`auth "${old.resourceName}" and its user pool`, `Renaming the auth to "${spec.resourceName}"`) : undefined;
    return { ...base, remove: [old.resourceName], isNew: !ours, refusal };
  }
  // The same name: a replacement happens under the same id, so CloudFormation sends no Delete for it.
  const replacedBy = replacingChanges(AUTH_RESOURCE_TYPE, request.OldResourceProperties ?? {}, request.ResourceProperties);
  const refusal = takenOver && replacedBy.length > 0
    ? takenOverRefusal(`auth "${spec.resourceName}" and its user pool`, `Changing ${replacedBy.join(', ')}, which replaces the auth,`) : undefined;
  return {
    ...base,
    remove: [],
    isNew: false,
    replaces: replacedBy.length > 0 ? fixedSettings(old.settings) : undefined,
    replacedBy,
    update: !isDeepStrictEqual(inPlaceSettings(old), inPlaceSettings(spec)),
    refusal,
  };
}

/** Pure: the next step for an auth plan, given the auth resources observed. */
export function decideAuth(plan: AuthPlan, observed: ObservedAuth, firstLook: boolean): Next {
  if (plan.refusal) return refuse(plan.refusal);
  const want = plan.ensure;
  const found = want && observed.wanted;
  // Found before anything was started: someone else made it. Taken over only when the construct says so.
  const takingOver = want !== undefined && found !== undefined && plan.isNew && firstLook;
  if (takingOver && !plan.adopt) {
    return refuse(`an auth resource named "${want.resourceName}" already exists in the environment; declare another resourceName, remove the `
      + 'existing auth first, or take it over as declared with adopt: true');
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
  if (takingOver) return takeOver(want, found, listed);
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
  return { kind: 'done', data: attributes(want, listed) };
}

/**
 * Takes over auth found before anything started, as declared: what UpdateBackendAuth can change is updated in
 * place; a setting it cannot change would replace the auth, removing a user pool the stack did not make: refused.
 * Its id says it was taken over, so the stack never removes it.
 */
function takeOver(want: AuthSpec, found: ObservedAuthResource, listed: MetaAuth | undefined): Next {
  const fixed = replacingChanges(AUTH_RESOURCE_TYPE, settingsAsProperties(found.settings), settingsAsProperties(want.settings));
  if (fixed.length > 0) {
    const values = fixed.map((property) => `${property} ${describeSetting(found.settings, property)} → ${describeSetting(want.settings, property)}`);
    return refuse(`taking over auth "${want.resourceName}" as declared would replace it (${values.join(', ')}; UpdateBackendAuth cannot change `
      + `${fixed.length > 1 ? 'them' : 'it'}), removing a user pool this stack did not make; declare the live value${fixed.length > 1 ? 's' : ''}`);
  }
  const physicalResourceId = resourcePhysicalId(want, want.resourceName, true);
  if (differs(want.settings, found)) return { ...updateCall(want), physicalResourceId };
  return { kind: 'done', data: attributes(want, listed), physicalResourceId };
}

/** The auth's ids, as the custom resource's attributes. */
function attributes(want: AuthSpec, listed: MetaAuth | undefined): Record<string, string> {
  return {
    [AUTH_ATTRIBUTES.resourceName]: want.resourceName,
    [AUTH_ATTRIBUTES.userPoolId]: listed?.userPoolId ?? '',
    [AUTH_ATTRIBUTES.webClientId]: listed?.webClientId ?? '',
    [AUTH_ATTRIBUTES.nativeClientId]: listed?.nativeClientId ?? '',
    [AUTH_ATTRIBUTES.identityPoolId]: listed?.identityPoolId ?? '',
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

/** `Custom::AmplifyBackendAuth`: auth the service creates (or taken over); Delete removes it with its user pool, unless taken over. */
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
