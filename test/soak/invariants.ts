import { carriesServiceText, FatalFault, isFatal } from './faults';
import { Lifecycle, sourceOperations, Step } from './lifecycle';
import { apiProperties, StackSpec } from './stacks';
import { EmulatorSnapshot, EnvironmentSnapshot, RecordedRequest } from '../../local/emulator';
import { customResources, DeployedResource, ResourceEvent, StackResult, StackState, StackStatus } from '../../local/runner';
import {
  API_ATTRIBUTES, API_RESOURCE_TYPE, ENVIRONMENT_RESOURCE_TYPE, IMPORTED_STORAGE_RESOURCE_TYPE, STORAGE_ATTRIBUTES, STORAGE_RESOURCE_TYPE,
} from '../../src/private/contract';
import { changedEnvironment } from '../changed-environment';

/** The invariants, by name, as the figures report them. */
export const INVARIANTS = {
  outcome: 'CloudFormation saw the right outcome',
  state: 'the service holds what CloudFormation was told',
  leftovers: 'after stack delete the emulator holds no storage or API this stack created',
  models: 'the API\'s models are LATEST after every deployment',
  importedBuckets: 'no imported bucket was ever deleted',
  pendingJob: 'no mutating call was sent while a job was pending on that environment',
  deleteGone: 'no Delete reported failure for something already gone',
  message: 'every failure message names app, environment and resource and carries the service\'s text',
  unknownCall: 'every call is an operation the service has',
  sourceUntouched: 'no mutating call changed a clone\'s source but the source\'s own declared ones, and a clone only by CloneBackend and DeleteBackend',
  clone: 'a clone holds the source\'s storage as it was cloned, and is there exactly while its stack stands',
} as const;
export type InvariantName = keyof typeof INVARIANTS;

/** A broken invariant: what, and where. */
export interface Finding {
  readonly invariant: InvariantName;
  readonly detail: string;
}

/** The status a step must end in, given the faults planned for it. */
export function expectedStatus(step: Step): StackStatus {
  const fails = step.faults.some(isFatal);
  switch (step.kind) {
    case 'create': return fails ? 'ROLLBACK_COMPLETE' : 'CREATE_COMPLETE';
    case 'destroy': return fails ? 'DELETE_FAILED' : 'DELETE_COMPLETE';
    default: return fails ? 'UPDATE_ROLLBACK_COMPLETE' : 'UPDATE_COMPLETE';
  }
}

/** The resource type whose request a fatal fault fails. */
function failingType(fault: FatalFault, spec: StackSpec): string {
  if (['CreateBackend', 'CloneBackend', 'DeleteBackend'].includes(fault.operation)) return ENVIRONMENT_RESOURCE_TYPE;
  if (fault.operation.includes('BackendAPI')) return API_RESOURCE_TYPE;
  return spec.storage.kind === 'imported' ? IMPORTED_STORAGE_RESOURCE_TYPE : STORAGE_RESOURCE_TYPE;
}

/** The outcome of one deployment or delete, as CloudFormation reported it. */
export function checkOutcome(step: Step, result: StackResult): Finding[] {
  const findings: Finding[] = [];
  const expected = expectedStatus(step);
  const failures = result.failures.map((failure) => `${failure.rollback ? 'rollback ' : ''}${failure.action} ${failure.type}: ${failure.reason}`);
  if (result.status !== expected) {
    findings.push({ invariant: 'outcome', detail: `${step.kind} ended ${result.status}, expected ${expected}${failures.length ? `; failures: ${failures.join(' || ')}` : ''}` });
    return findings;
  }
  const fatal = step.faults.find(isFatal);
  if (!fatal) {
    if (failures.length) findings.push({ invariant: 'outcome', detail: `${step.kind} ended ${result.status} but reported failures: ${failures.join(' || ')}` });
    return findings;
  }
  const type = failingType(fatal, step.spec);
  const forward = result.failures.filter((failure) => !failure.rollback);
  if (forward.length !== 1 || forward[0].type !== type || result.failures.some((failure) => failure.rollback)) {
    findings.push({ invariant: 'outcome', detail: `${step.kind} with ${fatal.kind} on ${fatal.operation} must fail ${type} alone, failures: ${failures.join(' || ')}` });
    return findings;
  }
  if (!carriesServiceText(fatal, forward[0].reason ?? '')) {
    findings.push({ invariant: 'message', detail: `the failure of ${type} does not carry the service's text: ${forward[0].reason}` });
  }
  return findings;
}

