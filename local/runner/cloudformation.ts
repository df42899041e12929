import { randomUUID } from 'crypto';
import { StackArtifact } from './assembly';
import { changeSet, ReplacementRule, ResourceChange } from './change-set';
import { CustomResourceResponse } from './custom-resource';
import { assetsInUse, deployedCode } from './deployed-code';
import { deployedContext, OtherStacks, StackScope, stackId } from './deployed-context';
import { resolve, ResolveContext } from './intrinsics';
import { WarmCode } from './lambda';
import { ParameterValues, parameterValues } from './parameters';
import { physicalIdentity } from './physical-names';
import { loadProviders, Provider } from './providers';
import { LocalAccount, modelOf, standUp, tearDown } from './resource-models';
import { servedResources } from './served-resources';
import { DeployedResource, isUnchanged, keeps, ResourceModel, StackOutput, StackState } from './stack-state';
import { DEFAULT_LOCATION, directDependencies, StackLocation, TemplateResource } from './template';
import { InvocationOptions } from './user-function';

export type ResourceAction = 'CREATE' | 'UPDATE' | 'DELETE';

/** One step of a deployment, as the CloudFormation console would list it. */
export interface ResourceEvent {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  /** How the runner stands the resource up. */
  readonly model: ResourceModel;
  readonly action: ResourceAction;
  readonly status: 'IN_PROGRESS' | 'COMPLETE' | 'FAILED' | 'SKIPPED';
  /** Part of a rollback. */
  readonly rollback: boolean;
  readonly physicalResourceId?: string;
  readonly reason?: string;
  readonly elapsedMs?: number;
}

/**
 * CloudFormation's stack statuses, and one the local stack adds: `*_INTERRUPTED`, an operation stopped (Ctrl-C)
 * after the calls in flight ended; the state says what exists, and running the operation again goes on from it.
 */
export type StackStatus =
  | 'CREATE_COMPLETE' | 'UPDATE_COMPLETE' | 'ROLLBACK_COMPLETE' | 'UPDATE_ROLLBACK_COMPLETE'
  | 'ROLLBACK_FAILED' | 'UPDATE_ROLLBACK_FAILED' | 'DELETE_COMPLETE' | 'DELETE_FAILED'
  | 'CREATE_INTERRUPTED' | 'UPDATE_INTERRUPTED' | 'ROLLBACK_INTERRUPTED' | 'UPDATE_ROLLBACK_INTERRUPTED' | 'DELETE_INTERRUPTED';

export interface StackResult {
  readonly status: StackStatus;
  /** The stack after the operation: what exists of it (empty after a delete that completed). */
  readonly state: StackState;
  /** Every resource step that failed, rollback and cleanup included. */
  readonly failures: ResourceEvent[];
}

export interface LocalCloudFormationOptions {
  readonly invocation: InvocationOptions;
  /** The emulated account's buckets and secrets, for the resources that exist in it. */
  readonly account: LocalAccount;
  /** The account and Region the stacks are deployed in (pseudo parameters, ARNs, stack ids). @default DEFAULT_LOCATION */
  readonly location?: StackLocation;
  /** The outputs and exports of the stacks deployed beside (Fn::ImportValue, Fn::GetStackOutput). @default - none */
  readonly stacks?: OtherStacks;
  /** Waits between isComplete polls and before Lambda's retries; tests may make time pass faster. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Receives every resource step. */
  readonly onEvent?: (event: ResourceEvent) => void;
}

/** What one deploy or destroy is given besides the stack. */
export interface OperationOptions {
  /** Values for the stack's parameters (`--parameters`); the others keep their previous value, else their default. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Once aborted, nothing more is started: the steps in flight end, and the result's state says what exists. */
  readonly signal?: AbortSignal;
}

/** One resource step of a deployment, for its rollback. */
interface JournalEntry {
  readonly logicalId: string;
  readonly action: 'CREATE' | 'UPDATE';
  /** What was deployed before an update. */
  readonly before?: DeployedResource;
  /** What the step made (for a failed create of a custom resource: what may exist under the id its response named). */
  readonly after?: DeployedResource;
  /** The properties a failed update tried (its rollback's OldResourceProperties). */
  readonly attempted?: Record<string, unknown>;
  readonly failed: boolean;
}

const NO_STACKS: OtherStacks = { output: () => undefined, exported: () => undefined };

