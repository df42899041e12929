import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { IAmplifyBackend } from '../i-amplify-backend';

/**
 * The service runs one job at a time per environment. Every custom resource of an environment joins
 * that environment's chain, so CloudFormation never starts two of its jobs at once; environments are
 * chained separately and deploy in parallel. The chain is kept per app, and it holds the rules the
 * service has about one environment: one auth and one storage resource, storage after auth (storage
 * needs the auth category), and guest storage access only with an auth that lets guests in.
 */
interface EnvironmentRecord {
  /** The environment's own resource (an `AmplifyBackend`), which everything else in it depends on. */
  environment?: IConstruct;
  /** This environment's resources in each stack, in chain order. */
  readonly inStack: Map<Stack, IConstruct[]>;
  /** The storage construct (created or imported) that holds the environment's one storage slot. */
  storage?: { readonly construct: IConstruct; readonly guests: boolean };
  /** The auth construct (created or imported) that holds the environment's one auth slot. */
  auth?: { readonly construct: IConstruct; readonly noGuestsBecause?: string; resource?: IConstruct };
}

const records = new WeakMap<IConstruct, Map<string, EnvironmentRecord>>();

function recordOf(scope: IConstruct, backend: IAmplifyBackend): EnvironmentRecord {
  const root = scope.node.root;
  let byEnvironment = records.get(root);
  if (!byEnvironment) records.set(root, byEnvironment = new Map());
  const key = `${backend.appId}/${backend.environmentName}`;
  let record = byEnvironment.get(key);
  if (!record) byEnvironment.set(key, record = { inStack: new Map() });
  return record;
}

function membersIn(record: EnvironmentRecord, resource: IConstruct): IConstruct[] {
  const stack = Stack.of(resource);
  let members = record.inStack.get(stack);
  if (!members) record.inStack.set(stack, members = []);
  return members;
}

/** Registers the custom resource that creates the environment: it heads the chain. */
export function startEnvironmentChain(resource: IConstruct, backend: IAmplifyBackend): void {
  const record = recordOf(resource, backend);
  record.environment ??= resource;
  appendTo(record, resource);
}

/**
 * Appends a custom resource of an environment: it depends on the previous one in the same stack, on the
 * environment's own resource and on its auth resource wherever those are (another stack then deploys first).
 */
export function joinEnvironmentChain(resource: IConstruct, backend: IAmplifyBackend): void {
  const record = recordOf(resource, backend);
  if (record.environment) resource.node.addDependency(record.environment);
  if (record.auth?.resource) resource.node.addDependency(record.auth.resource);
  appendTo(record, resource);
}

/**
 * Places the auth resource right after the environment's own resource: whatever of the environment was
 * declared before it (storage) is made to wait for it, in its stack or in another one.
 */
export function joinEnvironmentChainFirst(resource: IConstruct, backend: IAmplifyBackend): void {
  const record = recordOf(resource, backend);
  if (record.environment) resource.node.addDependency(record.environment);
  for (const members of record.inStack.values()) {
    for (const member of members) if (member !== record.environment) member.node.addDependency(resource);
  }
  const members = membersIn(record, resource);
  members.splice(record.environment && members[0] === record.environment ? 1 : 0, 0, resource);
  if (record.auth) record.auth.resource = resource;
}

function appendTo(record: EnvironmentRecord, resource: IConstruct): void {
  const members = membersIn(record, resource);
  const previous = members[members.length - 1];
  if (previous && previous !== resource) resource.node.addDependency(previous);
  members.push(resource);
}

/**
 * Takes the environment's one storage slot; a second storage in the same app is a synth error naming both.
 * `guests`: the storage gives unauthenticated users access, which the environment's auth must allow.
 */
export function claimStorageSlot(storage: IConstruct, backend: IAmplifyBackend, guests = false): void {
  const record = recordOf(storage, backend);
  if (record.storage) {
    throw new Error(`Environment "${backend.environmentName}" of app ${backend.appId} already has storage at ${record.storage.construct.node.path}; `
      + `${storage.node.path} would be a second one, and the service allows one storage (created or imported) per environment.`);
  }
  record.storage = { construct: storage, guests };
  checkGuests(record, backend);
}

/**
 * Takes the environment's one auth slot; a second auth in the same app is a synth error naming both.
 * `noGuestsBecause` says why the auth lets no guests in (e.g. "has no identity pool"); undefined if it does.
 */
export function claimAuthSlot(auth: IConstruct, backend: IAmplifyBackend, noGuestsBecause?: string): void {
  const record = recordOf(auth, backend);
  if (record.auth) {
    throw new Error(`Environment "${backend.environmentName}" of app ${backend.appId} already has auth at ${record.auth.construct.node.path}; `
      + `${auth.node.path} would be a second one, and the service allows one auth resource (created or imported) per environment.`);
  }
  record.auth = { construct: auth, noGuestsBecause };
  checkGuests(record, backend);
}

/** Guest storage access needs an identity pool that lets guests in: refused at synth when the declared auth does not. */
function checkGuests(record: EnvironmentRecord, backend: IAmplifyBackend): void {
  const { storage, auth } = record;
  if (!storage?.guests || !auth?.noGuestsBecause) return;
  throw new Error(`Storage at ${storage.construct.node.path} gives guests (unauthenticated users) access, but the auth of environment `
    + `"${backend.environmentName}" of app ${backend.appId} at ${auth.construct.node.path} ${auth.noGuestsBecause}; `
    + 'the service lets guests use storage only through an identity pool that allows unauthenticated identities.');
}
