import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { hermeticAwsEnvironment, runCli, tempFolders } from './harness';

hermeticAwsEnvironment();
jest.setTimeout(60_000);

/** Stack Storage: environment d1/dev with storage and no auth, which the library warns of; `-c error=<text>` adds an error. */
const WARNING_APP = 'node -r ts-node/register/transpile-only test/cli/fixtures/storage-without-auth-app.ts';
const FAST = ['--time-scale', '0.01', '--job-duration', '50'];

const tempFolder = tempFolders('local-synth-checks-');

/** JSON lines as objects; throws on any line that is not JSON. */
const jsonLines = (stdout: string) => stdout.trimEnd().split('\n').map((line) => JSON.parse(line));

describe('what the app\'s synthesis reports', () => {
  test('an annotation error stops local deploy before anything is deployed: exit 1, the findings on stderr as cdk synth prints them, '
    + 'the library\'s storage-without-auth warning among them; with --json, stdout holds JSON lines only, one per finding', async () => {
    const state = path.join(tempFolder(), 'state');

    const result = await runCli(['local', 'deploy', '--app', WARNING_APP, '--state-dir', state, '-c', 'error=Not in this account.', '--json', ...FAST]);

    expect(result.code).toBe(1);
    expect(jsonLines(result.stdout)).toEqual([
      { event: 'annotation', level: 'error', message: 'Not in this account.', plugin: 'Construct Annotations', rule: 'error-annotation', constructs: ['Storage'] },
      expect.objectContaining({ event: 'annotation', level: 'warning', rule: 'cdk-amplify-backend:storageWithoutAuth', constructs: ['Storage/Dev/Photos'] }),
    ]);
    // The app's own stdout goes to stderr, where the human text is.
    expect(result.stderr).toMatch(/^Synthesizing stack Storage\nERROR Not in this account\. \(Construct Annotations\)\n {3}Storage\n {3}Rule Annotation::error-annotation\n\n/);
    expect(result.stderr).toMatch(/\n\nWARNING Storage at Storage\/Dev\/Photos is in environment "dev" of app d1, which Storage\/Dev creates, and no auth is declared /);
    expect(result.stderr).toContain('   Storage/Dev/Photos\n   Acknowledge with \'Annotation::cdk-amplify-backend:storageWithoutAuth\'\n');
    expect(result.stderr).toMatch(new RegExp(`\nSynthesis finished with errors \\(above\\): nothing was deployed\\. The cloud assembly is in ${state}/cdk\\.out\\.\n$`));
    expect(fs.existsSync(path.join(state, 'cdk.out', 'Storage.template.json'))).toBe(true);
    expect(fs.readdirSync(path.join(state, 'cdk.out')).filter((file) => file.endsWith('.lock'))).toEqual([]);
    expect(fs.readdirSync(state)).toEqual(['cdk.out']);
  });
});

describe('local try', () => {
  test('stops on an annotation error too, and says that it keeps no cloud assembly rather than name a folder it removed: exit 1', async () => {
    const app = 'node -e "const cdk = require(\'aws-cdk-lib\'); const app = new cdk.App(); cdk.Annotations.of(new cdk.Stack(app, \'S\')).addError(\'No.\'); app.synth()"';

    const result = await runCli(['local', 'try', '--app', app]);

    expect(result).toEqual({
      code: 1,
      stdout: `Synthesizing: ${app}\n`,
      stderr: 'ERROR No. (Construct Annotations)\n   S\n   Rule Annotation::error-annotation\nSynthesis finished with errors (above): nothing was deployed. '
        + '(local try keeps no cloud assembly: give --output <dir> to keep it.)\n',
    });
  });
});

describe('an app command that writes no cloud assembly', () => {
  test('is named even where an earlier synth left one (--output, or cdk.out in the state folder), which is not read: exit 1', async () => {
    const dir = tempFolder();
    const earlier = new App({ outdir: path.join(dir, 'out') });
    new Stack(earlier, 'Earlier');
    earlier.synth();

    const result = await runCli(['local', 'diff', '--app', 'node -e "1"', '--output', 'out', '--state-dir', path.join(dir, 'state')], { cwd: dir });

    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'The app command "node -e "1"" wrote no cloud assembly to CDK_OUTDIR: does it call app.synth() on an App created without an '
        + 'explicit outdir?\nNothing was deployed.\n',
    });
  });
});

describe('local deploy checks what needs no app before it runs the app', () => {
  /** An app command that leaves a file `ran` in the current folder. */
  const MARKING_APP = 'node -e "require(\'fs\').writeFileSync(\'ran\', \'\')"';

  test('a state folder in use by another command is refused (exit 1, naming it), and the app does not run', async () => {
    const dir = tempFolder();
    const state = path.join(dir, 'state');
    fs.mkdirSync(state);
    // This process is alive: the lock is held.
    fs.writeFileSync(path.join(state, 'lock'), JSON.stringify({ pid: process.pid, holder: 'local serve' }));

    const result = await runCli(['local', 'deploy', '--app', MARKING_APP, '--state-dir', state], { cwd: dir });

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`Error: ${state} is in use by local serve (process ${process.pid}): wait for it to end, or remove ${state}/lock `
      + 'if that process is gone.\n');
    expect(fs.existsSync(path.join(dir, 'ran'))).toBe(false);
  });

  test('an unreadable --secrets-file is refused (exit 2) by local deploy and local try, and the app does not run', async () => {
    const dir = tempFolder();
    const missing = path.join(dir, 'secrets.json');

    const deploy = await runCli(['local', 'deploy', '--app', MARKING_APP, '--secrets-file', missing, '--state-dir', path.join(dir, 'state')], { cwd: dir });
    const tried = await runCli(['local', 'try', '--app', MARKING_APP, '--secrets-file', missing], { cwd: dir });

    for (const result of [deploy, tried]) expect(result).toEqual({ code: 2, stdout: '', stderr: `Cannot read --secrets-file ${missing}: there is no such file.\n` });
    expect(fs.existsSync(path.join(dir, 'ran'))).toBe(false);
  });
});
