import { isDeepStrictEqual } from 'util';
import { StackArtifact } from './assembly';

/** A custom resource as CloudFormation remembers it between deployments. */
export interface DeployedResource {
  readonly logicalId: string;
  readonly type: string;
  /** The properties as last sent, resolved. */
  readonly properties: Record<string, unknown>;
  readonly physicalResourceId: string;
  readonly attributes: Record<string, string>;
  readonly deletionPolicy?: string;
  readonly updateReplacePolicy?: string;
  /** The ServiceToken it was deployed with (a Provider framework function's ARN): later updates and deletes go there. */
  readonly serviceToken: string;
}

/**
 * A deployed stack: its custom resources, what each depends on (for delete order), and the stack it was
 * deployed from, whose functions serve its later deletes as the deployed Lambda functions would.
 */
export interface StackState {
  readonly name: string;
  readonly resources: ReadonlyMap<string, DeployedResource>;
  readonly dependencies: ReadonlyMap<string, ReadonlySet<string>>;
  readonly artifact: StackArtifact;
}

/** Whether a deployment sends a resource nothing: it is deployed with the same type and resolved properties. */
export function isUnchanged(before: DeployedResource | undefined, type: string, properties: Record<string, unknown>): boolean {
  return before !== undefined && before.type === type && isDeepStrictEqual(before.properties, properties);
}
