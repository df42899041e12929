/**
 * The local deployment runner: drives the Amplify custom resources of a synthesized cloud assembly
 * through the shipped handler bundles, with the Provider framework's and CloudFormation's semantics.
 */
export { readAssembly } from './assembly';
export type { StackArtifact } from './assembly';
export { LocalCloudFormation } from './cloudformation';
export type { DeployedResource, LocalCloudFormationOptions, ResourceAction, ResourceEvent, StackResult, StackState, StackStatus } from './cloudformation';
export { capturingLogs } from './handler-logs';
export { restoreHostEnvironment } from './host';
export { CREATE_FAILED_MARKER, HandlerKilled, isHandlerKilled, runThroughProvider } from './provider-framework';
export type { CustomResourceRequest, CustomResourceResponse, ProviderFunctions } from './provider-framework';
export type { HandlerLogLine, InvocationOptions, LambdaHandler } from './providers';
