import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AmplifyBackendClient } from '@aws-sdk/client-amplifybackend';
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { localDeployment } from './harness';
import { driftRows } from '../../cli/drift/drift-rows';
import { stackPreview } from '../../cli/local/preview';
import { localSecrets } from '../../cli/local/secrets';
import { seedsFromApp } from '../../cli/local/seeds';
import { printPreview } from '../../cli/preview/preview-report';
import { readAssembly, StackArtifact, StackResult } from '../../local/runner';
import { readmeExamples } from '../../projenrc/readme-examples';
import { CDK_CLI_CONTEXT } from '../cdk-cli-context';
import { servingIo } from '../cli/serving-io';
import { runReadmeExample } from '../readme-app';

jest.setTimeout(60_000);

// Apps get the context the CDK CLI (and `local`) gives them.
beforeAll(() => {
  process.env.CDK_CONTEXT_JSON = JSON.stringify(CDK_CLI_CONTEXT);
});
afterAll(() => {
  delete process.env.CDK_CONTEXT_JSON;
});

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const examples = readmeExamples();
const [firstExample, authExample, handOver] = [
  examples[0], examples.find((example) => example.includes('.importAuth('))!, examples.find((example) => example.includes('RemovalPolicies.of('))!,
];

const apiExample = examples.find((example) => example.includes('.addApi('))!;
/** The schema file of the README's API example, as its ```graphql block shows it. */
const apiSchema = /## API\n[\s\S]*?```graphql\n([\s\S]*?)```/.exec(README)![1];

/** The command lines the API section prints after its example. */
const apiCommands = /## API\n[\s\S]*?```sh\n([\s\S]*?)```/.exec(README)![1];

/** The README's `local deploy` command lines, in order, with `\` continuations joined. */
const localDeployLines = [...README.matchAll(/```sh\n([\s\S]*?)```/g)]
  .map((match) => match[1].replace(/\\\n\s*/g, '').trim())
  .filter((line) => line.startsWith('npx cdk-amplify-backend local deploy') && !line.includes('['));

