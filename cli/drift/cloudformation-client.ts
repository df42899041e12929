import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { AwsOptions } from '../aws-client';

/** A hung connection must not hang the command (the SDK's defaults have no time limit). */
const TIMEOUTS = { connectionTimeout: 5_000, requestTimeout: 30_000 };

/**
 * The CloudFormation client drift reads stacks with, made as `createClient` makes the AmplifyBackend one:
 * the SDK's default configuration (AWS_PROFILE, AWS_REGION, credentials, AWS_MAX_ATTEMPTS, and
 * AWS_ENDPOINT_URL_CLOUDFORMATION for another endpoint), with --profile and --region over it.
 * --endpoint-url is AmplifyBackend's alone: the two services are rarely at the same place.
 */
export function createCloudFormationClient({ profile, region }: AwsOptions): CloudFormationClient {
  return new CloudFormationClient({
    requestHandler: TIMEOUTS,
    ...(profile !== undefined ? { profile } : {}),
    ...(region !== undefined ? { region } : {}),
  });
}
