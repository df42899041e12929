import { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

const TIMEOUTS = { connectionTimeout: 5_000, requestTimeout: 20_000 };

let reader: AmplifyBackendClient | undefined;
let writer: AmplifyBackendClient | undefined;
let secrets: SecretsManagerClient | undefined;

/**
 * The AmplifyBackend client for reads, created once per container with the SDK's default
 * configuration, so the standard environment (AWS_REGION, AWS_ENDPOINT_URL_AMPLIFYBACKEND,
 * AWS_MAX_ATTEMPTS) applies. Only timeouts are added: a hung connection must not use up the function's time.
 */
export function amplifyBackend(): AmplifyBackendClient {
  reader ??= new AmplifyBackendClient({ requestHandler: TIMEOUTS });
  return reader;
}

/**
 * The client for calls that start jobs: the same, but each call is sent once. A retry after a lost
 * answer would reach the service while the job it started is pending; the reconciler's next poll
 * reads the state instead and decides from that.
 */
export function amplifyBackendOnce(): AmplifyBackendClient {
  writer ??= new AmplifyBackendClient({ requestHandler: TIMEOUTS, maxAttempts: 1 });
  return writer;
}

/**
 * The Secrets Manager client that reads social sign-in secrets just before a call that needs them, with
 * the SDK's default configuration (AWS_ENDPOINT_URL_SECRETS_MANAGER applies) and the same timeouts.
 */
export function secretsManager(): SecretsManagerClient {
  secrets ??= new SecretsManagerClient({ requestHandler: TIMEOUTS });
  return secrets;
}
