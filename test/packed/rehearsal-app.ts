/**
 * The README's "Rehearse on a clone", as a new user tries it, from the packed package: a fresh app folder (npm init,
 * aws-cdk-lib and constructs at this repository's versions, tsx to run TypeScript, and the tarball `npx projen
 * package:js` wrote), the section's example as the app's entry file as printed, and the section's two commands run as
 * printed: `local deploy` (the production stack, then its clone) and `local destroy --stack Rehearsal` (the clone alone).
 * The local stack's world is read after each: the clone holds new auth and the source's own bucket, the source is never
 * changed, and the destroy removes the clone alone. Each command, its exit code and output go to
 * test-reports/rehearsal-transcript.txt. Run by `npx projen test:packed:rehearsal` (CI runs it after the build), not by
 * `npm test`: installing takes most of its time.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { check, PackedFailure, passed } from './checks';
import { commandsOf, ReadmeCommand, ReadmeExamples } from './readme-blocks';
import { Shell, Transcript } from './shell';
import { userEnvironment } from './user-environment';

const ROOT = path.join(__dirname, '..', '..');
const TRANSCRIPT = path.join(ROOT, 'test-reports', 'rehearsal-transcript.txt');
const SECTION = 'Rehearse on a clone';
const started = Date.now();

/** An environment of the local stack's saved world. */
interface WorldEnvironment {
  readonly name: string;
  readonly auth?: { readonly resourceName: string; readonly imported: boolean; readonly outputs: { readonly UserPoolId: string } };
  readonly storage?: { readonly resourceName: string; readonly bucketName: string; readonly imported: boolean };
}

/** What the local stack's world.json holds: environments by name, and each environment's job operations in order. */
function world(dir: string): { environments: Map<string, WorldEnvironment>; jobs: (environment: string) => string[] } {
  const image = JSON.parse(fs.readFileSync(path.join(dir, '.cdk-amplify-backend', 'world.json'), 'utf8'));
  const environments = new Map<string, WorldEnvironment>(image.apps.flatMap((app: { environments: WorldEnvironment[] }) => app.environments)
    .map((environment: WorldEnvironment) => [environment.name, environment]));
  const jobs = (environment: string) => (image.jobs as Array<{ backendEnvironmentName: string; operation: string }>)
    .filter((job) => job.backendEnvironmentName === environment).map((job) => job.operation);
  return { environments, jobs };
}

/** The one command of each of the section's ```sh blocks, in order. */
function sectionCommands(readme: ReadmeExamples): ReadmeCommand[] {
  return readme.take(SECTION, 2).map((block) => {
    const [only, ...more] = commandsOf(block);
    if (!only || more.length > 0 || 'instruction' in only) throw new PackedFailure(`README: expected one command under "${SECTION}":\n${block.text}`);
    return only;
  });
}

function packedTarball(): string {
  const dist = path.join(ROOT, 'dist', 'js');
  const found = fs.existsSync(dist) ? fs.readdirSync(dist).filter((file) => file.endsWith('.tgz')) : [];
  if (found.length !== 1) throw new PackedFailure(`expected one tarball in ${dist}, found ${found.length}: run npx projen package:js after the jsii build`);
  return path.join(dist, found[0]);
}

/** A new folder made an app: npm init, the libraries, tsx, the package, and a cdk.json that runs bin/rehearsal.ts. */
async function newApp(shell: Shell, transcript: Transcript, tarball: string): Promise<string> {
  const versions = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).devDependencies;
  transcript.section('A new app: npm init, aws-cdk-lib, constructs, tsx and the package');
  const init = await shell.run('npm init -y');
  check(init.code === 0, 'npm init -y', init);
  const install = await shell.run(`npm install --no-audit --no-fund aws-cdk-lib@${versions['aws-cdk-lib']} constructs@${versions.constructs} ${tarball}`);
  check(install.code === 0, `npm install of aws-cdk-lib ${versions['aws-cdk-lib']}, constructs ${versions.constructs} and the tarball`, install);
  const tsx = await shell.run('npm install --no-audit --no-fund --save-dev tsx@4');
  check(tsx.code === 0, 'npm install --save-dev tsx@4, to run the TypeScript app', tsx);
  fs.writeFileSync(path.join(shell.cwd, 'cdk.json'), `${JSON.stringify({ app: 'npx tsx bin/rehearsal.ts' }, null, 2)}\n`);
  transcript.note('cdk.json: {"app": "npx tsx bin/rehearsal.ts"}');
  return path.join(shell.cwd, 'bin', 'rehearsal.ts');
}

