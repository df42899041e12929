import * as path from 'path';
import { DeployedResource } from './stack-state';

/** A Lambda function as deployed: where its code is and what it runs with. */
export interface FunctionDeclaration {
  readonly logicalId: string;
  /** The function's name (its physical id). */
  readonly name: string;
  /** The unpacked asset folder of its code; undefined when its code is not a file asset of the app. */
  readonly folder?: string;
  readonly handlerModule: string;
  readonly exportName: string;
  /** Its environment variables, as deployed (resolved). */
  readonly variables: Record<string, string>;
}

/** The functions and state machines a stack has at this moment, found by ARN. */
export interface DeployedCode {
  function(arn: string): FunctionDeclaration | undefined;
  /** A state machine's definition (its DefinitionString as deployed). */
  stateMachine(arn: string): string | undefined;
}

/**
 * The functions and state machines among `resources` (read each time, so a live map of a deployment in
 * progress serves the code deployed so far), their code found by asset hash with `assetFolder`.
 */
export function deployedCode(resources: () => Iterable<DeployedResource>, assetFolder: (hash: string) => string | undefined): DeployedCode {
  const find = (type: string, arn: string) => [...resources()].find((resource) => resource.type === type && resource.attributes.Arn === arn);
  return {
    function: (arn) => {
      const resource = find('AWS::Lambda::Function', arn);
      if (!resource) return undefined;
      const { Handler: handler, Code: code, Environment: environment } = resource.properties as {
        Handler?: string; Code?: { S3Key?: unknown }; Environment?: { Variables?: Record<string, string> };
      };
      const [handlerModule, exportName] = String(handler).split('.');
      return {
        logicalId: resource.logicalId,
        name: resource.physicalResourceId,
        folder: typeof code?.S3Key === 'string' ? assetFolder(assetHash(code.S3Key)) : undefined,
        handlerModule,
        exportName,
        variables: environment?.Variables ?? {},
      };
    },
    stateMachine: (arn) => {
      const definition = find('AWS::StepFunctions::StateMachine', arn)?.properties.DefinitionString;
      return typeof definition === 'string' ? definition : undefined;
    },
  };
}

/** The asset hash of a file asset's S3 key (`<hash>.zip`). */
export function assetHash(s3Key: string): string {
  return path.basename(s3Key).replace(/\.zip$/, '');
}

/** The asset hashes the functions among `resources` run. */
export function assetsInUse(resources: Iterable<DeployedResource>): string[] {
  return [...resources]
    .filter((resource) => resource.type === 'AWS::Lambda::Function')
    .map((resource) => (resource.properties.Code as { S3Key?: unknown } | undefined)?.S3Key)
    .filter((key): key is string => typeof key === 'string')
    .map(assetHash);
}
