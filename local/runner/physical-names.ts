import { createHash } from 'crypto';
import { StackLocation } from './template';

/** What a resource is known by once created: its physical id (what Ref answers) and its attributes (Fn::GetAtt). */
export interface PhysicalIdentity {
  readonly physicalResourceId: string;
  readonly attributes: Record<string, string>;
}

/** How CloudFormation names one resource type, and what Ref and Fn::GetAtt answer for it. */
interface TypeRule {
  /** The property that names the resource; without it CloudFormation generates a name. */
  readonly nameProperty?: string;
  /** The longest name the type allows; a generated name is cut to fit. */
  readonly maxLength?: number;
  /** S3: generated names are lowercase. */
  readonly lowercase?: boolean;
  /** Secrets Manager generates `<logical id>-<suffix>`, without the stack name. */
  readonly withoutStackName?: boolean;
  /** What Ref answers, and the attributes, given the name. */
  readonly identity: (name: string, at: Arns, unique: string) => PhysicalIdentity;
}

/** ARNs of the stack's account and Region. */
interface Arns {
  readonly region: string;
  readonly account: string;
  arn(service: string, resource: string, options?: { region?: string; account?: string }): string;
}

const named = (name: string, attributes: Record<string, string> = {}): PhysicalIdentity => ({ physicalResourceId: name, attributes });

/** The resource types whose names and attributes the runner knows; any other gets a generated name and ARN. */
const RULES: Record<string, TypeRule> = {
  'AWS::S3::Bucket': {
    nameProperty: 'BucketName',
    maxLength: 63,
    lowercase: true,
    identity: (name, at) => named(name, {
      Arn: at.arn('s3', name, { region: '', account: '' }),
      DomainName: `${name}.s3.amazonaws.com`,
      RegionalDomainName: `${name}.s3.${at.region}.amazonaws.com`,
      DualStackDomainName: `${name}.s3.dualstack.${at.region}.amazonaws.com`,
      WebsiteURL: `http://${name}.s3-website-${at.region}.amazonaws.com`,
    }),
  },
  'AWS::Lambda::Function': {
    nameProperty: 'FunctionName',
    maxLength: 64,
    identity: (name, at) => named(name, { Arn: at.arn('lambda', `function:${name}`) }),
  },
  'AWS::StepFunctions::StateMachine': {
    nameProperty: 'StateMachineName',
    maxLength: 80,
    identity: (name, at) => {
      const arn = at.arn('states', `stateMachine:${name}`);
      return { physicalResourceId: arn, attributes: { Arn: arn, Name: name } };
    },
  },
  'AWS::SecretsManager::Secret': {
    nameProperty: 'Name',
    maxLength: 256,
    withoutStackName: true,
    identity: (name, at, unique) => {
      // Secrets Manager appends six characters of its own to the name in the ARN.
      const arn = at.arn('secretsmanager', `secret:${name}-${unique.slice(0, 6)}`);
      return { physicalResourceId: arn, attributes: { Id: arn, Name: name } };
    },
  },
  'AWS::IAM::Role': {
    nameProperty: 'RoleName',
    maxLength: 64,
    identity: (name, at, unique) => named(name, { Arn: at.arn('iam', `role/${name}`, { region: '' }), RoleId: `AROA${unique.slice(0, 17)}` }),
  },
  'AWS::IAM::ManagedPolicy': {
    nameProperty: 'ManagedPolicyName',
    maxLength: 128,
    identity: (name, at) => {
      const arn = at.arn('iam', `policy/${name}`, { region: '' });
      return { physicalResourceId: arn, attributes: { PolicyArn: arn } };
    },
  },
  'AWS::Logs::LogGroup': {
    nameProperty: 'LogGroupName',
    maxLength: 512,
    identity: (name, at) => named(name, { Arn: at.arn('logs', `log-group:${name}:*`) }),
  },
  'AWS::SNS::Topic': {
    nameProperty: 'TopicName',
    maxLength: 256,
    identity: (name, at) => {
      const arn = at.arn('sns', name);
      return { physicalResourceId: arn, attributes: { TopicArn: arn, TopicName: name } };
    },
  },
  'AWS::SQS::Queue': {
    nameProperty: 'QueueName',
    maxLength: 80,
    identity: (name, at) => {
      const url = `https://sqs.${at.region}.amazonaws.com/${at.account}/${name}`;
      return { physicalResourceId: url, attributes: { Arn: at.arn('sqs', name), QueueName: name, QueueUrl: url } };
    },
  },
  'AWS::DynamoDB::Table': {
    nameProperty: 'TableName',
    maxLength: 255,
    identity: (name, at) => named(name, { Arn: at.arn('dynamodb', `table/${name}`), StreamArn: at.arn('dynamodb', `table/${name}/stream/local`) }),
  },
  'AWS::Cognito::UserPool': {
    identity: (_name, at, unique) => {
      const id = `${at.region}_${unique.slice(0, 9)}`;
      return named(id, {
        Arn: at.arn('cognito-idp', `userpool/${id}`),
        ProviderName: `cognito-idp.${at.region}.amazonaws.com/${id}`,
        ProviderURL: `https://cognito-idp.${at.region}.amazonaws.com/${id}`,
        UserPoolId: id,
      });
    },
  },
  'AWS::KMS::Key': {
    identity: (_name, at, unique) => {
      const hex = createHash('sha256').update(unique).digest('hex');
      const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
      return named(id, { Arn: at.arn('kms', `key/${id}`), KeyId: id });
    },
  },
};

