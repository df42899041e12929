import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/** A stack in a fixed account and region, so ARNs and snapshots are stable. */
export function testStack(id = 'TestStack'): Stack {
  return new Stack(new App(), id, { env: { account: '123456789012', region: 'us-east-1' } });
}

/** The ServiceToken of custom resources served by a stack's default provider. */
export const DEFAULT_SERVICE_TOKEN = { 'Fn::GetAtt': ['AmplifyBackendProviderframeworkonEvent7163FA0F', 'Arn'] };

/** The template as JSON with asset hashes masked, for snapshots that survive handler changes. */
export function maskedTemplate(stack: Stack): unknown {
  const json = JSON.stringify(Template.fromStack(stack).toJSON());
  return JSON.parse(json.replace(/[0-9a-f]{64}(\.zip)?/g, '[ASSET HASH]'));
}

/** Every IAM policy statement of the template. */
export function policyStatements(stack: Stack): Array<{ Action: string | string[]; Resource: unknown }> {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  return Object.values(policies).flatMap((policy: any) => policy.Properties.PolicyDocument.Statement);
}
