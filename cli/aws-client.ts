import { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { ValueOption } from './options';

/** The flags that override the SDK's default configuration, as read. */
export interface AwsOptions {
  readonly profile?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
}

/** The options of the flags that override the SDK's default configuration. */
export function awsOptions(): ValueOption[] {
  return [
    // The SDK reads a profile's endpoint_url only from the profile AWS_PROFILE names, not from the client's profile.
    new ValueOption('--profile <name>', 'Profile of the shared config and credentials files for the Region and credentials (overrides AWS_PROFILE; '
      + 'the SDK takes endpoint_url only from the AWS_PROFILE profile, so use --endpoint-url with it)'),
    new ValueOption('--region <region>', 'AWS Region (overrides AWS_REGION and the profile\'s region)', {
      check: (value) => (/^[a-z0-9]+(-[a-z0-9]+)+$/.test(value) ? undefined : 'use a Region name such as us-east-1.'),
    }),
    new ValueOption('--endpoint-url <url>', 'Send requests to this endpoint, e.g. the emulator of "local --keep" (overrides AWS_ENDPOINT_URL_AMPLIFYBACKEND)', {
      check: (value) => (isHttpUrl(value) ? undefined : 'use an http:// or https:// URL, e.g. http://127.0.0.1:4566.'),
    }),
  ];
}

/** A hung connection must not outlast `jobs wait --timeout`: the SDK's defaults have no time limit. */
const TIMEOUTS = { connectionTimeout: 5_000, requestTimeout: 30_000 };

/**
 * An AmplifyBackend client with the SDK's default configuration, so the standard environment and
 * shared files apply (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL_AMPLIFYBACKEND, credentials,
 * AWS_MAX_ATTEMPTS); only the flags that were given override them.
 */
export function createClient({ profile, region, endpointUrl: endpoint }: AwsOptions): AmplifyBackendClient {
  return new AmplifyBackendClient({
    requestHandler: TIMEOUTS,
    ...(profile !== undefined ? { profile } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
  });
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Runs `use` with a client made from the flags and closes it afterwards (open sockets would keep the process alive). */
export async function withClient<T>(options: AwsOptions, use: (client: AmplifyBackendClient) => Promise<T>): Promise<T> {
  const client = createClient(options);
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}
