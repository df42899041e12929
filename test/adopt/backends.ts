/**
 * Random live backends, made as the console, Amplify Studio and the Amplify CLI would make them: through the real
 * SDK client against the emulator (CreateBackend, CreateBackendAuth, ImportBackendAuth, CreateBackendStorage,
 * ImportBackendStorage), with every auth setting the API has drawn at random. The environment the console makes with
 * an app is seeded instead (`SeedEnvironment`), sometimes with categories the library does not declare (an AppSync
 * API, functions, hosting), which only seeding can give. Every value keeps to the service's rules (the emulator's
 * own name rules refuse the rest), so each backend is one a user could have.
 */
import {
  AmplifyBackendClient, BackendAPIAuthType, CreateBackendAPICommand, CreateBackendAuthCommand, CreateBackendAuthResourceConfig, CreateBackendCommand,
  CreateBackendStorageCommand, GenerateBackendAPIModelsCommand, ImportBackendAuthCommand, ImportBackendStorageCommand,
} from '@aws-sdk/client-amplifybackend';
import { amplifyMeta, authInMeta } from '../../lambda/amplify-meta';
import { AmplifyBackendEmulator, OtherCategories, SeedEnvironment } from '../../local/emulator';
import { mix32, SeededRandom } from '../../local/emulator/prng';

export const REGION = 'eu-west-1';

