/**
 * The local deployment runner: deploys the stacks of a synthesized cloud assembly as CloudFormation would,
 * its custom resources through aws-cdk-lib's own Provider-framework runtime and the shipped handler bundles,
 * with CloudFormation's, Lambda's and Step Functions' semantics.
 */
export { readAssembly } from './assembly';
export type { StackArtifact } from './assembly';
export { KNOWN_AFTER_DEPLOY } from './change-set';
export type { ChangeKind, ReplacementRule, ResourceChange } from './change-set';
export { LocalCloudFormation } from './cloudformation';
export type { LocalCloudFormationOptions, OperationOptions, ResourceAction, ResourceEvent, StackResult, StackStatus } from './cloudformation';
export type { CustomResourceRequest, CustomResourceResponse } from './custom-resource';
export type { OtherStacks } from './deployed-context';
export { capturingLogs } from './handler-logs';
export { restoreHostEnvironment } from './host';
export { ParameterError } from './parameters';
export type { Provider } from './providers';
export type { LocalAccount } from './resource-models';
export { customResources } from './stack-state';
export type { DeployedResource, ResourceModel, StackOutput, StackState } from './stack-state';
export { DEFAULT_LOCATION } from './template';
export type { StackLocation } from './template';
export { HandlerKilled } from './user-function';
export type { HandlerLogLine, InvocationOptions, LambdaHandler } from './user-function';
