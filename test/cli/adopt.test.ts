import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  AmplifyBackendClient, CreateBackendAPICommand, CreateBackendAuthCommand, CreateBackendCommand, CreateBackendStorageCommand,
  GenerateBackendAPIModelsCommand, GetBackendAuthCommand, ImportBackendAuthCommand, ImportBackendStorageCommand,
} from '@aws-sdk/client-amplifybackend';
import { hermeticAwsEnvironment, runCli } from './harness';
import { plantingProxy } from './planting-proxy';
import { quote } from '../../cli/adopt/render';
import { amplifyMeta, authInMeta } from '../../lambda/amplify-meta';
import { Harness, startHarness, stopHarness } from '../emulator/harness';

hermeticAwsEnvironment();
jest.setTimeout(60_000);

const APP_ID = 'd1photoshare';
const PLANTED = 'PLANTED-client-secret-3f9a';

/**
 * The backend of app photo-share as the console and Studio made it: environment staging (with an AppSync API and a
 * function the library does not declare) with created auth (Google and Apple sign-in) and created storage; prod with
 * an imported user pool and an imported bucket.
 */
async function photoShare(options: { staging?: 'studio-auth' } = {}): Promise<Harness> {
  const harness = await startHarness({
    environments: [{
      appId: APP_ID,
      appName: 'photo-share',
      backendEnvironmentName: 'staging',
      auth: options.staging === 'studio-auth' ? {} : undefined,
      otherCategories: { api: { photos: { service: 'AppSync' } }, function: { resize: { service: 'Lambda' } } },
    }],
    buckets: ['team-files'],
    requireAuthForStorage: true,
  });
  const { client } = harness;
  if (options.staging !== 'studio-auth') await createdAuth(client);
  await client.send(new CreateBackendStorageCommand({
    AppId: APP_ID,
    BackendEnvironmentName: 'staging',
    ResourceName: 'photos',
    ResourceConfig: { ServiceName: 'S3', Permissions: { Authenticated: ['READ', 'CREATE_AND_UPDATE'], UnAuthenticated: ['READ'] } },
  }));
  await client.send(new CreateBackendCommand({ AppId: APP_ID, AppName: 'photo-share', BackendEnvironmentName: 'prod', ResourceConfig: {} }));
  await client.send(new ImportBackendAuthCommand({
    AppId: APP_ID, BackendEnvironmentName: 'prod', UserPoolId: 'us-east-1_AbCdEfGhI', WebClientId: 'webclient1', NativeClientId: 'nativeclient1',
  }));
  await client.send(new ImportBackendStorageCommand({ AppId: APP_ID, BackendEnvironmentName: 'prod', ServiceName: 'S3', BucketName: 'team-files' }));
  return harness;
}

function createdAuth(client: AmplifyBackendClient) {
  return client.send(new CreateBackendAuthCommand({
    AppId: APP_ID,
    BackendEnvironmentName: 'staging',
    ResourceName: 'photoshare',
    ResourceConfig: {
      AuthResources: 'IDENTITY_POOL_AND_USER_POOL',
      Service: 'COGNITO',
      UserPoolConfigs: {
        UserPoolName: 'photoshare_userpool',
        SignInMethod: 'EMAIL',
        RequiredSignUpAttributes: ['EMAIL', 'NAME'],
        PasswordPolicy: { MinimumLength: 12, AdditionalConstraints: ['REQUIRE_DIGIT'] },
        Mfa: { MFAMode: 'OPTIONAL', Settings: { MfaTypes: ['TOTP'] } },
        VerificationMessage: { DeliveryMethod: 'EMAIL', EmailSettings: { EmailSubject: 'Your code', EmailMessage: 'It is {####}.' } },
        OAuth: {
          OAuthGrantType: 'CODE',
          OAuthScopes: ['EMAIL', 'OPENID', 'PROFILE'],
          RedirectSignInURIs: ['https://photos.example.com/'],
          RedirectSignOutURIs: ['https://photos.example.com/'],
          DomainPrefix: 'photo-share',
          SocialProviderSettings: {
            Google: { ClientId: 'google-client.apps.googleusercontent.com', ClientSecret: 'google-secret-value' },
            SignInWithApple: { ClientId: 'com.example.photos', TeamId: 'ABCDE12345', KeyId: 'KEY1234567', PrivateKey: 'apple-key-value' },
          },
        },
      },
      IdentityPoolConfigs: { IdentityPoolName: 'photoshare_identitypool', UnauthenticatedLogin: true },
    },
  }));
}

/** The user pool of staging's auth, as amplify-meta reports it. */
async function userPoolOf(client: AmplifyBackendClient): Promise<string> {
  return authInMeta(await amplifyMeta(client, { appId: APP_ID, environmentName: 'staging' }))[0].userPoolId!;
}