/** A failure reason must name the app, the environment and the resource (its name, or its bucket). */
export function checkFailureMessage(lifecycle: Lifecycle, event: ResourceEvent, specs: readonly StackSpec[]): Finding[] {
  const reason = event.reason ?? '';
  const resourceNames = event.type === ENVIRONMENT_RESOURCE_TYPE ? [lifecycle.environmentName]
    : event.type === API_RESOURCE_TYPE ? specs.flatMap((spec) => (spec.api ? [spec.api.resourceName] : []))
      : specs.map((spec) => (spec.storage.kind === 'imported' ? spec.storage.bucketName : spec.storage.resourceName));
  const missing = [
    reason.includes(lifecycle.appId) ? undefined : `app ${lifecycle.appId}`,
    reason.includes(lifecycle.environmentName) ? undefined : `environment ${lifecycle.environmentName}`,
    resourceNames.some((name) => reason.includes(`"${name}"`)) ? undefined : `resource (one of ${resourceNames.join(', ')})`,
  ].filter((part) => part !== undefined);
  return missing.length === 0 ? [] : [{ invariant: 'message', detail: `${event.action} ${event.type} failed with a message missing ${missing.join(', ')}: ${reason}` }];
}

/** The lifecycle's environment in a snapshot of its app. */
export function environmentOf(lifecycle: Lifecycle, snapshot: EmulatorSnapshot): EnvironmentSnapshot | undefined {
  return snapshot.environments.find((env) => env.backendEnvironmentName === lifecycle.environmentName);
}

/** The lifecycle's clone in a snapshot of its app. */
function cloneOf(lifecycle: Lifecycle, snapshot: EmulatorSnapshot): EnvironmentSnapshot | undefined {
  return lifecycle.clone === undefined ? undefined : snapshot.environments.find((env) => env.backendEnvironmentName === lifecycle.clone);
}

/**
 * Whether the thing a Delete names is still there (a Delete may fail only then): the environment, the
 * storage its id names, or a link of one of the buckets the step's imported storage had (a Delete
 * finds imported storage by bucket).
 */
export function stillThere(
  lifecycle: Lifecycle, type: string, physicalResourceId: string | undefined, snapshot: EmulatorSnapshot, specs: readonly StackSpec[],
): boolean {
  const env = environmentOf(lifecycle, snapshot);
  if (type === ENVIRONMENT_RESOURCE_TYPE) {
    const name = /^[^/]+\/([^/ ]+)/.exec(physicalResourceId ?? '')?.[1];
    return snapshot.environments.some((environment) => environment.backendEnvironmentName === name);
  }
  if (type === API_RESOURCE_TYPE) return env?.api !== undefined && env.api.resourceName === (physicalResourceId ?? '').split('/')[2];
  const storage = env?.storage;
  if (type === IMPORTED_STORAGE_RESOURCE_TYPE) {
    return storage?.imported === true && specs.some((spec) => spec.storage.kind === 'imported' && spec.storage.bucketName === storage.bucketName);
  }
  return storage !== undefined && storage.resourceName === (physicalResourceId ?? '').split('/')[2];
}