async function rehearse(shell: Shell, readme: ReadmeExamples, entry: string, transcript: Transcript): Promise<void> {
  transcript.section(`README "${SECTION}": the example as the app's entry file, then the section's commands as printed`);
  fs.mkdirSync(path.dirname(entry), { recursive: true });
  fs.writeFileSync(entry, readme.find('ts', SECTION, 'cloneFrom: prod').text);
  transcript.note(`${path.relative(shell.cwd, entry)}: the section's TypeScript example, as pasted`);
  const [deploy, destroy] = sectionCommands(readme);

  const deployed = await shell.run(deploy.line);
  check(deployed.code === 0 && /^ {2}Production +CREATE_COMPLETE$/m.test(deployed.stdout) && /^ {2}Rehearsal +CREATE_COMPLETE$/m.test(deployed.stdout),
    `"${deploy.line}" creates the production stack and the rehearsal stack: exit 0`, deployed);
  check(/bucket photo-share-media /.test(deployed.stdout), 'the local account starts with the bucket the app imports, as the README says', deployed);
  check(deployed.stdout.includes('cdk-amplify-backend:cloneSharesImports') || deployed.stderr.includes('cdk-amplify-backend:cloneSharesImports'),
    'synth warns that the clone shares the imported bucket (cdk-amplify-backend:cloneSharesImports)', deployed);
  const afterDeploy = world(shell.cwd);
  const [prod, clone] = [afterDeploy.environments.get('prod'), afterDeploy.environments.get('rehearsal')];
  check(clone?.auth?.resourceName === 'photoshare' && !clone.auth.imported && clone.auth.outputs.UserPoolId !== prod?.auth?.outputs.UserPoolId,
    `the clone has auth "photoshare" of its own: user pool ${clone?.auth?.outputs.UserPoolId}, production's is ${prod?.auth?.outputs.UserPoolId}`);
  check(clone?.storage?.imported === true && clone.storage.bucketName === 'photo-share-media' && prod?.storage?.bucketName === 'photo-share-media',
    'the clone links production\'s imported bucket photo-share-media: shared, as the README\'s table says');
  check(JSON.stringify(afterDeploy.jobs('prod').filter((operation) => operation !== 'CloneBackend'))
    === JSON.stringify(['CreateBackend', 'CreateBackendAuth', 'ImportBackendStorage']),
  `production's jobs are its own stack's, and the clone's job the emulator lists under its source: ${afterDeploy.jobs('prod').join(', ')}`);

  const destroyed = await shell.run(destroy.line);
  check(destroyed.code === 0 && /^ {2}Rehearsal +DELETE_COMPLETE$/m.test(destroyed.stdout), `"${destroy.line}" deletes the rehearsal stack: exit 0`, destroyed);
  const afterDestroy = world(shell.cwd);
  check(!afterDestroy.environments.has('rehearsal'), 'the clone is gone');
  check(JSON.stringify(afterDestroy.environments.get('prod')) === JSON.stringify(prod), 'production is as it was: its auth, its bucket linked');
  check(JSON.stringify(afterDestroy.jobs('prod')) === JSON.stringify(afterDeploy.jobs('prod')) && afterDestroy.jobs('rehearsal').join() === 'DeleteBackend',
    'the destroy sent DeleteBackend for the clone alone, nothing for production');
}

async function main(): Promise<number> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'packed-rehearsal-'));
  const [home, dir] = [path.join(work, 'home'), path.join(work, 'rehearsal-app')];
  const transcript = new Transcript();
  let failure: unknown;
  try {
    const tarball = packedTarball();
    transcript.note(`test:packed:rehearsal: ${path.basename(tarball)} in a new app, ${new Date().toISOString()}`);
    fs.mkdirSync(dir);
    const shell = new Shell(dir, userEnvironment(home), transcript);
    const entry = await newApp(shell, transcript, tarball);
    const readme = new ReadmeExamples(fs.readFileSync(path.join(dir, 'node_modules', 'cdk-amplify-backend', 'README.md'), 'utf8'));
    await rehearse(shell, readme, entry, transcript);
  } catch (error) {
    failure = error;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const summary = failure ? `FAILED after ${passed.length} checks, ${seconds} s` : `${passed.length} checks passed in ${seconds} s`;
  transcript.section('Summary');
  transcript.note(summary);
  transcript.write(TRANSCRIPT);
  console.log(`\ntest:packed:rehearsal: ${summary}\n  transcript: ${path.relative(ROOT, TRANSCRIPT)}`);
  if (failure) {
    console.error(`test:packed:rehearsal FAILED: ${failure instanceof PackedFailure ? failure.message : (failure as Error).stack}`);
    console.error(`The app is kept in ${dir}.`);
    return 1;
  }
  fs.rmSync(work, { recursive: true, force: true });
  return 0;
}

void main().then((code) => process.exit(code));
