import * as fs from 'node:fs';
import * as path from 'node:path';
import { findSecret } from './secrets-manager';

/** The format of the secrets file this module writes and reads. */
const FORMAT = 1;

/** Owner read and write, nothing for anyone else. */
const OWNER_ONLY = 0o600;

/** The secrets file as JSON: secret texts by the name or ARN they were given with. */
interface SecretsFile {
  readonly format: typeof FORMAT;
  readonly secrets: Record<string, string>;
}

/**
 * The secrets of an emulated account, as AWS Secrets Manager would hold them, kept in one file that only its
 * owner may read or write (mode 0600): they last until deleted, as a secret in an account does, and the local
 * Secrets Manager of every later command serves them. A secret is known by its name or its ARN (an ARN answers
 * for its name, `secretName`), so putting one replaces the entry of the same name given either way. The file is
 * replaced whole: written beside, created owner-only, then renamed.
 */
export class SecretsStore {
  constructor(readonly file: string) {}

  /** Every secret by the name or ARN it was put with; none before the first was put. */
  read(): Record<string, string> {
    if (!fs.existsSync(this.file)) return {};
    // A copy put here by hand with a wider mode is made owner-only before it is read.
    if (fs.statSync(this.file).mode % 0o100 !== 0) fs.chmodSync(this.file, OWNER_ONLY); // the low six bits: group and others
    let saved: SecretsFile;
    try {
      saved = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch {
      // The parser's message may quote a value: it is not passed on.
      throw new Error(`The secrets file ${this.file} is not valid JSON: delete it and set the secrets again.`);
    }
    if (saved?.format !== FORMAT || typeof saved.secrets !== 'object' || saved.secrets === null) {
      throw new Error(`Cannot read the secrets file ${this.file} of format ${String(saved?.format)}: this version reads format ${FORMAT}. `
        + 'Delete it and set the secrets again.');
    }
    return { ...saved.secrets };
  }

  /** The names and ARNs of the secrets, sorted. */
  names(): string[] {
    return Object.keys(this.read()).sort();
  }

  /** Puts secrets (each replacing the one of the same name, given by name or ARN); returns the entries replaced. */
  put(secrets: Readonly<Record<string, string>>): string[] {
    const kept = this.read();
    const replaced: string[] = [];
    for (const [id, value] of Object.entries(secrets)) {
      replaced.push(...removeNamed(kept, id));
      kept[id] = value;
    }
    this.write(kept);
    return replaced;
  }

  /** Replaces every secret with these (the local Secrets Manager's, after a deployment created or deleted some). */
  replaceAll(secrets: Readonly<Record<string, string>>): void {
    if (Object.keys(secrets).length === 0 && !fs.existsSync(this.file)) return;
    this.write({ ...secrets });
  }

  /** Deletes the secret of this name or ARN (every entry that answers for it); returns the entries deleted, none if there was none. */
  delete(id: string): string[] {
    const kept = this.read();
    const deleted = removeNamed(kept, id);
    if (deleted.length > 0) this.write(kept);
    return deleted;
  }

  private write(secrets: Record<string, string>): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.rmSync(temporary, { force: true });
    // Created owner-only (and set so, whatever the umask), so that the value is never readable by others, not even for a moment.
    const fd = fs.openSync(temporary, 'wx', OWNER_ONLY);
    try {
      fs.fchmodSync(fd, OWNER_ONLY);
      fs.writeFileSync(fd, `${JSON.stringify({ format: FORMAT, secrets } satisfies SecretsFile, null, 2)}\n`);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, this.file);
  }
}

/** Removes the entries that answer for `id` (its name, or an ARN of that name); returns their keys. */
function removeNamed(secrets: Record<string, string>, id: string): string[] {
  const removed: string[] = [];
  for (let key = findSecret(secrets, id); key !== undefined; key = findSecret(secrets, id)) {
    removed.push(key);
    delete secrets[key];
  }
  return removed;
}
