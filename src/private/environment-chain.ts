import { Annotations, CfnDeletionPolicy, CfnResource, Stack } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { deletionPolicyOf } from './backend-resource';
import { API_RESOURCE_TYPE, AUTH_RESOURCE_TYPE, IMPORTED_AUTH_RESOURCE_TYPE, IMPORTED_STORAGE_RESOURCE_TYPE, STORAGE_RESOURCE_TYPE } from './contract';
import type { IBackendEnvironment } from '../i-backend-environment';

/**
 * The service runs one job at a time per environment. Every custom resource of an environment joins
 * that environment's chain, so CloudFormation never starts two of its jobs at once; environments are
 * chained separately and deploy in parallel. The chains hold the rules the service has about one
 * environment: one declaration of the environment itself, one auth, one storage and one API resource, storage and
 * the API after auth (storage needs the auth category, an API's user-pool mode the auth's user pool), and guest
 * storage access only with an auth that lets guests in. A clone (CloneBackend) copies its source environment: it
 * follows everything the app declares of the source.
 */
interface EnvironmentRecord {
  /** `"<name>" of app <appId>`, for messages. */
  readonly label: string;
  /** The `AmplifyBackend` that creates (or adopts) the environment, and its resource, which everything else in it depends on. */
  environment?: { readonly construct: IConstruct; readonly resource: IConstruct };
  /** This environment's resources in each stack, in chain order. */
  readonly inStack: Map<Stack, IConstruct[]>;
  /** The storage construct (created or imported) that holds the environment's one storage slot. */
  storage?: { readonly construct: IConstruct; readonly guests: boolean };
  /** The auth construct (created or imported) that holds the environment's one auth slot. */
  auth?: { readonly construct: IConstruct; readonly noGuestsBecause?: string; resource?: IConstruct };
  /** The clones of this environment the app declares: each one's resource follows every resource of this environment. */
  readonly clones: IConstruct[];
  /** The environment this one is cloned from, if it is a clone. */
  source?: EnvironmentRecord;
  /** The API construct that holds the environment's one API slot; `userPool`: one of its modes is the user pool. */
  api?: { readonly construct: IConstruct; readonly userPool: boolean };
}

const ID = 'CdkAmplifyBackendEnvironments';
/** Acknowledgement id of the warning about storage in an environment the app creates without auth. */
const STORAGE_WITHOUT_AUTH_WARNING = 'cdk-amplify-backend:storageWithoutAuth';
/** Acknowledgement id of the warning about an API with a user-pool mode in an environment the app creates without auth. */
const API_WITHOUT_AUTH_WARNING = 'cdk-amplify-backend:apiWithoutAuth';
/** Acknowledgement id of the warning about auth or storage kept (RETAIN) in an environment the stack removes (DESTROY). */
const RETAINED_IN_DESTROYED_ENVIRONMENT_WARNING = 'cdk-amplify-backend:retainedInDestroyedEnvironment';
/** Acknowledgement id of the warning about a clone whose source has imported auth or storage, which the clone shares. */
const CLONE_SHARES_IMPORTS_WARNING = 'cdk-amplify-backend:cloneSharesImports';
const MARKER = Symbol.for('cdk-amplify-backend.EnvironmentChains');

/**
 * The environment chains of one app, kept in the app's construct tree (a construct at its root), as
 * aws-cdk-lib keeps app-wide state: every copy of this library in the app (two construct packages may
 * each bring one) finds the same one by its id and marker, so the rules count the constructs of all
 * copies. Its public methods are the contract between copies: change them only compatibly, or give the
 * construct a new id and marker.
 */
export class EnvironmentChains extends Construct {
  /** The app's chains, created on first use. */
  public static of(scope: IConstruct): EnvironmentChains {
    const root = scope.node.root;
    const existing = root.node.tryFindChild(ID);
    if (isEnvironmentChains(existing)) return existing;
    if (existing !== undefined) {
      throw new Error(`${existing.node.path} is not cdk-amplify-backend's record of the app's environments, which needs this id at the root of the app; `
        + 'choose another id for your construct.');
    }
    return new EnvironmentChains(root as Construct, ID);
  }

