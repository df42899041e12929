import * as path from 'path';
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { HANDLER_ENVIRONMENT } from './private/contract';

const QUERY_INTERVAL = Duration.seconds(5);
const TOTAL_TIMEOUT = Duration.minutes(30);

/**
 * The custom-resource provider behind every Amplify backend construct of a stack: one function that
 * serves as both onEvent and isComplete, wrapped by aws-cdk-lib's Provider framework, which polls
 * until the AmplifyBackend job is done.
 */
export class AmplifyBackendProvider extends Construct {
  /** The stack's provider, created on first use. */
  public static of(scope: IConstruct): AmplifyBackendProvider {
    const stack = Stack.of(scope);
    const id = 'AmplifyBackendProvider';
    return (stack.node.tryFindChild(id) as AmplifyBackendProvider | undefined) ?? new AmplifyBackendProvider(stack, id);
  }

  /** The ServiceToken of the custom resources. */
  public readonly serviceToken: string;
  /** How long CloudFormation waits for an answer: the provider's total timeout plus a margin. */
  public readonly serviceTimeout: Duration;
  private readonly handler: lambda.Function;
  /** One policy statement per set of actions, listing every app that needs them. */
  private readonly statements = new Map<string, iam.PolicyStatement>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.handler = new lambda.Function(this, 'Handler', {
      description: 'cdk-amplify-backend: starts AmplifyBackend jobs and waits for them (Custom::AmplifyBackend*)',
      runtime: lambda.Runtime.NODEJS_24_X,
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'assets', 'lambda', 'provider')),
      handler: 'index.handler',
      timeout: Duration.minutes(2),
      environment: {
        [HANDLER_ENVIRONMENT.totalTimeoutSeconds]: String(TOTAL_TIMEOUT.toSeconds()),
        [HANDLER_ENVIRONMENT.queryIntervalSeconds]: String(QUERY_INTERVAL.toSeconds()),
      },
    });
    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: this.handler,
      isCompleteHandler: this.handler,
      queryInterval: QUERY_INTERVAL,
      totalTimeout: TOTAL_TIMEOUT,
    });
    this.serviceToken = provider.serviceToken;
    this.serviceTimeout = TOTAL_TIMEOUT.plus(Duration.minutes(5));
  }

  /**
   * Lets the handler call `actions` (AmplifyBackend operation names) on `resourceArn`. Resources that
   * need the same actions share one statement, so the policy grows by one ARN per app, not per construct.
   */
  public allow(actions: string[], resourceArn: string): void {
    const key = [...actions].sort().join(',');
    let statement = this.statements.get(key);
    if (!statement) {
      statement = new iam.PolicyStatement({ actions: actions.map((action) => `amplifybackend:${action}`) });
      this.statements.set(key, statement);
      this.handler.addToRolePolicy(statement);
    }
    if (!statement.resources.includes(resourceArn)) statement.addResources(resourceArn);
  }

  /** ARN of one app's backend (`.../backend/<appId>/*`: environments, storage, jobs), or of every app's for CreateBackend. */
  public backendArn(appId?: string): string {
    return Stack.of(this).formatArn({
      service: 'amplifybackend',
      resource: '/backend',
      resourceName: appId === undefined ? '*' : `${appId}/*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }
}
