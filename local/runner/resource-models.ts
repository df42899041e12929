import { randomInt } from 'crypto';
import { ResourceModel } from './stack-state';

/** What the emulated account does for the resources of a stack that exist in it (model `account`). */
export interface LocalAccount {
  /** Creates an S3 bucket; throws if the account has one of that name. */
  createBucket(name: string): void;
  deleteBucket(name: string): void;
  /** Creates or replaces a Secrets Manager secret, by ARN. */
  putSecret(arn: string, value: string): void;
  deleteSecret(arn: string): void;
}

/** The types that exist in the emulated account, and the types that run locally; every other type is known by name only. */
const ACCOUNT_TYPES = ['AWS::S3::Bucket', 'AWS::SecretsManager::Secret'];
const CODE_TYPES = ['AWS::Lambda::Function', 'AWS::StepFunctions::StateMachine'];

/** How the runner stands up a resource of this type (`served`: a custom resource whose ServiceToken is a Provider framework of the stack). */
export function modelOf(type: string, served: boolean): ResourceModel {
  if (served) return 'provider';
  if (ACCOUNT_TYPES.includes(type)) return 'account';
  return CODE_TYPES.includes(type) ? 'code' : 'name';
}

/** Makes an `account` resource exist (`existed`: an instance of that physical id exists already), or brings it to its properties. */
export function standUp(
  account: LocalAccount, type: string, physicalResourceId: string, properties: Record<string, unknown>, existed: boolean,
): void {
  if (type === 'AWS::S3::Bucket') {
    if (!existed) account.createBucket(physicalResourceId);
  } else if (type === 'AWS::SecretsManager::Secret') {
    account.putSecret(physicalResourceId, secretText(properties));
  }
}

/** Deletes an `account` resource from the emulated account. */
export function tearDown(account: LocalAccount, type: string, physicalResourceId: string): void {
  if (type === 'AWS::S3::Bucket') account.deleteBucket(physicalResourceId);
  else if (type === 'AWS::SecretsManager::Secret') account.deleteSecret(physicalResourceId);
}

/** Options of `GenerateSecretString`, as Secrets Manager's GetRandomPassword takes them. */
interface GenerateSecretString {
  readonly PasswordLength?: number;
  readonly ExcludeCharacters?: string;
  readonly ExcludeLowercase?: boolean;
  readonly ExcludeUppercase?: boolean;
  readonly ExcludeNumbers?: boolean;
  readonly ExcludePunctuation?: boolean;
  readonly IncludeSpace?: boolean;
  readonly SecretStringTemplate?: string;
  readonly GenerateStringKey?: string;
}

/** A secret's text: its SecretString, or a password generated as GenerateSecretString asks (inside the template's JSON under its key). */
function secretText(properties: Record<string, unknown>): string {
  if (typeof properties.SecretString === 'string') return properties.SecretString;
  const options = (properties.GenerateSecretString ?? {}) as GenerateSecretString;
  const password = generatePassword(options);
  if (options.SecretStringTemplate === undefined || options.GenerateStringKey === undefined) return password;
  return JSON.stringify({ ...JSON.parse(options.SecretStringTemplate), [options.GenerateStringKey]: password });
}

function generatePassword(options: GenerateSecretString): string {
  const sets = [
    options.ExcludeLowercase ? '' : 'abcdefghijklmnopqrstuvwxyz',
    options.ExcludeUppercase ? '' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    options.ExcludeNumbers ? '' : '0123456789',
    options.ExcludePunctuation ? '' : '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
    options.IncludeSpace ? ' ' : '',
  ];
  const alphabet = [...sets.join('')].filter((character) => !(options.ExcludeCharacters ?? '').includes(character));
  if (alphabet.length === 0) throw new Error('GenerateSecretString excludes every character');
  return Array.from({ length: Number(options.PasswordLength ?? 32) }, () => alphabet[randomInt(alphabet.length)]).join('');
}
