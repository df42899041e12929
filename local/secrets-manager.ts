import { errorReply } from './emulator/dispatcher';
import { ApiError } from './emulator/errors';
import { listen, Listener } from './emulator/http';

/** How the stand-in names a secret: an ARN's name without its six-character suffix, or the name itself. */
export function secretName(id: string): string {
  const arnName = /^arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:(.+)$/.exec(id)?.[1];
  return arnName === undefined ? id : arnName.replace(/-[A-Za-z0-9]{6}$/, '');
}

/** The key of `secrets` that answers for `id` (the same name or ARN, or the same name as the ARN's), if any. */
export function findSecret(secrets: Readonly<Record<string, string>>, id: string): string | undefined {
  return Object.keys(secrets).find((key) => key === id || secretName(key) === secretName(id));
}

/**
 * A stand-in for AWS Secrets Manager that serves GetSecretValue, and nothing else, for the secrets it was
 * given, over HTTP for the unmodified SDK client (`AWS_ENDPOINT_URL_SECRETS_MANAGER`). Local deployments
 * reach no AWS account; the auth handler reads social sign-in secrets from here at deploy time.
 */
export class LocalSecretsManager {
  /** Starts the server; `secrets` maps secret ARNs or names to their text (a JSON string for JSON secrets). */
  static async start(secrets: Readonly<Record<string, string>>): Promise<LocalSecretsManager> {
    const manager = new LocalSecretsManager({ ...secrets });
    manager.listener = await listen((method, _url, body, headers) => manager.answer(method, body, headers['x-amz-target']), 0);
    return manager;
  }

  private listener!: Listener;
  private readonly reads: string[] = [];

  private constructor(private readonly secrets: Record<string, string>) {}

  /** The base URL, for `AWS_ENDPOINT_URL_SECRETS_MANAGER`. */
  get endpoint(): string {
    return this.listener.endpoint;
  }

  /** Creates or replaces a secret (one the stack creates: AWS::SecretsManager::Secret), by ARN or name. */
  put(id: string, value: string): void {
    this.secrets[id] = value;
  }

  /** Deletes a secret, by the id it was put with. */
  remove(id: string): void {
    delete this.secrets[id];
  }

  /** Every secret it holds now, by name or ARN: those it was started with, and those put since. */
  all(): Record<string, string> {
    return { ...this.secrets };
  }

  /** The secret ids GetSecretValue was called with, oldest first. */
  requests(): string[] {
    return [...this.reads];
  }

  /** Stops the server. */
  async close(): Promise<void> {
    await this.listener.close();
  }

  private answer(method: string, body: string, target: string | string[] | undefined) {
    if (method !== 'POST' || target !== 'secretsmanager.GetSecretValue') {
      return errorReply(new ApiError(400, 'UnknownOperationException', `The local Secrets Manager serves GetSecretValue only, not ${String(target)}.`));
    }
    const secretId = String((JSON.parse(body || '{}') as { SecretId?: unknown }).SecretId ?? '');
    this.reads.push(secretId);
    const key = findSecret(this.secrets, secretId);
    if (key === undefined) {
      return errorReply(new ApiError(400, 'ResourceNotFoundException', 'Secrets Manager can\'t find the specified secret.'));
    }
    return {
      status: 200,
      body: { ARN: key.startsWith('arn:') ? key : secretId, Name: secretName(key), VersionId: 'local-1', VersionStages: ['AWSCURRENT'], SecretString: this.secrets[key] },
    };
  }
}