  private readonly records = new Map<string, EnvironmentRecord>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    Object.defineProperty(this, MARKER, { value: true });
    // At synth, once the whole app is declared (auth may be declared after the storage, even in another stack)
    // and every aspect has run (RemovalPolicies.of() sets removal policies in one): validations run after aspects.
    this.node.addValidation({
      validate: () => {
        this.warnOfStorageWithoutAuth();
        this.warnOfApiWithoutAuth();
        this.warnOfRetainedInDestroyedEnvironment();
        this.warnOfSharedImports();
        return [];
      },
    });
  }

  /**
   * Registers the custom resource that creates (or adopts) the environment (`backend` is its `AmplifyBackend`):
   * it heads the chain. A second declaration of the same environment in the app is a synth error naming both:
   * two constructs would each manage it, and one's DESTROY would remove the other's environment.
   */
  public start(resource: IConstruct, backend: IBackendEnvironment): void {
    const record = this.recordOf(backend);
    if (record.environment) {
      throw new Error(`Environment ${record.label} is already declared at ${record.environment.construct.node.path}; `
        + `${backend.node.path} would declare it a second time, and both would create or adopt it and remove it (DESTROY) `
        + 'with their own stack. Declare it once (new AmplifyBackend) and refer to it elsewhere with AmplifyBackend.fromEnvironmentAttributes().');
    }
    record.environment = { construct: backend, resource };
    appendTo(record, resource);
  }

  /**
   * Makes a clone's resource (`clone` is its `AmplifyBackend`, registered with `start`) follow everything the app
   * declares of its source environment, in any stack, declared before or after it: CloneBackend copies the source as
   * it is then. Clones of one source follow each other too: the service may count a clone's job against its source,
   * which runs one job at a time. Releases of this library before clones lack this method: see `followSourceIn`.
   */
  public followSource(resource: IConstruct, clone: IBackendEnvironment, source: IBackendEnvironment): void {
    const record = this.recordOf(clone);
    const sourceRecord = this.recordOf(source);
    record.source = sourceRecord;
    for (const members of sourceRecord.inStack.values()) for (const member of members) resource.node.addDependency(member);
    for (const earlier of sourceRecord.clones) resource.node.addDependency(earlier);
    sourceRecord.clones.push(resource);
  }

  /**
   * Appends a custom resource of an environment: it depends on the previous one in the same stack, on the
   * environment's own resource and on its auth resource wherever those are (another stack then deploys first).
   */
  public join(resource: IConstruct, backend: IBackendEnvironment): void {
    const record = this.recordOf(backend);
    if (record.environment) resource.node.addDependency(record.environment.resource);
    if (record.auth?.resource) resource.node.addDependency(record.auth.resource);
    appendTo(record, resource);
  }

  /**
   * Places the auth resource right after the environment's own resource: whatever of the environment was
   * declared before it (storage) is made to wait for it, in its stack or in another one.
   */
  public joinFirst(resource: IConstruct, backend: IBackendEnvironment): void {
    const record = this.recordOf(backend);
    const environment = record.environment?.resource;
    if (environment) resource.node.addDependency(environment);
    for (const members of record.inStack.values()) {
      for (const member of members) if (member !== environment) member.node.addDependency(resource);
    }
    const members = membersIn(record, resource);
    members.splice(environment && members[0] === environment ? 1 : 0, 0, resource);
    for (const clone of record.clones) clone.node.addDependency(resource);
    if (record.auth) record.auth.resource = resource;
  }

  /**
   * Takes the environment's one storage slot; a second storage in the same app is a synth error naming both.
   * `guests`: the storage gives unauthenticated users access, which the environment's auth must allow.
   */
  public claimStorage(storage: IConstruct, backend: IBackendEnvironment, guests = false): void {
    const record = this.recordOf(backend);
    if (record.storage) {
      throw new Error(`Environment ${record.label} already has storage at ${record.storage.construct.node.path}; `
        + `${storage.node.path} would be a second one, and the service allows one storage (created or imported) per environment.`);
    }
    record.storage = { construct: storage, guests };
    checkGuests(record);
  }

  /**
   * Takes the environment's one API slot; a second API in the same app is a synth error naming both. The Amplify CLI
   * keeps one GraphQL API per project environment ("You already have an AppSync API in your project", "There can only
   * be one appsync resource"), and Amplify Studio's data models are that one API. `userPool`: one of its modes is the
   * user pool, which needs the environment's auth. Returns the construct that creates the environment in this app, if it
   * is declared already (the API takes its removal policy as default, as created auth does).
   */
  public claimApi(api: IConstruct, backend: IBackendEnvironment, userPool: boolean): IConstruct | undefined {
    const record = this.recordOf(backend);
    if (record.api) {
      throw new Error(`Environment ${record.label} already has an API at ${record.api.construct.node.path}; `
        + `${api.node.path} would be a second one, and an environment holds one GraphQL API (the one Amplify Studio's data models live in).`);
    }
    record.api = { construct: api, userPool };
    return record.environment?.construct;
  }

  /**
   * The user pool id of the auth the app declares for the environment (created: its attribute; imported: the id
   * given), wherever in the app it is declared, or undefined when the app declares none. Ask at synth (in a `Lazy`):
   * the auth may be declared after the caller.
   */
  public userPoolIdOf(backend: IBackendEnvironment): string | undefined {
    const auth = this.recordOf(backend).auth?.construct as { readonly userPoolId?: unknown } | undefined;
    return typeof auth?.userPoolId === 'string' ? auth.userPoolId : undefined;
  }

  /**
   * Takes the environment's one auth slot; a second auth in the same app is a synth error naming both.
   * `noGuestsBecause` says why the auth lets no guests in (e.g. "has no identity pool"); undefined if it does.
   * Returns the construct that creates the environment in this app, if it is declared already (created auth
   * takes its removal policy as default); undefined from a copy of this library that returned nothing.
   */
  public claimAuth(auth: IConstruct, backend: IBackendEnvironment, noGuestsBecause?: string): IConstruct | undefined {
    const record = this.recordOf(backend);
    if (record.auth) {
      throw new Error(`Environment ${record.label} already has auth at ${record.auth.construct.node.path}; `
        + `${auth.node.path} would be a second one, and the service allows one auth resource (created or imported) per environment.`);
    }
    record.auth = { construct: auth, noGuestsBecause };
    checkGuests(record);
    return record.environment?.construct;
  }

  /**
   * The service refuses storage in an environment without auth. For an environment the app creates, with no
   * auth declared anywhere in the app, the deploy would create it, fail at the storage and roll back; an
   * environment that exists already (adopted) may have auth, which only its owner knows: a warning, to
   * acknowledge in that case.
   */
  private warnOfStorageWithoutAuth(): void {
    for (const { label, environment, storage, auth } of this.records.values()) {
      if (!environment || !storage || auth) continue;
      Annotations.of(storage.construct).addWarningV2(STORAGE_WITHOUT_AUTH_WARNING,
        `Storage at ${storage.construct.node.path} is in environment ${label}, which ${environment.construct.node.path} creates, and no auth `
        + 'is declared for it in this app. The service refuses storage without auth: the deploy would create the environment, fail at '
        + 'this storage and roll back, and the rollback keeps the new environment unless its removal policy is DESTROY. Declare auth '
        + '(backend.addAuth() or backend.importAuth()); if the environment exists already and has auth (it is adopted, not created), '
        + 'acknowledge this warning.');
    }
  }

  /**
   * An API's user-pool mode needs the environment's auth. For an environment the app creates, with no auth declared
   * for it anywhere in the app, the deploy would fail at the API; an environment that exists already (adopted) may
   * have auth (the handler reads its user pool at deploy time): a warning, to acknowledge in that case.
   */
  private warnOfApiWithoutAuth(): void {
    for (const { label, environment, api, auth } of this.records.values()) {
      if (!environment || !api?.userPool || auth) continue;
      Annotations.of(api.construct).addWarningV2(API_WITHOUT_AUTH_WARNING,
        `API at ${api.construct.node.path} authorizes with the user pool (ApiAuthorization.userPool()) in environment ${label}, which `
        + `${environment.construct.node.path} creates, and no auth is declared for it in this app: the user pool would be the `
        + 'environment\'s auth, and a new environment has none, so the deploy would fail at this API and roll back. Declare auth '
        + '(backend.addAuth() or backend.importAuth()); if the environment exists already and has auth (it is adopted, not created), '
        + 'acknowledge this warning.');
    }
  }

  /**
   * DeleteBackend removes an environment with everything in it (the Amplify CLI deletes the environment's
   * whole stack; the emulator models it so). Auth or storage kept with RETAIN in an environment that the stack
   * removes with DESTROY is then removed with it all the same: a warning says what will happen, unless the
   * environment turns out to exist already (the stack adopts it and never removes it): acknowledge it then.
   */
  private warnOfRetainedInDestroyedEnvironment(): void {
    for (const record of this.records.values()) {
      const environment = record.environment?.construct;
      if (!environment || deletionPolicyOf(environment) !== CfnDeletionPolicy.DELETE) continue;
      const authDeleted = record.auth !== undefined && deletionPolicyOf(record.auth.construct) === CfnDeletionPolicy.DELETE;
      for (const child of [record.auth?.construct, record.storage?.construct, record.api?.construct]) {
        if (!child || !isKept(deletionPolicyOf(child))) continue;
        const fate = RETAINED_FATE[resourceTypeOf(child)];
        if (!fate) continue;
        const storageBlocksAuth = fate.isStorage && authDeleted
          ? ` Also, the stack deletes the environment's auth at ${record.auth!.construct.node.path} before the environment, which the `
            + 'service refuses while storage is linked: the stack\'s delete would fail there.'
          : '';
        Annotations.of(child).addWarningV2(RETAINED_IN_DESTROYED_ENVIRONMENT_WARNING,
          `${fate.what} at ${child.node.path} has removal policy RETAIN, but it is in environment ${record.label}, which ${environment.node.path} `
          + `removes (RemovalPolicy.DESTROY) with DeleteBackend, and DeleteBackend removes everything in the environment: ${fate.outcome}. `
          + `RETAIN only means the stack sends no ${fate.deleteCall} first.${storageBlocksAuth} Give it RemovalPolicy.DESTROY to say what `
          + 'happens (auth in an environment the stack removes has it by default), or keep the environment (RemovalPolicy.RETAIN). If the '
          + 'environment exists already (the stack adopts it and never removes it), acknowledge this warning.');
      }
    }
  }

  /**
   * CloneBackend does not copy imported auth and storage: the clone links the same user pool and bucket as its source
   * (AWS's migration guide warns of it). When the app declares the source's auth or storage as imported, a warning
   * on the clone says what stays shared; acknowledge it when sharing is what you want.
   */
  private warnOfSharedImports(): void {
    for (const { label, environment, source } of this.records.values()) {
      if (!environment || !source) continue;
      const imported = [source.auth?.construct, source.storage?.construct].filter((child): child is IConstruct =>
        child !== undefined && [IMPORTED_AUTH_RESOURCE_TYPE, IMPORTED_STORAGE_RESOURCE_TYPE].includes(resourceTypeOf(child)));
      if (imported.length === 0) continue;
      const what = imported.map((child) => (resourceTypeOf(child) === IMPORTED_AUTH_RESOURCE_TYPE
        ? `imported auth at ${child.node.path} (the same user pool and identity pool: users signed up or deleted through the clone are the source's)`
        : `imported storage at ${child.node.path} (the same bucket: objects written or deleted through the clone are the source's)`));
      Annotations.of(environment.construct).addWarningV2(CLONE_SHARES_IMPORTS_WARNING,
        `Environment ${label} at ${environment.construct.node.path} is a clone of environment ${source.label}, and the clone shares what `
        + `the source imports: ${what.join('; ')}. CloneBackend makes new auth and storage only for those the service created; `
        + 'imported ones are linked as they are, and removing the clone unlinks them and touches nothing else. Acknowledge this '
        + 'warning if sharing them is what you want.');
    }
  }

  private recordOf(backend: IBackendEnvironment): EnvironmentRecord {
    const key = `${backend.appId}/${backend.environmentName}`;
    let record = this.records.get(key);
    if (!record) {
      this.records.set(key, record = { label: `"${backend.environmentName}" of app ${backend.appId}`, inStack: new Map(), clones: [] });
    }
    return record;
  }
}

