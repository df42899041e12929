import { createApi, deleteApi, generateModels, updateApi } from './api-calls';
import { ObservedApi, observeApi } from './api-observe';
import { ApiSpec, differs, modesOf, parseApiSpec, resolvedSettings, USER_POOLS } from './api-settings';
import { ResourceRequest } from './events';
import { Environment } from './jobs';
import { environmentOf, namesResource, parseResourcePhysicalId, resourcePhysicalId, sameEnvironment, takenOverRefusal } from './physical-id';
import { flag } from './properties';
import { Next, ResourceKind } from './reconcile';
import { API_ATTRIBUTES } from '../src/private/contract';

/** What an API request wants done in one environment. */
export interface ApiPlan {
  /** Undefined when there is nothing to do (a Delete whose id names no API, or one the stack took over). */
  readonly env?: Environment;
  readonly physicalResourceId: string;
  /** APIs that must be gone before `ensure` is created (a rename): an environment holds one. */
  readonly remove: string[];
  /** The API that must exist, with these settings. */
  readonly ensure?: ApiSpec;
  /** `ensure` is a new identity for this resource: finding it before anything started is a conflict, unless `adopt`. */
  readonly isNew: boolean;
  /** An API of `ensure`'s name found before anything started is taken over as declared (the construct's `adopt`). */
  readonly adopt?: boolean;
  /** Why the request is refused before anything starts (it would remove an API the stack took over). */
  readonly refusal?: string;
}

/** Pure: what a Create, Update or Delete of `Custom::AmplifyBackendApi` wants. */
export function planApi(request: ResourceRequest): ApiPlan {
  const current = parseResourcePhysicalId(request.PhysicalResourceId);
  if (request.RequestType === 'Delete') {
    // An API the stack took over existed before it and stays after it: its Delete forgets it.
    const owned = current && !current.adopted ? current : undefined;
    return { env: owned, physicalResourceId: request.PhysicalResourceId!, remove: owned ? [owned.resourceName] : [], isNew: false };
  }
  const spec = parseApiSpec(request.ResourceProperties);
  const adopt = flag(request.ResourceProperties, 'Adopt');
  // The physical id already names the API wanted (taken over or not): an update in place, or the rollback of a failed
  // rename. It is this stack's API, so finding it is no conflict; its id stays.
  const ours = request.RequestType === 'Update' && namesResource(request.PhysicalResourceId, spec, spec.resourceName);
  const physicalResourceId = ours ? request.PhysicalResourceId! : resourcePhysicalId(spec, spec.resourceName);
  const base = { env: environmentOf(spec), physicalResourceId, ensure: spec, adopt };
  if (request.RequestType === 'Create') return { ...base, remove: [], isNew: true };

  const old = parseApiSpec(request.OldResourceProperties ?? {});
  // Another environment: an ordinary replacement; CloudFormation deletes the old id afterwards.
  if (!sameEnvironment(old, spec)) return { ...base, remove: [], isNew: !ours };
  // A rename: one API per environment, so the old one is removed first and the later Delete of its id finds nothing.
  if (old.resourceName !== spec.resourceName) {
    const refusal = current?.adopted && !ours ? takenOverRefusal(`the API "${old.resourceName}"`, `Renaming the API to "${spec.resourceName}"`) : undefined;
    return { ...base, remove: [old.resourceName], isNew: !ours, refusal };
  }
  return { ...base, remove: [], isNew: false };
}

/**
 * Pure: the next step for an API plan, given what was observed: remove what must go, create the API or update what
 * differs, then regenerate its models (unless `generateModels` is off) when this request changed it since it last
 * generated them, or when they are not LATEST; done once all of that holds.
 */
export function decideApi(plan: ApiPlan, observed: ObservedApi, firstLook: boolean): Next {
  if (plan.refusal) return refuse(plan.refusal);
  const want = plan.ensure;
  const found = want && observed.wanted;
  // Found before anything was started: someone else made it. Taken over only when the construct says so.
  const takingOver = want !== undefined && found !== undefined && plan.isNew && firstLook;
  if (takingOver && !plan.adopt) {
    return refuse(`an API named "${want.resourceName}" already exists in the environment; declare another resourceName, remove the existing `
      + 'API first, or take it over as declared with adopt: true');
  }
  const leftover = plan.remove.find((name) => observed.inEnvironment.some((api) => api.resourceName === name));
  if (leftover !== undefined) return deleteApi(plan.env!, leftover);
  if (!want) return { kind: 'done', data: {} };

  const settings = resolvedSettings(want.settings, observed.environmentUserPoolId);
  if (modesOf(settings).some((mode) => mode.mode === USER_POOLS && mode.userPoolId === undefined)) {
    return refuse('the API authorizes with the user pool (AMAZON_COGNITO_USER_POOLS), but the environment has no auth with a user pool; '
      + 'declare auth for the environment (backend.addAuth() or backend.importAuth()), or add it in Amplify Studio');
  }
  if (!found) {
    const other = observed.inEnvironment.find((api) => api.resourceName !== want.resourceName);
    if (other) {
      return refuse(`the environment already has the API "${other.resourceName}" and holds one; remove it first, or declare that one `
        + '(take it over with adopt: true)');
    }
    return createApi(want, want.resourceName, settings);
  }
  // Taken over: its id says so, and what differs is updated to be as declared.
  const physicalResourceId = takingOver ? resourcePhysicalId(want, want.resourceName, true) : undefined;
  if (differs(settings, found)) return { ...updateApi(want, want.resourceName, settings), physicalResourceId };
  if (want.generateModels && modelsOutdated(observed)) return { ...generateModels(want, want.resourceName), physicalResourceId };
  const listed = observed.inEnvironment.find((api) => api.resourceName === want.resourceName);
  return {
    kind: 'done',
    data: {
      [API_ATTRIBUTES.resourceName]: want.resourceName,
      [API_ATTRIBUTES.apiId]: listed?.apiId ?? '',
      [API_ATTRIBUTES.graphqlUrl]: listed?.endpoint ?? '',
    },
    physicalResourceId,
  };
}

/**
 * Whether the models must be generated: this request changed the API since it last generated them; or they are not
 * LATEST and this request has not generated them yet (at most one generation after its last change, whatever the
 * status reports after it).
 */
function modelsOutdated(observed: ObservedApi): boolean {
  if (observed.changes === 'changed-since-generated') return true;
  return observed.changes !== 'generated' && observed.models?.status !== 'LATEST';
}

function refuse(reason: string): Next {
  return { kind: 'refuse', reason };
}

/** `Custom::AmplifyBackendApi`: the environment's GraphQL API; Delete removes it (with its data), unless the stack took it over. */
export const amplifyBackendApi: ResourceKind<ApiPlan, ObservedApi> = {
  plan: planApi,
  physicalResourceId: (plan) => plan.physicalResourceId,
  environment: (plan) => plan.env,
  describe: (plan) => {
    const ref = parseResourcePhysicalId(plan.physicalResourceId);
    const name = plan.ensure?.resourceName ?? plan.remove[0] ?? ref?.resourceName ?? plan.physicalResourceId;
    const env = plan.env ?? ref;
    return env ? `API "${name}" (app ${env.appId}, environment ${env.environmentName})` : `API ${name}`;
  },
  observe: observeApi,
  decide: decideApi,
};
