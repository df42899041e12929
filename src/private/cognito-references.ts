import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** The Cognito objects behind an auth resource's ids, for anything that takes an `IUserPool` or `IUserPoolClient`. */
export interface CognitoReferences {
  readonly userPool: cognito.IUserPool;
  readonly webClient: cognito.IUserPoolClient;
  readonly nativeClient: cognito.IUserPoolClient;
}

/** References the user pool and its two app clients by id; nothing is created. */
export function cognitoReferences(scope: Construct, ids: { userPoolId: string; webClientId: string; nativeClientId: string }): CognitoReferences {
  return {
    userPool: cognito.UserPool.fromUserPoolId(scope, 'UserPool', ids.userPoolId),
    webClient: cognito.UserPoolClient.fromUserPoolClientId(scope, 'WebClient', ids.webClientId),
    nativeClient: cognito.UserPoolClient.fromUserPoolClientId(scope, 'NativeClient', ids.nativeClientId),
  };
}
