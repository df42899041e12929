/**
 * The local deployment runner: drives the custom resources of a synthesized cloud assembly through
 * aws-cdk-lib's own Provider-framework runtime and the shipped handler bundles, with CloudFormation's,
 * Lambda's and Step Functions' semantics.
 */
export { readAssembly } from './assembly';
export type { StackArtifact } from './assembly';
export type { ChangeKind, ReplacementRule, ResourceChange } from './change-set';
export { LocalCloudFormation } from './cloudformation';
export type { LocalCloudFormationOptions, ResourceAction, ResourceEvent, StackResult, StackStatus } from './cloudformation';
export type { CustomResourceRequest, CustomResourceResponse } from './custom-resource';
export { capturingLogs } from './handler-logs';
export { restoreHostEnvironment } from './host';
export type { Provider } from './providers';
export type { DeployedResource, StackState } from './stack-state';
export { DEFAULT_LOCATION } from './template';
export type { StackLocation } from './template';
export { HandlerKilled } from './user-function';
export type { HandlerLogLine, InvocationOptions, LambdaHandler } from './user-function';
