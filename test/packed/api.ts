/**
 * test:packed's README "API": its schema as `schema.graphql` beside cdk.json and its example as the app's entry file,
 * then the section's commands as printed: `local deploy` creates the API and generates its models (LATEST in the local
 * world), `local drift` prints the rows the README shows, `local preview` finds every row unchanged (exit 0); then
 * `local destroy` (not a README line).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { check, outputs } from './checks';
import { commands, ReadmeExamples } from './readme-blocks';
import { Shell, Transcript } from './shell';

const SECTION = 'API';

/** The models' status of every API the local world holds, by `<app>/<environment>/<resource name>`. */
function modelStatuses(world: string): Record<string, string | undefined> {
  const statuses: Record<string, string | undefined> = {};
  const { apps } = JSON.parse(fs.readFileSync(world, 'utf8')) as {
    apps: Array<{ appId: string; environments: Array<{ name: string; api?: { resourceName: string; models?: { status?: string } } }> }>;
  };
  for (const app of apps) {
    for (const env of app.environments) if (env.api) statuses[`${app.appId}/${env.name}/${env.api.resourceName}`] = env.api.models?.status;
  }
  return statuses;
}

export async function api(shell: Shell, readme: ReadmeExamples, entry: string, transcript: Transcript): Promise<void> {
  transcript.section(`README "${SECTION}": schema.graphql and the example as the entry file, local deploy, local drift, local preview`);
  fs.writeFileSync(path.join(shell.cwd, 'schema.graphql'), readme.find('graphql', SECTION, '@model').text);
  fs.writeFileSync(entry, readme.find('ts', SECTION, '.addApi(').text);
  transcript.note(`schema.graphql and ${path.relative(shell.cwd, entry)}: the README's API schema and example, as pasted`);
  const [deploy, drift, preview] = commands(readme.take(SECTION, 1)[0], 3);

  const deployed = await shell.run(deploy.line);
  const shown = outputs(deployed.stdout);
  check(deployed.code === 0 && /^ {2}TodoBackend {2}CREATE_COMPLETE$/m.test(deployed.stdout)
    && /Staging\/Api +CREATE_COMPLETE {2}d1a2b3c4d5e6f7\/staging\/todo /.test(deployed.stdout),
  `"${deploy.line}" creates the environment, its auth and the API`, deployed);
  check(/Staging\/Api +GenerateBackendAPIModels · job \S+ · RUNNING/.test(deployed.stdout)
    && /^https:\/\/\w+\.appsync-api\.us-east-1\.amazonaws\.com\/graphql$/.test(shown.get('TodoBackend.GraphQLEndpoint') ?? '')
    && /^\w+$/.test(shown.get('TodoBackend.GraphQLApiId') ?? ''),
  'the deploy generates the models and prints the GraphQL endpoint and API id', deployed);
  const statuses = modelStatuses(path.join(shell.cwd, '.cdk-amplify-backend', 'world.json'));
  check(statuses['d1a2b3c4d5e6f7/staging/todo'] === 'LATEST', `the local world holds the API with its models LATEST (${JSON.stringify(statuses)})`);

  const drifted = await shell.run(drift.line);
  const sample = readme.find('text', SECTION, ' in sync ').text;
  check(drifted.code === 0 && drifted.stdout === `${sample}\n`, `"${drift.line}" exits 0 and prints the rows README "${SECTION}" shows`, drifted,
    `--- README "${SECTION}" shows\n${sample}\n--- output\n${drifted.stdout}`);

  const previewed = await shell.run(preview.line);
  check(previewed.code === 0 && /^Nothing would change \(3 unchanged\)\.$/m.test(previewed.stdout),
    `"${preview.line}" exits 0 with the environment, its auth and the API unchanged`, previewed);

  const destroyed = await shell.run('npx cdk-amplify-backend local destroy');
  check(destroyed.code === 0 && /^ {2}TodoBackend {2}DELETE_COMPLETE$/m.test(destroyed.stdout), 'local destroy (not a README line) deletes the API example', destroyed);
}
