import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { secretText } from './secret-text';
import { SecretReference } from '../src/private/contract';

/**
 * Reads secrets from AWS Secrets Manager at deploy time. A value read here goes into one AmplifyBackend
 * call and nowhere else: errors name the secret and the field, never the value.
 */

/** A secret the handler could not read: the name and metadata of the SDK's error are kept for classification. */
function secretError(reference: SecretReference, what: string, problem: string, cause?: unknown): Error {
  const field = reference.JsonField ? ` (field "${reference.JsonField}")` : '';
  const error = new Error(`could not read ${what} from Secrets Manager secret ${reference.SecretId}${field}: ${problem}`);
  const { name, code, $metadata } = (cause ?? {}) as { name?: string; code?: string; $metadata?: unknown };
  return Object.assign(error, { name: name ?? 'SecretError', code, $metadata });
}

/** The secret's text, or the value of its JSON field; `what` names it for messages, e.g. `the Google client secret`. */
export async function readSecret(client: SecretsManagerClient, reference: SecretReference, what: string): Promise<string> {
  let response;
  try {
    response = await client.send(new GetSecretValueCommand({
      SecretId: reference.SecretId,
      VersionStage: reference.VersionStage,
      VersionId: reference.VersionId,
    }));
  } catch (error) {
    throw secretError(reference, what, (error as Error).message, error);
  }
  const text = response.SecretString ?? (response.SecretBinary ? Buffer.from(response.SecretBinary).toString('utf8') : undefined);
  const read = secretText(text, reference);
  if ('problem' in read) throw secretError(reference, what, read.problem);
  return read.value;
}