/**
 * CloudFormation, run locally: it creates, updates and deletes every resource of a stack in dependency order
 * (independent ones concurrently), custom resources through their Provider framework and the shipped handler
 * bundle, buckets and secrets in the emulated account, functions and state machines as code that runs, and
 * everything else by name. It deletes replaced and removed resources after a successful update, rolls a failed
 * deployment back, deletes a stack in reverse dependency order honouring DeletionPolicy, and stops starting
 * work when asked to, keeping an exact account of what exists.
 */
export class LocalCloudFormation {
  private readonly sleep: (ms: number) => Promise<void>;
  readonly location: StackLocation;
  /** Handler bundles and the framework's runtime stay loaded between deployments, as warm Lambda containers do. */
  private readonly warm: WarmCode = { bundles: new Map(), frameworks: new Map() };

  constructor(private readonly options: LocalCloudFormationOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms)));
    this.location = options.location ?? DEFAULT_LOCATION;
  }

  /** The stack's parameter values for a deployment; throws a ParameterError, before anything starts, for a missing or refused one. */
  parameters(stack: StackArtifact, previous: StackState | undefined, given: Readonly<Record<string, string>> = {}): ParameterValues {
    return parameterValues(stack.name, stack.template, given, previous?.parameters);
  }

  /** How a stack's template evaluates with these parameter values. */
  scope(stack: StackArtifact, parameters: ParameterValues): StackScope {
    return {
      stackName: stack.name,
      template: stack.template,
      location: this.location,
      parameters: parameters.values,
      unknownParameters: parameters.unknown,
      stacks: this.options.stacks ?? NO_STACKS,
    };
  }

  /** The resources a stack has with these parameter values (those whose Condition holds), and which of them the runner serves. */
  present(stack: StackArtifact, scope: StackScope): { ids: string[]; served: Set<string> } {
    const context = deployedContext(scope, new Map());
    const ids = Object.entries(stack.template.Resources)
      .filter(([, resource]) => resource.Condition === undefined || context.condition(resource.Condition))
      .map(([id]) => id);
    return { ids, served: servedResources(stack) };
  }

  /** Creates the stack, or updates it from `previous`. */
  async deploy(stack: StackArtifact, previous?: StackState, options: OperationOptions = {}): Promise<StackResult> {
    const parameters = this.parameters(stack, previous, options.parameters);
    const scope = this.scope(stack, parameters);
    const { ids, served } = this.present(stack, scope);
    const operation = new Operation(this, this.options, stack.name, previous, [stack.assets, previous?.artifact.assets], options.signal);
    const direct = directDependencies(stack.template);
    const dependencies = new Map(ids.map((id) => [id, new Set([...direct.get(id)!].filter((dep) => ids.includes(dep)))]));
    const journal: JournalEntry[] = [];
    let failed = false;
    let skipped = false;

    const runs = new Map<string, Promise<boolean>>();
    const run = (id: string): Promise<boolean> => {
      if (!runs.has(id)) {
        runs.set(id, (async () => {
          const ready = await Promise.all([...dependencies.get(id)!].map(run));
          if (failed || !ready.every(Boolean)) return false;
          if (operation.stopped) {
            skipped = true;
            return false;
          }
          const resource = stack.template.Resources[id];
          const model = modelOf(resource.Type, served.has(id));
          const entry = await operation.createOrUpdate(id, resource, model, deployedContext(scope, operation.actual));
          if (entry) journal.push(entry);
          if (entry?.failed) failed = true;
          return entry?.failed !== true;
        })());
      }
      return runs.get(id)!;
    };
    await Promise.all(ids.map(run));

    const deployedStack = operation.artifact(stack);
    const merged = mergedDependencies(dependencies, previous?.dependencies);
    if (failed) return this.rollBack(operation, journal, previous, stack, merged);
    if (skipped) {
      // Nothing done yet: the stack stays as it was.
      const status = previous ? 'UPDATE_INTERRUPTED' : 'CREATE_INTERRUPTED';
      if (journal.length === 0) {
        return { status, state: previous ?? operation.state(stack, merged, parameters.given, {}), failures: operation.failures };
      }
      return { status, state: operation.state(deployedStack, merged, parameters.given, previous?.outputs ?? {}), failures: operation.failures };
    }

    // Cleanup: removed resources, then replaced ones, dependents first, as the previous template ordered them.
    const removed = [...operation.actual.values()].filter((resource) => !ids.includes(resource.logicalId));
    await operation.deleteAll(removed, previous?.dependencies ?? new Map(), false);
    await operation.deleteAll([...operation.leftovers], merged, false);
    const outputs = stackOutputs(scope, operation.actual);
    const state = operation.state(deployedStack, merged, parameters.given, outputs);
    if (operation.stopped && (operation.leftovers.length > 0 || removed.some((resource) => operation.actual.has(resource.logicalId)))) {
      return { status: previous ? 'UPDATE_INTERRUPTED' : 'CREATE_INTERRUPTED', state, failures: operation.failures };
    }
    return { status: previous ? 'UPDATE_COMPLETE' : 'CREATE_COMPLETE', state, failures: operation.failures };
  }

  /** What deploying `stack` over `previous` would do to its resources, without doing it; `replaces` says which custom resource changes replace one. */
  changes(
    stack: StackArtifact, previous: StackState | undefined, replaces: ReplacementRule, given: Readonly<Record<string, string>> = {},
  ): ResourceChange[] {
    const scope = this.scope(stack, this.parameters(stack, previous, given));
    return changeSet(stack, previous, scope, this.present(stack, scope), this.location, replaces);
  }

  /** Deletes every resource of a deployed stack, dependents first, honouring DeletionPolicy. */
  async destroy(state: StackState, options: Pick<OperationOptions, 'signal'> = {}): Promise<StackResult> {
    const operation = new Operation(this, this.options, state.name, state, [state.artifact.assets], options.signal);
    await operation.deleteAll([...operation.leftovers], state.dependencies, false);
    await operation.deleteAll([...operation.actual.values()], state.dependencies, false);
    const left = operation.state(state.artifact, state.dependencies, state.parameters, state.outputs);
    const remaining = left.resources.size + left.leftovers.length;
    const status = remaining === 0 ? 'DELETE_COMPLETE' : operation.stopped ? 'DELETE_INTERRUPTED' : 'DELETE_FAILED';
    return { status, state: left, failures: operation.failures };
  }

  /** The Provider frameworks among some deployed resources, by ServiceToken. */
  providers(
    resources: () => Iterable<DeployedResource>, assetFolder: (hash: string) => string | undefined,
  ): (serviceToken: string) => Provider | undefined {
    return loadProviders(deployedCode(resources, assetFolder), this.options.invocation, this.warm, this.sleep);
  }

  /**
   * Undoes a failed deployment, newest step first: a created resource is deleted (DeletionPolicy Retain keeps
   * it, as CloudFormation does), an updated one updated back to its previous properties, and a replacement
   * made by the update deleted once the previous one is back.
   */
  private async rollBack(
    operation: Operation, journal: JournalEntry[], previous: StackState | undefined, stack: StackArtifact,
    dependencies: ReadonlyMap<string, ReadonlySet<string>>,
  ): Promise<StackResult> {
    for (const entry of [...journal].reverse()) {
      if (operation.stopped) break;
      if (entry.action === 'CREATE') {
        if (entry.after) await operation.deleteAll([entry.after], new Map(), true);
        continue;
      }
      await operation.restore(entry.before!, entry.after ?? { ...entry.before!, properties: entry.attempted ?? entry.before!.properties });
    }
    const rollbackFailed = operation.failures.some((failure) => failure.rollback);
    const interrupted = operation.stopped && journal.some((entry) => operation.pending(entry));
    const status: StackStatus = previous
      ? (interrupted ? 'UPDATE_ROLLBACK_INTERRUPTED' : rollbackFailed ? 'UPDATE_ROLLBACK_FAILED' : 'UPDATE_ROLLBACK_COMPLETE')
      : (interrupted ? 'ROLLBACK_INTERRUPTED' : rollbackFailed ? 'ROLLBACK_FAILED' : 'ROLLBACK_COMPLETE');
    // The deployed stack stays the one it was: the previous, or for a create whose rollback left resources, this one.
    const state = previous
      ? operation.state(
        operation.artifact(previous.artifact), mergedDependencies(previous.dependencies, dependencies), previous.parameters, previous.outputs)
      : operation.state(operation.artifact(stack), dependencies, {}, {});
    return { status, state, failures: operation.failures };
  }
}

