import { ArnFormat, SecretValue, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { SecretReference } from './contract';

/** A Secrets Manager secret as the handler reads it, and the ARN its role needs GetSecretValue on. */
export interface ParsedSecret {
  readonly reference: SecretReference;
  /** The secret's ARN for the policy: a complete ARN, or `<partial ARN>-??????` for a name or partial ARN. */
  readonly policyArn: string;
}

const SECRETS_MANAGER_REFERENCE = /^\{\{resolve:secretsmanager:(.+):SecretString:([^:]*):([^:]*):([^:]*)\}\}$/s;

/**
 * Reads where a `SecretValue` keeps its value: only `SecretValue.secretsManager` (which `ISecret.secretValue`
 * and `secretValueFromJson` return too) names a secret the handler can read at deploy time. Anything else
 * would put the value, or a reference CloudFormation resolves into the custom resource's properties, in
 * reach of the template and the Provider framework's logs, so it is refused; the message never shows the value.
 */
export function secretReference(scope: IConstruct, property: string, value: SecretValue): ParsedSecret {
  const stack = Stack.of(scope);
  if (!SecretValue.isSecretValue(value)) throw refused(scope, property, describe(typeof value === 'string' ? value : undefined));
  // unsafeUnwrap only to inspect the reference at synth: the value never reaches the template.
  const resolved = stack.resolve(value.unsafeUnwrap());
  const match = SECRETS_MANAGER_REFERENCE.exec(asText(resolved) ?? '');
  if (!match) throw refused(scope, property, describe(resolved));
  const [, secretId, jsonField, versionStage, versionId] = match;
  return {
    reference: {
      SecretId: secretId,
      JsonField: jsonField || undefined,
      VersionStage: versionStage || undefined,
      VersionId: versionId || undefined,
    },
    policyArn: policyArn(stack, secretId),
  };
}

function refused(scope: IConstruct, property: string, kind: string): Error {
  return new Error(`Invalid ${property} at ${scope.node.path}: ${kind} would be written into the template or the `
    + 'custom resource\'s properties; give a secret in AWS Secrets Manager: SecretValue.secretsManager(arn, { jsonField }), '
    + 'or secret.secretValue / secret.secretValueFromJson(field) of an ISecret.');
}

/** The reference as one string, with any CloudFormation expression inside it kept as a token. */
function asText(resolved: unknown): string | undefined {
  if (typeof resolved === 'string') return resolved;
  const join = (resolved as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  if (!join || join[0] !== '') return undefined;
  return join[1].map((part) => (typeof part === 'string' ? part : Token.asString(part))).join('');
}

/**
 * A complete ARN (its name ends in `-` and six characters) is granted as it is; a secret given by name or
 * partial ARN as `-??????`, which matches that one name with any suffix. A secret id that is only a token
 * (`secret.secretArn` of a secret in the app) is a complete ARN.
 */
function policyArn(stack: Stack, secretId: string): string {
  const fragments = Tokenization.reverseString(secretId);
  if (fragments.length === 1 && fragments.firstToken !== undefined) return secretId;
  if (secretId.startsWith('arn:')) return /-[a-zA-Z0-9]{6}$/.test(secretId) ? secretId : `${secretId}-??????`;
  return stack.formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: `${secretId}-??????`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
}

/** What kind of value was given instead, without showing it. */
function describe(resolved: unknown): string {
  if (typeof resolved !== 'string') return 'a CloudFormation expression (a parameter or an attribute)';
  if (resolved.startsWith('{{resolve:ssm-secure:')) return 'an SSM SecureString parameter (CloudFormation resolves it into the properties)';
  if (resolved.startsWith('{{resolve:')) return 'a dynamic reference (CloudFormation resolves it into the properties)';
  return 'a plain-text value';
}
