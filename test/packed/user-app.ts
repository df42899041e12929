/**
 * A new user's path, from the packed package: a fresh `cdk init` TypeScript app (the aws-cdk CLI of this repository's
 * lock, as `npx aws-cdk@<version> init` makes it: cdk.json with its feature flags, tsx, the CLI as a devDependency),
 * the tarball `npx projen package:js` wrote (dist/js) installed into it, and the README's examples run there as
 * printed, in the README of the installed package: every ```sh block is run (or skipped, saying why), and what the
 * README shows a command printing is compared with what it prints, after `normalize` only. Then the app reads context
 * from cdk.json, cdk.context.json and -c, and the templates `local deploy --output` keeps are compared with those of
 * the app's own `cdk synth -o`, byte for byte, for one stack and for two with a reference between them (weak and
 * strong). While the drift example is served, the console it prints the address of is opened in headless Chromium
 * (Debian's chromium) and a screenshot written to test-reports/packed-console.png. Last, an existing backend brought
 * under code (adopt-user.ts), in the same app. Each command, its exit code and output go to
 * test-reports/packed-transcript.txt.
 * Run by `npx projen test:packed` (CI runs it after the build), not by `npm test`: it takes a few minutes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { adoptAsAUser } from './adopt-user';
import { api } from './api';
import { check, outputs, PackedFailure, passed } from './checks';
import { lookAtConsole } from './console';
import { newApp, packedTarball, ROOT, userEnvironment } from './fresh-app';
import { commands, commandsOf, isStep, ReadmeExamples } from './readme-blocks';
import { rehearsal } from './rehearsal';
import { Background, Ran, Shell, Transcript } from './shell';
import { identity } from './synth-identity';

const TRANSCRIPT = path.join(ROOT, 'test-reports', 'packed-transcript.txt');
const APP = 'my-backend';
const started = Date.now();

/**
 * What varies from run to run in what the commands print, made what the README shows before comparing; nothing
 * else is changed: the home folder (a temporary one here), the resource name the service gives an imported bucket
 * (`s3` and 8 random hex digits), and the free port `local serve` listens on.
 */
function normalize(text: string, home: string): string {
  return text.split(home).join('/home/me')
    .replace(/\/dev\/s3[0-9a-f]{8}\b/g, '/dev/s3947afab0')
    .replace(/^endpoint http:\/\/127\.0\.0\.1:\d+$/m, 'endpoint <url>');
}

/** The resource steps a deploy printed: `Staging/Photos UPDATE`, once per resource and action. */
function resourceSteps(stdout: string): string[] {
  return [...new Set([...stdout.matchAll(/^ +\+\d+\.\ds {2}(\S+) +(CREATE|UPDATE|DELETE) /gm)].map(([, construct, action]) => `${construct} ${action}`))];
}

/** README "A whole environment": its example as the app's entry file, deployed with the command printed under it. */
async function wholeEnvironment(shell: Shell, readme: ReadmeExamples, entry: string, transcript: Transcript): Promise<void> {
  transcript.section('README "A whole environment": the example as the app\'s entry file, and the command under it');
  transcript.note(`${path.relative(shell.cwd, entry)}: the README's first TypeScript example, as pasted`);
  fs.writeFileSync(entry, readme.find('ts', 'A whole environment', 'new AmplifyBackend(').text);
  const [deploy] = commands(readme.take('A whole environment', 1)[0], 1);
  const deployed = await shell.run(deploy.line);
  check(deployed.code === 0 && /^ {2}AmplifyBackends {2}CREATE_COMPLETE$/m.test(deployed.stdout), `"${deploy.line}" creates the stack: exit 0`, deployed);
  check(/environment d1a2b3c4d5e6f7\/dev .* with auth/.test(deployed.stdout) && /bucket team-files-123456789012 /.test(deployed.stdout),
    'the account starts with the console\'s environment dev (with auth) and the bucket team-files-123456789012, as the README says', deployed);
}

