import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SecretsStore } from '../../local/secrets-store';

// renameSync passes through; one test watches what it renames. Mocked for the module, as every importer sees it.
jest.mock('node:fs', () => {
  const actual = jest.requireActual('node:fs');
  return { ...actual, renameSync: jest.fn(actual.renameSync) };
});

const GOOGLE_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:photo-share/google-AbCdEf';
/** A value that must never be in a message. */
const KNOWN_SECRET = 'never-shown-51c0';

let folder: string;
beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-store-'));
});
afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

/** The permission bits of a file's mode. */
const modeOf = (file: string) => fs.statSync(file).mode % 0o1000;

describe('SecretsStore', () => {
  test('keeps secrets for a later store of the same file, which has none before the first is put', () => {
    const file = path.join(folder, 'state', 'secrets.json');
    expect(new SecretsStore(file).read()).toEqual({});
    expect(fs.existsSync(file)).toBe(false);
    new SecretsStore(file).put({ 'photo-share/apple-key': 'apple', [GOOGLE_ARN]: '{"clientSecret":"google"}' });
    expect(new SecretsStore(file).read()).toEqual({ 'photo-share/apple-key': 'apple', [GOOGLE_ARN]: '{"clientSecret":"google"}' });
    expect(new SecretsStore(file).names()).toEqual([GOOGLE_ARN, 'photo-share/apple-key']);
  });

  test('the file is owner-only (0600) under any umask, replacing a file of a wider mode, and never written readable by others', () => {
    const file = path.join(folder, 'secrets.json');
    const store = new SecretsStore(file);
    const umask = process.umask(0);
    // What the file is like just before it takes the secrets file's name.
    const writtenModes: number[] = [];
    const renameSync = jest.mocked(fs.renameSync);
    const rename = jest.requireActual<typeof fs>('node:fs').renameSync;
    renameSync.mockImplementation((from, to) => {
      writtenModes.push(modeOf(String(from)));
      return rename(from, to);
    });
    try {
      store.put({ a: 'one' });
      expect(modeOf(file)).toBe(0o600);
      fs.chmodSync(file, 0o644);
      store.put({ b: 'two' });
      expect(modeOf(file)).toBe(0o600);
      expect(writtenModes).toEqual([0o600, 0o600]);
    } finally {
      renameSync.mockImplementation(rename);
      process.umask(umask);
    }
    // A copy put there by hand is made owner-only when read.
    fs.chmodSync(file, 0o644);
    expect(store.read()).toEqual({ a: 'one', b: 'two' });
    expect(modeOf(file)).toBe(0o600);
    expect(fs.readdirSync(folder)).toEqual(['secrets.json']);
  });

  test('a name and its ARN are one secret: putting one replaces the other, deleting either removes it', () => {
    const store = new SecretsStore(path.join(folder, 'secrets.json'));
    expect(store.put({ 'photo-share/google': 'old' })).toEqual([]);
    expect(store.put({ [GOOGLE_ARN]: 'new' })).toEqual(['photo-share/google']);
    expect(store.read()).toEqual({ [GOOGLE_ARN]: 'new' });
    expect(store.delete('photo-share/other')).toEqual([]);
    expect(store.delete('photo-share/google')).toEqual([GOOGLE_ARN]);
    expect(store.read()).toEqual({});
  });

  test('a file that is not JSON, or of another format, is refused naming the file and saying what to do, never showing a value', () => {
    const file = path.join(folder, 'secrets.json');
    fs.writeFileSync(file, `{"format": 1, "secrets": {"a": "${KNOWN_SECRET}",}}`);
    expect(() => new SecretsStore(file).read()).toThrow(`The secrets file ${file} is not valid JSON: delete it and set the secrets again.`);
    fs.writeFileSync(file, JSON.stringify({ format: 2, secrets: { a: KNOWN_SECRET } }));
    expect(() => new SecretsStore(file).read()).toThrow(`Cannot read the secrets file ${file} of format 2: this version reads format 1. `
      + 'Delete it and set the secrets again.');
  });
});
