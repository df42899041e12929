/**
 * A new user's app for the packed-package trials (test:packed, test:adopt-user): the tarball `npx projen package:js`
 * wrote, a user's environment without the repository's settings, and a fresh `cdk init` TypeScript app with the tarball
 * installed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { check, PackedFailure } from './checks';
import { Shell, Transcript } from './shell';

export const ROOT = path.join(__dirname, '..', '..');

/** The one tarball in dist/js. */
export function packedTarball(): string {
  const dist = path.join(ROOT, 'dist', 'js');
  const found = fs.existsSync(dist) ? fs.readdirSync(dist).filter((file) => file.endsWith('.tgz')) : [];
  if (found.length !== 1) throw new PackedFailure(`expected one tarball in ${dist}, found ${found.length}: run npx projen package:js after the jsii build`);
  return path.join(dist, found[0]);
}

/**
 * A user's environment: this one without what the repository's tools set (npm's and ts-node's settings, the
 * repository's node_modules/.bin on PATH) or AWS and CDK settings, with a home folder of its own (git knows the
 * user) and npm's cache where it is, so that installs need not download what is cached.
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

/** What `cdk init` generated, for the summary. */
export interface InitFacts {
  readonly entry: string;
  readonly summary: string;
}

/** `cdk init app --language typescript` with the CLI version of this repository's lock, then the packed package installed. */
export async function newApp(shell: Shell, transcript: Transcript, tarball: string): Promise<InitFacts> {
  const cdkVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'aws-cdk', 'package.json'), 'utf8')).version;
  transcript.section(`A new app: cdk init (aws-cdk ${cdkVersion}), then the package`);
  const init = await shell.run(`npx --yes aws-cdk@${cdkVersion} init app --language typescript --no-notices`);
  check(init.code === 0, `cdk init app --language typescript (aws-cdk ${cdkVersion}) makes an app and installs it`, init);
  const cdkJson = JSON.parse(fs.readFileSync(path.join(shell.cwd, 'cdk.json'), 'utf8'));
  const runner = /^npx tsc && npx tsx (bin\/[\w-]+\.ts)$/.exec(cdkJson.app);
  check(runner !== null, `cdk.json runs the app as the README says: "npx tsc && npx tsx bin/<name>.ts" (it says "${cdkJson.app}")`);
  const devDependencies = JSON.parse(fs.readFileSync(path.join(shell.cwd, 'package.json'), 'utf8')).devDependencies;
  const installed = JSON.parse(fs.readFileSync(path.join(shell.cwd, 'node_modules', 'aws-cdk-lib', 'package.json'), 'utf8')).version;
  const summary = `cdk init (aws-cdk ${cdkVersion}): "app": "${cdkJson.app}", ${Object.keys(cdkJson.context).length} context keys (feature flags), `
    + `typescript ${devDependencies.typescript}, tsx ${devDependencies.tsx}, aws-cdk-lib ${installed}`;
  transcript.note(summary);

  const install = await shell.run(`npm install ${tarball}`);
  check(install.code === 0 && /"cdk-amplify-backend": "file:/.test(fs.readFileSync(path.join(shell.cwd, 'package.json'), 'utf8')),
    'npm install of the packed tarball: a dependency of the app', install);
  return { entry: path.join(shell.cwd, runner![1]), summary };
}

