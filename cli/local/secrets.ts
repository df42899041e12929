import * as fs from 'node:fs';
import { ValueOption } from '../options';

/** `<name or ARN>=<value>`: the name is everything before the first `=`. */
const SECRET = /^([^=]+)=([\s\S]*)$/;

/**
 * A problem with the secrets the command was given: a missing or unreadable `--secrets-file`, one that is
 * not a JSON object of strings, or a secret given twice. Its message never holds a secret's value.
 */
export class LocalSecretsError extends Error {
  readonly name = 'LocalSecretsError';
}

/** Checks a `--secret` value without ever repeating it (it holds a secret). */
export function checkSecretOption(value: string): string | undefined {
  return SECRET.test(value) ? undefined
    : 'use <secret name or ARN>=<value>, e.g. photo-share/apple-key=local-key or \'photo-share/google={"clientSecret":"local"}\' for a JSON secret.';
}

/**
 * `--secret` (repeatable) and `--secrets-file`, for a command that deploys locally: into the `account`'s secrets,
 * kept in the state folder for later commands, or for this `run` only (a throw-away account).
 */
export function secretOptions(lasting: 'account' | 'run'): ValueOption[] {
  const where = lasting === 'account'
    ? 'put into the account\'s secrets in the state folder (secrets.json, owner-only), where later commands find it without the option'
    : 'for this run only';
  return [
    new ValueOption('--secret <name>=<value>', 'A secret the handler may read from the local Secrets Manager, by name or ARN '
      + `(e.g. a social sign-in client secret; JSON text for a JSON secret), ${where}; never printed. The name ends at the first "=": `
      + 'give a name that holds "=" in --secrets-file', { repeatable: true, check: checkSecretOption, sensitive: true }),
    new ValueOption('--secrets-file <file>', `A JSON file of secrets, {"<name or ARN>": "<value>", ...}, ${where}, as --secret`),
  ];
}

/**
 * The secrets for the local Secrets Manager, by name or ARN: the `--secrets-file` first, then each `--secret`,
 * which may override the file's entry but not repeat another `--secret`.
 */
export function localSecrets(secret: readonly string[], secretsFile?: string): Record<string, string> {
  const secrets: Record<string, string> = secretsFile === undefined ? {} : readSecretsFile(secretsFile);
  const given = new Set<string>();
  for (const value of secret) {
    const match = SECRET.exec(value);
    if (!match) throw new Error('Bug: a --secret value was not checked.');
    const [, name, text] = match;
    if (given.has(name)) throw new LocalSecretsError(`--secret ${name} was given more than once; give each secret once.`);
    given.add(name);
    secrets[name] = text;
  }
  return secrets;
}

/** A secrets file's entries; the errors name the file and the entry, never a value (a parser's message may quote one). */
function readSecretsFile(file: string): Record<string, string> {
  const form = 'write one JSON object of secret name or ARN to its text, e.g. {"photo-share/apple-key": "local-key"}';
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : `it cannot be read (${code ?? 'unknown error'})`;
    throw new LocalSecretsError(`Cannot read --secrets-file ${file}: ${why}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new LocalSecretsError(`--secrets-file ${file} is not valid JSON: ${form}.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new LocalSecretsError(`--secrets-file ${file} holds ${kindOf(parsed)}, not an object: ${form}.`);
  }
  const entries = Object.entries(parsed as Record<string, unknown>);
  for (const [name, value] of entries) {
    if (typeof value !== 'string') {
      throw new LocalSecretsError(`--secrets-file ${file}: the value of "${name}" is ${kindOf(value)}, not a string: give the secret's text `
        + '(a JSON secret as a string of JSON, e.g. "{\\"clientSecret\\": \\"local\\"}").');
    }
    if (name === '') throw new LocalSecretsError(`--secrets-file ${file}: a secret has an empty name; name each secret or give its ARN.`);
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

/** What kind of JSON value this is, in words: `an array`, `a number`, `null`. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
