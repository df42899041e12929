import { Command, Option } from 'commander';
import { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { PROGRAM } from '../help';
import { LocalUsageError, runLocal } from './errors';
import { stateDirOption } from './options';
import { stateFolder, withLock } from './session';
import { findSecret } from '../../local/secrets-manager';

interface SecretsOptions {
  readonly stateDir?: string;
}

const NAME = 'The secret\'s name or ARN, as the app names it (a name also answers for an ARN of that name, whatever its suffix)';
const WHERE = 'The account\'s secrets are kept in the state folder (.cdk-amplify-backend/ in the current folder, or --state-dir) '
  + 'in secrets.json, which only its owner may read; the local Secrets Manager of every later local deploy and destroy serves them.';

/** `local secrets list`: the names of the account's secrets, never their values. */
export const secretsListCommand: CliCommand<SecretsOptions & { readonly json?: boolean }> = {
  define: () => new Command('list')
    .summary('List the names of the local account\'s secrets (never their values)')
    .description([WHERE, 'Prints each secret\'s name or ARN, one per line, sorted; never a value. Exit 0; 2 for bad arguments.'].join('\n\n'))
    .addOption(stateDirOption())
    .addOption(new Option('--json', 'Print one JSON object on stdout: {"secrets": ["<name or ARN>", ...]}')),
  run: (options, _args, io) => runLocal(io, async () => {
    const store = stateFolder(options.stateDir, io.cwd).secrets();
    const names = store.names();
    if (options.json) io.stdout(`${JSON.stringify({ secrets: names })}\n`);
    else io.stdout(names.length === 0 ? `No secrets in ${store.file}.\n` : names.map((name) => `${name}\n`).join(''));
    return EXIT.ok;
  }),
};

/** `local secrets set <name>`: puts a secret into the account, its value read from stdin so that it stays out of the shell's history. */
export const secretsSetCommand: CliCommand<SecretsOptions> = {
  define: () => new Command('set')
    .summary('Set a secret of the local account, its value read from stdin')
    .description([
      WHERE,
      'Reads the value from stdin, so that it stays out of the shell\'s history: pipe it in (e.g. < google-secret.json), or type it '
      + 'and end with Enter and Ctrl-D. One trailing line break is dropped; a JSON secret\'s value is its JSON text. Replaces the '
      + 'secret of that name, given by name or ARN. The value is never printed.',
      'Exit 0 when set; 1 when the state folder is in use by another command; 2 for bad arguments or an empty value.',
    ].join('\n\n'))
    .argument('<name>', NAME)
    .addOption(stateDirOption()),
  run: (options, [id], io) => runLocal(io, async () => {
    const folder = stateFolder(options.stateDir, io.cwd);
    const text = await io.readStdin(`Value of secret ${id}, then Enter and Ctrl-D:\n`);
    const value = text.replace(/\r?\n$/, '');
    if (value === '') {
      throw new LocalUsageError(`No value for secret ${id} on stdin: give it there, e.g. ${PROGRAM} local secrets set ${id} < value.txt `
        + '(an empty secret is refused).');
    }
    const replaced = await withLock(folder, 'local secrets set', async () => folder.secrets().put({ [id]: value }));
    const replacing = replaced.filter((key) => key !== id);
    io.stdout(`Set secret ${id} in ${folder.secrets().file}${replacing.length > 0 ? ` (in place of ${replacing.join(', ')})` : ''}.\n`);
    return EXIT.ok;
  }),
};

/** `local secrets delete <name>`: removes a secret from the account. */
export const secretsDeleteCommand: CliCommand<SecretsOptions> = {
  define: () => new Command('delete')
    .summary('Delete a secret of the local account')
    .description([
      WHERE,
      'Deletes the secret of that name, given by name or ARN; a later deploy that reads it stops before it starts, naming it.',
      'Exit 0 when deleted; 1 when there is no such secret (the secrets there are named) or the state folder is in use by '
      + 'another command; 2 for bad arguments.',
    ].join('\n\n'))
    .argument('<name>', NAME)
    .addOption(stateDirOption()),
  run: (options, [id], io) => runLocal(io, async () => {
    const folder = stateFolder(options.stateDir, io.cwd);
    const store = folder.secrets();
    // Looked for first, so that a folder without the secret is not taken (made) for nothing.
    const deleted = findSecret(store.read(), id) === undefined ? [] : await withLock(folder, 'local secrets delete', async () => store.delete(id));
    if (deleted.length === 0) {
      const names = store.names();
      io.stderr(`No secret ${id} in ${store.file}; the secrets there: ${names.length > 0 ? names.join(', ') : 'none'}.\n`);
      return EXIT.failed;
    }
    io.stdout(`Deleted secret ${deleted.join(', ')} from ${store.file}.\n`);
    return EXIT.ok;
  }),
};

/** The `local secrets` commands, in the order help lists them. */
export const SECRETS_COMMANDS = [secretsListCommand, secretsSetCommand, secretsDeleteCommand] as const;
