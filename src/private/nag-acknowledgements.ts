import { Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledgements of AwsSolutions (cdk-nag) findings that are inherent to the provider, recorded
 * with aws-cdk-lib's `Validations` on the one resource that carries each finding, by the finding's own
 * id, so users who run cdk-nag see only findings about their own resources, and nothing broader is hidden.
 */

/** cdk-nag's id of a wildcard-resource finding: `AwsSolutions-IAM5[Resource::<rendered resource>]`. */
function wildcardFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${rendered(Stack.of(scope).resolve(resource))}]`;
}

/** Renders a resolved value as cdk-nag names it in finding ids: Ref and Fn::GetAtt as `<Name>`, joins concatenated. */
function rendered(value: any): string {
  if (typeof value === 'string') return value;
  if (value?.Ref) return `<${value.Ref}>`;
  if (value?.['Fn::GetAtt']) return `<${value['Fn::GetAtt'].join('.')}>`;
  if (value?.['Fn::Join']) return value['Fn::Join'][1].map(rendered).join(value['Fn::Join'][0]);
  return JSON.stringify(value);
}

/** Why a per-app ARN ends in a wildcard. */
export const APP_SCOPE_REASON = 'The AmplifyBackend API authorizes per app: /backend/<appId>/* is this app\'s environments, storage and jobs, and nothing else';

/** Acknowledges one wildcard resource of one policy. */
export function acknowledgeWildcard(policy: IConstruct, resource: string, reason: string): void {
  acknowledge(policy, wildcardFinding(policy, resource), reason);
}

/**
 * Records an acknowledgement as `Validations.acknowledge` does. Releases at the peer floor (2.257) refuse
 * ids with more than one `::`, which cdk-nag's per-finding ids carry inside their ARNs; for those, the
 * same metadata entry that later releases write is written directly.
 */
function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (id.split('::').length > 2) {
    scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [`Annotation::${id}`]: reason });
  } else {
    Validations.of(scope).acknowledge({ id, reason });
  }
}

/** The provider's own parts that carry findings. */
export interface ProviderParts {
  readonly handler: IConstruct & { readonly functionArn: string };
  /** The roles of the framework's functions, which invoke the handler. */
  readonly frameworkRoles: IConstruct[];
  /** aws-cdk-lib's Provider construct. */
  readonly provider: IConstruct;
  readonly roles: IConstruct[];
  readonly inVpc: boolean;
}

/** Acknowledges the findings of the Provider framework's own wiring and of VPC access. */
export function acknowledgeProviderFindings(parts: ProviderParts): void {
  const invokeReason = 'aws-cdk-lib grants lambda:InvokeFunction on <function ARN>:* so that qualified versions can be invoked; '
    + 'it names one function of this provider';
  for (const role of parts.frameworkRoles) {
    acknowledgeWildcard(role.node.findChild('DefaultPolicy'), `${parts.handler.functionArn}:*`, invokeReason);
  }

  const waiter = parts.provider.node.findChild('waiter-state-machine');
  const waiterPolicy = waiter.node.findChild('Role').node.findChild('DefaultPolicy');
  for (const name of ['framework-isComplete', 'framework-onTimeout']) {
    const fn = parts.provider.node.findChild(name) as IConstruct & { readonly functionArn: string };
    acknowledgeWildcard(waiterPolicy, `${fn.functionArn}:*`, invokeReason);
  }
  Validations.of(waiter.node.findChild('Resource')).acknowledge(
    {
      id: 'AwsSolutions-SF1',
      reason: 'The waiter only calls isComplete at the query interval; the handler logs every decision (resource, request, job, status) to the provider\'s log group',
    },
    {
      id: 'AwsSolutions-SF2',
      reason: 'aws-cdk-lib\'s Provider framework offers no tracing for its waiter; its steps are Lambda invocations whose decisions the handler logs',
    },
  );

  if (parts.inVpc) {
    for (const role of parts.roles) {
      acknowledge(role, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]',
        'A function in a VPC needs to create and delete its network interfaces; this AWS managed policy grants exactly that');
    }
  }
}