/**
 * What CloudFormation calls a new resource of this stack: its name property when the template gives one,
 * otherwise a generated name, `<stack name>-<logical id>-<13 characters>` cut to the type's length and
 * lowercase where the type needs it (S3), as CloudFormation generates them. The suffix is derived from
 * the stack and logical id, so a resource keeps its name from one deployment to the next.
 */
export function physicalIdentity(
  stackName: string, logicalId: string, type: string, properties: Record<string, unknown>, location: StackLocation,
): PhysicalIdentity {
  const rule = RULES[type] ?? genericRule(type);
  const unique = suffix(stackName, logicalId);
  const given = rule.nameProperty === undefined ? undefined : properties[rule.nameProperty];
  const name = typeof given === 'string' ? given : generatedName(stackName, logicalId, rule, unique);
  return rule.identity(name, arns(location), unique);
}

/** The property that names a resource of this type, if the runner knows one. */
export function nameProperty(type: string): string | undefined {
  return RULES[type]?.nameProperty;
}

function generatedName(stackName: string, logicalId: string, rule: TypeRule, unique: string): string {
  const base = rule.withoutStackName ? logicalId : `${stackName}-${logicalId}`;
  const name = `${base.slice(0, (rule.maxLength ?? 128) - unique.length - 1)}-${unique}`;
  return rule.lowercase ? name.toLowerCase() : name;
}

/** Any other type: named as CloudFormation names most, with an ARN of its service. */
function genericRule(type: string): TypeRule {
  const [, service = 'unknown', kind = 'resource'] = type.split('::');
  return { identity: (name, at) => named(name, { Arn: at.arn(service.toLowerCase(), `${kind.toLowerCase()}/${name}`) }) };
}

/** Thirteen uppercase letters and digits from the stack and logical id, as stable as CloudFormation's random ones are for a resource's life. */
function suffix(stackName: string, logicalId: string): string {
  const digest = createHash('sha256').update(`${stackName}/${logicalId}`).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return [...digest.subarray(0, 13)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

function arns(location: StackLocation): Arns {
  return {
    ...location,
    arn: (service, resource, options = {}) => `arn:aws:${service}:${options.region ?? location.region}:${options.account ?? location.account}:${resource}`,
  };
}
