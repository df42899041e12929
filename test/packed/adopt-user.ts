/**
 * Bringing an existing backend under code, as a new user would, from the packed package: README "Bring an existing
 * backend under code", its ```sh block run as printed in the user's app. A backend is made through the SDK on `local
 * serve` as the console would make it (staging with auth, Google sign-in and storage; prod with a user pool and a
 * bucket linked); then, each its own process, `adopt --endpoint-url` writes the module, the module is added to the app,
 * `local preview` shows only adopt rows, the secret adopt named is created, `local deploy` sends no mutating call, and
 * `local drift` finds everything in sync. The client secret the console was given appears in nothing adopt prints or
 * writes. test:packed runs it in its own app (user-app.ts); run alone (`npx projen test:adopt-user`) it makes a fresh
 * app of its own and writes its transcript to test-reports/adopt-user.txt.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  AmplifyBackendClient, CreateBackendAuthCommand, CreateBackendCommand, CreateBackendStorageCommand, GetBackendJobCommand, ImportBackendAuthCommand,
  ImportBackendStorageCommand,
} from '@aws-sdk/client-amplifybackend';
import { check, PackedFailure, passed } from './checks';
import { newApp, packedTarball, ROOT, userEnvironment } from './fresh-app';
import { commandsOf, ReadmeCommand, ReadmeExamples, ReadmeStep } from './readme-blocks';
import { Background, Shell, Transcript } from './shell';

const HEADING = 'Bring an existing backend under code';
const REGION = 'eu-west-1';
const BUCKET = 'team-files-photoshare';
/** A client secret the console was given; it must appear nowhere adopt prints or writes. */
const CLIENT_SECRET = 'console-google-secret-8d1e';
/** Credentials for the SDK calls made as the console would; any do for local serve, but some must be there. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** The app's entry file: one stack, and (once added) the class adopt wrote. */
const entryFile = (className?: string, module?: string) => [
  'import { App, Stack } from \'aws-cdk-lib\';',
  ...(className ? [`import { ${className} } from '../lib/${module}';`] : []),
  '',
  'const app = new App();',
  `const stack = new Stack(app, 'PhotoBackend', { env: { region: '${REGION}' } });`,
  className ? `new ${className}(stack, 'PhotoShare');` : 'void stack;',
  '',
].join('\n');

