import { AmplifyBackendClient, CreateBackendCommand, DeleteBackendCommand } from '@aws-sdk/client-amplifybackend';
import { environmentListed, getBackend } from './amplify-meta';
import { ResourceRequest } from './events';
import { Environment } from './jobs';
import { ADOPTED_MARK } from './physical-id';
import { optionalString, requiredString } from './properties';
import { jobCall, Next, ResourceKind } from './reconcile';

/** An environment as the template declares it. */
export interface EnvironmentSpec extends Environment {
  readonly appName: string;
  readonly resourceName?: string;
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
}

/** Whether the environment exists (GetBackend). */
export type ObservedEnvironment = { readonly exists: boolean };

export function environmentPhysicalId(env: Environment, adopted = false): string {
  return `${env.appId}/${env.environmentName}${adopted ? ADOPTED_MARK : ''}`;
}

/** Reads `<appId>/<env>` or `<appId>/<env> (adopted)` back; undefined for anything else. */
export function parseEnvironmentPhysicalId(id: string | undefined): (Environment & { adopted: boolean }) | undefined {
  const match = /^([^/]+)\/([^/ ]+)( \(adopted\))?$/.exec(id ?? '');
  return match ? { appId: match[1], environmentName: match[2], adopted: match[3] !== undefined } : undefined;
}

function parseSpec(properties: Record<string, unknown>): EnvironmentSpec {
  return {
    appId: requiredString(properties, 'AppId'),
    appName: requiredString(properties, 'AppName'),
    environmentName: requiredString(properties, 'EnvironmentName'),
    resourceName: optionalString(properties, 'ResourceName'),
  };
}

/** Pure: what a Create, Update or Delete of `Custom::AmplifyBackend` wants. */
export function planEnvironment(request: ResourceRequest): EnvironmentPlan {
  const current = parseEnvironmentPhysicalId(request.PhysicalResourceId);
  if (request.RequestType === 'Delete') {
    // An adopted environment was there before the stack and stays after it.
    const owned = current && !current.adopted ? current : undefined;
    return { env: owned, physicalResourceId: request.PhysicalResourceId!, remove: owned !== undefined, adoptable: false };
  }
  const spec = parseSpec(request.ResourceProperties);
  const env = { appId: spec.appId, environmentName: spec.environmentName };
  const sameEnvironment = current?.appId === spec.appId && current.environmentName === spec.environmentName;
  if (request.RequestType === 'Update' && sameEnvironment) {
    // appName and resourceName are only used by CreateBackend; the API cannot change them afterwards.
    // (isComplete of a replacement lands here too: its event carries onEvent's new id.)
    return { env: current.adopted ? undefined : env, physicalResourceId: request.PhysicalResourceId!, ensure: spec, remove: false, adoptable: false };
  }
  // A Create (isComplete sees onEvent's id, which may say adopted) or a replacement Update's onEvent.
  const decided = request.RequestType === 'Create' ? current : undefined;
  const physicalResourceId = decided ? request.PhysicalResourceId! : environmentPhysicalId(env);
  return { env: decided?.adopted ? undefined : env, physicalResourceId, ensure: spec, remove: false, adoptable: true };
}

/** Pure: the next step for an environment plan. */
export function decideEnvironment(plan: EnvironmentPlan, observed: ObservedEnvironment, firstLook: boolean): Next {
  if (plan.remove) return observed.exists ? deleteCall(plan.env!) : { kind: 'done', data: {} };
  const want = plan.ensure!;
  if (!observed.exists) return createCall(want);
  // Found before anything was started: the console or the CLI made it. Adopt it, and say so in the id.
  if (plan.adoptable && firstLook) return { kind: 'done', data: {}, physicalResourceId: environmentPhysicalId(want, true) };
  return { kind: 'done', data: {} };
}

/** Reads whether the environment exists (GetBackend). */
export async function observeEnvironment(client: AmplifyBackendClient, plan: EnvironmentPlan): Promise<ObservedEnvironment> {
  const backend = await getBackend(client, plan.env!);
  return { exists: backend !== undefined && environmentListed(backend, plan.env!.environmentName) };
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

function deleteCall(env: Environment): Next {
  return {
    kind: 'call',
    call: jobCall('DeleteBackend', DeleteBackendCommand, { AppId: env.appId, BackendEnvironmentName: env.environmentName }),
  };
}

/** `Custom::AmplifyBackend`: a backend environment, created or adopted; removed only if created here. */
export const amplifyBackendEnvironment: ResourceKind<EnvironmentPlan, ObservedEnvironment> = {
  plan: planEnvironment,
  physicalResourceId: (plan) => plan.physicalResourceId,
  environment: (plan) => plan.env,
  describe: (plan) => {
    const env = plan.env ?? plan.ensure ?? parseEnvironmentPhysicalId(plan.physicalResourceId);
    return env ? `environment "${env.environmentName}" of app ${env.appId}` : `environment ${plan.physicalResourceId}`;
  },
  observe: observeEnvironment,
  decide: decideEnvironment,
};