/**
 * `chains.followSource(...)`, or a synth error when the app's chains come from a copy of this library that does not
 * know clones (an older release in another construct package): a clone must not start before its source's auth and
 * storage exist.
 */
export function followSourceIn(chains: EnvironmentChains, resource: IConstruct, clone: IBackendEnvironment, source: IBackendEnvironment): void {
  if (typeof (chains as Partial<EnvironmentChains>).followSource !== 'function') {
    throw new Error(`${clone.node.path} is a clone (cloneFrom), but the app's record of environments (${chains.node.path}) comes from an `
      + 'older copy of cdk-amplify-backend in the app, which cannot order a clone after its source: bring every package in the app '
      + 'to a release of cdk-amplify-backend that has cloneFrom.');
  }
  chains.followSource(resource, clone, source);
}

/** Whether `x` is the chains of any copy of this library (`instanceof` sees only this copy's class). */
function isEnvironmentChains(x: IConstruct | undefined): x is EnvironmentChains {
  return x !== undefined && MARKER in x;
}

/** What becomes of each kind of child when DeleteBackend removes its environment, for the RETAIN warning. */
const RETAINED_FATE: Record<string, { readonly what: string; readonly outcome: string; readonly deleteCall: string; readonly isStorage: boolean }> = {
  [AUTH_RESOURCE_TYPE]: {
    what: 'Auth',
    outcome: 'this auth goes with it, its user pool and every user in it included',
    deleteCall: 'DeleteBackendAuth',
    isStorage: false,
  },
  [IMPORTED_AUTH_RESOURCE_TYPE]: {
    what: 'Imported auth',
    outcome: 'this user pool is unlinked with it (the Cognito resources themselves are never touched)',
    deleteCall: 'DeleteBackendAuth (unlink)',
    isStorage: false,
  },
  [STORAGE_RESOURCE_TYPE]: {
    what: 'Storage',
    outcome: 'this storage is unlinked with it (the service keeps its bucket, as on every unlink)',
    deleteCall: 'DeleteBackendStorage',
    isStorage: true,
  },
  [IMPORTED_STORAGE_RESOURCE_TYPE]: {
    what: 'Imported storage',
    outcome: 'this bucket is unlinked with it (the bucket itself is never touched)',
    deleteCall: 'DeleteBackendStorage (unlink)',
    isStorage: true,
  },
  [API_RESOURCE_TYPE]: {
    what: 'The API',
    outcome: 'this API goes with it, its AppSync API and the data of its models included',
    deleteCall: 'DeleteBackendAPI',
    isStorage: false,
  },
};