/** The service's state, and the stack's ids and attributes, after a step, against what CloudFormation was told. */
export function checkState(
  lifecycle: Lifecycle, step: Step, result: StackResult, snapshot: EmulatorSnapshot,
  stackBefore: StackState | undefined, environmentExisted: boolean,
): Finding[] {
  const findings: Finding[] = [];
  const fail = (detail: string) => findings.push({ invariant: 'state', detail: `after ${step.kind} (${result.status}): ${detail}` });
  const env = environmentOf(lifecycle, snapshot);
  const ok = result.status === 'CREATE_COMPLETE' || result.status === 'UPDATE_COMPLETE';
  const clone = cloneOf(lifecycle, snapshot);
  if (result.status === 'ROLLBACK_COMPLETE') {
    if (clone) findings.push({ invariant: 'clone', detail: `the rolled back create left the clone ${JSON.stringify(clone)}` });
    if (env?.storage) fail(`the rolled back create left storage ${JSON.stringify(env.storage)}`);
    if (env?.api) fail(`the rolled back create left the API ${JSON.stringify(env.api.resourceConfig)}`);
    if (lifecycle.mode === 'owned' && env && !environmentExisted) fail('the rolled back create left the environment it created');
    if (lifecycle.mode === 'existing' && !env) fail('the existing environment is gone');
    return findings;
  }
  if (!ok && result.status !== 'UPDATE_ROLLBACK_COMPLETE') return findings;
  const spec = ok ? step.spec : step.before!;
  if (!env) return [{ invariant: 'state', detail: `after ${step.kind} (${result.status}): the environment is gone` }];
  if (lifecycle.clone !== undefined) findings.push(...checkClone(lifecycle, step.kind === 'create' ? spec : undefined, clone, result));
  const storage = env.storage;
  const resources = customResources(result.state);
  const storageResource = resources.find((resource) => resource.type === STORAGE_RESOURCE_TYPE || resource.type === IMPORTED_STORAGE_RESOURCE_TYPE);
  if (!storage || !storageResource) {
    fail(`expected storage ${JSON.stringify(spec.storage)}, the service has ${JSON.stringify(storage)}, the stack ${storageResource?.physicalResourceId}`);
    return findings;
  }
  if (spec.storage.kind === 'imported') {
    if (!storage.imported || storage.bucketName !== spec.storage.bucketName) fail(`expected bucket ${spec.storage.bucketName} imported, found ${JSON.stringify(storage)}`);
    // A new link is named by the service: the id of a created one carries that name.
    const id = `${lifecycle.appId}/${lifecycle.environmentName}/${storage.resourceName}`;
    if (step.kind === 'create' && ok && storageResource.physicalResourceId !== id) fail(`imported storage physical id ${storageResource.physicalResourceId}, expected ${id}`);
  } else {
    const want = spec.storage;
    const permissions = storage.permissions;
    if (storage.imported || storage.resourceName !== want.resourceName) fail(`expected storage "${want.resourceName}", found ${JSON.stringify(storage)}`);
    if (want.bucketPrefix !== undefined && !storage.bucketName.startsWith(want.bucketPrefix)) fail(`bucket ${storage.bucketName} is not named after ${want.bucketPrefix}`);
    if (!sameSet(permissions?.authenticated ?? [], want.authenticated) || !sameSet(permissions?.unAuthenticated ?? [], want.unauthenticated)) {
      fail(`permissions ${JSON.stringify(permissions)}, expected ${JSON.stringify({ authenticated: want.authenticated, unauthenticated: want.unauthenticated })}`);
    }
    const id = `${lifecycle.appId}/${lifecycle.environmentName}/${want.resourceName}`;
    if (storageResource.physicalResourceId !== id) fail(`storage physical id ${storageResource.physicalResourceId}, expected ${id}`);
  }
  checkAttributes(storageResource, storage, fail);
  findings.push(...checkApi(lifecycle, spec, env, resources, fail));
  if (!ok) {
    // A rollback puts the ids back as they were.
    for (const resource of resources) {
      const before = stackBefore?.resources.get(resource.logicalId);
      if (before && before.physicalResourceId !== resource.physicalResourceId) {
        fail(`the rollback changed the physical id of ${resource.type} from ${before.physicalResourceId} to ${resource.physicalResourceId}`);
      }
    }
  }
  if (step.kind === 'create' && ok) {
    const envResource = resources.find((resource) => resource.type === ENVIRONMENT_RESOURCE_TYPE && !resource.physicalResourceId.startsWith(`${lifecycle.appId}/${lifecycle.clone}`));
    const id = `${lifecycle.appId}/${lifecycle.environmentName}${environmentExisted ? ' (adopted)' : ''}`;
    if (envResource && envResource.physicalResourceId !== id) fail(`environment physical id ${envResource.physicalResourceId}, expected ${id}`);
  }
  return findings;
}

