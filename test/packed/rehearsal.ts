/**
 * The README's "Rehearse on a clone", as a new user tries it in test:packed's app: the section's example as the app's
 * entry file as printed, and the section's two commands run as printed: `local deploy` (the production stack, then its
 * clone) and `local destroy --stack Rehearsal` (the clone alone). The local stack's world is read after each: the clone
 * holds new auth and the source's own bucket, the source is never changed, and the destroy removes the clone alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { check, PackedFailure } from './checks';
import { commandsOf, ReadmeCommand, ReadmeExamples } from './readme-blocks';
import { Shell, Transcript } from './shell';

const SECTION = 'Rehearse on a clone';

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

/** README "Rehearse on a clone": its example as the entry file, its commands as printed, then the production stack destroyed. */
export async function rehearsal(shell: Shell, readme: ReadmeExamples, entry: string, transcript: Transcript): Promise<void> {
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
  const cleared = await shell.run('npx cdk-amplify-backend local destroy');
  check(cleared.code === 0 && /^ {2}Production +DELETE_COMPLETE$/m.test(cleared.stdout), 'local destroy (not a README line) deletes the production stack', cleared);
}
