import * as fs from 'fs';
import * as path from 'path';
import { App, Aws, CfnOutput, CfnParameter, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { hermeticAwsEnvironment, runCli, tempFolders } from './harness';
import { AmplifyBackend, StoragePermission } from '../../src';

hermeticAwsEnvironment();
jest.setTimeout(60_000);

const FAST = ['--time-scale', '0.01', '--job-duration', '50'];
const tempFolder = tempFolders('local-stack-');

/**
 * Two stacks in eu-west-1, synthesized into a cloud assembly folder (read by `--app <folder>`, not run):
 * Envs creates environment d1/staging with auth and outputs its user pool and Region; Files (declared first,
 * deployed second) adds storage whose signed-in users get `permissions`.
 */
function assembly(permissions: StoragePermission[]): string {
  const app = new App({ outdir: tempFolder(), context: { 'aws:cdk:enable-path-metadata': true } });
  const env = { account: '111122223333', region: 'eu-west-1' };
  const files = new Stack(app, 'Files', { env });
  const envs = new Stack(app, 'Envs', { env });
  files.addStackDependency(envs);
  const auth = new AmplifyBackend(envs, 'Staging', { appId: 'd1', appName: 'photos', environmentName: 'staging', removalPolicy: RemovalPolicy.DESTROY })
    .addAuth('Users', { resourceName: 'users', removalPolicy: RemovalPolicy.DESTROY });
  new CfnOutput(envs, 'UserPoolId', { value: auth.userPoolId });
  new CfnOutput(envs, 'Where', { value: `${Aws.ACCOUNT_ID}/${Aws.REGION}` });
  const storage = AmplifyBackend.fromEnvironmentAttributes(files, 'Staging', { appId: 'd1', environmentName: 'staging' })
    .addStorage('Photos', { resourceName: 'photos', permissions: { authenticated: permissions } });
  new CfnOutput(files, 'BucketName', { value: storage.bucketName });
  return app.synth().directory;
}

const INITIAL = [StoragePermission.READ];
const CHANGED = [StoragePermission.READ, StoragePermission.DELETE];

/** JSON lines as objects; throws on any line that is not JSON. */
const jsonLines = (stdout: string) => stdout.trimEnd().split('\n').map((line) => JSON.parse(line));

describe('local deploy, diff and destroy: a local stack that lasts between commands', () => {
  test('deploy creates, diff names exactly the one change, deploy updates only it, destroy deletes and removes the folder', async () => {
    const state = path.join(tempFolder(), 'state');
    const v1 = assembly(INITIAL);
    const v2 = assembly(CHANGED);

    const created = await runCli(['local', 'deploy', '--app', v1, '--state-dir', state, ...FAST]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect([...created.stdout.matchAll(/^━━ \d\/2 {2}Deploy (\w+)/gm)].map((match) => match[1])).toEqual(['Envs', 'Files']);
    expect(created.stdout).toContain('(account 111122223333, Region eu-west-1)');
    expect(created.stdout).toMatch(/^ {5}Envs\.UserPoolId = eu-west-1_[A-Z0-9]{9}$/m);
    expect(created.stdout).toMatch(/^ {5}Envs\.Where {6}= 111122223333\/eu-west-1$/m);
    expect(created.stdout).toMatch(/^ {5}Files\.BucketName = photos[a-z0-9-]+$/m);
    expect(created.stdout).toMatch(/^ {2}Envs {3}CREATE_COMPLETE\n {2}Files {2}CREATE_COMPLETE\n$/m);
    expect(fs.readdirSync(state).sort()).toEqual(['assets', 'logs', 'stacks', 'world.json']);

    const diff = await runCli(['local', 'diff', '--app', v2, '--state-dir', state]);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toBe([
      'Stack Envs', '  no changes',
      'Stack Files', '  [~] Staging/Photos (Custom::AmplifyBackendStorage) update: AuthenticatedPermissions',
      '', '1 change.', '',
    ].join('\n'));

    const updated = await runCli(['local', 'deploy', '--app', v2, '--state-dir', state, '--json', ...FAST]);
    expect(updated.code).toBe(0);
    const events = jsonLines(updated.stdout);
    expect(events.filter((event) => event.event === 'resource').map((event) => [event.construct, event.action, event.status]))
      .toEqual([['Staging/Photos', 'UPDATE', 'IN_PROGRESS'], ['Staging/Photos', 'UPDATE', 'COMPLETE']]);
    expect(events.find((event) => event.event === 'outputs' && event.stack === 'Envs').outputs.Where).toBe('111122223333/eu-west-1');
    expect(events[events.length - 1]).toEqual({
      event: 'result', ok: true, stacks: [{ stack: 'Envs', status: 'UPDATE_COMPLETE' }, { stack: 'Files', status: 'UPDATE_COMPLETE' }],
    });

    const unchanged = await runCli(['local', 'deploy', '--app', v2, '--state-dir', state, ...FAST]);
    expect(unchanged.stdout).toMatch(/^ {3}UPDATE_COMPLETE \(no changes\) in \d+\.\d s$/m);
    expect(unchanged.stdout).not.toMatch(/^ +\+/m);

    const none = await runCli(['local', 'diff', '--app', v2, '--state-dir', state, '--json']);
    expect(jsonLines(none.stdout)).toEqual([{ event: 'result', changes: 0 }]);

    const destroyed = await runCli(['local', 'destroy', '--state-dir', state, ...FAST]);
    expect(destroyed.code).toBe(0);
    expect([...destroyed.stdout.matchAll(/^━━ \d\/2 {2}Destroy (\w+)/gm)].map((match) => match[1])).toEqual(['Files', 'Envs']);
    expect(fs.existsSync(state)).toBe(false);
    expect((await runCli(['local', 'destroy', '--state-dir', state])).stdout).toBe(`Nothing deployed in ${state}.\n`);
  });

  test('the app comes from cdk.json in the current folder, and the state folder is made beside it', async () => {
    const cwd = tempFolder();
    const app = assembly(INITIAL);
    fs.writeFileSync(path.join(cwd, 'cdk.json'), JSON.stringify({ app }));
    const diff = await runCli(['local', 'diff', '--stack', 'Envs'], { cwd });
    expect(diff.code).toBe(0);
    // Every resource of the stack is created: the provider's (its roles by name only), then the environment and its auth.
    const resources = Object.keys(JSON.parse(fs.readFileSync(path.join(app, 'Envs.template.json'), 'utf8')).Resources);
    const lines = diff.stdout.split('\n');
    expect(lines[0]).toBe('Stack Envs (not deployed yet)');
    expect(lines.filter((line) => line.startsWith('  [+] '))).toHaveLength(resources.length);
    expect(lines).toContain('  [+] AmplifyBackendProvider/HandlerRole (AWS::IAM::Role, by name only) create');
    expect(lines.slice(resources.length - 1, resources.length + 1)).toEqual(['  [+] Staging (Custom::AmplifyBackend) create', '  [+] Staging/Users (Custom::AmplifyBackendAuth) create']);
    expect(diff.stdout).toMatch(new RegExp(`\n\n${resources.length} changes\\.\n$`));
    // A diff saves nothing, and a deploy of one stack deploys only it (and what it depends on).
    expect(fs.existsSync(path.join(cwd, '.cdk-amplify-backend'))).toBe(false);
    const deployed = await runCli(['local', 'deploy', '--stack', 'Envs', ...FAST], { cwd });
    expect(deployed.code).toBe(0);
    expect(fs.readdirSync(path.join(cwd, '.cdk-amplify-backend', 'stacks'))).toEqual(['Envs.json']);
    expect((await runCli(['local', 'destroy', ...FAST], { cwd })).code).toBe(0);
  });

  test('a bucket the stack creates, linked with importStorage, deploys with no --bucket, is in sync, and goes with destroy; '
    + '--parameters sets a parameter that later deploys keep', async () => {
    const app = new App({ outdir: tempFolder(), context: { 'aws:cdk:enable-path-metadata': true } });
    const stack = new Stack(app, 'Own');
    const owner = new CfnParameter(stack, 'Owner', { default: 'nobody' });
    const mine = new s3.Bucket(stack, 'Mine', { removalPolicy: RemovalPolicy.DESTROY });
    AmplifyBackend.fromEnvironmentAttributes(stack, 'Dev', { appId: 'd1', environmentName: 'dev' }).importStorage('Files', { bucket: mine });
    new CfnOutput(stack, 'Bucket', { value: mine.bucketName });
    new CfnOutput(stack, 'OwnedBy', { value: owner.valueAsString });
    const own = app.synth().directory;
    const state = path.join(tempFolder(), 'state');

    const deployed = await runCli(['local', 'deploy', '--app', own, '--state-dir', state, '--parameters', 'Owner=team', ...FAST]);
    expect(deployed.code).toBe(0);
    expect(deployed.stdout).toContain('bucket of Own/Mine, which Own/Dev/Files links, is created by the stack: nothing to seed');
    expect(deployed.stdout).toMatch(/^ {5}Own\.Bucket {2}= own-mine[0-9a-f]{8}-[a-z0-9]{13}$/m);
    expect(deployed.stdout).toMatch(/^ {5}Own\.OwnedBy = team$/m);
    expect(deployed.stdout).toMatch(/^ {3}also .*\d+ AWS::IAM::Role, \d+ AWS::IAM::Policy \(by name only: the local stack does not model them\)$/m);
    expect((await runCli(['local', 'drift', '--state-dir', state])).code).toBe(0);

    const again = await runCli(['local', 'deploy', '--app', own, '--state-dir', state, ...FAST]);
    expect(again.stdout).toMatch(/^ {5}Own\.OwnedBy = team$/m);
    const wrong = await runCli(['local', 'deploy', '--app', own, '--state-dir', state, '--parameters', 'Other:Owner=x', ...FAST]);
    expect(wrong).toMatchObject({ code: 2, stderr: '--parameters Other:Owner=x: no stack "Other" is deployed here; the stacks: Own.\n' });

    expect((await runCli(['local', 'destroy', '--state-dir', state, ...FAST])).code).toBe(0);
    expect(fs.existsSync(state)).toBe(false);
  });

  test('the first deploy seeds the account from the app; a later one goes on with the saved account and seeds nothing', async () => {
    const app = new App({ outdir: tempFolder(), context: { 'aws:cdk:enable-path-metadata': true } });
    AmplifyBackend.fromEnvironmentAttributes(new Stack(app, 'Imports'), 'Dev', { appId: 'd1', environmentName: 'dev' })
      .importStorage('TeamFiles', { bucketName: 'team-files' });
    const imports = app.synth().directory;
    const state = path.join(tempFolder(), 'state');
    const first = await runCli(['local', 'deploy', '--app', imports, '--state-dir', state, ...FAST]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('  A new account, seeded with:\n    environment d1/dev (referenced by Imports/Dev/TeamFiles');
    expect(first.stdout).toContain('    bucket team-files (imported by Imports/Dev/TeamFiles)');
    const second = await runCli(['local', 'deploy', '--app', imports, '--state-dir', state, '--bucket', 'other-files', ...FAST]);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('seeded');
    expect(JSON.parse(fs.readFileSync(path.join(state, 'world.json'), 'utf8')).buckets.map((bucket: { name: string }) => bucket.name)).toEqual(['team-files']);
    const secrets = await runCli(['local', 'destroy', '--state-dir', state, '--secrets-file', path.join(state, 'none.json')]);
    expect(secrets.code).toBe(2);
    expect(secrets.stderr).toBe(`Cannot read --secrets-file ${path.join(state, 'none.json')}: there is no such file.\n`);
    expect((await runCli(['local', 'destroy', '--state-dir', state, ...FAST])).code).toBe(0);
  });

  test('a first deploy that fails rolls back: exit 1 with the service\'s text, and no stack is saved', async () => {
    const app = new App({ outdir: tempFolder(), context: { 'aws:cdk:enable-path-metadata': true } });
    AmplifyBackend.fromEnvironmentAttributes(new Stack(app, 'Imports'), 'Dev', { appId: 'd1', environmentName: 'dev' })
      .importStorage('TeamFiles', { bucketName: 'team-files' });
    const state = path.join(tempFolder(), 'state');
    const failed = await runCli(['local', 'deploy', '--app', app.synth().directory, '--state-dir', state, '--seed', 'none',
      '--environment', 'd1/dev+auth', ...FAST]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^ {2}Imports {2}ROLLBACK_COMPLETE$/m);
    expect(failed.stderr).toMatch(/^Imports Dev\/TeamFiles \(Custom::AmplifyImportedBackendStorage\) CREATE failed: .*bucket "team-files" is not in this account/m);
    expect(fs.readdirSync(state).sort()).toEqual(['logs', 'world.json']);
    expect((await runCli(['local', 'destroy', '--state-dir', state])).stdout).toBe(`Nothing deployed in ${state}.\n`);
  });

  test('bad arguments found once the app is read exit 2, and a state folder of another Region exits 1, each saying what to do', async () => {
    const cwd = tempFolder();
    const noApp = await runCli(['local', 'deploy'], { cwd });
    expect(noApp.code).toBe(2);
    expect(noApp.stderr).toBe(`No --app and no cdk.json in ${cwd}: give --app "<command>" or --app cdk.out, or run where cdk.json is.\n`);

    const stack = await runCli(['local', 'diff', '--app', assembly(INITIAL), '--stack', 'Photos', '--state-dir', path.join(cwd, 's')]);
    expect(stack.code).toBe(2);
    expect(stack.stderr).toBe('No stack "Photos"; the stacks: Envs, Files.\n');

    const elsewhere = path.join(cwd, 'us');
    const us = new App({ outdir: tempFolder() });
    new Stack(us, 'Empty', { env: { region: 'us-east-1' } });
    expect((await runCli(['local', 'deploy', '--app', us.synth().directory, '--state-dir', elsewhere])).code).toBe(0);
    const region = await runCli(['local', 'diff', '--app', assembly(INITIAL), '--state-dir', elsewhere]);
    expect(region.code).toBe(1);
    expect(region.stderr).toBe(`Error: ${elsewhere} holds a local stack in us-east-1, and these stacks are in eu-west-1: `
      + 'destroy it first, or give these stacks another --state-dir.\n');

    const folder = await runCli(['local', 'diff', '--app', cwd]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe(`--app ${cwd} is a folder without manifest.json: give a cloud assembly folder (cdk.out) or the app command.\n`);
  });
});
