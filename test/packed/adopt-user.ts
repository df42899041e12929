/**
 * Bringing an existing backend under code, as a new user would, from the packed package: a fresh TypeScript CDK app in
 * a temp folder (aws-cdk-lib, constructs, typescript and ts-node at the repository's versions, the tarball `npx projen
 * package:js` wrote), a backend made through the SDK on `local serve` as the console would make it, then each step its
 * own process: `adopt --endpoint-url` writes the module, the module is pasted into the app, `local preview` shows only
 * adopt rows, the secrets adopt named are created, `local deploy` sends no mutating call, `local drift` finds everything
 * in sync. Every command and its output go to test-reports/adopt-user.txt, the transcript. Run by `npx projen
 * test:adopt-user` (CI runs it after the build), not by `npm test`: installing takes most of its time.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import {
  AmplifyBackendClient, CreateBackendAuthCommand, CreateBackendCommand, CreateBackendStorageCommand, GetBackendJobCommand, ImportBackendAuthCommand,
  ImportBackendStorageCommand,
} from '@aws-sdk/client-amplifybackend';

// The SDK's notice that Node 20 loses support is noise in the transcript.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROOT = path.join(__dirname, '..', '..');
const TRANSCRIPT = path.join(ROOT, 'test-reports', 'adopt-user.txt');
const APP_ID = 'd1photoshare';
const REGION = 'eu-west-1';
const BUCKET = 'team-files-photoshare';
/** A client secret the console was given; it must appear nowhere adopt prints or writes. */
const CLIENT_SECRET = 'console-google-secret-8d1e';
const started = Date.now();
const transcript: string[] = [];