/**
 * One deploy or destroy of one stack: what exists of it at every moment (`actual`, by logical id, and
 * `leftovers`, replaced instances not deleted yet), updated as each step ends, so that the operation can stop
 * between any two steps and say exactly what exists.
 */
class Operation {
  readonly actual: Map<string, DeployedResource>;
  leftovers: DeployedResource[];
  readonly failures: ResourceEvent[] = [];
  private readonly providerFor: (serviceToken: string) => Provider | undefined;

  constructor(
    private readonly cloudFormation: LocalCloudFormation,
    private readonly options: LocalCloudFormationOptions,
    private readonly stackName: string,
    start: StackState | undefined,
    private readonly assetSources: ReadonlyArray<ReadonlyMap<string, string> | undefined>,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.actual = new Map(start?.resources ?? []);
    this.leftovers = [...start?.leftovers ?? []];
    this.providerFor = cloudFormation.providers(() => [...this.actual.values(), ...this.leftovers], (hash) => this.assetFolder(hash));
  }

  get stopped(): boolean {
    return this.signal?.aborted === true;
  }

  /** Whether a rollback step of this entry is still to be done. */
  pending(entry: JournalEntry): boolean {
    if (entry.action === 'CREATE') return entry.after !== undefined && this.actual.get(entry.logicalId)?.physicalResourceId === entry.after.physicalResourceId;
    return !isUnchanged(this.actual.get(entry.logicalId), entry.before!.type, entry.before!.properties);
  }