let harness: Harness;
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adopt-'));
});
afterEach(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  if (harness) await stopHarness(harness);
  harness = undefined!;
});

const adopt = (endpoint: string, ...args: string[]) => runCli(['adopt', '--app-id', APP_ID, '--endpoint-url', endpoint, ...args], { cwd: dir });

describe('adopt', () => {
  test('writes the module to --out, declaring every environment, auth and storage with adopt; says what to create and what is left as it is', async () => {
    harness = await photoShare();
    const before = harness.emulator.requests().length;
    const result = await adopt(harness.emulator.endpoint, '--out', 'backend.ts');

    expect(result).toMatchObject({ code: 0, stdout: '' });
    // Read operations only (ListS3Buckets: the handler's own first look at an import, in the self-check).
    const sent = harness.emulator.requests().slice(before);
    // GetBackendAPI: amplify-meta lists an API (seeded) that it does not find.
    expect([...new Set(sent.map((request) => request.operation))].sort())
      .toEqual(['GetBackend', 'GetBackendAPI', 'GetBackendAuth', 'GetBackendStorage', 'ListS3Buckets']);
    expect(sent.filter((request) => request.mutating)).toEqual([]);
    const module = fs.readFileSync(path.join(dir, 'backend.ts'), 'utf8');
    expect(module).toMatch(/^\/\/ Generated by `cdk-amplify-backend adopt` from Amplify app "photo-share" \(d1photoshare\) in us-east-1, read /);
    expect(module).toContain([
      'import { RemovalPolicy, SecretValue } from \'aws-cdk-lib\';',
      'import * as cognito from \'aws-cdk-lib/aws-cognito\';',
      'import { AmplifyBackend, BackendOAuthScope, SignUpAttribute, StoragePermission } from \'cdk-amplify-backend\';',
      'import { Construct } from \'constructs\';',
      '',
      '/** The Amplify backend of app "photo-share" (d1photoshare): environments staging, prod. */',
      'export class PhotoShareBackend extends Construct {',
    ].join('\n'));
    expect(module).toContain([
      '    // Environment "prod": auth "cognito55a03945" (imported user pool us-east-1_AbCdEfGhI), storage "s3bdbc1d58" (imported bucket team-files).',
      '    const prod = new AmplifyBackend(this, \'Prod\', {',
      '      appId: \'d1photoshare\',',
      '      appName: \'photo-share\',',
      '      environmentName: \'prod\',',
      '      removalPolicy: RemovalPolicy.RETAIN,',
      '    });',
      '    prod.importAuth(\'Auth\', {',
      '      userPool: cognito.UserPool.fromUserPoolId(prod, \'UserPool\', \'us-east-1_AbCdEfGhI\'),',
      '      webClient: cognito.UserPoolClient.fromUserPoolClientId(prod, \'WebClient\', \'webclient1\'),',
      '      nativeClient: cognito.UserPoolClient.fromUserPoolClientId(prod, \'NativeClient\', \'nativeclient1\'),',
      '      adopt: true,',
      '    });',
      '    prod.importStorage(\'Storage\', {',
      '      bucketName: \'team-files\',',
      '      adopt: true,',
      '    });',
    ].join('\n'));
    expect(module).toContain([
      '    // Left as they are, not declared:',
      '    //   api "photos" (amplify-meta lists it, but GetBackendAPI does not find it, so its settings cannot be read)',
      '    //   function "resize" (Lambda function, which this library does not declare)',
    ].join('\n'));
    expect(module).toContain('privateKeyValue: SecretValue.secretsManager(\'photo-share/staging/apple\', { jsonField: \'privateKey\' }),');
    expect(module.match(/ adopt: true,\n/g)).toHaveLength(4);
    expect(result.stderr).toContain([
      'Secrets to create in AWS Secrets Manager before deploying (names only: their values were not read):',
      '  photo-share/staging/google  a JSON secret whose "clientSecret" is the Google client secret of auth "photoshare" in environment staging',
      '  photo-share/staging/apple  a JSON secret whose "privateKey" is the Sign in with Apple private key of auth "photoshare" in environment staging',
      '',
      'Left as they are, not declared:',
      '  staging: api "photos" (amplify-meta lists it, but GetBackendAPI does not find it, so its settings cannot be read)',
      '  staging: function "resize" (Lambda function, which this library does not declare)',
    ].join('\n'));
  });

  test('declares the API with addApi: its schema in <module>.<environment>.graphql beside --out, inline without --out; synth and self-check find no change', async () => {
    harness = await startHarness({ environments: [{ appId: APP_ID, appName: 'photo-share', backendEnvironmentName: 'staging' }] });
    await createdAuth(harness.client);
    const schema = '# Studio\ntype Photo @model @auth(rules: [{ allow: owner }, { allow: public }]) {\n  id: ID!\n  title: String\n}\n';
    await harness.client.send(new CreateBackendAPICommand({
      AppId: APP_ID,
      BackendEnvironmentName: 'staging',
      ResourceName: 'photoapi',
      ResourceConfig: {
        ApiName: 'photos',
        Service: 'AppSync',
        TransformSchema: schema,
        DefaultAuthType: { Mode: 'AMAZON_COGNITO_USER_POOLS', Settings: { CognitoUserPoolId: await userPoolOf(harness.client) } },
        AdditionalAuthTypes: [{ Mode: 'API_KEY', Settings: { ExpirationTime: 30, Description: 'web' } }],
        ConflictResolution: { ResolutionStrategy: 'AUTOMERGE' },
      },
    }));
    await harness.client.send(new GenerateBackendAPIModelsCommand({ AppId: APP_ID, BackendEnvironmentName: 'staging', ResourceName: 'photoapi' }));

    const written = await adopt(harness.emulator.endpoint, '--out', 'backend.ts', '--environment', 'staging');
    expect(written.code).toBe(0);
    const module = fs.readFileSync(path.join(dir, 'backend.ts'), 'utf8');
    expect(fs.readFileSync(path.join(dir, 'backend.staging.graphql'), 'utf8'))
      .toBe(`# Generated by \`cdk-amplify-backend adopt\` from API "photoapi" of environment staging.\n${schema}`);
    expect(module).toContain('import * as path from \'node:path\';\nimport { Duration, Expiration, RemovalPolicy, SecretValue } from \'aws-cdk-lib\';');
    expect(module).toContain([
      '    staging.addApi(\'Api\', {',
      '      resourceName: \'photoapi\',',
      '      apiName: \'photos\',',
      '      schema: ApiSchema.fromFile(path.join(__dirname, \'backend.staging.graphql\')),',
      '      defaultAuthorization: ApiAuthorization.userPool(),',
      '      additionalAuthorizations: [',
      '        ApiAuthorization.apiKey({ description: \'web\', expires: Expiration.after(Duration.days(30)) }),',
      '      ],',
      '      conflictResolution: ConflictResolutionStrategy.AUTOMERGE,',
      '      adopt: true,',
      '    });',
    ].join('\n'));
    expect(written.stderr).toContain('Wrote PhotoShareBackend to backend.ts (and its schema beside it: backend.staging.graphql)');

    const inline = await adopt(harness.emulator.endpoint, '--environment', 'staging');
    expect(inline.code).toBe(0);
    expect(inline.stdout).toContain(`      schema: ApiSchema.fromString(${quote(schema)}),`);
    expect(inline.stdout).not.toContain('node:path');

    // A schema file of the user's own beside --out is never written over.
    fs.writeFileSync(path.join(dir, 'mine.staging.graphql'), 'type Mine { id: ID }\n');
    const refused = await adopt(harness.emulator.endpoint, '--out', 'mine.ts', '--environment', 'staging');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('mine.staging.graphql exists and is not a schema adopt wrote');
    expect(fs.existsSync(path.join(dir, 'mine.ts'))).toBe(false);
  });

  test('a secret the service reports (planted in GetBackendAuth\'s answer) is in no file, no output line and no --json document', async () => {
    harness = await photoShare();
    const proxy = await plantingProxy(harness.emulator.endpoint, PLANTED);
    try {
      // The proxy does plant it where the service's answer carries it.
      const client = new AmplifyBackendClient({ ...harness.emulator.clientConfig(), endpoint: proxy.endpoint, maxAttempts: 1 });
      const answer = await client.send(new GetBackendAuthCommand({ AppId: APP_ID, BackendEnvironmentName: 'staging', ResourceName: 'photoshare' }));
      client.destroy();
      expect(answer.ResourceConfig?.UserPoolConfigs?.OAuth?.SocialProviderSettings?.Google?.ClientSecret).toBe(PLANTED);

      const text = await adopt(proxy.endpoint, '--out', 'backend.ts');
      const json = await adopt(proxy.endpoint, '--json');
      const module = fs.readFileSync(path.join(dir, 'backend.ts'), 'utf8');
      expect([text.code, json.code]).toEqual([0, 0]);
      expect(JSON.parse(json.stdout).module).toBe(module.replace(/read \S+\./, `read ${JSON.parse(json.stdout).readAt}.`));
      for (const output of [module, text.stdout, text.stderr, json.stdout, json.stderr]) expect(output).not.toContain(PLANTED);
    } finally {
      await proxy.close();
    }
  });

  test('writes nothing when the first deploy would change the backend: exit 1, naming each resource, field, declared and live value', async () => {
    harness = await photoShare({ staging: 'studio-auth' });
    const result = await adopt(harness.emulator.endpoint, '--out', 'backend.ts', '--environment', 'staging');

    expect(result.code).toBe(1);
    expect(fs.existsSync(path.join(dir, 'backend.ts'))).toBe(false);
    expect(result.stderr).toContain('Nothing was written: the first deploy of these declarations would change the live backend');
    expect(result.stderr).toContain('  Staging/Auth (auth "userpool" (created)): PasswordPolicy.MinimumLength: declared 8, live (none)\n');
    expect(result.stderr).toContain('  Staging/Auth (auth "userpool" (created)): Mfa.Mode: declared "OFF", live (none)\n');
  });

  test('--environment declares only those; one the app does not have is a bad argument naming its environments', async () => {
    harness = await photoShare();
    const prod = await adopt(harness.emulator.endpoint, '--environment', 'prod');
    expect(prod.code).toBe(0);
    expect(prod.stdout).toContain('environment prod. */');
    expect(prod.stdout).not.toContain('staging');

    expect(await adopt(harness.emulator.endpoint, '--environment', 'qa'))
      .toEqual({ code: 2, stdout: '', stderr: 'The app has no environment "qa"; its environments: staging, prod.\n' });
  });

  test('--out is never a file of the user\'s own (exit 2, untouched); a module adopt wrote is written again', async () => {
    harness = await photoShare();
    fs.writeFileSync(path.join(dir, 'backend.ts'), 'my own code\n');
    expect(await adopt(harness.emulator.endpoint, '--out', 'backend.ts')).toEqual({
      code: 2, stdout: '', stderr: '--out backend.ts exists and is not a module adopt wrote; give another file, or move it away first (it is never written over).\n',
    });
    expect(fs.readFileSync(path.join(dir, 'backend.ts'), 'utf8')).toBe('my own code\n');

    fs.rmSync(path.join(dir, 'backend.ts'));
    expect((await adopt(harness.emulator.endpoint, '--out', 'backend.ts')).code).toBe(0);
    expect((await adopt(harness.emulator.endpoint, '--out', 'backend.ts', '--class-name', 'Photos')).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'backend.ts'), 'utf8')).toContain('export class Photos extends Construct {');
  });

  test('bad arguments and AWS configuration exit as the jobs commands do: 2, 4, 5', async () => {
    expect(await runCli(['adopt', '--app-id', APP_ID, '--class-name', '1Backend'])).toMatchObject({
      code: 2, stderr: expect.stringContaining('Invalid --class-name "1Backend": use a TypeScript class name'),
    });
    expect(await runCli(['adopt', '--app-id', APP_ID, '--class-name', 'AmplifyBackend'])).toMatchObject({
      code: 2, stderr: expect.stringContaining('the module imports AmplifyBackend already'),
    });
    expect(await runCli(['adopt'])).toMatchObject({ code: 2, stderr: expect.stringContaining('Missing required option: --app-id <id>.') });
    delete process.env.AWS_REGION;
    expect(await runCli(['adopt', '--app-id', APP_ID])).toMatchObject({ code: 4, stderr: expect.stringContaining('No AWS Region is set') });
    expect(await runCli(['adopt', '--app-id', APP_ID, '--region', 'us-east-1', '--endpoint-url', 'http://127.0.0.1:9'])).toMatchObject({
      code: 5, stderr: expect.stringContaining('GetBackend failed: the endpoint refused the connection'),
    });
  });
});

