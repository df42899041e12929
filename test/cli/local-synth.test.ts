/**
 * `local` synthesizes the app as `cdk synth` does: the packaged command and the CDK CLI (aws-cdk 2.x) side by side on
 * one plain JavaScript app, each in a process of its own with HOME at a folder of the test's (for ~/.cdk.json).
 * Two synths per case, run at once: a few seconds each (`npm test` builds the bundles first).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'assets', 'cli', 'bin', 'index.js');
const CDK = path.join(ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk');

jest.setTimeout(90_000);

/**
 * Stack Producer outputs context values a, b, c and d, and carries a warning and an info; with `-c stacks=two`,
 * stack Consumer reads the name of Producer's bucket (a cross-stack reference).
 */
const APP = `
const { App, Annotations, CfnOutput, Stack } = require('aws-cdk-lib');
const s3 = require('aws-cdk-lib/aws-s3');
const ssm = require('aws-cdk-lib/aws-ssm');
const app = new App();
const producer = new Stack(app, 'Producer');
for (const key of ['a', 'b', 'c', 'd']) new CfnOutput(producer, key.toUpperCase(), { value: String(app.node.tryGetContext(key)) });
Annotations.of(producer).addWarningV2('test:warning', 'A warning does not stop the command.');
Annotations.of(producer).addInfo('Nor does an info.');
if (app.node.tryGetContext('stacks') === 'two') {
  const bucket = new s3.Bucket(producer, 'Files');
  new ssm.StringParameter(new Stack(app, 'Consumer'), 'FilesBucket', { stringValue: bucket.bucketName });
}
app.synth();
`;

/** The CLI's order, first wins: -c, cdk.json's "context", cdk.context.json, ~/.cdk.json's "context". */
const CONTEXT = {
  cdkJson: { a: 'cdk.json', b: 'cdk.json' },
  contextFile: { a: 'cdk.context.json', b: 'cdk.context.json', c: 'cdk.context.json' },
  home: { a: 'home', b: 'home', c: 'home', d: 'home' },
};
/** The feature flag that makes cross-stack references weak: Fn::GetStackOutput where aws-cdk-lib's default writes Fn::ImportValue. */
const WEAK_REFERENCES = { '@aws-cdk/core:defaultCrossStackReferences': 'weak' };