  /** The stack as it stands now, deployed from `artifact` (with the assets its functions run). */
  state(artifact: StackArtifact, dependencies: ReadonlyMap<string, ReadonlySet<string>>, parameters: Record<string, string>,
    outputs: Record<string, StackOutput>): StackState {
    return { name: this.stackName, resources: new Map(this.actual), dependencies, artifact, parameters, outputs, leftovers: [...this.leftovers] };
  }

  /** `artifact` with the assets of every function that exists now (some may run the code of an earlier deployment). */
  artifact(artifact: StackArtifact): StackArtifact {
    const assets = new Map(artifact.assets);
    for (const hash of assetsInUse([...this.actual.values(), ...this.leftovers])) {
      const folder = this.assetFolder(hash);
      if (folder) assets.set(hash, folder);
    }
    return { ...artifact, assets };
  }

  private assetFolder(hash: string): string | undefined {
    for (const source of this.assetSources) {
      const folder = source?.get(hash);
      if (folder) return folder;
    }
    return undefined;
  }

  /** Creates or updates one resource of the template; undefined when it is unchanged (nothing is sent). */
  async createOrUpdate(
    id: string, resource: TemplateResource, model: ResourceModel, context: ResolveContext,
  ): Promise<JournalEntry | undefined> {
    const before = this.actual.get(id);
    const action: ResourceAction = before ? 'UPDATE' : 'CREATE';
    let properties: Record<string, unknown>;
    try {
      properties = (resolve(resource.Properties ?? {}, context) ?? {}) as Record<string, unknown>;
    } catch (error) {
      if (model === 'name') {
        properties = resource.Properties ?? {};
      } else {
        this.fail({ logicalId: id, type: resource.Type, model, action, rollback: false }, `cannot be deployed locally: ${(error as Error).message}`);
        return { logicalId: id, action, before, failed: true };
      }
    }
    const policies = { deletionPolicy: resource.DeletionPolicy, updateReplacePolicy: resource.UpdateReplacePolicy };
    if (isUnchanged(before, resource.Type, properties)) {
      this.actual.set(id, { ...before!, ...policies });
      return undefined;
    }
    const base = { logicalId: id, type: resource.Type, model, properties, ...policies };
    if (model === 'provider') {
      const serviceToken = String(properties.ServiceToken);
      const response = await this.request(id, resource.Type, action, serviceToken, properties, before, false);
      if (response.Status === 'FAILED') {
        // A create whose handler started something answered with its physical id: the rollback deletes it.
        const after = action === 'CREATE' && response.PhysicalResourceId !== undefined && !isCreateMarker(response.PhysicalResourceId)
          ? { ...base, physicalResourceId: response.PhysicalResourceId, attributes: {}, serviceToken } : undefined;
        if (after) this.actual.set(id, after);
        return { logicalId: id, action, before, after, attempted: properties, failed: true };
      }
      return this.record(before, { ...base, physicalResourceId: response.PhysicalResourceId!, attributes: response.Data, serviceToken });
    }
    const identity = physicalIdentity(this.stackName, id, resource.Type, properties, this.cloudFormation.location);
    const after: DeployedResource = { ...base, ...identity };
    const event = { logicalId: id, type: resource.Type, model, action, rollback: false };
    this.event({ ...event, status: 'IN_PROGRESS', physicalResourceId: before?.physicalResourceId });
    try {
      if (model === 'account') standUp(this.options.account, resource.Type, after.physicalResourceId, properties, before?.physicalResourceId === after.physicalResourceId);
    } catch (error) {
      this.fail(event, (error as Error).message);
      return { logicalId: id, action, before, failed: true };
    }
    this.event({ ...event, status: 'COMPLETE', physicalResourceId: after.physicalResourceId, elapsedMs: 0 });
    return this.record(before, after);
  }

