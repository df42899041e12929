/**
 * A user's own CDK app on the local stack, from the packed package, as a user lives it: a fresh folder
 * with aws-cdk-lib and constructs at the repository's versions and the tarball `npx projen package:js`
 * wrote (dist/js), a plain-JavaScript app run by cdk.json's "app", and each command its own process:
 * local deploy (created), a storage permission changed, local diff (exactly one update), local deploy
 * (exactly that update, nothing else touched), local destroy. Run by `npx projen test:packed` (CI runs
 * it after the build), not by `npm test`: installing takes most of its time.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const started = Date.now();

function fail(message: string, output?: { stdout: string; stderr: string }): never {
  console.error(`test:packed FAILED: ${message}`);
  if (output) console.error(`--- stdout\n${output.stdout}\n--- stderr\n${output.stderr}`);
  process.exit(1);
}

function check(ok: boolean, message: string, output?: { stdout: string; stderr: string }): void {
  if (!ok) fail(message, output);
  console.log(`  ok  ${message}`);
}

/** Runs a command in the app's folder; returns its exit code and output. */
function run(dir: string, command: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (result.error) fail(`${command} ${args.join(' ')}: ${result.error.message}`);
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

function tarball(): string {
  const dist = path.join(ROOT, 'dist', 'js');
  const found = fs.existsSync(dist) ? fs.readdirSync(dist).filter((file) => file.endsWith('.tgz')) : [];
  if (found.length !== 1) fail(`expected one tarball in ${dist}, found ${found.length}: run npx projen package:js after the jsii build`);
  return path.join(dist, found[0]);
}

/** The app: an environment with auth, storage whose signed-in users get `permissions`, and outputs. */
const appJs = (permissions: string) => `const { App, CfnOutput, RemovalPolicy, Stack } = require('aws-cdk-lib');
const { AmplifyBackend, StoragePermission } = require('cdk-amplify-backend');

const app = new App();
const stack = new Stack(app, 'PhotoBackend', { env: { region: 'eu-west-1' } });
const staging = new AmplifyBackend(stack, 'Staging', { appId: 'd1user2app', appName: 'photos', environmentName: 'staging', removalPolicy: RemovalPolicy.DESTROY });
const auth = staging.addAuth('Users', { resourceName: 'users', removalPolicy: RemovalPolicy.DESTROY });
const photos = staging.addStorage('Photos', { resourceName: 'photos', permissions: { authenticated: [${permissions}] } });
new CfnOutput(stack, 'UserPoolId', { value: auth.userPoolId });
new CfnOutput(stack, 'BucketName', { value: photos.bucketName });
app.synth();
`;

function main(): void {
  const packed = tarball();
  const versions = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).devDependencies;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packed-user-app-'));
  console.log(`test:packed: ${path.basename(packed)} in ${dir}`);
  try {
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
      name: 'user-app',
      private: true,
      dependencies: { 'aws-cdk-lib': versions['aws-cdk-lib'], 'constructs': versions.constructs, 'cdk-amplify-backend': `file:${packed}` },
    }, null, 2));
    fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: 'node app.js' }));
    fs.writeFileSync(path.join(dir, 'app.js'), appJs('StoragePermission.READ'));
    const install = run(dir, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']);
    check(install.code === 0, `npm install of aws-cdk-lib ${versions['aws-cdk-lib']}, constructs ${versions.constructs} and the tarball`, install);

    const cli = path.join(dir, 'node_modules', '.bin', 'cdk-amplify-backend');
    const fast = ['--time-scale', '0.02', '--job-duration', '100'];
    const created = run(dir, cli, ['local', 'deploy', ...fast]);
    check(created.code === 0 && /^ {2}PhotoBackend {2}CREATE_COMPLETE$/m.test(created.stdout), 'local deploy creates the stack: exit 0, CREATE_COMPLETE', created);
    check(/^ {5}PhotoBackend\.UserPoolId = eu-west-1_[A-Z0-9]{9}$/m.test(created.stdout), 'the outputs resolve: a user pool of eu-west-1', created);
    check(/^ {5}PhotoBackend\.BucketName = photos\S+$/m.test(created.stdout), 'the outputs resolve: the storage\'s bucket', created);
    check(fs.existsSync(path.join(dir, '.cdk-amplify-backend', 'world.json')), 'the state folder is beside cdk.json');

    fs.writeFileSync(path.join(dir, 'app.js'), appJs('StoragePermission.READ, StoragePermission.DELETE'));
    const diff = run(dir, cli, ['local', 'diff']);
    const changes = diff.stdout.split('\n').filter((line) => /^ {2}\[/.test(line));
    check(diff.code === 0 && changes.length === 1 && changes[0] === '  [~] Staging/Photos (Custom::AmplifyBackendStorage) update: AuthenticatedPermissions',
      'local diff shows exactly one update, of the permissions: exit 0', diff);

    const updated = run(dir, cli, ['local', 'deploy', '--json', ...fast]);
    const events = updated.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    const steps = events.filter((event) => event.event === 'resource').map((event) => `${event.construct} ${event.action} ${event.status}`);
    check(updated.code === 0 && JSON.stringify(steps) === JSON.stringify(['Staging/Photos UPDATE IN_PROGRESS', 'Staging/Photos UPDATE COMPLETE']),
      'local deploy --json: exactly one UPDATE, nothing else touched, exit 0', updated);
    check(events[events.length - 1].event === 'result' && events[events.length - 1].ok === true, 'the last JSON line is the result', updated);

    const destroyed = run(dir, cli, ['local', 'destroy', ...fast]);
    check(destroyed.code === 0 && /^ {2}PhotoBackend {2}DELETE_COMPLETE$/m.test(destroyed.stdout), 'local destroy deletes the stack: exit 0', destroyed);
    check(!fs.existsSync(path.join(dir, '.cdk-amplify-backend')), 'the state folder is gone');
    console.log(`test:packed: passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
