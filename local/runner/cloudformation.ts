import { randomUUID } from 'crypto';
import { StackArtifact } from './assembly';
import { changeSet, ReplacementRule, ResourceChange } from './change-set';
import { CustomResourceResponse } from './custom-resource';
import { deployedContext } from './deployed-context';
import { WarmCode } from './lambda';
import { stackOutputs } from './outputs';
import { loadProviders, Provider } from './providers';
import { servedResources } from './served-resources';
import { DeployedResource, isUnchanged, StackState } from './stack-state';
import { DEFAULT_LOCATION, dependencyClosure, resolve, StackLocation, TemplateResource } from './template';
import { InvocationOptions } from './user-function';

export type ResourceAction = 'CREATE' | 'UPDATE' | 'DELETE';

/** One step of a deployment, as the CloudFormation console would list it. */
export interface ResourceEvent {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly action: ResourceAction;
  readonly status: 'IN_PROGRESS' | 'COMPLETE' | 'FAILED' | 'SKIPPED';
  /** Part of a rollback. */
  readonly rollback: boolean;
  readonly physicalResourceId?: string;
  readonly reason?: string;
  readonly elapsedMs?: number;
}

export type StackStatus =
  | 'CREATE_COMPLETE' | 'UPDATE_COMPLETE' | 'ROLLBACK_COMPLETE' | 'UPDATE_ROLLBACK_COMPLETE'
  | 'ROLLBACK_FAILED' | 'UPDATE_ROLLBACK_FAILED' | 'DELETE_COMPLETE' | 'DELETE_FAILED';

export interface StackResult {
  readonly status: StackStatus;
  /** The stack after the operation (empty after a delete that completed). */
  readonly state: StackState;
  /** Every resource step that failed, rollback included. */
  readonly failures: ResourceEvent[];
}

export interface LocalCloudFormationOptions {
  readonly invocation: InvocationOptions;
  /** The account and Region the stacks are deployed in (pseudo parameters, ARNs, stack ids). @default DEFAULT_LOCATION */
  readonly location?: StackLocation;
  /** Waits between isComplete polls and before Lambda's retries; tests may make time pass faster. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Receives every resource step. */
  readonly onEvent?: (event: ResourceEvent) => void;
}

interface JournalEntry {
  readonly logicalId: string;
  readonly type: string;
  readonly action: 'CREATE' | 'UPDATE';
  readonly before?: DeployedResource;
  readonly after?: DeployedResource;
  /** The response of the request that failed (its physical id is the framework's marker for a Create whose onEvent threw). */
  readonly failed?: CustomResourceResponse;
  readonly attempted: Record<string, unknown>;
  readonly serviceToken: string;
}

/** The Provider framework behind a ServiceToken. */
type ProviderLookup = (serviceToken: string) => Provider;

/**
 * CloudFormation as far as custom resources go: it creates and updates them in dependency order,
 * independent ones concurrently; deletes replaced and removed ones after a successful update; rolls
 * back a failed deployment; deletes a stack in reverse dependency order, honouring DeletionPolicy.
 * Other resource types are taken as created: their Ref is their name property or a made-up id.
 */
export class LocalCloudFormation {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly location: StackLocation;
  /** Handler bundles and the framework's runtime stay loaded between deployments, as warm Lambda containers do. */
  private readonly warm: WarmCode = { bundles: new Map(), frameworks: new Map() };