describe('local adopt', () => {
  test('adopts from the state folder\'s world, as adopt --endpoint-url does from local serve; without one, exit 1', async () => {
    harness = await photoShare();
    fs.mkdirSync(path.join(dir, '.cdk-amplify-backend'));
    fs.writeFileSync(path.join(dir, '.cdk-amplify-backend', 'world.json'), JSON.stringify(harness.emulator.saveWorld()));
    const local = await runCli(['local', 'adopt', '--app-id', APP_ID, '--json'], { cwd: dir });
    const served = await adopt(harness.emulator.endpoint, '--json');

    expect(local.code).toBe(0);
    const withoutTime = (stdout: string) => ({ ...JSON.parse(stdout), readAt: undefined, module: undefined });
    expect(withoutTime(local.stdout)).toEqual(withoutTime(served.stdout));
    expect(JSON.parse(local.stdout)).toMatchObject({
      ok: true,
      appId: APP_ID,
      appName: 'photo-share',
      region: 'us-east-1',
      className: 'PhotoShareBackend',
      out: null,
      findings: [],
      secrets: [{ name: 'photo-share/staging/google', jsonField: 'clientSecret' }, { name: 'photo-share/staging/apple', jsonField: 'privateKey' }],
    });

    expect(await runCli(['local', 'adopt', '--app-id', APP_ID, '--state-dir', 'elsewhere'], { cwd: dir })).toEqual({
      code: 1, stdout: '', stderr: `There is no local world in ${path.join(dir, 'elsewhere')}: run "cdk-amplify-backend local deploy" first, or give the --state-dir that has one.\n`,
    });
  });
});