/** A backend drawn from a seed: its app, environments and what each holds, for the figures. */
export interface Backend {
  readonly appId: string;
  readonly appName: string;
  readonly environments: ReadonlyArray<{
    readonly name: string; readonly auth?: string; readonly storage?: string; readonly api?: DrawnApi; readonly other: number;
  }>;
  /** The client secrets the social providers were created with: none may appear anywhere adopt writes. */
  readonly secrets: readonly string[];
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const ALNUM = `${LOWER}ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789`;
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

class Draw {
  constructor(private readonly random: SeededRandom) {}
  chance(probability: number): boolean {
    return this.random.chance(probability);
  }
  int(min: number, max: number): number {
    return min + this.random.below(max - min + 1);
  }
  one<T>(values: readonly T[]): T {
    return values[this.random.below(values.length)];
  }
  spell(alphabet: string, length: number): string {
    return Array.from({ length }, () => this.one([...alphabet])).join('');
  }
  /** A subset of at least `min` members, in the order given. */
  subset<T>(values: readonly T[], min = 0): T[] {
    const chosen = values.filter(() => this.chance(0.5));
    while (chosen.length < min) {
      const value = this.one(values.filter((candidate) => !chosen.includes(candidate)));
      chosen.splice(values.indexOf(value), 0, value);
    }
    return values.filter((value) => chosen.includes(value));
  }
}

const SIGN_IN = ['EMAIL', 'USERNAME', 'PHONE_NUMBER', 'EMAIL_AND_PHONE_NUMBER'] as const;
const ATTRIBUTES = ['ADDRESS', 'BIRTHDATE', 'EMAIL', 'FAMILY_NAME', 'GENDER', 'GIVEN_NAME', 'LOCALE', 'MIDDLE_NAME', 'NAME', 'NICKNAME',
  'PHONE_NUMBER', 'PICTURE', 'PREFERRED_USERNAME', 'PROFILE', 'UPDATED_AT', 'WEBSITE', 'ZONE_INFO'] as const;
const CONSTRAINTS = ['REQUIRE_DIGIT', 'REQUIRE_LOWERCASE', 'REQUIRE_SYMBOL', 'REQUIRE_UPPERCASE'] as const;
const SCOPES = ['PHONE', 'EMAIL', 'OPENID', 'PROFILE', 'AWS_COGNITO_SIGNIN_USER_ADMIN'] as const;
const PERMISSIONS = ['READ', 'CREATE_AND_UPDATE', 'DELETE'] as const;
const CODE = '{####}';

/** Categories the console, Studio or the CLI add that the library does not declare. */
function otherCategories(d: Draw): OtherCategories | undefined {
  if (!d.chance(0.3)) return undefined;
  const categories: Record<string, Record<string, Record<string, unknown>>> = {};
  if (d.chance(0.6)) categories.api = { [`api${d.spell(LOWER, 4)}`]: { service: 'AppSync', providerPlugin: 'awscloudformation' } };
  if (d.chance(0.5)) categories.function = { [`fn${d.spell(LOWER, 5)}`]: { service: 'Lambda', build: true } };
  if (d.chance(0.3)) categories.hosting = { amplifyhosting: { service: 'amplifyhosting', type: 'manual' } };
  return Object.keys(categories).length > 0 ? categories : undefined;
}

/** A user pool's auth config with every setting drawn, as Studio sends it (a password policy, MFA and a verification message always). */
function authConfig(
  d: Draw, resourceName: string, environment: string, secrets: string[],
): { config: CreateBackendAuthResourceConfig; guests: boolean } {
  const signIn = d.one(SIGN_IN);
  const withIdentityPool = d.chance(0.75);
  const guests = withIdentityPool && d.chance(0.6);
  const mfa = d.one(['OFF', 'ON', 'OPTIONAL'] as const);
  const types = mfa === 'OFF' ? [] : d.subset(['SMS', 'TOTP'] as const, 1);
  const maxName = 127 - environment.length;
  const config: CreateBackendAuthResourceConfig = {
    AuthResources: withIdentityPool ? 'IDENTITY_POOL_AND_USER_POOL' : 'USER_POOL_ONLY',
    Service: 'COGNITO',
    UserPoolConfigs: {
      UserPoolName: d.chance(0.5) ? `${resourceName}_userpool` : `${d.spell(ALNUM, d.int(1, 12))} pool-${d.spell(LOWER, 3)}`.slice(0, maxName),
      SignInMethod: signIn,
      RequiredSignUpAttributes: d.chance(0.4) ? defaultAttributes(signIn) : d.subset(ATTRIBUTES),
      PasswordPolicy: { MinimumLength: d.chance(0.3) ? 8 : d.int(6, 99), AdditionalConstraints: d.subset(CONSTRAINTS) },
      Mfa: { MFAMode: mfa, Settings: mfa === 'OFF' ? undefined : { MfaTypes: types, SmsMessage: types.includes('SMS') && d.chance(0.5) ? `Your code is ${CODE}` : undefined } },
      VerificationMessage: {
        DeliveryMethod: d.one(['EMAIL', 'SMS'] as const),
        EmailSettings: d.chance(0.5) ? { EmailSubject: `Verify ${d.spell(LOWER, 5)}`, EmailMessage: `Hello,\nyour code is ${CODE}. 'Quoted' \\ backslash` } : undefined,
        SmsSettings: d.chance(0.5) ? { SmsMessage: `Code: ${CODE}` } : undefined,
      },
      OAuth: d.chance(0.5) ? oAuthConfig(d, environment, secrets) : undefined,
    },
    IdentityPoolConfigs: withIdentityPool
      ? { IdentityPoolName: d.chance(0.5) ? `${resourceName}_identitypool` : `ids_${d.spell(ALNUM, d.int(1, 20))}`, UnauthenticatedLogin: guests }
      : undefined,
  };
  return { config, guests };
}

function defaultAttributes(signIn: typeof SIGN_IN[number]): Array<typeof ATTRIBUTES[number]> {
  if (signIn === 'PHONE_NUMBER') return ['PHONE_NUMBER'];
  if (signIn === 'EMAIL_AND_PHONE_NUMBER') return ['EMAIL', 'PHONE_NUMBER'];
  return ['EMAIL'];
}

function oAuthConfig(d: Draw, environment: string, secrets: string[]): NonNullable<NonNullable<CreateBackendAuthResourceConfig['UserPoolConfigs']>['OAuth']> {
  const secret = () => {
    const value = `planted-${d.spell(ALNUM, 24)}`;
    secrets.push(value);
    return value;
  };
  const urls = () => Array.from({ length: d.int(1, 3) }, (_, i) => d.one([`https://${d.spell(LOWER, 6)}.example.com/${i}`, `myapp${i}://`]));
  const providers = d.subset(['Google', 'Facebook', 'LoginWithAmazon', 'SignInWithApple'] as const);
  return {
    // Cognito refuses prefixes with aws, amazon or cognito in them.
    DomainPrefix: d.chance(0.6) ? `${d.spell(LOWER, d.int(3, 10)).replace(/aws|amazon|cognito/g, 'x')}-${d.spell('0123456789', 3)}`.slice(0, 62 - environment.length) : undefined,
    OAuthGrantType: d.one(['CODE', 'IMPLICIT'] as const),
    OAuthScopes: d.chance(0.3) ? [...SCOPES] : d.subset(SCOPES, 1),
    RedirectSignInURIs: urls(),
    RedirectSignOutURIs: urls(),
    SocialProviderSettings: providers.length === 0 ? undefined : {
      Google: providers.includes('Google') ? { ClientId: `${d.spell('0123456789', 12)}.apps.googleusercontent.com`, ClientSecret: secret() } : undefined,
      Facebook: providers.includes('Facebook') ? { ClientId: d.spell('0123456789', 15), ClientSecret: secret() } : undefined,
      LoginWithAmazon: providers.includes('LoginWithAmazon') ? { ClientId: `amzn1.application-oa2-client.${d.spell(LOWER, 12)}`, ClientSecret: secret() } : undefined,
      SignInWithApple: providers.includes('SignInWithApple')
        ? { ClientId: `com.example.${d.spell(LOWER, 5)}`, TeamId: d.spell(UPPER_DIGITS, 10), KeyId: d.spell(UPPER_DIGITS, 10), PrivateKey: secret() }
        : undefined,
    },
  };
}

/** What an environment's API was made with, for the figures. */
export interface DrawnApi {
  readonly modes: string[];
  readonly conflictResolution?: string;
  readonly models: 'LATEST' | 'STALE';
}

const API_MODES = ['API_KEY', 'AWS_IAM', 'AMAZON_COGNITO_USER_POOLS', 'OPENID_CONNECT'] as const;
type ApiMode = typeof API_MODES[number];
const RESOLUTIONS = ['OPTIMISTIC_CONCURRENCY', 'LAMBDA', 'AUTOMERGE', 'NONE'] as const;
/** The `@auth` rule each mode allows, as Studio writes them. */
const RULES: Readonly<Record<ApiMode, string>> = {
  API_KEY: '{ allow: public }',
  AWS_IAM: '{ allow: private, provider: iam }',
  AMAZON_COGNITO_USER_POOLS: '{ allow: owner }',
  OPENID_CONNECT: '{ allow: private, provider: oidc }',
};

/** A schema of 1 to 4 `@model` types as Studio writes one, with `@auth` rules of the API's modes only, comments and odd spacing. */
function schemaOf(d: Draw, modes: readonly ApiMode[]): string {
  const types = Array.from({ length: d.int(1, 4) }, (_, i) => `${d.one(['Todo', 'Post', 'Photo', 'Note', 'Album'])}${i}`);
  const blocks = types.map((type) => {
    const rules = d.subset(modes, 1).map((mode) => RULES[mode]);
    const fields = Array.from({ length: d.int(1, 5) }, (_, i) => `  ${d.spell(LOWER, d.int(1, 8))}${i}: ${d.one(['String', 'Int', 'Boolean', 'AWSDateTime', 'ID'])}${d.chance(0.5) ? '!' : ''}`);
    const description = d.chance(0.3) ? `"""A ${type.toLowerCase()}, 'quoted' \\ with a backslash"""\n` : '';
    return `${description}type ${type} @model${d.chance(0.7) ? ` @auth(rules: [${rules.join(', ')}])` : ''} {\n  id: ID!\n${fields.join('\n')}\n}`;
  });
  return `${d.chance(0.5) ? '# Made in Amplify Studio\n' : ''}${blocks.join(d.one(['\n\n', '\n', '\n\n\n']))}\n`;
}

/** One mode as Studio sends it: an API key with its days, a provider's settings, the environment's user pool named. */
function authType(d: Draw, mode: ApiMode, userPoolId: string | undefined): BackendAPIAuthType {
  switch (mode) {
    case 'API_KEY':
      return { Mode: mode, Settings: { ExpirationTime: d.chance(0.4) ? 7 : d.int(1, 365), Description: d.chance(0.5) ? `key for ${d.spell(LOWER, 5)}` : undefined } };
    case 'AMAZON_COGNITO_USER_POOLS':
      return { Mode: mode, Settings: { CognitoUserPoolId: userPoolId } };
    case 'OPENID_CONNECT':
      return {
        Mode: mode,
        Settings: {
          OpenIDProviderName: `${d.spell(ALNUM, d.int(1, 10))} idp`,
          OpenIDIssueURL: `https://${d.spell(LOWER, 8)}.example.com`,
          OpenIDClientId: d.chance(0.5) ? d.spell(ALNUM, 20) : undefined,
          OpenIDAuthTTL: d.chance(0.5) ? String(d.int(1, 86_400_000)) : undefined,
          OpenIDIatTTL: d.chance(0.5) ? String(d.int(1, 86_400_000)) : undefined,
        },
      };
    default:
      return { Mode: mode };
  }
}

/**
 * An API as Studio makes one (CreateBackendAPI), in about 40% of environments: modes the environment allows (a user
 * pool only with auth) drawn as default and additional ones; a conflict resolution or none; models generated
 * (LATEST) or not (STALE). Drawn from its own stream `d`, so the rest of a backend is drawn as before.
 */
async function makeApi(d: Draw, client: AmplifyBackendClient, env: { AppId: string; BackendEnvironmentName: string }): Promise<DrawnApi | undefined> {
  if (!d.chance(0.4)) return undefined;
  const meta = await amplifyMeta(client, { appId: env.AppId, environmentName: env.BackendEnvironmentName });
  const userPoolId = authInMeta(meta)[0]?.userPoolId;
  const allowed = API_MODES.filter((mode) => mode !== 'AMAZON_COGNITO_USER_POOLS' || userPoolId !== undefined);
  const modes = d.subset(allowed, 1);
  const [defaultMode, ...additional] = d.chance(0.5) ? modes : [...modes].reverse();
  const resourceName = `${d.spell(LOWER, 1)}${d.spell(ALNUM, d.int(0, 20))}`;
  const conflictResolution = d.chance(0.5) ? d.one(RESOLUTIONS) : undefined;
  await client.send(new CreateBackendAPICommand({
    ...env,
    ResourceName: resourceName,
    ResourceConfig: {
      ApiName: d.chance(0.5) ? resourceName : `${d.spell(LOWER, 1)}${d.spell(ALNUM, d.int(0, 20))}`,
      Service: 'AppSync',
      TransformSchema: schemaOf(d, modes),
      DefaultAuthType: authType(d, defaultMode, userPoolId),
      AdditionalAuthTypes: additional.map((mode) => authType(d, mode, userPoolId)),
      ConflictResolution: conflictResolution === undefined ? undefined : { ResolutionStrategy: conflictResolution },
    },
  }));
  const models = d.chance(0.7) ? 'LATEST' : 'STALE';
  if (models === 'LATEST') await client.send(new GenerateBackendAPIModelsCommand({ ...env, ResourceName: resourceName }));
  return { modes: [defaultMode, ...additional], conflictResolution, models };
}

/**
 * Makes the `index`-th backend of the run seeded with `seed` in `emulator` (started with `requireAuthForStorage`): 1 to
 * 5 environments, the first made by the console (seeded), the others with CreateBackend; in each, created auth (every
 * setting drawn), imported auth or none, then created storage, imported storage or none (storage needs auth), then
 * an API or none (`makeApi`).
 */
export async function makeBackend(emulator: AmplifyBackendEmulator, client: AmplifyBackendClient, seed: number, index: number): Promise<Backend> {
  const d = new Draw(new SeededRandom(mix32(seed * 7_919 + index + 1)));
  const appId = `d${d.spell('abcdefghijklmnopqrstuvwxyz0123456789', 13)}`;
  const appName = d.one([`photo share ${index}`, `${d.spell(LOWER, 6)}-app`, `Team's "notes" ${d.spell(ALNUM, 4)}`, `app${index}`]);
  const count = d.int(1, 5);
  const names = new Set<string>();
  while (names.size < count) names.add(d.spell(LOWER, d.int(2, 10)));
  const secrets: string[] = [];
  const environments: Array<Backend['environments'][number]> = [];
  for (const [position, name] of [...names].entries()) {
    const env = { AppId: appId, BackendEnvironmentName: name };
    const other = otherCategories(d);
    if (position === 0) emulator.seedEnvironment({ appId, appName, backendEnvironmentName: name, otherCategories: other } satisfies SeedEnvironment);
    else if (other) emulator.seedEnvironment({ appId, appName, backendEnvironmentName: name, otherCategories: other });
    else await client.send(new CreateBackendCommand({ ...env, AppName: appName, ResourceConfig: {} }));
    const authKind = d.one(['created', 'created', 'imported', 'none'] as const);
    let guests = false;
    if (authKind === 'created') {
      const resourceName = `${d.spell(LOWER, 1)}${d.spell(ALNUM, d.int(0, 20))}`;
      const drawn = authConfig(d, resourceName, name, secrets);
      guests = drawn.guests;
      await client.send(new CreateBackendAuthCommand({ ...env, ResourceName: resourceName, ResourceConfig: drawn.config }));
    } else if (authKind === 'imported') {
      const identityPoolId = d.chance(0.5) ? `${REGION}:${[8, 4, 4, 4, 12].map((length) => d.spell('0123456789abcdef', length)).join('-')}` : undefined;
      guests = identityPoolId !== undefined;
      await client.send(new ImportBackendAuthCommand({
        AppId: appId,
        BackendEnvironmentName: name,
        UserPoolId: `${REGION}_${d.spell(ALNUM, 9)}`,
        WebClientId: d.spell('abcdefghijklmnopqrstuvwxyz0123456789', 26),
        NativeClientId: d.spell('abcdefghijklmnopqrstuvwxyz0123456789', 26),
        IdentityPoolId: identityPoolId,
      }));
    }
    const storageKind = authKind === 'none' ? 'none' : d.one(['created', 'created', 'imported', 'none'] as const);
    if (storageKind === 'created') {
      const authenticated = d.subset(PERMISSIONS, 1);
      await client.send(new CreateBackendStorageCommand({
        ...env,
        ResourceName: `${d.spell(LOWER, 1)}${d.spell(ALNUM, d.int(0, 15))}`,
        ResourceConfig: {
          ServiceName: 'S3',
          BucketName: d.chance(0.5) ? `${d.spell(LOWER, d.int(3, 12))}-${d.spell('0123456789', 2)}` : undefined,
          Permissions: { Authenticated: authenticated, UnAuthenticated: guests && d.chance(0.6) ? d.subset(authenticated, 1) : undefined },
        },
      }));
    } else if (storageKind === 'imported') {
      const bucket = `${d.spell(LOWER, d.int(3, 20))}.${appId}-${name}`;
      emulator.seedBucket(bucket);
      await client.send(new ImportBackendStorageCommand({ ...env, ServiceName: 'S3', BucketName: bucket }));
    }
    const api = await makeApi(new Draw(new SeededRandom(mix32(seed * 7_919 + index + 1 + 1_000_003 * (position + 1)))), client, env);
    // An API seeded as another category is replaced in the environment's amplify-meta by the one made.
    const others = Object.entries(other ?? {}).filter(([category]) => !api || category !== 'api');
    environments.push({
      name,
      auth: authKind === 'none' ? undefined : authKind,
      storage: storageKind === 'none' ? undefined : storageKind,
      api,
      other: others.reduce((sum, [, category]) => sum + Object.keys(category).length, 0),
    });
  }
  return { appId, appName, environments, secrets };
}
