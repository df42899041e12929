import { AmplifyBackendClient, CloneBackendCommand, CreateBackendCommand, DeleteBackendCommand } from '@aws-sdk/client-amplifybackend';
import { environmentListed, getBackend } from './amplify-meta';
import { ResourceRequest } from './events';
import { Environment } from './jobs';
import { ADOPTED_MARK } from './physical-id';
import { InputError, optionalString, requiredString } from './properties';
import { jobCall, JobWatch, Next, ResourceKind } from './reconcile';

/** An environment as the template declares it. */
export interface EnvironmentSpec extends Environment {
  readonly appName: string;
  readonly resourceName?: string;
  /** The environment of the same app it is cloned from (CloneBackend) when it is created. */
  readonly cloneFrom?: string;
}

/** What an environment request wants. */
export interface EnvironmentPlan {
  /** Undefined when there is nothing to do: an adopted environment, or an id that names none. */
  readonly env?: Environment;
  readonly physicalResourceId: string;
  /** Create the environment if it is missing. */
  readonly ensure?: EnvironmentSpec;
  /** This request brings the environment into the stack: finding it on the first look means adopting it. */
  readonly adoptable: boolean;
  /** Remove the environment (DeleteBackend). */
  readonly remove: boolean;
  /** The environment a clone is cloned from, as the request's properties name it (a Delete's too); never called. */
  readonly source?: Environment;
  /** The properties an Update changes that only a creation uses, so the handler leaves them (AppName, ResourceName, CloneFrom). */
  readonly ignored?: readonly string[];
}

/** Whether the environment exists, and, for a clone, its source (one GetBackend lists the app's environments). */
export type ObservedEnvironment = { readonly exists: boolean; readonly sourceExists?: boolean };

/** The properties only CreateBackend or CloneBackend use: an Update that changes them changes nothing. */
const CREATION_ONLY = ['AppName', 'ResourceName', 'CloneFrom'] as const;

export function environmentPhysicalId(env: Environment, adopted = false): string {
  return `${env.appId}/${env.environmentName}${adopted ? ADOPTED_MARK : ''}`;
}

/** Reads `<appId>/<env>` or `<appId>/<env> (adopted)` back; undefined for anything else. */
export function parseEnvironmentPhysicalId(id: string | undefined): (Environment & { adopted: boolean }) | undefined {
  const match = /^([^/]+)\/([^/ ]+)( \(adopted\))?$/.exec(id ?? '');
  return match ? { appId: match[1], environmentName: match[2], adopted: match[3] !== undefined } : undefined;
}

function parseSpec(properties: Record<string, unknown>): EnvironmentSpec {
  const spec = {
    appId: requiredString(properties, 'AppId'),
    appName: requiredString(properties, 'AppName'),
    environmentName: requiredString(properties, 'EnvironmentName'),
    resourceName: optionalString(properties, 'ResourceName'),
    cloneFrom: optionalString(properties, 'CloneFrom'),
  };
  if (spec.cloneFrom === spec.environmentName) {
    throw new InputError(`property CloneFrom names the environment itself (${JSON.stringify(spec.cloneFrom)}); name another environment of app ${spec.appId}`);
  }
  return spec;
}

/** The source a request's properties name for a clone, if they name one (a Delete's properties are read leniently: nothing fails it). */
function sourceOf(properties: Record<string, unknown>): Environment | undefined {
  const { AppId: appId, CloneFrom: cloneFrom } = properties;
  return typeof appId === 'string' && typeof cloneFrom === 'string' && cloneFrom !== '' ? { appId, environmentName: cloneFrom } : undefined;
}

/** The creation-only properties whose value an Update changes. */
function changedCreationOnly(request: ResourceRequest): string[] {
  const before = request.OldResourceProperties ?? {};
  return CREATION_ONLY.filter((key) => (before[key] ?? '') !== (request.ResourceProperties[key] ?? ''));
}

/** Pure: what a Create, Update or Delete of `Custom::AmplifyBackend` wants. */
export function planEnvironment(request: ResourceRequest): EnvironmentPlan {
  const current = parseEnvironmentPhysicalId(request.PhysicalResourceId);
  if (request.RequestType === 'Delete') {
    // An adopted environment was there before the stack and stays after it.
    const owned = current && !current.adopted ? current : undefined;
    const source = sourceOf(request.ResourceProperties);
    return { env: owned, physicalResourceId: request.PhysicalResourceId!, remove: owned !== undefined, adoptable: false, source };
  }
  const spec = parseSpec(request.ResourceProperties);
  const env = { appId: spec.appId, environmentName: spec.environmentName };
  const source = spec.cloneFrom === undefined ? undefined : { appId: spec.appId, environmentName: spec.cloneFrom };
  const sameEnvironment = current?.appId === spec.appId && current.environmentName === spec.environmentName;
  if (request.RequestType === 'Update' && sameEnvironment) {
    // appName, resourceName and cloneFrom are only used by CreateBackend or CloneBackend; the API cannot change them afterwards.
    // (isComplete of a replacement lands here too: its event carries onEvent's new id.)
    return {
      env: current.adopted ? undefined : env,
      physicalResourceId: request.PhysicalResourceId!,
      ensure: spec,
      remove: false,
      adoptable: false,
      source,
      ignored: changedCreationOnly(request),
    };
  }
  // A Create (isComplete sees onEvent's id, which may say adopted) or a replacement Update's onEvent.
  const decided = request.RequestType === 'Create' ? current : undefined;
  const physicalResourceId = decided ? request.PhysicalResourceId! : environmentPhysicalId(env);
  return { env: decided?.adopted ? undefined : env, physicalResourceId, ensure: spec, remove: false, adoptable: true, source };
}