/** The backend as the console made it, through the SDK on local serve; each call's job must complete. */
async function makeBackend(endpoint: string, appId: string, transcript: Transcript): Promise<void> {
  const client = new AmplifyBackendClient({ endpoint, region: REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  const calls: Array<[string, string, () => Promise<{ JobId?: string }>]> = [
    ['CreateBackend', 'staging', () => client.send(new CreateBackendCommand({ AppId: appId, AppName: 'photo-share', BackendEnvironmentName: 'staging', ResourceConfig: {} }))],
    ['CreateBackendAuth', 'staging', () => client.send(new CreateBackendAuthCommand({
      AppId: appId,
      BackendEnvironmentName: 'staging',
      ResourceName: 'photoshare',
      ResourceConfig: {
        AuthResources: 'IDENTITY_POOL_AND_USER_POOL',
        Service: 'COGNITO',
        UserPoolConfigs: {
          UserPoolName: 'photoshare_userpool',
          SignInMethod: 'EMAIL',
          RequiredSignUpAttributes: ['EMAIL'],
          PasswordPolicy: { MinimumLength: 10, AdditionalConstraints: ['REQUIRE_DIGIT', 'REQUIRE_UPPERCASE'] },
          Mfa: { MFAMode: 'OPTIONAL', Settings: { MfaTypes: ['TOTP'] } },
          VerificationMessage: { DeliveryMethod: 'EMAIL' },
          OAuth: {
            OAuthGrantType: 'CODE',
            OAuthScopes: ['EMAIL', 'OPENID'],
            RedirectSignInURIs: ['https://photos.example.com/'],
            RedirectSignOutURIs: ['https://photos.example.com/'],
            DomainPrefix: 'photo-share',
            SocialProviderSettings: { Google: { ClientId: '1234.apps.googleusercontent.com', ClientSecret: CLIENT_SECRET } },
          },
        },
        IdentityPoolConfigs: { IdentityPoolName: 'photoshare_identitypool', UnauthenticatedLogin: true },
      },
    }))],
    ['CreateBackendStorage', 'staging', () => client.send(new CreateBackendStorageCommand({
      AppId: appId,
      BackendEnvironmentName: 'staging',
      ResourceName: 'photos',
      ResourceConfig: { ServiceName: 'S3', BucketName: 'photos', Permissions: { Authenticated: ['READ', 'CREATE_AND_UPDATE'], UnAuthenticated: ['READ'] } },
    }))],
    ['CreateBackend', 'prod', () => client.send(new CreateBackendCommand({ AppId: appId, AppName: 'photo-share', BackendEnvironmentName: 'prod', ResourceConfig: {} }))],
    ['ImportBackendAuth', 'prod', () => client.send(new ImportBackendAuthCommand({
      AppId: appId, BackendEnvironmentName: 'prod', UserPoolId: `${REGION}_AbCdEfGhI`, WebClientId: 'webclient1', NativeClientId: 'nativeclient1',
    }))],
    ['ImportBackendStorage', 'prod', () => client.send(new ImportBackendStorageCommand({ AppId: appId, BackendEnvironmentName: 'prod', ServiceName: 'S3', BucketName: BUCKET }))],
  ];
  try {
    for (const [operation, environment, send] of calls) {
      const { JobId } = await send();
      const job = await client.send(new GetBackendJobCommand({ AppId: appId, BackendEnvironmentName: environment, JobId }));
      transcript.note(`(SDK on local serve, as the console) ${operation} ${environment}: job ${JobId} ${job.Status}`);
      check(job.Status === 'COMPLETED', `${operation} ${environment} through the SDK on local serve: its job ${JobId} completes (${job.Status})`);
    }
  } finally {
    client.destroy();
  }
}

const jobCount = (dir: string) => (JSON.parse(fs.readFileSync(path.join(dir, '.cdk-amplify-backend', 'world.json'), 'utf8')).jobs as unknown[]).length;

/**
 * README "Bring an existing backend under code" in the user's app (`shell.cwd`, whose entry file is `entry`), from a
 * local world of its own: its ```sh block run as printed, the app's entry file written as its instruction says.
 */
export async function adoptAsAUser(
  shell: Shell, readme: ReadmeExamples, entry: string, transcript: Transcript, running: Background[],
): Promise<void> {
  transcript.section(`README "${HEADING}": a backend made on local serve through the SDK, then the README's commands as printed`);
  const items = commandsOf(readme.take(HEADING, 1)[0]);
  check(items.length === 7 && items.every((item, index) => ('instruction' in item) === (index === 2)), `README "${HEADING}": 6 commands, an instruction after adopt`);
  const [serve, adopt, , preview, secret, deploy, drift] = items as ReadmeCommand[];
  const addIt = items[2] as ReadmeStep;
  const [, appId, module] = /--app-id (\w+) .*--out lib\/([\w-]+)\.ts/.exec(adopt.line) ?? [];
  check(module !== undefined, 'the adopt line names an --app-id and an --out in lib/');

  // A local world of its own: an app without Amplify resources deployed once, with a bucket of the team's.
  fs.rmSync(path.join(shell.cwd, '.cdk-amplify-backend'), { recursive: true, force: true });
  fs.writeFileSync(entry, entryFile());
  transcript.note(`${path.relative(shell.cwd, entry)}: a stack without Amplify resources; the local world made anew`);
  const first = await shell.run(`npx cdk-amplify-backend local deploy --seed none --bucket ${BUCKET}`);
  check(first.code === 0, 'local deploy (not a README line) of the app without Amplify resources makes a local world with a bucket of the team\'s', first);

  const server = await shell.start(serve.line);
  running.push(server);
  const endpoint = /^endpoint (http:\/\/127\.0\.0\.1:(\d+))$/.exec(server.firstLine);
  check(endpoint !== null, `local serve's first line is "endpoint <url>" ("${server.firstLine}")`);
  await makeBackend(endpoint![1], appId, transcript);
  check(adopt.line.split('<port>').length === 2, 'the adopt line has one <port>, given the port local serve printed');
  const adopted = await shell.run(adopt.line.replace('<port>', endpoint![2]));
  const file = path.join(shell.cwd, 'lib', `${module}.ts`);
  check(adopted.code === 0 && fs.existsSync(file), `adopt --endpoint-url writes lib/${module}.ts: exit 0`, adopted);
  const written = fs.readFileSync(file, 'utf8');
  transcript.note(`lib/${module}.ts, as adopt wrote it:`);
  written.trimEnd().split('\n').forEach((line) => transcript.note(`  ${line}`));
  check(/^ {2}photo-share\/staging\/google {2}a JSON secret whose "clientSecret" is/m.test(adopted.stderr), 'adopt names the secret to create, without a value', adopted);
  check(![written, adopted.stdout, adopted.stderr].some((text) => text.includes(CLIENT_SECRET)), 'the client secret the console was given is in no output and not in the module');
  const stopped = await server.interrupt();
  check(/^Stopped; the world is saved in /m.test(stopped.stdout), 'Ctrl-C stops local serve, the world saved', stopped);

  const declared = /^export class (\w+) extends Construct/m.exec(written)?.[1];
  check(declared !== undefined && addIt.instruction.includes(`new ${declared}(stack, 'PhotoShare')`), `the module exports the class the README adds (${declared})`);
  fs.writeFileSync(entry, entryFile(declared, module));
  transcript.note(`${addIt.instruction}: ${path.relative(shell.cwd, entry)} now reads`);
  entryFile(declared, module).trimEnd().split('\n').forEach((line) => transcript.note(`  ${line}`));

  const previewed = await shell.run(preview.line);
  const rows = previewed.stdout.split('\n').filter((line) => /^ {2}\S/.test(line));
  check(previewed.code === 0 && rows.length === 6 && rows.every((line) => /^ {2}adopt {2}/.test(line)), 'local preview: 6 rows, every one adopt, exit 0', previewed);

  const input = secret.line.match(/< (\S+)$/)?.[1];
  check(input !== undefined, 'the secrets line reads the value from a file');
  fs.writeFileSync(path.join(shell.cwd, input!), JSON.stringify({ clientSecret: 'local-stand-in' }));
  transcript.note(`${input}: a stand-in for the Google client secret`);
  const set = await shell.run(secret.line);
  check(set.code === 0, 'local secrets set, with the name adopt printed', set);

  const jobsBefore = jobCount(shell.cwd);
  const deployed = await shell.run(deploy.line);
  check(deployed.code === 0 && /^ {2}PhotoBackend {2}UPDATE_COMPLETE$/m.test(deployed.stdout), 'local deploy takes everything over: exit 0, UPDATE_COMPLETE', deployed);
  check(jobCount(shell.cwd) === jobsBefore, `local deploy sent no mutating call: the world has ${jobsBefore} jobs before and after`);
  const drifted = await shell.run(drift.line);
  check(drifted.code === 0 && /^PhotoBackend: 6 in sync$/m.test(drifted.stdout), 'local drift: 6 in sync, exit 0', drifted);
  fs.rmSync(path.join(shell.cwd, input!));
}

/** test:adopt-user: the trial alone, in a fresh app of its own. */
async function main(): Promise<number> {
  const started = Date.now();
  const transcriptFile = path.join(ROOT, 'test-reports', 'adopt-user.txt');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'adopt-user-'));
  const dir = path.join(work, 'photo-share-infra');
  const transcript = new Transcript();
  const running: Background[] = [];
  let failure: unknown;
  try {
    const tarball = packedTarball();
    transcript.note(`test:adopt-user: ${path.basename(tarball)} in a new cdk init app, ${new Date().toISOString()}`);
    fs.mkdirSync(dir);
    const shell = new Shell(dir, userEnvironment(path.join(work, 'home')), transcript);
    const facts = await newApp(shell, transcript, tarball);
    const readme = new ReadmeExamples(fs.readFileSync(path.join(dir, 'node_modules', 'cdk-amplify-backend', 'README.md'), 'utf8'));
    await adoptAsAUser(shell, readme, facts.entry, transcript, running);
  } catch (error) {
    failure = error;
  } finally {
    running.forEach((server) => server.kill());
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const summary = failure ? `FAILED after ${passed.length} checks, ${seconds} s` : `${passed.length} checks passed in ${seconds} s`;
  transcript.section('Summary');
  transcript.note(summary);
  transcript.write(transcriptFile);
  console.log(`\ntest:adopt-user: ${summary}\n  transcript: ${path.relative(ROOT, transcriptFile)}`);
  if (failure) {
    console.error(`test:adopt-user FAILED: ${failure instanceof PackedFailure ? failure.message : (failure as Error).stack}`);
    console.error(`The app is kept in ${dir}.`);
    return 1;
  }
  fs.rmSync(work, { recursive: true, force: true });
  return 0;
}

if (require.main === module) void main().then((code) => process.exit(code));
