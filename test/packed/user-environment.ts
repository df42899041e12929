import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/**
 * A new user's environment for test:packed's apps: this one without what the repository's tools set (npm's and
 * ts-node's settings, the repository's node_modules/.bin on PATH) or AWS and CDK settings, with a home folder of its
 * own (git knows the user) and npm's cache where it is, so that installs need not download what is cached.
 */
export function userEnvironment(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|AWS_(?!CA_BUNDLE)|CDK_|TS_NODE|INIT_CWD$)/i.test(key)) env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => !dir.startsWith(ROOT)).join(path.delimiter);
  fs.mkdirSync(home, { recursive: true });
  fs.writeFileSync(path.join(home, '.gitconfig'), '[user]\n\tname = New User\n\temail = user@example.com\n[init]\n\tdefaultBranch = main\n');
  return {
    ...env,
    HOME: home,
    npm_config_cache: process.env.npm_config_cache ?? path.join(os.homedir(), '.npm'),
    npm_config_update_notifier: 'false',
    CDK_DISABLE_VERSION_CHECK: '1',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
  };
}