const folders: string[] = [];
const tempFolder = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  folders.push(dir);
  return dir;
};
afterAll(() => folders.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** The app's folder (cdk.json, cdk.context.json, this repository's node_modules) and a HOME holding ~/.cdk.json. */
function appFolder(): { dir: string; home: string } {
  const dir = tempFolder('local-synth-app-');
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  fs.writeFileSync(path.join(dir, 'app.js'), APP);
  fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: 'node app.js', context: { ...WEAK_REFERENCES, ...CONTEXT.cdkJson } }));
  fs.writeFileSync(path.join(dir, 'cdk.context.json'), JSON.stringify(CONTEXT.contextFile));
  fs.writeFileSync(path.join(home, '.cdk.json'), JSON.stringify({ context: CONTEXT.home }));
  return { dir, home };
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node <script> <args>` in `cwd` with HOME at `home`, to its end. */
function run(script: string, args: readonly string[], cwd: string, home: string): Promise<Run> {
  const env = { ...process.env, HOME: home, CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const child = spawn(process.execPath, [script, ...args], { cwd, env });
  let [stdout, stderr] = ['', ''];
  child.stdout.on('data', (chunk: Buffer) => stdout += chunk.toString());
  child.stderr.on('data', (chunk: Buffer) => stderr += chunk.toString());
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** `local deploy --output local` and `cdk synth -o cli` with the same -c values, at once. */
async function deployAndCdkSynth(context: readonly string[]): Promise<{ dir: string; deployed: Run; synthesized: Run }> {
  const { dir, home } = appFolder();
  const flags = context.flatMap((value) => ['-c', value]);
  const [deployed, synthesized] = await Promise.all([
    run(BIN, ['local', 'deploy', '--output', 'local', ...flags], dir, home),
    run(CDK, ['synth', '-o', 'cli', '--no-notices', ...flags], dir, home),
  ]);
  expect(synthesized).toMatchObject({ code: 0 });
  return { dir, deployed, synthesized };
}

/** The stacks of a cloud assembly's manifest, with the stacks each depends on. */
function manifestStacks(assembly: string): Array<[string, string[]]> {
  const { artifacts } = JSON.parse(fs.readFileSync(path.join(assembly, 'manifest.json'), 'utf8'));
  return Object.entries(artifacts as Record<string, { type: string; dependencies?: string[] }>)
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([id, artifact]) => [id, (artifact.dependencies ?? []).filter((dependency) => artifacts[dependency].type === 'aws:cloudformation:stack')]);
}

const template = (dir: string, assembly: string, stack: string) => fs.readFileSync(path.join(dir, assembly, `${stack}.template.json`), 'utf8');

describe('local synthesizes the app as cdk synth does', () => {
  test('-c, cdk.json, cdk.context.json and ~/.cdk.json reach the app in the CLI\'s order; warnings and infos are printed and the deploy '
    + 'goes on; the template is cdk synth\'s, byte for byte', async () => {
    const { dir, deployed } = await deployAndCdkSynth(['a=cli']);

    expect(deployed.code).toBe(0);
    expect(deployed.stdout).toMatch(/^ {5}Producer\.A = cli\n {5}Producer\.B = cdk\.json\n {5}Producer\.C = cdk\.context\.json\n {5}Producer\.D = home$/m);
    expect(deployed.stderr).toBe([
      'WARNING A warning does not stop the command. (Construct Annotations)',
      '   Producer',
      '   Acknowledge with \'Annotation::test:warning\'',
      '',
      'INFO Nor does an info. (Construct Annotations)',
      '   Producer',
      '   Acknowledge with \'Annotation::info-annotation\'',
      '',
    ].join('\n'));
    expect(manifestStacks(path.join(dir, 'local'))).toEqual([['Producer', []]]);
    expect(manifestStacks(path.join(dir, 'local'))).toEqual(manifestStacks(path.join(dir, 'cli')));
    expect(template(dir, 'local', 'Producer')).toBe(template(dir, 'cli', 'Producer'));
    // The toolkit's read lock on the kept assembly was released.
    expect(fs.readdirSync(path.join(dir, 'local')).filter((file) => file.endsWith('.lock'))).toEqual([]);
  });

  test('cdk.json\'s feature flag makes the cross-stack reference weak (Fn::GetStackOutput) as with cdk synth: the same stacks, '
    + 'the same templates, byte for byte', async () => {
    const { dir, deployed } = await deployAndCdkSynth(['stacks=two']);

    expect(deployed.code).toBe(0);
    expect(manifestStacks(path.join(dir, 'local'))).toEqual([['Producer', []], ['Consumer', ['Producer']]]);
    expect(manifestStacks(path.join(dir, 'local'))).toEqual(manifestStacks(path.join(dir, 'cli')));
    const consumer = template(dir, 'local', 'Consumer');
    expect(consumer).toContain('"Fn::GetStackOutput"');
    expect(consumer).not.toContain('"Fn::ImportValue"');
    expect(consumer).toBe(template(dir, 'cli', 'Consumer'));
    expect(template(dir, 'local', 'Producer')).toBe(template(dir, 'cli', 'Producer'));
  });
});

describe('the CDK toolkit is loaded only to synthesize an app', () => {
  /** The modules of the toolkit bundle a run of the packaged command loaded, as a preloaded script sees them at exit. */
  function toolkitLoaded(args: readonly string[], cwd: string): boolean {
    const hook = path.join(tempFolder('toolkit-hook-'), 'hook.js');
    fs.writeFileSync(hook, 'process.on(\'exit\', () => process.stderr.write(`\\nloaded: ${Object.keys(require.cache).filter((file) => '
      + 'file.includes(\'toolkit-synth\')).length}\\n`));');
    const result = spawnSync(process.execPath, ['--require', hook, BIN, ...args], { cwd, encoding: 'utf8' });
    const loaded = /\nloaded: (\d+)\n$/.exec(result.stderr)?.[1];
    if (loaded === undefined) throw new Error(`no count at the end of stderr: ${result.stderr}`);
    return loaded !== '0';
  }

  test('--version, jobs --help and local deploy --help do without it; local diff of a cloud assembly loads it', () => {
    const dir = tempFolder('toolkit-loaded-');
    const app = new App({ outdir: path.join(dir, 'cdk.out') });
    new Stack(app, 'Empty');
    app.synth();

    expect(toolkitLoaded(['--version'], dir)).toBe(false);
    expect(toolkitLoaded(['jobs', '--help'], dir)).toBe(false);
    expect(toolkitLoaded(['local', 'deploy', '--help'], dir)).toBe(false);
    expect(toolkitLoaded(['local', 'diff', '--app', 'cdk.out'], dir)).toBe(true);
  });
});
