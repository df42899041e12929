import { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';

let client: AmplifyBackendClient | undefined;

/**
 * The AmplifyBackend client, created once per container with the SDK's default configuration, so the
 * standard environment (AWS_REGION, AWS_ENDPOINT_URL_AMPLIFYBACKEND, AWS_MAX_ATTEMPTS) applies.
 * Only a request timeout is added: a hung connection must not use up the function's time.
 */
export function amplifyBackend(): AmplifyBackendClient {
  client ??= new AmplifyBackendClient({ requestHandler: { connectionTimeout: 5_000, requestTimeout: 20_000 } });
  return client;
}
