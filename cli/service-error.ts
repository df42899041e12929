import * as fs from 'node:fs';
import { EXIT } from './exit-codes';
import { classifyError, serviceText } from '../lambda/errors';

/**
 * What kind of failure stopped an AWS call. It decides the exit code, and whether `jobs wait` polls again.
 * - `configuration`: no Region, no credentials or an unknown profile; nothing can be sent until it is fixed.
 * - `unreachable`: no answer: the endpoint's host name did not resolve, the connection was refused or reset, or it timed out.
 * - `transient`: throttling or a 5xx answer.
 * - `not-found`: the service answered that what was asked for does not exist.
 * - `refused`: the service refused the request for another reason.
 */
export type FailureKind = 'configuration' | 'unreachable' | 'transient' | 'not-found' | 'refused';

const EXIT_CODES: Record<FailureKind, number> = {
  'configuration': EXIT.awsConfiguration,
  'unreachable': EXIT.unreachable,
  'transient': EXIT.failed,
  'not-found': EXIT.failed,
  'refused': EXIT.failed,
};

/** Something on the AWS side of a command went wrong: printed as the problem, then what to do about it. */
export class AwsFailure extends Error {
  /** The exit code that tells scripts this kind of failure apart. */
  readonly exitCode: number;

  constructor(readonly kind: FailureKind, readonly problem: string, readonly hint?: string) {
    super(hint ? `${problem}\n${hint}` : problem);
    this.name = 'AwsFailure';
    this.exitCode = EXIT_CODES[kind];
  }

  /** The same failure, with what to do about it, for a caller that knows the settings or arguments used. */
  withHint(hint: string): AwsFailure {
    return new AwsFailure(this.kind, this.problem, hint);
  }
}

/** The profile the SDK reads settings and credentials from, and the files it reads it from. */
export interface ProfileInUse {
  readonly name: string;
  /** What named it; undefined for the default profile, which need not exist. */
  readonly namedBy?: '--profile' | 'AWS_PROFILE';
  readonly configFile: string;
  readonly credentialsFile: string;
}

/** The profile named by --profile or AWS_PROFILE is in neither shared file; `profiles` are those the files do have. */
export function unknownProfile(profile: ProfileInUse, profiles: readonly string[]): AwsFailure {
  const named = `Profile "${profile.name}" (named by ${profile.namedBy})`;
  const { configFile, credentialsFile } = profile;
  const create = `"aws configure --profile ${profile.name}"`;
  if (!fs.existsSync(configFile) && !fs.existsSync(credentialsFile)) {
    return new AwsFailure('configuration', `${named} was not found: neither ${configFile} nor ${credentialsFile} exists.`,
      `Create it with ${create}, or point AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE at the files that have it.`);
  }
  const theirs = profiles.length > 0 ? `their profiles: ${profiles.join(', ')}` : 'they have no profiles';
  return new AwsFailure('configuration', `${named} is in neither ${configFile} nor ${credentialsFile}; ${theirs}.`,
    `Give the name of one of them, or create it with ${create}.`);
}

/** The SDK found no Region (`error` says how it failed). */
export function noRegion(error: unknown, profile: ProfileInUse): AwsFailure {
  return new AwsFailure('configuration', `No AWS Region is set (${serviceText(error)}).`,
    `Give --region (for example --region us-east-1), set AWS_REGION, or set region in profile "${profile.name}" of ${profile.configFile}.`);
}

/** The SDK found no credentials (`error` says how it failed), from a named profile or anywhere. */
export function noCredentials(error: unknown, profile: ProfileInUse): AwsFailure {
  const why = serviceText(error);
  if (profile.namedBy === undefined) {
    return new AwsFailure('configuration', `No AWS credentials were found (${why}).`,
      'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, name a profile that has credentials with --profile or AWS_PROFILE, '
      + 'or run "aws configure" to give the default profile some.');
  }
  const { name } = profile;
  return new AwsFailure('configuration', `Profile "${name}" (named by ${profile.namedBy}) gave no AWS credentials (${why}).`,
    `Add them with "aws configure --profile ${name}" (or sign in with "aws sso login --profile ${name}" if it is an SSO profile), `
    + 'or name another profile.');
}

/** An AWS call that failed: prints as `<Operation> failed: <what happened>`, then what to do about it. */
export class ServiceCallError extends AwsFailure {
  constructor(readonly operation: string, readonly serviceError: unknown) {
    super(kindOf(serviceError), `${operation} failed: ${whatHappened(serviceError)}`);
    this.name = 'ServiceCallError';
  }

  /** The endpoint's host name did not resolve: a wrong endpoint, or no network at all. */
  get hostUnresolved(): boolean {
    return DNS_CODES.has(networkCodeOf(this.serviceError) ?? '');
  }
}

/** Runs one call; an error becomes a ServiceCallError naming the operation. */
export async function callService<T>(operation: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw new ServiceCallError(operation, error);
  }
}

/** Whether a poll that failed this way is worth another try: the service may answer next time. */
export function isRetryable(failure: AwsFailure): boolean {
  return failure.kind === 'transient' || failure.kind === 'unreachable';
}

/**
 * The handlers' classification, and one more kind: a network failure (no HTTP status: no answer came)
 * means the endpoint is unreachable.
 */
function kindOf(error: unknown): FailureKind {
  const unanswered = httpStatusOf(error) === undefined;
  switch (classifyError(error)) {
    case 'transient': return unanswered ? 'unreachable' : 'transient';
    case 'not-found': return 'not-found';
    default: return 'refused';
  }
}

/** The SDK's text; for an unreachable endpoint, in words first, then the SDK's text in parentheses. */
function whatHappened(error: unknown): string {
  const text = serviceText(error).replace(SDK_WRAPPER, '');
  if (kindOf(error) !== 'unreachable') return text;
  const code = networkCodeOf(error);
  const words = DNS_CODES.has(code ?? '') ? 'the endpoint\'s host name does not resolve'
    : code === 'ECONNREFUSED' ? 'the endpoint refused the connection'
      : (error as { name?: string }).name === 'TimeoutError' || code === 'ETIMEDOUT' ? 'the endpoint did not answer in time'
        : 'the connection to the endpoint failed';
  return `${words} (${text})`;
}

/** getaddrinfo's codes for a name that does not resolve (for good, or for now). */
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN']);

/**
 * The SDK wraps an error that is no `Error` of its own realm (one from Node's sockets, seen from a jest
 * sandbox) in a new Error whose message is this prefix and the original's text, dropping its code.
 */
const SDK_WRAPPER = /^AWS SDK error wrapper for (Error: )?/;

/** The Node.js error code (`ECONNREFUSED`), or, where the SDK's wrapping dropped it, the one its message names. */
function networkCodeOf(error: unknown): string | undefined {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return code ?? /\b(E[A-Z_]{3,})\b/.exec(message ?? '')?.[1];
}

function httpStatusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}
