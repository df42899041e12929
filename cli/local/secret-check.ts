import { shortJson } from './app-references';
import { constructNames } from './deployment-report';
import { PROVIDERS } from '../../lambda/auth-settings';
import { secretText } from '../../lambda/secret-text';
import { StackArtifact } from '../../local/runner';
import { findSecret, secretName } from '../../local/secrets-manager';
import { AppleProviderProperties, AUTH_RESOURCE_TYPE, SocialProviderProperties } from '../../src/private/contract';
import { PROGRAM } from '../help';

/** A place in the stacks that reads a secret at deploy time. */
export interface SecretUse {
  /** The secret's name or ARN, as the template gives it. */
  readonly secretId: string;
  /** The key read from a JSON secret; absent when the whole text is read. */
  readonly jsonField?: string;
  /** `Stack/Construct (Type)`: the construct path when the app has path metadata, the logical id otherwise. */
  readonly resource: string;
  /** Where in the resource's properties, e.g. `OAuth.Google.ClientSecret`. */
  readonly property: string;
}

/** A secret the stacks read that the local Secrets Manager cannot serve as they read it. */
export interface SecretProblem {
  /** The name the secret goes by (an ARN's name without its suffix): what `local secrets set` takes. */
  readonly name: string;
  /** What is wrong with its value (never the value), or undefined when there is no such secret. */
  readonly problem?: string;
  readonly uses: readonly SecretUse[];
}

/** What checking found: the secrets that cannot be served, and one line per reference that could not be checked. */
export interface SecretCheck {
  readonly problems: readonly SecretProblem[];
  readonly skipped: readonly string[];
}

/** `{{resolve:secretsmanager:<id>[:SecretString[:<json-key>[:<stage>[:<version id>]]]]}}`, as CloudFormation reads it. */
const DYNAMIC_REFERENCE = '{{resolve:secretsmanager:';

/**
 * Whether the secrets (by name or ARN, as the local Secrets Manager holds them) serve every secret the stacks
 * read: the social sign-in secrets of `Custom::AmplifyBackendAuth` (`SecretReference`s) and CloudFormation's
 * dynamic references to Secrets Manager in any resource's properties. A secret the stack creates (a `Ref` to its
 * `AWS::SecretsManager::Secret`) needs nothing; one named by another value that is not a literal (an `Fn::Join`)
 * cannot be looked up here and is skipped.
 */
export function checkSecrets(stacks: readonly StackArtifact[], secrets: Readonly<Record<string, string>>): SecretCheck {
  const uses: SecretUse[] = [];
  const skipped: string[] = [];
  for (const stack of stacks) {
    const names = constructNames(stack);
    for (const [logicalId, resource] of Object.entries(stack.template.Resources)) {
      const where = `${stack.name}/${names.get(logicalId) ?? logicalId} (${resource.Type})`;
      const found = { use: (use: Omit<SecretUse, 'resource'>) => uses.push({ ...use, resource: where }), skip: (line: string) => skipped.push(`${where}: ${line}`) };
      if (resource.Type === AUTH_RESOURCE_TYPE) socialSecrets(resource.Properties?.OAuth, found, stack);
      dynamicReferences(resource.Properties ?? {}, '', found);
    }
  }
  const problems = new Map<string, { name: string; problem?: string; uses: SecretUse[] }>();
  for (const use of uses) {
    const key = findSecret(secrets, use.secretId);
    const read = key === undefined ? undefined : secretText(secrets[key], { JsonField: use.jsonField });
    if (read && 'value' in read) continue;
    const name = secretName(use.secretId);
    const problem = read?.problem;
    const entry = problems.get(`${name}\u0000${problem}`) ?? { name, problem, uses: [] };
    entry.uses.push(use);
    problems.set(`${name}\u0000${problem}`, entry);
  }
  return { problems: [...problems.values()], skipped };
}

/** What the readers of a resource report: a secret it reads, or a reference that cannot be checked. */
interface Found {
  use(use: Omit<SecretUse, 'resource'>): void;
  skip(line: string): void;
}

