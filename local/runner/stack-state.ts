import { isDeepStrictEqual } from 'util';
import { StackArtifact } from './assembly';

/**
 * How the runner stands a resource up:
 * - `provider`: a custom resource served by a Provider framework of the stack; its handler does the work;
 * - `account`: it exists in the emulated account (an S3 bucket among the emulator's buckets, a secret in
 *   the local Secrets Manager);
 * - `code`: it runs locally (a Lambda function, a Step Functions state machine);
 * - `name`: only its name and attributes exist; nothing behaves like it (IAM, log groups, ...).
 */
export type ResourceModel = 'provider' | 'account' | 'code' | 'name';

/** A resource as CloudFormation remembers it between deployments. */
export interface DeployedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly model: ResourceModel;
  /** The properties as last deployed, resolved (for `name` resources, as far as they could be resolved). */
  readonly properties: Record<string, unknown>;
  readonly physicalResourceId: string;
  readonly attributes: Record<string, string>;
  readonly deletionPolicy?: string;
  readonly updateReplacePolicy?: string;
  /** `provider` resources: the ServiceToken (a Provider framework function's ARN) later updates and deletes go to. */
  readonly serviceToken?: string;
}

/** A stack output as CloudFormation reports it after a deployment. */
export interface StackOutput {
  readonly value: string;
  /** The name other stacks import it by (`Fn::ImportValue`). */
  readonly exportName?: string;
}

/**
 * A deployed stack: every resource that exists (custom resources, the functions and state machine that serve
 * them, buckets, and everything known by name only), what each depends on (for delete order), the parameter
 * values and outputs of its last deployment, and the stack it was deployed from.
 */
export interface StackState {
  readonly name: string;
  readonly resources: ReadonlyMap<string, DeployedResource>;
  readonly dependencies: ReadonlyMap<string, ReadonlySet<string>>;
  readonly artifact: StackArtifact;
  /** The parameter values the stack was deployed with; later deployments keep them unless given others. */
  readonly parameters: Readonly<Record<string, string>>;
  readonly outputs: Readonly<Record<string, StackOutput>>;
  /**
   * Resources replaced or removed whose delete has not run yet (a deployment was interrupted before its
   * cleanup): the next deployment or destroy deletes them.
   */
  readonly leftovers: readonly DeployedResource[];
}

/** Whether a deployment sends a resource nothing: it is deployed with the same type and resolved properties. */
export function isUnchanged(before: DeployedResource | undefined, type: string, properties: Record<string, unknown>): boolean {
  return before !== undefined && before.type === type && isDeepStrictEqual(before.properties, properties);
}

/**
 * Whether a delete keeps the resource: DeletionPolicy `Retain` always does; `RetainExceptOnCreate` does unless the
 * delete undoes the operation that created it (a rollback), as CloudFormation applies them.
 */
export function keeps(deletionPolicy: string | undefined, rollback: boolean): boolean {
  return deletionPolicy === 'Retain' || (deletionPolicy === 'RetainExceptOnCreate' && !rollback);
}

/** The resources of a stack that the AmplifyBackend provider (or any Provider framework) serves. */
export function customResources(state: Pick<StackState, 'resources'>): DeployedResource[] {
  return [...state.resources.values()].filter((resource) => resource.model === 'provider');
}