/** The AWS CLI line, or (without the AWS CLI) the same request sent with the SDK, as that line would send it. */
async function updateStorage(shell: Shell, line: string, transcript: Transcript): Promise<Ran> {
  const aws = await shell.run('aws --version');
  if (aws.code === 0) return shell.run(line);
  transcript.note('No AWS CLI here: the same UpdateBackendStorage request, sent with the SDK as the line above would send it');
  const option = (name: string) => new RegExp(`--${name} ('[^']*'|\\S+)`).exec(line)![1].replace(/^'|'$/g, '');
  const { AmplifyBackendClient, UpdateBackendStorageCommand } = await import('@aws-sdk/client-amplifybackend');
  const client = new AmplifyBackendClient({
    endpoint: option('endpoint-url'), region: option('region'), maxAttempts: 1, credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const answer = await client.send(new UpdateBackendStorageCommand({
      AppId: option('app-id'),
      BackendEnvironmentName: option('backend-environment-name'),
      ResourceName: option('resource-name'),
      ResourceConfig: JSON.parse(option('resource-config')),
    }));
    const ran = { command: `(SDK) ${line}`, code: 0, stdout: `${JSON.stringify({ JobId: answer.JobId, Status: answer.Status })}\n`, stderr: '', seconds: 0 };
    transcript.command(ran, shell.cwd);
    return ran;
  } finally {
    client.destroy();
  }
}

/**
 * README "Drift on the local stack", on the first example as deployed: serve, the AWS CLI change, local drift, compared
 * with "Drift"; then, still served, the console (README "The local console") in headless Chromium. Its summary line.
 */
async function driftOnTheLocalStack(
  shell: Shell, readme: ReadmeExamples, home: string, transcript: Transcript, running: Background[],
): Promise<string> {
  transcript.section('README "Drift on the local stack": local serve, the AWS CLI line in another terminal, local drift');
  const [serve, change, drift] = commands(readme.take('Drift on the local stack', 1)[0], 3);
  const server = await shell.start(serve.line);
  running.push(server);
  const port = /^endpoint http:\/\/127\.0\.0\.1:(\d+)$/.exec(server.firstLine)?.[1];
  check(port !== undefined && readme.text.includes(`first line is \`${normalize(server.firstLine, home)}\``),
    `local serve's first line is "endpoint <url>", as the README says ("${server.firstLine}")`);
  check(change.line.split('<port>').length === 2, 'the AWS CLI line has one <port>, given the port local serve printed');
  const changed = await updateStorage(shell, change.line.replace('<port>', port!), transcript);
  check(changed.code === 0, 'the AWS CLI line changes the storage through local serve: exit 0', changed);
  const drifted = await shell.run(drift.line);
  const sample = readme.find('', 'Drift', ' drifted, ').text;
  check(drifted.code === 1 && normalize(drifted.stdout, home) === `${sample}\n`, 'local drift exits 1 and prints the rows README "Drift" shows', drifted,
    `--- README "Drift" shows\n${sample}\n--- normalized output\n${normalize(drifted.stdout, home)}`);
  const seen = await lookAtConsole(server, drifted, transcript);
  const stopped = await server.interrupt();
  check(/^Stopped; the world is saved in /m.test(stopped.stdout), 'Ctrl-C stops local serve, the world saved', stopped);
  return seen;
}

/** README "The local loop", from nothing: deploy, the change its comment asks for, diff (as its comment shows), deploy, destroy. */
async function localLoop(shell: Shell, readme: ReadmeExamples, entry: string, transcript: Transcript): Promise<void> {
  transcript.section('README "The local loop", from nothing');
  const cleared = await shell.run('npx cdk-amplify-backend local destroy');
  check(cleared.code === 0, 'local destroy (not a README line: the loop starts from nothing) deletes the stack', cleared);
  const [create, change, diff, update, destroy] = commandsOf(readme.take('The local loop', 1)[0]);
  if (isStep(create) || !isStep(change) || isStep(diff) || isStep(update) || isStep(destroy)) throw new PackedFailure('README: the local loop is not deploy, a change, diff, deploy, destroy');

  const created = await shell.run(create.line);
  check(created.code === 0 && /^ {2}AmplifyBackends {2}CREATE_COMPLETE$/m.test(created.stdout), `"${create.line}": exit 0, the stack created`, created);

  const before = fs.readFileSync(entry, 'utf8');
  const after = before.replace('authenticated: [StoragePermission.READ, StoragePermission.CREATE_AND_UPDATE, StoragePermission.DELETE]',
    'authenticated: [StoragePermission.READ, StoragePermission.CREATE_AND_UPDATE]');
  check(after !== before && /storage permission/.test(change.instruction), `"# ${change.instruction}": DELETE taken from signed-in users`);
  fs.writeFileSync(entry, after);
  transcript.note(`${change.instruction}: StoragePermission.DELETE removed from authenticated in ${path.relative(shell.cwd, entry)}`);

  const diffed = await shell.run(diff.line);
  const changes = diffed.stdout.split('\n').filter((line) => /^ {2}\[/.test(line)).map((line) => line.trim());
  check(diffed.code === 0 && changes.length === 1 && changes[0] === diff.comment, `"${diff.line.replace(/\s+#.*/, '')}" prints the line its README comment shows`, diffed);

  const updated = await shell.run(update.line);
  const steps = resourceSteps(updated.stdout);
  check(updated.code === 0 && steps.length === 1 && steps[0] === 'Staging/Photos UPDATE', `"${update.line.replace(/\s+#.*/, '')}" updates only that resource`, updated);

  const destroyed = await shell.run(destroy.line);
  check(destroyed.code === 0 && /^ {2}AmplifyBackends {2}DELETE_COMPLETE$/m.test(destroyed.stdout) && !fs.existsSync(path.join(shell.cwd, '.cdk-amplify-backend')),
    `"${destroy.line.replace(/\s+#.*/, '')}" deletes the stack and the state folder`, destroyed);
}

/** README "Auth": its example as the entry file, the --secret deploy, then the secrets commands. */
async function authSecrets(shell: Shell, readme: ReadmeExamples, entry: string, transcript: Transcript): Promise<void> {
  transcript.section('README "Auth": the example as the entry file, the --secret deploy, the secrets commands');
  fs.writeFileSync(entry, readme.find('ts', 'Auth', 'SecretValue.secretsManager(').text);
  transcript.note(`${path.relative(shell.cwd, entry)}: the README's Auth example, as pasted`);
  const [deployBlock, secretsBlock] = readme.take('Auth', 2);
  const [deploy] = commands(deployBlock, 1);
  const values = secretValues(deploy.line);
  const deployed = await shell.run(deploy.line);
  const shown = outputs(deployed.stdout);
  check(deployed.code === 0 && /^ {2}PhotoShare {2}CREATE_COMPLETE$/m.test(deployed.stdout) && /^us-east-1_\w{9}$/.test(shown.get('PhotoShare.UserPoolId') ?? '')
    && shown.has('PhotoShare.WebClientId') && shown.has('PhotoShare.IdentityPoolId'), 'the --secret deploy creates the Auth example, its outputs resolved', deployed);
  const state = path.join(shell.cwd, '.cdk-amplify-backend');
  const leaks = values.filter((value) => `${deployed.stdout}${deployed.stderr}`.includes(value)
    || stateFiles(state).some((file) => path.basename(file) !== 'secrets.json' && fs.readFileSync(file, 'utf8').includes(value)));
  check(values.length === 2 && leaks.length === 0, 'no secret value in the output or in a state file but secrets.json', deployed, `values found: ${leaks.join(', ')}`);
  check(fs.statSync(path.join(state, 'secrets.json')).mode.toString(8).endsWith('600'), 'secrets.json is readable by its owner only (0600)');

  const [set, list, remove] = commands(secretsBlock, 3);
  const key = /< (\S+)$/.exec(set.line)?.[1];
  fs.writeFileSync(path.join(shell.cwd, key!), '-----BEGIN PRIVATE KEY-----\nbG9jYWwtc3RhbmQtaW4=\n-----END PRIVATE KEY-----\n');
  transcript.note(`${key}: a stand-in for the user's key file`);
  const setting = await shell.run(set.line);
  check(setting.code === 0 && !setting.stdout.includes('bG9jYWwtc3RhbmQtaW4'), `"${set.line}": exit 0, the value not printed`, setting);
  const listed = await shell.run(list.line);
  check(listed.code === 0 && listed.stdout === 'photo-share/apple-key\nphoto-share/google\n', `"${list.line}" names the two secrets, no value`, listed);
  const removed = await shell.run(remove.line);
  check(removed.code === 0, `"${remove.line}": exit 0`, removed);
  const destroyed = await shell.run('npx cdk-amplify-backend local destroy');
  check(destroyed.code === 0 && /^ {2}PhotoShare {2}DELETE_COMPLETE$/m.test(destroyed.stdout), 'local destroy (not a README line) deletes the Auth example', destroyed);
}

/** The values a command line gives with --secret: a JSON secret's string fields, or the plain value. */
function secretValues(line: string): string[] {
  return [...line.matchAll(/--secret '?[^=\s]+=('[^']*'|\S+)/g)].flatMap(([, given]) => {
    const value = given.replace(/'$/, '');
    return value.startsWith('{') ? Object.values(JSON.parse(value) as Record<string, string>) : [value];
  });
}

/** Every file under `dir`. */
function stateFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** README "The `cdk-amplify-backend` command": the misspelt profile, with a home whose ~/.aws has profiles default and staging. */
async function profileError(dir: string, readme: ReadmeExamples, home: string, transcript: Transcript): Promise<void> {
  transcript.section('README "The cdk-amplify-backend command": a misspelt --profile, with profiles default and staging in ~/.aws');
  const shell = new Shell(dir, userEnvironment(home), transcript);
  fs.mkdirSync(path.join(home, '.aws'), { recursive: true });
  fs.writeFileSync(path.join(home, '.aws', 'config'), '[default]\nregion = eu-west-1\n\n[profile staging]\nregion = eu-west-1\n');
  fs.writeFileSync(path.join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default\n\n'
    + '[staging]\naws_access_key_id = AKIDSTAGING\naws_secret_access_key = staging\n');
  const [prompt, ...printed] = readme.find('text', 'The `cdk-amplify-backend` command', '--profile stagign').text.split('\n');
  const ran = await shell.run(prompt.replace(/^\$ /, ''));
  check(ran.code === 4 && normalize(`${ran.stdout}${ran.stderr}`, home) === `${printed.join('\n')}\n`, 'jobs list --profile stagign: exit 4, the message the README shows', ran,
    `--- README shows\n${printed.join('\n')}\n--- normalized output\n${normalize(`${ran.stdout}${ran.stderr}`, home)}`);
}

async function main(): Promise<number> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'packed-user-app-'));
  const [home, dir] = [path.join(work, 'home'), path.join(work, APP)];
  const transcript = new Transcript();
  const running: Background[] = [];
  const summary: string[] = [];
  let failure: unknown;
  try {
    const tarball = packedTarball();
    transcript.note(`test:packed: ${path.basename(tarball)} in a new cdk init app, ${new Date().toISOString()}`);
    fs.mkdirSync(dir);
    const env = userEnvironment(home);
    const shell = new Shell(dir, env, transcript);
    const facts = await newApp(shell, transcript, tarball);
    summary.push(facts.summary);
    const readmeText = fs.readFileSync(path.join(dir, 'node_modules', 'cdk-amplify-backend', 'README.md'), 'utf8');
    const readme = new ReadmeExamples(readmeText);

    await wholeEnvironment(shell, readme, facts.entry, transcript);
    summary.push(await driftOnTheLocalStack(shell, readme, home, transcript, running));
    await localLoop(shell, readme, facts.entry, transcript);
    await authSecrets(shell, readme, facts.entry, transcript);
    await rehearsal(shell, readme, facts.entry, transcript);
    // A home of its own: with credentials in ~/.aws, cdk synth would ask AWS for the default account.
    await profileError(dir, readme, path.join(work, 'home-with-profiles'), transcript);
    summary.push(await identity(shell, readme.find('ts', 'A whole environment', 'new AmplifyBackend(').text, facts.entry, transcript));
    await api(shell, readme, facts.entry, transcript);
    // Last: it makes a local world of its own.
    await adoptAsAUser(shell, readme, facts.entry, transcript, running);
    readme.skip('See it work', 'the repository\'s own demo, run in a clone of this repository, not in a user\'s app');
    readme.skip('Development', 'the repository\'s own tests, run in a clone of this repository, not in a user\'s app');
    const problems = readme.problems();
    check(problems.length === 0, 'every sh block of the README is run or skipped with a reason, and none is a usage summary', undefined, problems.join('\n'));
    summary.push(...readme.report().map((line) => `README sh block: ${line}`));
  } catch (error) {
    failure = error;
  } finally {
    running.forEach((server) => server.kill());
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  summary.push(failure ? `FAILED after ${passed.length} checks, ${seconds} s` : `${passed.length} checks passed in ${seconds} s`);
  transcript.section('Summary');
  summary.forEach((line) => transcript.note(line));
  transcript.write(TRANSCRIPT);
  console.log(`\ntest:packed: ${summary.join('\n  ')}\n  transcript: ${path.relative(ROOT, TRANSCRIPT)}`);
  if (failure) {
    console.error(`test:packed FAILED: ${failure instanceof PackedFailure ? failure.message : (failure as Error).stack}`);
    console.error(`The app is kept in ${dir}.`);
    return 1;
  }
  fs.rmSync(work, { recursive: true, force: true });
  return 0;
}

void main().then((code) => process.exit(code));