/** The `SecretReference`s of the auth resource's social providers (`OAuth.<Provider>.ClientSecret`, Apple's `PrivateKey`). */
function socialSecrets(oAuth: unknown, found: Found, stack: StackArtifact): void {
  if (!isObject(oAuth)) return;
  for (const provider of PROVIDERS) {
    const key: keyof SocialProviderProperties | keyof AppleProviderProperties = provider === 'SignInWithApple' ? 'PrivateKey' : 'ClientSecret';
    const settings = oAuth[provider];
    const reference = isObject(settings) ? settings[key] : undefined;
    if (!isObject(reference)) continue;
    const property = `OAuth.${provider}.${key}`;
    const { SecretId: secretId, JsonField: jsonField } = reference;
    if (createdByStack(stack, secretId)) continue;
    if (typeof secretId !== 'string') {
      found.skip(`${property} names its secret with ${shortJson(secretId)}, not a literal name or ARN, so it is not checked before deploying`);
    } else {
      found.use({ secretId, jsonField: typeof jsonField === 'string' && jsonField !== '' ? jsonField : undefined, property });
    }
  }
}

/** Whether a secret id is a `Ref` to a secret the stack creates: the deployment makes it, with its value. */
function createdByStack(stack: StackArtifact, secretId: unknown): boolean {
  const id = isObject(secretId) ? secretId.Ref : undefined;
  return typeof id === 'string' && stack.template.Resources[id]?.Type === 'AWS::SecretsManager::Secret';
}

/** Every dynamic reference to Secrets Manager in the string values under `value`, whose place is `path`. */
function dynamicReferences(value: unknown, path: string, found: Found): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => dynamicReferences(item, `${path}[${index}]`, found));
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) dynamicReferences(item, path === '' ? key : `${path}.${key}`, found);
  } else if (typeof value === 'string') {
    for (let start = value.indexOf(DYNAMIC_REFERENCE); start !== -1; start = value.indexOf(DYNAMIC_REFERENCE, start + 1)) {
      const end = value.indexOf('}}', start);
      const reference = end === -1 ? '' : value.slice(start + DYNAMIC_REFERENCE.length, end);
      if (reference === '' || reference.includes('${')) {
        found.skip(`${path} holds a dynamic reference to Secrets Manager that is put together at deploy time (Fn::Join, Fn::Sub), `
          + 'so it is not checked before deploying');
        continue;
      }
      const [secretId, jsonField] = parseDynamicReference(reference);
      found.use({ secretId, jsonField, property: `${path} (a dynamic reference)` });
    }
  }
}

/** `<id>:SecretString:<json-key>:<stage>:<version id>` (all after the id optional; an ARN id holds colons itself) as id and key. */
function parseDynamicReference(reference: string): [string, string | undefined] {
  const at = reference.indexOf(':SecretString');
  if (at === -1) return [reference, undefined];
  const jsonField = reference.slice(at + ':SecretString'.length).split(':')[1];
  return [reference.slice(0, at), jsonField || undefined];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The problems as the lines a deploy stops with: per secret, what is wrong, who reads it, and the two ways to
 * give it (`local secrets set`, with the `--state-dir` the deploy was given, or `--secret`). Never a value.
 */
export function describeSecretProblems(problems: readonly SecretProblem[], stateDir?: string): string[] {
  const count = problems.length === 1 ? 'a secret' : `${problems.length} secrets`;
  const lines = [`The local Secrets Manager cannot serve ${count} that the stacks read, so nothing was deployed:`];
  for (const { name, problem, uses } of problems) {
    lines.push(`  ${name}: ${problem ?? 'there is no such secret'}.`);
    for (const use of uses) {
      const field = use.jsonField === undefined ? '' : `, field "${use.jsonField}"`;
      lines.push(`    read by ${use.resource}, ${use.property}${field}`);
    }
    const fields = [...new Set(uses.map((use) => use.jsonField).filter((field) => field !== undefined))];
    const value = fields.length === 0 ? '<value>' : JSON.stringify(Object.fromEntries(fields.map((field) => [field, '<value>'])));
    const set = [PROGRAM, 'local', 'secrets', 'set', name, ...stateDir === undefined ? [] : ['--state-dir', stateDir]].map(shellWord).join(' ');
    lines.push(`    ${problem === undefined ? 'Add' : 'Replace'} it: ${set}  (reads ${fields.length === 0 ? 'the value' : `JSON like ${value}`} from stdin),`);
    lines.push(`    or give it to this deploy: --secret ${shellWord(`${name}=${value}`)}`);
  }
  return lines;
}

/** A word as a POSIX shell reads it back: as it is when it needs no quotes, otherwise in single quotes. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, '\'\\\'\'')}'`;
}
