import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { IAmplifyBackend } from '../i-amplify-backend';

/**
 * The service runs one job at a time per environment. Every custom resource of an environment joins
 * that environment's chain in construction order, so CloudFormation never starts two of its jobs at
 * once; environments are chained separately and deploy in parallel. The chain is kept per app: it
 * also holds the environment's one storage slot.
 */
interface EnvironmentRecord {
  /** The environment's own resource (an `AmplifyBackend`), which everything else in it depends on. */
  environment?: IConstruct;
  /** The last resource of this environment in each stack. */
  readonly lastInStack: Map<Stack, IConstruct>;
  /** The storage construct (created or imported) that holds the environment's one storage slot. */
  storage?: IConstruct;
}

const records = new WeakMap<IConstruct, Map<string, EnvironmentRecord>>();

function recordOf(scope: IConstruct, backend: IAmplifyBackend): EnvironmentRecord {
  const root = scope.node.root;
  let byEnvironment = records.get(root);
  if (!byEnvironment) records.set(root, byEnvironment = new Map());
  const key = `${backend.appId}/${backend.environmentName}`;
  let record = byEnvironment.get(key);
  if (!record) byEnvironment.set(key, record = { lastInStack: new Map() });
  return record;
}

/** Registers the custom resource that creates the environment: it heads the chain. */
export function startEnvironmentChain(resource: IConstruct, backend: IAmplifyBackend): void {
  const record = recordOf(resource, backend);
  record.environment ??= resource;
  appendTo(record, resource);
}

/**
 * Appends a custom resource of an environment: it depends on the previous one in the same stack,
 * and on the environment's own resource wherever that is (another stack then deploys first).
 */
export function joinEnvironmentChain(resource: IConstruct, backend: IAmplifyBackend): void {
  const record = recordOf(resource, backend);
  if (record.environment) resource.node.addDependency(record.environment);
  appendTo(record, resource);
}

function appendTo(record: EnvironmentRecord, resource: IConstruct): void {
  const stack = Stack.of(resource);
  const previous = record.lastInStack.get(stack);
  if (previous && previous !== resource) resource.node.addDependency(previous);
  record.lastInStack.set(stack, resource);
}

/** Takes the environment's one storage slot; a second storage in the same app is a synth error naming both. */
export function claimStorageSlot(storage: IConstruct, backend: IAmplifyBackend): void {
  const record = recordOf(storage, backend);
  if (record.storage) {
    throw new Error(`Environment "${backend.environmentName}" of app ${backend.appId} already has storage at ${record.storage.node.path}; `
      + `${storage.node.path} would be a second one, and the service allows one storage (created or imported) per environment.`);
  }
  record.storage = storage;
}