/** RETAIN and RETAIN_ON_UPDATE_OR_DELETE keep a resource when it leaves the stack. */
function isKept(policy: CfnDeletionPolicy | undefined): boolean {
  return policy === CfnDeletionPolicy.RETAIN || policy === CfnDeletionPolicy.RETAIN_EXCEPT_ON_CREATE;
}

function resourceTypeOf(construct: IConstruct): string {
  const cfn = construct.node.defaultChild;
  return CfnResource.isCfnResource(cfn) ? cfn.cfnResourceType : '';
}

function membersIn(record: EnvironmentRecord, resource: IConstruct): IConstruct[] {
  const stack = Stack.of(resource);
  let members = record.inStack.get(stack);
  if (!members) record.inStack.set(stack, members = []);
  return members;
}

/** Appends a resource to its stack's part of the chain; the environment's clones follow it too. */
function appendTo(record: EnvironmentRecord, resource: IConstruct): void {
  const members = membersIn(record, resource);
  const previous = members[members.length - 1];
  if (previous && previous !== resource) resource.node.addDependency(previous);
  members.push(resource);
  for (const clone of record.clones) clone.node.addDependency(resource);
}

/** Guest storage access needs an identity pool that lets guests in: refused at synth when the declared auth does not. */
function checkGuests(record: EnvironmentRecord): void {
  const { storage, auth } = record;
  if (!storage?.guests || !auth?.noGuestsBecause) return;
  throw new Error(`Storage at ${storage.construct.node.path} gives guests (unauthenticated users) access, but the auth of environment `
    + `${record.label} at ${auth.construct.node.path} ${auth.noGuestsBecause}; `
    + 'the service lets guests use storage only through an identity pool that allows unauthenticated identities.');
}