  /** Records a resource step that succeeded; a new physical id for an existing resource leaves the old one to the cleanup. */
  private record(before: DeployedResource | undefined, after: DeployedResource): JournalEntry {
    this.actual.set(after.logicalId, after);
    if (before && before.physicalResourceId !== after.physicalResourceId) {
      this.leftovers.push({ ...before, deletionPolicy: after.updateReplacePolicy });
    }
    return { logicalId: after.logicalId, action: before ? 'UPDATE' : 'CREATE', before, after, failed: false };
  }

  /**
   * Rollback of an update: the resource back to `before`, from `current` (what the update made, or for a failed
   * update `before` with the properties it tried); a replacement the update made is deleted once `before` is back.
   */
  async restore(before: DeployedResource, current: DeployedResource): Promise<void> {
    const id = before.logicalId;
    if (before.model === 'provider') {
      const response = await this.request(id, before.type, 'UPDATE', before.serviceToken!, before.properties, current, true);
      if (response.Status === 'FAILED') return;
      this.actual.set(id, { ...before, physicalResourceId: response.PhysicalResourceId!, attributes: { ...before.attributes, ...response.Data } });
    } else {
      if (before.model === 'account' && before.physicalResourceId === current.physicalResourceId) {
        standUp(this.options.account, before.type, before.physicalResourceId, before.properties, true);
      }
      this.actual.set(id, before);
    }
    // The instance restored is no longer a leftover; the one the update made is.
    const restored = this.actual.get(id)!;
    this.leftovers = this.leftovers.filter((leftover) => leftover.physicalResourceId !== restored.physicalResourceId);
    if (current.physicalResourceId !== restored.physicalResourceId) {
      this.leftovers.push(current);
      await this.deleteAll([current], new Map(), true);
    }
  }

  /**
   * Deletes resources in reverse dependency order, independent ones concurrently. As in CloudFormation, a
   * resource whose dependent could not be deleted is not attempted: it stays, with the dependent, for a later
   * delete. DeletionPolicy Retain (and RetainExceptOnCreate, but in a rollback) keeps a resource where it is and forgets it.
   */
  async deleteAll(targets: DeployedResource[], dependencies: ReadonlyMap<string, ReadonlySet<string>>, rollback: boolean): Promise<void> {
    const deletions = new Map<DeployedResource, Promise<boolean>>();
    const remove = (target: DeployedResource): Promise<boolean> => {
      if (!deletions.has(target)) {
        deletions.set(target, (async () => {
          const dependents = targets.filter((other) => dependencies.get(other.logicalId)?.has(target.logicalId));
          const gone = await Promise.all(dependents.map(remove));
          if (!gone.every(Boolean) || this.stopped) return false;
          const event = { logicalId: target.logicalId, type: target.type, model: target.model, action: 'DELETE' as const, rollback };
          if (keeps(target.deletionPolicy, rollback)) {
            this.event({ ...event, status: 'SKIPPED', physicalResourceId: target.physicalResourceId, reason: `DeletionPolicy ${target.deletionPolicy}` });
          } else if (target.model === 'provider') {
            const response = await this.request(target.logicalId, target.type, 'DELETE', target.serviceToken!, target.properties, target, rollback);
            if (response.Status === 'FAILED') return false;
          } else {
            this.event({ ...event, status: 'IN_PROGRESS', physicalResourceId: target.physicalResourceId });
            try {
              if (target.model === 'account') tearDown(this.options.account, target.type, target.physicalResourceId);
            } catch (error) {
              this.fail(event, (error as Error).message);
              return false;
            }
            this.event({ ...event, status: 'COMPLETE', physicalResourceId: target.physicalResourceId, elapsedMs: 0 });
          }
          this.forget(target);
          return true;
        })());
      }
      return deletions.get(target)!;
    };
    await Promise.all(targets.map(remove));
  }

  /** A resource deleted (or retained): gone from what the stack has. */
  private forget(target: DeployedResource): void {
    const leftover = this.leftovers.indexOf(target);
    if (leftover >= 0) {
      this.leftovers.splice(leftover, 1);
    } else if (this.actual.get(target.logicalId)?.physicalResourceId === target.physicalResourceId) {
      this.actual.delete(target.logicalId);
    }
  }