/** Any credentials do for the local endpoint, but some must be there; no AWS account is used. */
const ENV = {
  ...process.env,
  CI: 'true',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_REGION: REGION,
  CDK_DISABLE_VERSION_CHECK: '1',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

function record(text: string): void {
  transcript.push(text);
  fs.mkdirSync(path.dirname(TRANSCRIPT), { recursive: true });
  fs.writeFileSync(TRANSCRIPT, `${transcript.join('\n')}\n`);
}

function fail(message: string, output?: { stdout: string; stderr: string }): never {
  record(`FAILED: ${message}`);
  console.error(`test:adopt-user FAILED: ${message}`);
  if (output) console.error(`--- stdout\n${output.stdout}\n--- stderr\n${output.stderr}`);
  console.error(`Transcript: ${TRANSCRIPT}`);
  process.exit(1);
}

function check(ok: boolean, message: string, output?: { stdout: string; stderr: string }): void {
  if (!ok) fail(message, output);
  record(`  ok  ${message}`);
  console.log(`  ok  ${message}`);
}

/** Runs a command in the app's folder as its own process; the command and its output go to the transcript. */
function run(dir: string, command: string, args: string[], input?: string): { code: number; stdout: string; stderr: string } {
  const shown = [path.basename(command), ...args.map((arg) => (/^[\w./:=@-]+$/.test(arg) ? arg : `'${arg}'`))].join(' ');
  const result = spawnSync(command, args, { cwd: dir, encoding: 'utf8', env: ENV, input });
  if (result.error) fail(`${shown}: ${result.error.message}`);
  const output = { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
  record(`\n$ ${shown}${input !== undefined ? ' < (value from stdin)' : ''}\n${output.stdout}${output.stderr ? `[stderr]\n${output.stderr}` : ''}[exit ${output.code}]`);
  return output;
}

function tarball(): string {
  const dist = path.join(ROOT, 'dist', 'js');
  const found = fs.existsSync(dist) ? fs.readdirSync(dist).filter((file) => file.endsWith('.tgz')) : [];
  if (found.length !== 1) fail(`expected one tarball in ${dist}, found ${found.length}: run npx projen package:js after the jsii build`);
  return path.join(dist, found[0]);
}

/** The app's entry point: one stack, and (once pasted) the module adopt wrote. */
const appTs = (withModule: boolean) => `#!/usr/bin/env node
import { App, Stack } from 'aws-cdk-lib';
${withModule ? 'import { PhotoShareBackend } from \'../lib/backend\';\n' : ''}
const app = new App();
const stack = new Stack(app, 'PhotoBackend', { env: { region: '${REGION}' } });
${withModule ? 'new PhotoShareBackend(stack, \'PhotoShare\');\n' : 'void stack;\n'}`;

/** `local serve` in the background, until `stop`: its endpoint is the first line it prints. */
async function serve(dir: string, cli: string): Promise<{ endpoint: string; stop: () => Promise<number> }> {
  record('\n$ cdk-amplify-backend local serve &');
  const child: ChildProcess = spawn(cli, ['local', 'serve'], { cwd: dir, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => stderr += chunk.toString());
  const lines = readline.createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve) => {
    lines.once('line', resolve);
    void exited.then(() => resolve(''));
  });
  if (!first.startsWith('endpoint ')) fail(`local serve printed no endpoint: ${first}${stderr}`);
  record(first);
  return {
    endpoint: first.slice('endpoint '.length),
    stop: async () => {
      child.kill('SIGTERM');
      const code = await exited;
      record(`(local serve stopped with SIGTERM: exit ${code})`);
      return code;
    },
  };
}

/** The backend as the console made it: staging with auth (Google sign-in) and storage; prod with a user pool and a bucket linked. */
async function makeBackend(endpoint: string): Promise<void> {
  const client = new AmplifyBackendClient({ endpoint, region: REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  const calls: Array<[string, () => Promise<{ JobId?: string }>, string]> = [
    ['CreateBackend staging', () => client.send(new CreateBackendCommand({
      AppId: APP_ID, AppName: 'photo-share', BackendEnvironmentName: 'staging', ResourceConfig: {},
    })), 'staging'],
    ['CreateBackendAuth staging', () => client.send(new CreateBackendAuthCommand({
      AppId: APP_ID,
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
    })), 'staging'],
    ['CreateBackendStorage staging', () => client.send(new CreateBackendStorageCommand({
      AppId: APP_ID,
      BackendEnvironmentName: 'staging',
      ResourceName: 'photos',
      ResourceConfig: { ServiceName: 'S3', BucketName: 'photos', Permissions: { Authenticated: ['READ', 'CREATE_AND_UPDATE'], UnAuthenticated: ['READ'] } },
    })), 'staging'],
    ['CreateBackend prod', () => client.send(new CreateBackendCommand({ AppId: APP_ID, AppName: 'photo-share', BackendEnvironmentName: 'prod', ResourceConfig: {} })), 'prod'],
    ['ImportBackendAuth prod', () => client.send(new ImportBackendAuthCommand({
      AppId: APP_ID, BackendEnvironmentName: 'prod', UserPoolId: `${REGION}_AbCdEfGhI`, WebClientId: 'webclient1', NativeClientId: 'nativeclient1',
    })), 'prod'],
    ['ImportBackendStorage prod', () => client.send(new ImportBackendStorageCommand({ AppId: APP_ID, BackendEnvironmentName: 'prod', ServiceName: 'S3', BucketName: BUCKET })), 'prod'],
  ];
  try {
    for (const [name, send, environment] of calls) {
      const { JobId } = await send();
      const job = await client.send(new GetBackendJobCommand({ AppId: APP_ID, BackendEnvironmentName: environment, JobId }));
      record(`(SDK on local serve) ${name}: job ${JobId} ${job.Status}`);
      if (job.Status !== 'COMPLETED') fail(`${name}: job ${JobId} is ${job.Status}`);
    }
  } finally {
    client.destroy();
  }
}

const jobCount = (dir: string) => (JSON.parse(fs.readFileSync(path.join(dir, '.cdk-amplify-backend', 'world.json'), 'utf8')).jobs as unknown[]).length;

async function main(): Promise<void> {
  const packed = tarball();
  const versions = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).devDependencies;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adopt-user-'));
  record(`test:adopt-user: ${path.basename(packed)} in a fresh TypeScript CDK app, ${new Date().toISOString()}`);
  console.log(`test:adopt-user: ${path.basename(packed)} in ${dir}`);
  try {
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
      name: 'photo-share-infra',
      private: true,
      dependencies: {
        'aws-cdk-lib': versions['aws-cdk-lib'],
        'constructs': versions.constructs,
        'cdk-amplify-backend': `file:${packed}`,
        'typescript': versions.typescript,
        'ts-node': versions['ts-node'],
        '@types/node': versions['@types/node'],
      },
    }, null, 2));
    fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: 'npx ts-node --prefer-ts-exts bin/app.ts' }, null, 2));
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['es2022'],
        strict: true,
        noImplicitReturns: true,
        noUnusedLocals: true,
        noUnusedParameters: true,
        skipLibCheck: true,
        types: ['node'],
      },
      exclude: ['node_modules', 'cdk.out'],
    }, null, 2));
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.mkdirSync(path.join(dir, 'lib'));
    fs.writeFileSync(path.join(dir, 'bin', 'app.ts'), appTs(false));
    const install = run(dir, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']);
    check(install.code === 0, `npm install of aws-cdk-lib ${versions['aws-cdk-lib']}, constructs, typescript, ts-node and the tarball`, install);
    const cli = path.join(dir, 'node_modules', '.bin', 'cdk-amplify-backend');

    // The account as it is before the app manages anything: a bucket of the team's, and no Amplify app yet.
    const first = run(dir, cli, ['local', 'deploy', '--seed', 'none', '--bucket', BUCKET]);
    check(first.code === 0, 'local deploy of the app without Amplify resources makes the local world, with a bucket of the team\'s', first);
    const served = await serve(dir, cli);
    await makeBackend(served.endpoint);
    check(true, 'the backend is made through the SDK on local serve: environment staging with auth (Google sign-in) and storage, prod with '
      + 'a user pool and a bucket linked');

    const adopted = run(dir, cli, ['adopt', '--app-id', APP_ID, '--endpoint-url', served.endpoint, '--out', 'lib/backend.ts']);
    check(adopted.code === 0 && fs.existsSync(path.join(dir, 'lib', 'backend.ts')), 'adopt --endpoint-url writes lib/backend.ts: exit 0', adopted);
    const module = fs.readFileSync(path.join(dir, 'lib', 'backend.ts'), 'utf8');
    record(`\n--- lib/backend.ts\n${module}--- end of lib/backend.ts`);
    check(/^ {2}photo-share\/staging\/google {2}a JSON secret whose "clientSecret" is/m.test(adopted.stderr), 'adopt names the secret to create (its value was not read)', adopted);
    check(![module, adopted.stdout, adopted.stderr].some((text) => text.includes(CLIENT_SECRET)), 'the client secret the console was given is in no output');
    check((await served.stop()) === 0, 'local serve stops on SIGTERM with the world saved');

    fs.writeFileSync(path.join(dir, 'bin', 'app.ts'), appTs(true));
    record('\n(bin/app.ts: the module pasted in)\n' + appTs(true));
    const preview = run(dir, cli, ['local', 'preview']);
    const rows = preview.stdout.split('\n').filter((line) => /^ {2}\S/.test(line));
    check(preview.code === 0 && rows.length === 6 && rows.every((line) => /^ {2}adopt {2}/.test(line)), 'local preview: 6 rows, every one adopt, exit 0', preview);

    const secret = run(dir, cli, ['local', 'secrets', 'set', 'photo-share/staging/google'], JSON.stringify({ clientSecret: 'local-stand-in' }));
    check(secret.code === 0, 'local secrets set photo-share/staging/google (a stand-in value, from stdin)', secret);
    const jobsBefore = jobCount(dir);
    const deployed = run(dir, cli, ['local', 'deploy', '--time-scale', '0.02']);
    check(deployed.code === 0 && /^ {2}PhotoBackend {2}UPDATE_COMPLETE$/m.test(deployed.stdout), 'local deploy takes everything over: exit 0, UPDATE_COMPLETE', deployed);
    check(jobCount(dir) === jobsBefore, `local deploy sent no mutating call: the world has ${jobsBefore} jobs before and after`);
    const drift = run(dir, cli, ['local', 'drift']);
    check(drift.code === 0 && /^PhotoBackend: 6 in sync$/m.test(drift.stdout), 'local drift: 6 in sync, exit 0', drift);
    record(`\ntest:adopt-user: passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    console.log(`test:adopt-user: passed in ${((Date.now() - started) / 1000).toFixed(0)} s; transcript in ${TRANSCRIPT}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.stack ?? error.message : String(error)));