/**
 * A clone while its stack stands: there, under its own id, and (right after the create that made it) holding the source's
 * storage: imported storage links the same bucket, created storage is a new bucket of the same prefix, named for the clone.
 */
function checkClone(lifecycle: Lifecycle, created: StackSpec | undefined, clone: EnvironmentSnapshot | undefined, result: StackResult): Finding[] {
  const fail = (detail: string): Finding[] => [{ invariant: 'clone', detail: `after ${result.status}: ${detail}` }];
  if (!clone) return fail(`the clone ${lifecycle.clone} is not there`);
  const id = `${lifecycle.appId}/${lifecycle.clone}`;
  if (!customResources(result.state).some((resource) => resource.physicalResourceId === id)) return fail(`no resource of the stack has the clone's id ${id}`);
  if (!created) return [];
  const want = created.storage;
  const storage = clone.storage;
  if (want.kind === 'imported') {
    return storage?.imported && storage.bucketName === want.bucketName ? [] : fail(`the clone's storage ${JSON.stringify(storage)} is not bucket ${want.bucketName}, linked`);
  }
  const prefix = want.bucketPrefix ?? want.resourceName.toLowerCase();
  const ok = storage && !storage.imported && storage.resourceName === want.resourceName && storage.bucketName.startsWith(prefix)
    && storage.bucketName.endsWith(`-${lifecycle.clone}`);
  return ok ? [] : fail(`the clone's storage ${JSON.stringify(storage)} is not a new bucket for "${want.resourceName}"`);
}

/**
 * The environment's API is the one declared, with exactly the declared settings (nothing else changed), its models
 * LATEST, its physical id and attributes naming it; with none declared, there is none.
 */
function checkApi(
  lifecycle: Lifecycle, spec: StackSpec, env: EnvironmentSnapshot, resources: readonly DeployedResource[], fail: (detail: string) => void,
): Finding[] {
  const api = env.api;
  const resource = resources.find((candidate) => candidate.type === API_RESOURCE_TYPE);
  if (!spec.api) {
    if (api) fail(`no API is declared, the service has ${JSON.stringify(api.resourceConfig)}`);
    return [];
  }
  if (!api || !resource) {
    fail(`expected the API "${spec.api.resourceName}", the service has ${JSON.stringify(api?.resourceConfig)}, the stack ${resource?.physicalResourceId}`);
    return [];
  }
  const want = apiProperties(spec.api);
  const declared = {
    apiName: want.ApiName,
    transformSchema: want.Schema,
    modes: [`${want.DefaultAuthorization.Mode}:${want.DefaultAuthorization.Description}:${want.DefaultAuthorization.ExpirationDays}`, ...Object.keys(want.AdditionalAuthorizations)],
    conflictResolution: want.ConflictResolution,
  };
  const config = api.resourceConfig as WireApiConfig;
  const live = {
    apiName: config.apiName,
    transformSchema: config.transformSchema,
    modes: [
      `${config.defaultAuthType?.mode}:${config.defaultAuthType?.settings?.description}:${config.defaultAuthType?.settings?.expirationTime}`,
      ...(config.additionalAuthTypes ?? []).map((mode) => mode.mode),
    ],
    conflictResolution: config.conflictResolution?.resolutionStrategy,
  };
  if (api.resourceName !== spec.api.resourceName || JSON.stringify(live) !== JSON.stringify(declared)) {
    fail(`the API "${api.resourceName}" is ${JSON.stringify(live)}, declared "${spec.api.resourceName}" ${JSON.stringify(declared)}`);
  }
  const id = `${lifecycle.appId}/${lifecycle.environmentName}/${spec.api.resourceName}`;
  if (resource.physicalResourceId !== id) fail(`API physical id ${resource.physicalResourceId}, expected ${id}`);
  if (resource.attributes[API_ATTRIBUTES.apiId] !== api.outputs.GraphQLAPIIdOutput) {
    fail(`API attributes ${JSON.stringify(resource.attributes)} do not name the API ${api.outputs.GraphQLAPIIdOutput}`);
  }
  return api.models.status === 'LATEST' ? [] : [{ invariant: 'models', detail: `the models of the API "${api.resourceName}" are ${api.models.status}` }];
}