/** Pure: the next step for an environment plan. */
export function decideEnvironment(plan: EnvironmentPlan, observed: ObservedEnvironment, firstLook: boolean): Next {
  if (plan.remove) return observed.exists ? deleteCall(plan.env!) : { kind: 'done', data: {} };
  const want = plan.ensure!;
  if (!observed.exists) {
    if (want.cloneFrom === undefined) return createCall(want);
    if (observed.sourceExists === false) {
      return { kind: 'refuse', reason: `the environment to clone it from, "${want.cloneFrom}", does not exist in app ${want.appId} (GetBackend does not list it); nothing was started` };
    }
    return cloneCall(want, want.cloneFrom);
  }
  // Found before anything was started: the console or the CLI made it. Adopt it (a clone is never made over it), and say so in the id.
  if (plan.adoptable && firstLook) return { kind: 'done', data: {}, physicalResourceId: environmentPhysicalId(want, true) };
  return { kind: 'done', data: {} };
}

/**
 * Reads whether the environment exists (GetBackend), and for a clone not there yet whether its source does: the
 * answer lists the app's environments, and where there is none (a 404 for an environment not there), GetBackend of the source.
 */
export async function observeEnvironment(client: AmplifyBackendClient, plan: EnvironmentPlan): Promise<ObservedEnvironment> {
  const backend = await getBackend(client, plan.env!);
  const exists = backend !== undefined && environmentListed(backend, plan.env!.environmentName);
  const cloneFrom = plan.ensure?.cloneFrom;
  if (cloneFrom === undefined || exists) return { exists };
  if (backend?.BackendEnvironmentList?.includes(cloneFrom)) return { exists, sourceExists: true };
  const source = await getBackend(client, { appId: plan.env!.appId, environmentName: cloneFrom });
  return { exists, sourceExists: source !== undefined && environmentListed(source, cloneFrom) };
}

/**
 * A clone waits while its source runs a job when it may be cloned now (a Create or a replacement): a copy taken
 * mid-change would be half of one. A clone removed waits for a CloneBackend still running from its source: the
 * service may list that job under the source, and if it is this clone's, the environment appears when it ends.
 */
function waitsForSource(plan: EnvironmentPlan): JobWatch[] {
  if (!plan.env || !plan.source) return [];
  if (plan.remove) return [{ environment: plan.source, operation: 'CloneBackend', role: 'the source it is cloned from' }];
  return plan.adoptable ? [{ environment: plan.source, role: 'the source it is cloned from' }] : [];
}

/** What an Update asks that only a creation could do. */
function ignoredChanges(plan: EnvironmentPlan): string | undefined {
  if (!plan.ignored || plan.ignored.length === 0) return undefined;
  const verb = plan.ignored.length > 1 ? 'are' : 'is';
  return `nothing changes in the environment: ${plan.ignored.join(', ')} ${verb} used only when it is created (CreateBackend or CloneBackend)`;
}

function createCall(spec: EnvironmentSpec): Next {
  return {
    kind: 'call',
    call: jobCall('CreateBackend', CreateBackendCommand, {
      AppId: spec.appId,
      AppName: spec.appName,
      BackendEnvironmentName: spec.environmentName,
      ResourceName: spec.resourceName,
      ResourceConfig: {},
    }),
  };
}

/** CloneBackend: its path names the source; the service documents no environment for its job, so both are searched. */
function cloneCall(target: Environment, cloneFrom: string): Next {
  const source = { appId: target.appId, environmentName: cloneFrom };
  return {
    kind: 'call',
    call: jobCall('CloneBackend', CloneBackendCommand, {
      AppId: target.appId,
      BackendEnvironmentName: cloneFrom,
      TargetEnvironmentName: target.environmentName,
    }, [{ appId: target.appId, environmentName: target.environmentName }, source]),
  };
}

function deleteCall(env: Environment): Next {
  return {
    kind: 'call',
    call: jobCall('DeleteBackend', DeleteBackendCommand, { AppId: env.appId, BackendEnvironmentName: env.environmentName }),
  };
}

/** `Custom::AmplifyBackend`: a backend environment, created, cloned or adopted; removed only if created or cloned here. */
export const amplifyBackendEnvironment: ResourceKind<EnvironmentPlan, ObservedEnvironment> = {
  plan: planEnvironment,
  physicalResourceId: (plan) => plan.physicalResourceId,
  environment: (plan) => plan.env,
  describe: (plan) => {
    const env = plan.env ?? plan.ensure ?? parseEnvironmentPhysicalId(plan.physicalResourceId);
    const clone = plan.source ? ` (a clone of "${plan.source.environmentName}")` : '';
    return env ? `environment "${env.environmentName}" of app ${env.appId}${clone}` : `environment ${plan.physicalResourceId}`;
  },
  observe: observeEnvironment,
  decide: decideEnvironment,
  waitsFor: waitsForSource,
  note: ignoredChanges,
};
