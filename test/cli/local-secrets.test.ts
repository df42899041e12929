import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command } from 'commander';
import { checkSecretOption, localSecrets, LocalSecretsError, secretOptions } from '../../cli/local/secrets';
import { readCommandLine } from '../../cli/options';

const GOOGLE_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:photo-share/google-AbCdEf';
/** A value that must never be printed. */
const KNOWN_SECRET = 'never-printed-4d1f';

let folder: string;
beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'local-secrets-'));
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

/** A secrets file with this text, in the test's folder. */
function secretsFile(name: string, text: string): string {
  const file = path.join(folder, name);
  fs.writeFileSync(file, text);
  return file;
}

/** What `localSecrets` throws, as a LocalSecretsError's message. */
function refusal(secret: readonly string[], file?: string): string {
  try {
    localSecrets(secret, file);
  } catch (error) {
    expect(error).toBeInstanceOf(LocalSecretsError);
    return (error as Error).message;
  }
  throw new Error('localSecrets did not refuse');
}

describe('checkSecretOption', () => {
  test('accepts <name or ARN>=<value>, the value being anything after the first =, empty too', () => {
    for (const value of ['photo-share/apple-key=abc', `${GOOGLE_ARN}={"clientSecret":"a=b"}`, 'name=']) {
      expect(checkSecretOption(value)).toBeUndefined();
    }
  });

  test('refuses a value without a name or without =, saying the form and never repeating the value', () => {
    for (const value of [KNOWN_SECRET, `=${KNOWN_SECRET}`]) {
      const problem = checkSecretOption(value);
      expect(problem).toMatch(/^use <secret name or ARN>=<value>, e\.g\. /);
      expect(problem).not.toContain(KNOWN_SECRET);
    }
  });

  test('on the command line, a bad --secret is a usage error (exit 2) that names the option and not the value', () => {
    const command = new Command('deploy').exitOverride();
    secretOptions('account').forEach((option) => command.addOption(option));
    command.configureOutput({ writeErr: () => undefined }).action(() => {
      readCommandLine(command);
    });
    expect(() => command.parse(['--secret', 'photo-share/google=ok', '--secret', KNOWN_SECRET], { from: 'user' }))
      .toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/^Invalid --secret: use <secret name or ARN>=<value>/) }));
    expect(() => command.parse(['--secret', KNOWN_SECRET], { from: 'user' })).toThrow(expect.objectContaining({
      message: expect.not.stringContaining(KNOWN_SECRET),
    }));
  });
});

describe('localSecrets', () => {
  test('reads --secret values and a secrets file, a --secret overriding the file\'s entry of the same name', () => {
    const file = secretsFile('both.json', JSON.stringify({ [GOOGLE_ARN]: '{"clientSecret":"from-file"}', 'photo-share/apple-key': 'file-key' }));
    expect(localSecrets(['photo-share/apple-key=cli-key', 'other=a=b'], file)).toEqual({
      [GOOGLE_ARN]: '{"clientSecret":"from-file"}',
      'photo-share/apple-key': 'cli-key',
      'other': 'a=b',
    });
    expect(localSecrets([])).toEqual({});
  });

  test('refuses the same secret given twice with --secret, naming it', () => {
    expect(refusal(['key=one', `key=${KNOWN_SECRET}`])).toBe('--secret key was given more than once; give each secret once.');
  });

  test('a missing file, a folder, bad JSON, and JSON that is not an object of strings are refused naming the file, never a value', () => {
    const missing = path.join(folder, 'missing.json');
    expect(refusal([], missing)).toBe(`Cannot read --secrets-file ${missing}: there is no such file.`);
    expect(refusal([], folder)).toBe(`Cannot read --secrets-file ${folder}: it is a folder.`);

    const broken = secretsFile('broken.json', `{"key": "${KNOWN_SECRET}",}`);
    expect(refusal([], broken)).toBe(`--secrets-file ${broken} is not valid JSON: write one JSON object of secret name or ARN to its text, `
      + 'e.g. {"photo-share/apple-key": "local-key"}.');
    const list = secretsFile('list.json', `["${KNOWN_SECRET}"]`);
    expect(refusal([], list)).toMatch(new RegExp(`^--secrets-file ${list} holds an array, not an object: write one JSON object`));

    const nested = secretsFile('nested.json', JSON.stringify({ good: 'x', [GOOGLE_ARN]: { clientSecret: KNOWN_SECRET } }));
    expect(refusal([], nested)).toBe(`--secrets-file ${nested}: the value of "${GOOGLE_ARN}" is an object, not a string: give the secret's text `
      + '(a JSON secret as a string of JSON, e.g. "{\\"clientSecret\\": \\"local\\"}").');
    const number = secretsFile('number.json', '{"pin": 1234}');
    expect(refusal([], number)).toMatch(/: the value of "pin" is a number, not a string/);
    const unnamed = secretsFile('unnamed.json', `{"": "${KNOWN_SECRET}"}`);
    expect(refusal([], unnamed)).toBe(`--secrets-file ${unnamed}: a secret has an empty name; name each secret or give its ARN.`);
  });
});