  constructor(private readonly options: LocalCloudFormationOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms)));
    this.location = options.location ?? DEFAULT_LOCATION;
  }

  /** Creates the stack, or updates it from `previous`. */
  async deploy(stack: StackArtifact, previous?: StackState): Promise<StackResult> {
    const providers = this.providers(stack);
    // A removed resource's ServiceToken may name a function the new stack no longer has: the deployed one serves it.
    const providerFor = this.lookup(providers, ...previous ? [this.providers(previous.artifact)] : []);
    const resources = stack.template.Resources;
    const served = servedResources(stack, this.location, providers);
    const custom = [...served.keys()];
    const closure = dependencyClosure(stack.template);
    const dependencies = new Map(custom.map((id) => [id, new Set([...closure.get(id)!].filter((dep) => custom.includes(dep)))]));
    const state = new Map(previous?.resources ?? []);
    const journal: JournalEntry[] = [];
    let failed = false;

    const runs = new Map<string, Promise<boolean>>();
    const run = (id: string): Promise<boolean> => {
      if (!runs.has(id)) {
        runs.set(id, (async () => {
          const ready = await Promise.all([...dependencies.get(id)!].map(run));
          if (failed || !ready.every(Boolean)) return false;
          const resource = resources[id];
          const serviceToken = served.get(id)!;
          const context = deployedContext(stack.name, resources, state, this.location);
          const properties = resolve(resource.Properties ?? {}, context) as Record<string, unknown>;
          const before = state.get(id);
          if (isUnchanged(before, resource.Type, properties)) {
            state.set(id, { ...before!, deletionPolicy: resource.DeletionPolicy, updateReplacePolicy: resource.UpdateReplacePolicy, serviceToken });
            return true;
          }
          const action = before ? 'UPDATE' : 'CREATE';
          const response = await this.request(stack.name, id, resource.Type, action, providerFor(serviceToken), properties, before, false);
          if (response.Status === 'FAILED') {
            failed = true;
            journal.push({ logicalId: id, type: resource.Type, action, before, failed: response, attempted: properties, serviceToken });
            return false;
          }
          const after = deployed(id, resource, properties, response, serviceToken);
          state.set(id, after);
          journal.push({ logicalId: id, type: resource.Type, action, before, after, attempted: properties, serviceToken });
          return true;
        })());
      }
      return runs.get(id)!;
    };
    await Promise.all(custom.map(run));

    const name = stack.name;
    if (failed) return this.rollBack(stack, journal, previous, providerFor);

    const removed = [...state.values()].filter((resource) => !custom.includes(resource.logicalId));
    const replaced = journal.filter((entry) => entry.before && entry.after && entry.after.physicalResourceId !== entry.before.physicalResourceId)
      .map((entry) => ({ ...entry.before!, deletionPolicy: entry.after!.updateReplacePolicy }));
    removed.forEach((resource) => state.delete(resource.logicalId));
    const cleanupFailures = [
      ...await this.deleteInOrder(name, removed, previous?.dependencies ?? new Map(), false, providerFor),
      ...await this.deleteInOrder(name, replaced, new Map(), false, providerFor),
    ];
    const status = previous ? 'UPDATE_COMPLETE' : 'CREATE_COMPLETE';
    return { status, state: { name, resources: state, dependencies, artifact: stack }, failures: cleanupFailures };
  }

  /** Deletes every custom resource of a deployed stack, dependents first, honouring DeletionPolicy. */
  async destroy(state: StackState): Promise<StackResult> {
    const providerFor = this.lookup(this.providers(state.artifact));
    const { failures, left } = await this.deleteAll(state.name, [...state.resources.values()], state.dependencies, false, providerFor);
    const resources = new Map([...state.resources].filter(([id]) => left.has(id)));
    return { status: left.size > 0 ? 'DELETE_FAILED' : 'DELETE_COMPLETE', state: { ...state, resources }, failures };
  }

  /** What deploying `stack` over `previous` would do to its custom resources, without doing it. */
  changes(stack: StackArtifact, previous: StackState | undefined, replaces: ReplacementRule): ResourceChange[] {
    const served = new Set(servedResources(stack, this.location, this.providers(stack)).keys());
    return changeSet(stack, previous, served, this.location, replaces);
  }

  /** A deployed stack's outputs (`CfnOutput`), resolved against its resources as deployed. */
  outputs(state: StackState): Record<string, string> {
    return stackOutputs(state, this.location);
  }

  /** The Provider frameworks of a stack, by ServiceToken. */
  private providers(stack: StackArtifact): (serviceToken: string) => Provider | undefined {
    return loadProviders(stack, this.location, this.options.invocation, this.warm, this.sleep);
  }

  /** The first of `sources` that serves a ServiceToken; a token none serves is a bug in the state given. */
  private lookup(...sources: Array<(serviceToken: string) => Provider | undefined>): ProviderLookup {
    return (serviceToken) => {
      for (const source of sources) {
        const provider = source(serviceToken);
        if (provider) return provider;
      }
      throw new Error(`No Provider framework function ${serviceToken} in the stack deployed or being deployed`);
    };
  }

  private async rollBack(
    stack: StackArtifact, journal: JournalEntry[], previous: StackState | undefined, providerFor: ProviderLookup,
  ): Promise<StackResult> {
    const name = stack.name;
    const failures: ResourceEvent[] = journal.filter((entry) => entry.failed).map((entry) => ({
      stack: name, logicalId: entry.logicalId, type: entry.type, action: entry.action, status: 'FAILED', rollback: false, reason: entry.failed!.Reason,
    }));
    const state = new Map(previous?.resources ?? []);
    // Newest first: a resource completed after the ones it depends on, so it is undone before them.
    for (const entry of [...journal].reverse()) {
      if (entry.action === 'CREATE') {
        const physicalResourceId = entry.after?.physicalResourceId ?? entry.failed?.PhysicalResourceId;
        // A Create that no response answered left nothing CloudFormation knows of to delete.
        if (physicalResourceId === undefined) continue;
        const created: DeployedResource = entry.after ?? {
          logicalId: entry.logicalId,
          type: entry.type,
          properties: entry.attempted,
          attributes: {},
          physicalResourceId,
          serviceToken: entry.serviceToken,
        };
        failures.push(...await this.deleteInOrder(name, [created], new Map(), true, providerFor));
        continue;
      }
      // An update (done or failed) is undone by an update back to the previous properties.
      const before = entry.before!;
      const current = entry.after ?? before;
      const response = await this.request(name, entry.logicalId, before.type, 'UPDATE', providerFor(entry.serviceToken), before.properties,
        { ...current, properties: entry.attempted }, true);
      if (response.Status === 'FAILED') {
        failures.push({ stack: name, logicalId: entry.logicalId, type: before.type, action: 'UPDATE', status: 'FAILED', rollback: true, reason: response.Reason });
        continue;
      }
      const attributes = { ...before.attributes, ...response.Data };
      state.set(entry.logicalId, { ...before, physicalResourceId: response.PhysicalResourceId!, attributes });
      if (response.PhysicalResourceId !== current.physicalResourceId) {
        failures.push(...await this.deleteInOrder(name, [current], new Map(), true, providerFor));
      }
    }
    const rollbackFailed = failures.some((failure) => failure.rollback);
    const status: StackStatus = previous
      ? (rollbackFailed ? 'UPDATE_ROLLBACK_FAILED' : 'UPDATE_ROLLBACK_COMPLETE')
      : (rollbackFailed ? 'ROLLBACK_FAILED' : 'ROLLBACK_COMPLETE');
    // The deployed stack stays the one it was: the previous, or for a create whose rollback left resources, this one.
    const stackState = previous ? { ...previous, resources: state } : { name, resources: state, dependencies: new Map(), artifact: stack };
    return { status, state: stackState, failures };
  }

  /** Deletes resources so that each goes only after everything that depends on it; independent ones concurrently. */
  private async deleteInOrder(
    stack: string, targets: DeployedResource[], dependencies: ReadonlyMap<string, ReadonlySet<string>>, rollback: boolean,
    providerFor: ProviderLookup,
  ): Promise<ResourceEvent[]> {
    return (await this.deleteAll(stack, targets, dependencies, rollback, providerFor)).failures;
  }

  /**
   * Deletes resources in reverse dependency order. As in CloudFormation, a resource whose dependent
   * could not be deleted is not attempted: it stays, with the dependent, for a later delete.
   * Returns the failures and the logical ids left in place (failed or not attempted).
   */
  private async deleteAll(
    stack: string, targets: DeployedResource[], dependencies: ReadonlyMap<string, ReadonlySet<string>>, rollback: boolean,
    providerFor: ProviderLookup,
  ): Promise<{ failures: ResourceEvent[]; left: Set<string> }> {
    const failures: ResourceEvent[] = [];
    const left = new Set<string>();
    const deletions = new Map<DeployedResource, Promise<boolean>>();
    const remove = (target: DeployedResource): Promise<boolean> => {
      if (!deletions.has(target)) {
        deletions.set(target, (async () => {
          const dependents = targets.filter((other) => dependencies.get(other.logicalId)?.has(target.logicalId));
          const gone = await Promise.all(dependents.map(remove));
          if (!gone.every(Boolean)) {
            left.add(target.logicalId);
            return false;
          }
          if (target.deletionPolicy === 'Retain') {
            this.options.onEvent?.({ stack, logicalId: target.logicalId, type: target.type, action: 'DELETE', status: 'SKIPPED', rollback, reason: 'DeletionPolicy Retain' });
            return true;
          }
          const response = await this.request(stack, target.logicalId, target.type, 'DELETE', providerFor(target.serviceToken), target.properties, target, rollback);
          if (response.Status === 'FAILED') {
            failures.push({ stack, logicalId: target.logicalId, type: target.type, action: 'DELETE', status: 'FAILED', rollback, reason: response.Reason });
            left.add(target.logicalId);
            return false;
          }
          return true;
        })());
      }
      return deletions.get(target)!;
    };
    await Promise.all(targets.map(remove));
    return { failures, left };
  }

  /** Sends one request through the provider and reports it as CloudFormation events. */
  private async request(
    stack: string, logicalId: string, type: string, action: ResourceAction, provider: Provider,
    properties: Record<string, unknown>, current: DeployedResource | undefined, rollback: boolean,
  ): Promise<CustomResourceResponse> {
    const started = Date.now();
    const event = { stack, logicalId, type, action, rollback };
    this.options.onEvent?.({ ...event, status: 'IN_PROGRESS', physicalResourceId: current?.physicalResourceId });
    const requestType = action === 'CREATE' ? 'Create' : action === 'UPDATE' ? 'Update' : 'Delete';
    const response = await provider.send({
      RequestType: requestType,
      ResourceType: type,
      LogicalResourceId: logicalId,
      StackId: `arn:aws:cloudformation:${this.location.region}:${this.location.account}:stack/${stack}/local`,
      RequestId: randomUUID(),
      ResponseURL: `https://cloudformation-custom-resource-response-local.s3.amazonaws.com/${randomUUID()}?X-Amz-Signature=local-secret`,
      PhysicalResourceId: current?.physicalResourceId,
      ResourceProperties: properties,
      OldResourceProperties: requestType === 'Update' ? current?.properties : undefined,
    });
    const failed = response.Status === 'FAILED';
    this.options.onEvent?.({
      ...event,
      status: failed ? 'FAILED' : 'COMPLETE',
      physicalResourceId: response.PhysicalResourceId,
      reason: failed ? response.Reason : undefined,
      elapsedMs: Date.now() - started,
    });
    return response;
  }
}

function deployed(logicalId: string, resource: TemplateResource, properties: Record<string, unknown>,
  response: CustomResourceResponse, serviceToken: string): DeployedResource {
  return {
    logicalId,
    type: resource.Type,
    properties,
    physicalResourceId: response.PhysicalResourceId!,
    attributes: response.Data,
    deletionPolicy: resource.DeletionPolicy,
    updateReplacePolicy: resource.UpdateReplacePolicy,
    serviceToken,
  };
}
