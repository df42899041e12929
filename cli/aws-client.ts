import { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { OptionSpec, ParsedArgs } from './args';

/** The flags that override the SDK's default configuration. */
export const AWS_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'profile',
    kind: 'string',
    placeholder: '<name>',
    // The SDK reads a profile's endpoint_url only from the profile AWS_PROFILE names, not from the client's profile.
    description: 'Profile of the shared config and credentials files for the Region and credentials (overrides AWS_PROFILE; '
      + 'the SDK takes endpoint_url only from the AWS_PROFILE profile, so use --endpoint-url with it)',
  },
  {
    name: 'region',
    kind: 'string',
    placeholder: '<region>',
    description: 'AWS Region (overrides AWS_REGION and the profile\'s region)',
    check: (value) => (/^[a-z0-9]+(-[a-z0-9]+)+$/.test(value) ? undefined : 'use a Region name such as us-east-1.'),
  },
  {
    name: 'endpoint-url',
    kind: 'string',
    placeholder: '<url>',
    description: 'Send requests to this endpoint, e.g. the emulator of "local --keep" (overrides AWS_ENDPOINT_URL_AMPLIFYBACKEND)',
    check: (value) => (isHttpUrl(value) ? undefined : 'use an http:// or https:// URL, e.g. http://127.0.0.1:4566.'),
  },
];

/** A hung connection must not outlast `jobs wait --timeout`: the SDK's defaults have no time limit. */
const TIMEOUTS = { connectionTimeout: 5_000, requestTimeout: 30_000 };

/**
 * An AmplifyBackend client with the SDK's default configuration, so the standard environment and
 * shared files apply (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL_AMPLIFYBACKEND, credentials,
 * AWS_MAX_ATTEMPTS); only the flags that were given override them.
 */
export function createClient(args: ParsedArgs): AmplifyBackendClient {
  const profile = args.optionalText('profile');
  const region = args.optionalText('region');
  const endpoint = args.optionalText('endpoint-url');
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
export async function withClient<T>(args: ParsedArgs, use: (client: AmplifyBackendClient) => Promise<T>): Promise<T> {
  const client = createClient(args);
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}
