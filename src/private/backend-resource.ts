import { CustomResource, RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { IAmplifyBackendProvider } from '../provider';

/** The custom resource behind one construct of this library. */
export interface BackendResourceOptions {
  readonly provider: IAmplifyBackendProvider;
  readonly resourceType: string;
  /** What the construct's `removalPolicy` prop says, or its default. */
  readonly removalPolicy: RemovalPolicy;
  /** The properties the handler gets (one of the `*ResourceProperties` of the contract). */
  readonly properties: object;
}

/**
 * Creates the construct's custom resource (`<construct>/Resource`) and makes its CloudFormation resource the
 * construct's default child, as an L2's L1 is in aws-cdk-lib. `applyRemovalPolicy()` on the construct, and
 * `RemovalPolicies.of()`, then set the DeletionPolicy that decides whether CloudFormation sends the handler a
 * Delete at all, exactly as the `removalPolicy` prop does; `node.defaultChild` is the escape hatch to the L1.
 */
export function backendResource(scope: Construct, options: BackendResourceOptions): CustomResource {
  const resource = new CustomResource(scope, 'Resource', {
    serviceToken: options.provider.serviceToken,
    resourceType: options.resourceType,
    serviceTimeout: options.provider.serviceTimeout,
    removalPolicy: options.removalPolicy,
    properties: { ...options.properties },
  });
  scope.node.defaultChild = resource.node.defaultChild;
  return resource;
}
