import { CfnDeletionPolicy, CfnResource, CustomResource, RemovalPolicy } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import type { IAmplifyBackendProvider } from '../provider';

/** What the two removal policies that apply do to one kind of resource, for messages. */
export interface RemovalMeaning {
  /** What `DESTROY` does when the resource leaves the stack, e.g. `DeleteBackendStorage unlinks the storage`. */
  readonly destroy: string;
  /** What `RETAIN` does, e.g. `the storage stays linked`. */
  readonly retain: string;
}

/** The custom resource behind one construct of this library. */
export interface BackendResourceOptions {
  readonly provider: IAmplifyBackendProvider;
  readonly resourceType: string;
  /** What the construct's `removalPolicy` prop says, or its default. */
  readonly removalPolicy: RemovalPolicy;
  /** What DESTROY and RETAIN mean for this resource: the message that refuses SNAPSHOT names them. */
  readonly removal: RemovalMeaning;
  /** The properties the handler gets (one of the `*ResourceProperties` of the contract). */
  readonly properties: object;
}

/**
 * Creates the construct's custom resource (`<construct>/Resource`) and makes its CloudFormation resource the
 * construct's default child, as an L2's L1 is in aws-cdk-lib. `applyRemovalPolicy()` on the construct, and
 * `RemovalPolicies.of()`, then set the DeletionPolicy that decides whether CloudFormation sends the handler a
 * Delete at all, exactly as the `removalPolicy` prop does; `node.defaultChild` is the escape hatch to the L1.
 * SNAPSHOT means nothing to the AmplifyBackend API: refused at once when it is the prop, and at synth when it
 * was applied in any other way.
 */
export function backendResource(scope: Construct, options: BackendResourceOptions): CustomResource {
  if (options.removalPolicy === RemovalPolicy.SNAPSHOT) throw snapshotRefused(scope, options.removal);
  const resource = new CustomResource(scope, 'Resource', {
    serviceToken: options.provider.serviceToken,
    resourceType: options.resourceType,
    serviceTimeout: options.provider.serviceTimeout,
    removalPolicy: options.removalPolicy,
    properties: { ...options.properties },
  });
  const cfn = resource.node.defaultChild as CfnResource;
  scope.node.defaultChild = cfn;
  // Validations run once every aspect (RemovalPolicies.of() is one) has applied its policy.
  scope.node.addValidation({
    validate: () => (isSnapshot(cfn) ? [snapshotRefused(scope, options.removal).message] : []),
  });
  return resource;
}

/** Whether a construct's CloudFormation resource is deleted, kept, or is not this library's (undefined). */
export function deletionPolicyOf(construct: IConstruct): CfnDeletionPolicy | undefined {
  const cfn = construct.node.defaultChild;
  if (!CfnResource.isCfnResource(cfn)) return undefined;
  return cfn.cfnOptions.deletionPolicy ?? CfnDeletionPolicy.DELETE;
}

function isSnapshot(cfn: CfnResource): boolean {
  return cfn.cfnOptions.deletionPolicy === CfnDeletionPolicy.SNAPSHOT || cfn.cfnOptions.updateReplacePolicy === CfnDeletionPolicy.SNAPSHOT;
}

function snapshotRefused(scope: IConstruct, removal: RemovalMeaning): Error {
  return new Error(`Invalid removalPolicy SNAPSHOT at ${scope.node.path}: the AmplifyBackend API keeps no snapshots. `
    + `Use RemovalPolicy.DESTROY (${removal.destroy}) or RemovalPolicy.RETAIN (${removal.retain}).`);
}