/** The `--secret` values of a command line, unquoted as a shell would. */
const secretValues = (line: string) => [...line.matchAll(/--secret (?:'([^']*)'|(\S+))/g)].map((match) => match[1] ?? match[2]);

const stacksOf = (app: App): StackArtifact[] => readAssembly(app.synth().directory);
const outcome = (result: StackResult) => [result.status, ...result.failures.map((failure) => `${failure.logicalId}: ${failure.reason}`)].join(' | ');

/** Deploys every stack of an app on the emulator seeded from the app (as `local deploy` does), with the given secrets. */
async function deployLocally(app: App, secrets: Record<string, string> = {}) {
  const stacks = stacksOf(app);
  const { environments, buckets } = seedsFromApp(stacks, { seed: 'auto', environment: [], bucket: [] });
  const local = await localDeployment({ emulator: { environments, buckets, requireAuthForStorage: true }, secrets });
  const results: string[] = [];
  for (const stack of stacks) results.push(outcome(await local.deploy(stack)));
  return { local, results, stacks };
}

describe('the README\'s examples on the local stack, with the command lines it prints', () => {
  test('the first example deploys with no --environment or --bucket: the world is seeded from the app', async () => {
    expect(localDeployLines[0]).toBe('npx cdk-amplify-backend local deploy');
    const { local, results } = await deployLocally(runReadmeExample(firstExample));
    try {
      expect(results).toEqual(['CREATE_COMPLETE']);
      const dev = local.emulator.inspect().environments.find((env) => env.backendEnvironmentName === 'dev');
      expect(dev?.storage?.bucketName).toBe('team-files-123456789012');
    } finally {
      await local.close();
    }
  });

  test('the Auth example deploys with the --secret values it prints, which the handler reads from the local Secrets Manager', async () => {
    const line = localDeployLines.find((candidate) => candidate.includes('--secret'))!;
    const { local, results } = await deployLocally(runReadmeExample(authExample), localSecrets(secretValues(line)));
    try {
      expect(results).toEqual(['CREATE_COMPLETE']);
      expect(local.secretsManager.requests()).toEqual(expect.arrayContaining([
        'arn:aws:secretsmanager:us-east-1:123456789012:secret:photo-share/google-AbCdEf', 'photo-share/apple-key',
      ]));
    } finally {
      await local.close();
    }
  });

  test('the API example, run where its schema.graphql is, deploys with its models LATEST, drift finds it in sync, and preview finds nothing to do', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-api-'));
    fs.writeFileSync(path.join(dir, 'schema.graphql'), apiSchema);
    const cwd = process.cwd();
    process.chdir(dir);
    let app: App;
    try {
      app = runReadmeExample(apiExample);
    } finally {
      process.chdir(cwd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const { local, results, stacks } = await deployLocally(app);
    const client = new AmplifyBackendClient({ ...local.emulator.clientConfig(), maxAttempts: 1 });
    try {
      expect(results).toEqual(['CREATE_COMPLETE']);
      const staging = local.emulator.inspect().environments.find((env) => env.backendEnvironmentName === 'staging');
      expect(staging?.api?.models.status).toBe('LATEST');
      const resources = [...local.stack('TodoBackend')!.resources.values()].filter((resource) => resource.type.startsWith('Custom::AmplifyBackend'))
        .map(({ logicalId, type, physicalResourceId, properties }) => ({ logicalId, type, physicalId: physicalResourceId, declared: properties }));
      const rows = await driftRows(resources, client);
      expect(rows.map((row) => `${row.status} ${row.type}`)).toEqual(['in-sync Custom::AmplifyBackend', 'in-sync Custom::AmplifyBackendAuth', 'in-sync Custom::AmplifyBackendApi']);

      expect(apiCommands).toContain('npx cdk-amplify-backend local preview\n');
      const preview = servingIo();
      const code = printPreview(await Promise.all(stacks.map((stack) => stackPreview(local, stack, client))), false, preview.io);
      expect({ code, summary: preview.out.stdout.trimEnd().split('\n').pop() }).toEqual({ code: 0, summary: 'Nothing would change (3 unchanged).' });
    } finally {
      client.destroy();
      await local.close();
    }
  });

  test('handing an environment over for Gen 2 as the README says: retain, deploy, remove the constructs, deploy; '
    + 'no AmplifyBackend call changes anything and everything stays', async () => {
    const { local, results } = await deployLocally(runReadmeExample(firstExample));
    try {
      expect(results).toEqual(['CREATE_COMPLETE']);
      const before = local.emulator.inspect().environments;
      const calls = local.emulator.requests().length;

      const retaining = runReadmeExample(firstExample);
      runReadmeExample(handOver, { stack: retaining.node.findChild('AmplifyBackends') });
      const [retained] = stacksOf(retaining);
      expect(Object.values(retained.template.Resources).filter((resource) => resource.Type.startsWith('Custom::Amplify'))
        .map((resource) => resource.DeletionPolicy)).toEqual(['Retain', 'Retain', 'Retain', 'Retain']);
      const policiesChanged = await local.deploy(retained);

      const withoutConstructs = new App();
      const stack = new Stack(withoutConstructs, 'AmplifyBackends', { env: { account: '123456789012', region: 'eu-west-1' } });
      new iam.Role(stack, 'Thumbnailer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      const constructsRemoved = await local.deploy(stacksOf(withoutConstructs)[0]);

      expect([outcome(policiesChanged), outcome(constructsRemoved)]).toEqual(['UPDATE_COMPLETE', 'UPDATE_COMPLETE']);
      expect(local.emulator.requests().slice(calls).filter((request) => request.mutating)).toEqual([]);
      expect(local.emulator.inspect().environments).toEqual(before);
    } finally {
      await local.close();
    }
  });
});
