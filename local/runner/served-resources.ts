import { StackArtifact } from './assembly';
import { assetHash } from './deployed-code';
import { FrameworkRuntime } from './framework-runtime';

/**
 * The custom resources the runner serves in a stack: those whose ServiceToken is the ARN (`Fn::GetAtt`) of a
 * function of the stack that runs aws-cdk-lib's Provider framework (its code an asset of the app). Every
 * other custom resource is known by name only.
 */
export function servedResources(stack: StackArtifact): Set<string> {
  const resources = stack.template.Resources;
  const served = new Set<string>();
  for (const [id, resource] of Object.entries(resources)) {
    const token = resource.Properties?.ServiceToken as { 'Fn::GetAtt'?: unknown } | undefined;
    const getAtt = token?.['Fn::GetAtt'];
    if (!Array.isArray(getAtt) || getAtt[1] !== 'Arn') continue;
    const fn = resources[String(getAtt[0])];
    if (fn?.Type !== 'AWS::Lambda::Function') continue;
    const s3Key = (fn.Properties?.Code as { S3Key?: unknown } | undefined)?.S3Key;
    const folder = typeof s3Key === 'string' ? stack.assets.get(assetHash(s3Key)) : undefined;
    const handlerModule = String(fn.Properties?.Handler ?? '').split('.')[0];
    if (folder && FrameworkRuntime.isFramework(folder, handlerModule)) served.add(id);
  }
  return served;
}