  /** Sends one request through the provider that serves `serviceToken` and reports it as CloudFormation events. */
  private async request(
    logicalId: string, type: string, action: ResourceAction, serviceToken: string,
    properties: Record<string, unknown>, current: DeployedResource | undefined, rollback: boolean,
  ): Promise<CustomResourceResponse> {
    const started = Date.now();
    const event = { logicalId, type, model: 'provider' as const, action, rollback };
    this.event({ ...event, status: 'IN_PROGRESS', physicalResourceId: current?.physicalResourceId });
    const provider = this.providerFor(serviceToken);
    const requestType = action === 'CREATE' ? 'Create' : action === 'UPDATE' ? 'Update' : 'Delete';
    const response: CustomResourceResponse = provider
      ? await provider.send({
        RequestType: requestType,
        ResourceType: type,
        LogicalResourceId: logicalId,
        StackId: stackId(this.stackName, this.cloudFormation.location),
        RequestId: randomUUID(),
        ResponseURL: `https://cloudformation-custom-resource-response-local.s3.amazonaws.com/${randomUUID()}?X-Amz-Signature=local-secret`,
        PhysicalResourceId: current?.physicalResourceId,
        ResourceProperties: properties,
        OldResourceProperties: requestType === 'Update' ? current?.properties : undefined,
      })
      : { Status: 'FAILED', PhysicalResourceId: current?.physicalResourceId, Data: {}, Reason: `no Provider framework function ${serviceToken} is deployed` };
    if (response.Status === 'FAILED') {
      this.fail(event, this.localLogPointer(response.Reason), response.PhysicalResourceId, Date.now() - started);
    } else {
      this.event({ ...event, status: 'COMPLETE', physicalResourceId: response.PhysicalResourceId, elapsedMs: Date.now() - started });
    }
    return response;
  }

  /** CloudWatch Logs' `Logs: /aws/lambda/<function>` in a reason, pointed at where the local stack keeps that function's log. */
  private localLogPointer(reason: string | undefined): string | undefined {
    return reason?.replace(/^Logs: \/aws\/lambda\/(\S+)$/m, (_line, functionName: string) => {
      const file = this.options.invocation.logLocation?.(functionName);
      return file ? `Logs: ${file}` : 'Logs: not kept (this local run keeps no log files)';
    });
  }

  private fail(event: Omit<ResourceEvent, 'stack' | 'status'>, reason: string | undefined, physicalResourceId?: string, elapsedMs?: number): void {
    const failure: ResourceEvent = { ...event, stack: this.stackName, status: 'FAILED', reason, physicalResourceId, elapsedMs };
    this.failures.push(failure);
    this.options.onEvent?.(failure);
  }

  private event(event: Omit<ResourceEvent, 'stack'>): void {
    this.options.onEvent?.({ ...event, stack: this.stackName });
  }
}

/** The physical id the Provider framework answers a Create with when its onEvent threw: nothing was created. */
function isCreateMarker(physicalResourceId: string): boolean {
  return physicalResourceId === 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';
}

/** Delete order for resources of two templates: each resource's dependencies as the newer template has them, else as the older one had. */
function mergedDependencies(
  newer: ReadonlyMap<string, ReadonlySet<string>>, older: ReadonlyMap<string, ReadonlySet<string>> | undefined,
): Map<string, ReadonlySet<string>> {
  return new Map([...older ?? [], ...newer]);
}

/**
 * A stack's outputs, as CloudFormation reports them after a deployment: each value (of an output whose
 * Condition holds) resolved against the resources as deployed. A value the runner cannot resolve says so in
 * place of the value.
 */
function stackOutputs(scope: StackScope, resources: ReadonlyMap<string, DeployedResource>): Record<string, StackOutput> {
  const context = deployedContext(scope, resources);
  const outputs: Record<string, StackOutput> = {};
  for (const [key, output] of Object.entries(scope.template.Outputs ?? {})) {
    try {
      if (output.Condition !== undefined && !context.condition(output.Condition)) continue;
      const value = resolve(output.Value, context);
      const exportName = output.Export === undefined ? undefined : String(resolve(output.Export.Name, context));
      outputs[key] = { value: typeof value === 'string' ? value : JSON.stringify(value), ...exportName === undefined ? {} : { exportName } };
    } catch (error) {
      outputs[key] = { value: `(not resolved locally: ${(error as Error).message})` };
    }
  }
  return outputs;
}
