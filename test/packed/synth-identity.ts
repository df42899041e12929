/**
 * The templates `local deploy --output` keeps against those of the app's own `cdk synth -o` (the aws-cdk CLI that
 * `cdk init` installed), byte for byte, with context in cdk.json, cdk.context.json and -c that the app reads: one
 * stack, then two with a weak reference (Fn::GetStackOutput), then with a strong one (Fn::ImportValue).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareTemplates } from './assemblies';
import { check, outputs } from './checks';
import { Ran, Shell, Transcript } from './shell';

/**
 * The app's outputs of context values: packed:cdkJson is in cdk.json and cdk.context.json, packed:contextFile in
 * cdk.context.json, packed:commandLine given with -c, packed:everywhere in all three; EXPECTED_CONTEXT is what wins.
 */
const CONTEXT_READER = `
// Added for the comparison with cdk synth: context from cdk.json, cdk.context.json and -c, as outputs.
import { CfnOutput } from 'aws-cdk-lib';
for (const [id, key] of Object.entries({ CdkJson: 'packed:cdkJson', ContextFile: 'packed:contextFile', CommandLine: 'packed:commandLine', Everywhere: 'packed:everywhere' })) {
  new CfnOutput(stack, id, { value: String(app.node.tryGetContext(key)) });
}
`;
/** A second stack reading the first's bucket name: a cross-stack reference. */
const CONSUMER = `
// Added: a second stack that reads the storage's bucket name from the first.
const consumer = new Stack(app, 'PhotoConsumer', { env: { account: '123456789012', region: 'eu-west-1' } });
new CfnOutput(consumer, 'PhotosBucket', { value: photos.bucketName });
new CfnOutput(stack, 'PhotosBucket', { value: photos.bucketName });
`;
const CONTEXT_FLAGS = '-c packed:commandLine=from-command-line -c packed:everywhere=from-command-line';
const EXPECTED_CONTEXT = { CdkJson: 'from-cdk-json', ContextFile: 'from-context-file', CommandLine: 'from-command-line', Everywhere: 'from-command-line' };
const WEAK = '@aws-cdk/core:defaultCrossStackReferences';

/** One case: `local deploy --output` and the app's own `cdk synth -o`, at once, with the same -c; their templates compared. */
async function sameAsCdkSynth(shell: Shell, name: string, stacks: number): Promise<{ deployed: Ran; dir: string }> {
  const [dir, cli] = [`local-${name}.out`, `synth-${name}.out`];
  const [deployed, synthesized] = await Promise.all([
    shell.run(`npx cdk-amplify-backend local deploy --output ${dir} ${CONTEXT_FLAGS}`),
    shell.run(`npx cdk synth -o ${cli} -q --no-notices ${CONTEXT_FLAGS}`),
  ]);
  check(deployed.code === 0, `${name}: local deploy --output: exit 0`, deployed);
  check(synthesized.code === 0, `${name}: cdk synth -o: exit 0`, synthesized);
  const { files, differences } = compareTemplates(path.join(shell.cwd, dir), path.join(shell.cwd, cli));
  check(files.length === stacks && differences.length === 0, `${name}: the ${files.length} template(s) local deploy kept are cdk synth's, byte for byte (${files.join(', ')})`,
    undefined, differences.join('\n'));
  const shown = outputs(deployed.stdout);
  const wrong = Object.entries(EXPECTED_CONTEXT).filter(([id, value]) => shown.get(`AmplifyBackends.${id}`) !== value);
  check(wrong.length === 0, `${name}: the app read -c over cdk.json over cdk.context.json, as cdk synth gives it`, deployed);
  return { deployed, dir: path.join(shell.cwd, dir) };
}

/** Context in cdk.json, cdk.context.json and -c; one stack, then two with a weak reference, then a strong one: the same templates as cdk synth. */
export async function identity(shell: Shell, example: string, entry: string, transcript: Transcript): Promise<string> {
  transcript.section('The same templates as cdk synth: context in cdk.json, cdk.context.json and -c; one stack, then two (weak, strong reference)');
  const cdkJsonFile = path.join(shell.cwd, 'cdk.json');
  const cdkJson = JSON.parse(fs.readFileSync(cdkJsonFile, 'utf8'));
  const writeCdkJson = () => fs.writeFileSync(cdkJsonFile, `${JSON.stringify(cdkJson, null, 2)}\n`);
  Object.assign(cdkJson.context, { 'packed:cdkJson': 'from-cdk-json', 'packed:everywhere': 'from-cdk-json' });
  writeCdkJson();
  fs.writeFileSync(path.join(shell.cwd, 'cdk.context.json'),
    JSON.stringify({ 'packed:cdkJson': 'from-context-file', 'packed:contextFile': 'from-context-file', 'packed:everywhere': 'from-context-file' }));
  fs.writeFileSync(entry, `${example}${CONTEXT_READER}`);
  transcript.note(`${path.relative(shell.cwd, entry)}: the first example, and outputs of the context values; cdk.json and cdk.context.json hold some`);
  await sameAsCdkSynth(shell, 'one-stack', 1);

  fs.writeFileSync(entry, `${example}${CONTEXT_READER}${CONSUMER}`);
  cdkJson.context[WEAK] = 'weak';
  writeCdkJson();
  transcript.note(`a second stack reads the bucket name of the first; cdk.json: "${WEAK}": "weak"`);
  const weak = await sameAsCdkSynth(shell, 'weak-reference', 2);
  crossStackOutputs(weak, 'Fn::GetStackOutput');

  delete cdkJson.context[WEAK];
  writeCdkJson();
  transcript.note(`cdk.json without "${WEAK}": strong references (Fn::ImportValue), aws-cdk-lib's default`);
  const strong = await sameAsCdkSynth(shell, 'strong-reference', 2);
  crossStackOutputs(strong, 'Fn::ImportValue');

  const destroyed = await shell.run('npx cdk-amplify-backend local destroy');
  check(destroyed.code === 0 && /^ {2}PhotoConsumer +DELETE_COMPLETE\n {2}AmplifyBackends +DELETE_COMPLETE$/m.test(destroyed.stdout), 'local destroy deletes both stacks', destroyed);
  return 'byte-identical templates: one stack; two stacks with a weak reference (Fn::GetStackOutput); two with a strong one (Fn::ImportValue)';
}

/** The consumer's template reads the bucket with `intrinsic`, and its output is the producer's bucket name. */
function crossStackOutputs({ deployed, dir }: { deployed: Ran; dir: string }, intrinsic: string): void {
  const template = fs.readFileSync(path.join(dir, 'PhotoConsumer.template.json'), 'utf8');
  const other = intrinsic === 'Fn::ImportValue' ? 'Fn::GetStackOutput' : 'Fn::ImportValue';
  check(template.includes(`"${intrinsic}"`) && !template.includes(`"${other}"`), `the reference is ${intrinsic}`);
  const shown = outputs(deployed.stdout);
  const bucket = shown.get('AmplifyBackends.PhotosBucket');
  check(/^photos\d{5}-staging$/.test(bucket ?? '') && shown.get('PhotoConsumer.PhotosBucket') === bucket,
    `the consumer's output resolves through ${intrinsic} to the storage's bucket (${bucket})`, deployed);
}