/** The wire `resourceConfig` of an API as the emulator keeps it, as far as the soak reads it. */
interface WireApiConfig {
  readonly apiName?: string;
  readonly transformSchema?: string;
  readonly defaultAuthType?: { readonly mode?: string; readonly settings?: { readonly description?: string; readonly expirationTime?: number } };
  readonly additionalAuthTypes?: Array<{ readonly mode?: string }>;
  readonly conflictResolution?: { readonly resolutionStrategy?: string };
}

function checkAttributes(resource: DeployedResource, storage: NonNullable<EnvironmentSnapshot['storage']>, fail: (detail: string) => void): void {
  const attributes = resource.attributes;
  if (attributes[STORAGE_ATTRIBUTES.bucketName] !== storage.bucketName || attributes[STORAGE_ATTRIBUTES.resourceName] !== storage.resourceName) {
    fail(`attributes ${JSON.stringify(attributes)} do not name the storage ${storage.resourceName} / ${storage.bucketName}`);
  }
}

/** After the stack delete: nothing the stack created is left in the service. */
export function checkLeftovers(lifecycle: Lifecycle, snapshot: EmulatorSnapshot, environmentAdopted: boolean): Finding[] {
  const findings: Finding[] = [];
  for (const env of snapshot.environments) {
    if (env.storage) findings.push({ invariant: 'leftovers', detail: `environment ${env.backendEnvironmentName} still has storage ${JSON.stringify(env.storage)}` });
    if (env.api) findings.push({ invariant: 'leftovers', detail: `environment ${env.backendEnvironmentName} still has the API ${JSON.stringify(env.api.resourceConfig)}` });
    const ours = env.backendEnvironmentName === lifecycle.environmentName;
    const mayStay = ours && (lifecycle.mode !== 'owned' || environmentAdopted);
    if (!mayStay) findings.push({ invariant: 'leftovers', detail: `environment ${env.backendEnvironmentName} is still there (mode ${lifecycle.mode})` });
  }
  if (lifecycle.mode === 'existing' && !environmentOf(lifecycle, snapshot)) {
    findings.push({ invariant: 'leftovers', detail: 'the existing environment was removed' });
  }
  return findings;
}

/**
 * The mutating calls that changed the lifecycle's environment without being one of its own declared resources' (a
 * clone's source is read, never changed, by the clone), or changed its clone with anything but CloneBackend and
 * DeleteBackend, or any other environment. Every call counts, answered or not.
 */
export function foreignChanges(lifecycle: Lifecycle, requests: readonly RecordedRequest[]): RecordedRequest[] {
  const own = sourceOperations(lifecycle);
  return requests.filter((request) => {
    if (!request.mutating) return false;
    const changed = changedEnvironment(request);
    if (changed === lifecycle.environmentName) return !own.has(request.operation!);
    return changed !== lifecycle.clone || !['CloneBackend', 'DeleteBackend'].includes(request.operation!);
  });
}

/** The calls one app's handlers sent. */
export function checkRequests(lifecycle: Lifecycle, requests: readonly RecordedRequest[]): Finding[] {
  const findings: Finding[] = foreignChanges(lifecycle, requests).map((request) => ({
    invariant: 'sourceUntouched' as const,
    detail: `${request.operation} changed environment ${changedEnvironment(request)} (answered ${request.status}) at ${request.time}`,
  }));
  for (const request of requests) {
    if (request.mutating && request.jobPendingOnArrival) {
      findings.push({ invariant: 'pendingJob', detail: `${request.operation} on ${request.backendEnvironmentName} at ${request.time} (answered ${request.status})` });
    }
    if (request.operation === undefined) findings.push({ invariant: 'unknownCall', detail: `${request.method} ${request.path}` });
  }
  return findings;
}

/** Buckets that existed before the soak (the ones imported) must all still exist. */
export function checkImportedBuckets(seeded: readonly string[], snapshot: EmulatorSnapshot): Finding[] {
  const present = new Set(snapshot.buckets.map((bucket) => bucket.name));
  return seeded.filter((name) => !present.has(name)).map((name) => ({ invariant: 'importedBuckets' as const, detail: `bucket ${name} is gone` }));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}
