import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { IAmplifyBackendProvider } from '../../src';

/**
 * A provider that is only what the constructs need of one (a ServiceToken, a timeout, a role to grant to):
 * thousands of synths with the real provider's Lambda functions and state machine would take minutes.
 */
class StubProvider extends Construct implements IAmplifyBackendProvider {
  readonly serviceToken = 'arn:aws:lambda:us-east-1:123456789012:function:amplify-backend-provider';
  readonly serviceTimeout = Duration.minutes(35);
  readonly handlerRole: iam.IRole = iam.Role.fromRoleArn(this, 'Role', 'arn:aws:iam::123456789012:role/amplify-backend-handler');

  allowOperations(): void {}

  allowSecretRead(): void {}
}

/** The stack's stub provider. */
export function stubProvider(stack: Stack): IAmplifyBackendProvider {
  return new StubProvider(stack, 'StubProvider');
}
