import * as path from 'node:path';
import { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { CONFIG_PREFIX_SEPARATOR, getHomeDir, getProfileName, loadSharedConfigFiles } from '@smithy/core/config';
import { ValueOption } from './options';
import { AwsFailure, noCredentials, noRegion, ProfileInUse, unknownProfile } from './service-error';

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

/** The flags, and for a command that waits, how long one request may take at most. */
export interface AwsClientOptions extends AwsOptions {
  /** @default 30 s */
  readonly requestTimeoutMs?: number;
}

/** The configuration every client of the command gets: the flags given, and time limits. */
export interface AwsClientConfig {
  readonly requestHandler: { readonly connectionTimeout: number; readonly requestTimeout: number; readonly throwOnRequestTimeout: true };
  readonly profile?: string;
  readonly region?: string;
  readonly endpoint?: string;
}

/** What the command needs of an SDK client, whichever service it is for. */
export interface AwsClient {
  readonly config: {
    readonly serviceId: string;
    region(): Promise<string>;
    credentials(): Promise<unknown>;
  };
  destroy(): void;
}

/**
 * The most one connection and one request may take (`jobs wait` lowers both to its --timeout): the SDK's
 * defaults have no time limit, and without throwOnRequestTimeout a request past its requestTimeout only logs a warning.
 */
const CONNECTION_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * The configuration of an SDK client with the SDK's defaults, so the standard environment and shared
 * files apply (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL_<SERVICE>, credentials, AWS_MAX_ATTEMPTS);
 * only the flags that were given override them.
 */
export function clientConfig({ profile, region, endpointUrl: endpoint, requestTimeoutMs }: AwsClientOptions): AwsClientConfig {
  const requestTimeout = Math.min(requestTimeoutMs ?? REQUEST_TIMEOUT_MS, REQUEST_TIMEOUT_MS);
  return {
    requestHandler: { connectionTimeout: Math.min(CONNECTION_TIMEOUT_MS, requestTimeout), requestTimeout, throwOnRequestTimeout: true },
    ...(profile !== undefined ? { profile } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
  };
}

/**
 * Runs `use` with a client of `Client` (any SDK v3 client: AmplifyBackend, CloudFormation, ...) made from
 * the flags, and closes it afterwards (open sockets would keep the process alive). Before the first call
 * it checks that a profile named by --profile or AWS_PROFILE exists and resolves the Region and the
 * credentials, so that a missing one fails as an `AwsFailure` that names the settings that fix it; an
 * endpoint that does not answer fails naming the setting that chose it.
 */
export async function withAwsClient<C extends AwsClient, T>(
  Client: new (config: AwsClientConfig) => C, options: AwsClientOptions, use: (client: C) => Promise<T>,
): Promise<T> {
  const profile = await checkedProfile(options);
  const client = new Client(clientConfig(options));
  try {
    const region = await client.config.region().catch((error: unknown) => Promise.reject(noRegion(error, profile)));
    await client.config.credentials().catch((error: unknown) => Promise.reject(noCredentials(error, profile)));
    return await use(client).catch((error: unknown) => {
      if (error instanceof AwsFailure && error.kind === 'unreachable' && error.hint === undefined) {
        throw error.withHint(unreachableHint(options, client.config.serviceId, region));
      }
      throw error;
    });
  } finally {
    client.destroy();
  }
}

/** Names the setting that chose the endpoint, as the SDK picks it: the flag, then the environment, then the Region. */
function unreachableHint(options: AwsOptions, serviceId: string, region: string): string {
  if (options.endpointUrl !== undefined) return `Check that --endpoint-url ${options.endpointUrl} is right and that the service runs there.`;
  // The SDK's names: AWS_ENDPOINT_URL_<serviceId in capitals, spaces as underscores>, then AWS_ENDPOINT_URL.
  const variables = [`AWS_ENDPOINT_URL_${serviceId.toUpperCase().replace(/ /g, '_')}`, 'AWS_ENDPOINT_URL'];
  const variable = variables.find((name) => process.env[name]);
  if (variable !== undefined) return `Check that ${variable}=${process.env[variable]} is right and that the service runs there.`;
  return `Check the network connection, and the Region ${region} (--region, AWS_REGION or the profile's region) that picks the endpoint `
    + '(or the profile\'s endpoint_url, if it has one).';
}

/** `withAwsClient` for the AmplifyBackend API. */
export function withClient<T>(options: AwsClientOptions, use: (client: AmplifyBackendClient) => Promise<T>): Promise<T> {
  return withAwsClient(AmplifyBackendClient, options, use);
}

/**
 * The profile the SDK will read, with the files it reads it from (as the SDK finds them); one named by
 * --profile or AWS_PROFILE must be in one of them, or the SDK would only say that the Region is missing.
 */
async function checkedProfile(options: AwsOptions): Promise<ProfileInUse> {
  const namedBy = options.profile ? '--profile' : process.env.AWS_PROFILE ? 'AWS_PROFILE' : undefined;
  const profile: ProfileInUse = {
    name: getProfileName({ profile: options.profile }),
    namedBy,
    configFile: process.env.AWS_CONFIG_FILE || path.join(getHomeDir(), '.aws', 'config'),
    credentialsFile: process.env.AWS_SHARED_CREDENTIALS_FILE || path.join(getHomeDir(), '.aws', 'credentials'),
  };
  if (namedBy === undefined) return profile;
  const files = await loadSharedConfigFiles({ configFilepath: profile.configFile, filepath: profile.credentialsFile, ignoreCache: true });
  const profiles = new Set([...Object.keys(files.configFile), ...Object.keys(files.credentialsFile)]);
  if (profiles.has(profile.name)) return profile;
  // Other sections of the config file (sso-session, services) are keyed `<type>.<name>`.
  throw unknownProfile(profile, [...profiles].filter((name) => !name.includes(CONFIG_PREFIX_SEPARATOR)).sort());
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
