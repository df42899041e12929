import { RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { invalidName, NameKind, validName } from './names';
import { stubProvider } from './stub-provider';
import { mix32, SeededRandom } from '../../local/emulator/prng';
import { AmplifyBackend } from '../../src';

/**
 * Random prop sets for each construct, valid and invalid, from the service's rules (names from ./names.ts, the
 * rest from the API reference and the README's table of synth-time checks). About half of the sets are valid;
 * the others break one or two props, each in one of the ways the rules allow: left out, of the wrong kind, or a
 * value the service refuses. A set says which props it breaks, by the name the synth message must use.
 */

/** The constructs the property test covers. */
export const CONSTRUCTS = ['AmplifyBackend', 'AmplifyBackendStorage', 'ImportedBackendStorage', 'AmplifyBackendAuth', 'ImportedBackendAuth'] as const;
export type ConstructName = typeof CONSTRUCTS[number];

/** A value made in the stack at synth (an environment reference, a bucket, a user pool), not at generation. */
export class Scoped {
  constructor(readonly make: (stack: Stack) => unknown) {}
}

/** What the emulated account must hold before the construct's first call, as the console or S3 would have made it. */
export interface World {
  readonly environment?: { readonly appId: string; readonly name: string; readonly auth: boolean };
  readonly bucket?: string;
}

export interface PropSet {
  readonly construct: ConstructName;
  /** The props, with `Scoped` values where a construct is needed; a prop left out is absent. */
  readonly props: Record<string, unknown>;
  /** The props the set breaks, as synth messages name them; empty for a valid set. */
  readonly broken: readonly string[];
  readonly world: World;
}

/** Social sign-in secrets the sets refer to; the test serves them from a local Secrets Manager. */
export const SECRETS: Record<string, string> = { 'social/google': 'g-secret', 'social/facebook': 'f-secret', 'social/amazon': 'a-secret', 'social/apple': 'apple-key' };

const ABSENT = Symbol('absent');
type Value = unknown | typeof ABSENT;

/** Values of the wrong kind for a prop that takes `kind`. */
const WRONG_KINDS: Record<'string' | 'list' | 'object' | 'boolean' | 'number', readonly unknown[]> = {
  string: [42, true, ['text'], { text: 'text' }],
  list: ['READ', 5, { 0: 'READ' }],
  object: ['text', 8, ['text'], true],
  boolean: ['false', 'true', 1, 0],
  number: ['8', true, [8]],
};

/** One set in the making: the props, the ones broken, and which props were chosen to break. */
class Draw {
  readonly props: Record<string, unknown> = {};
  readonly broken: string[] = [];

  constructor(readonly random: SeededRandom, private readonly chosen: ReadonlySet<string>) {}

  /** Whether this prop (or group of props) is one this set breaks. */
  breaks(prop: string): boolean {
    return this.chosen.has(prop);
  }

  set(prop: string, value: Value): void {
    if (value !== ABSENT) this.props[prop] = value;
  }

  /** Records a broken prop, by the name the synth message must hold, and returns its value. */
  broke<T>(name: string, value: T): T {
    this.broken.push(name);
    return value;
  }

  one<T>(values: readonly T[]): T {
    return values[this.random.below(values.length)];
  }

  chance(probability: number): boolean {
    return this.random.chance(probability);
  }

  /** A required or optional name prop: valid (optional ones absent half the time), or broken when chosen. */
  name(prop: string, kind: NameKind, environmentName: string, required: boolean, message = prop): Value {
    if (this.breaks(prop)) {
      const ways = [() => invalidName(this.random, kind, environmentName).value, () => this.one(WRONG_KINDS.string)];
      if (required) ways.push(() => ABSENT);
      return this.broke(message, ways[this.random.below(ways.length)]());
    }
    if (!required && this.chance(0.5)) return ABSENT;
    return validName(this.random, kind, environmentName);
  }

  /** A value from `valid` (or absent), or, when this prop is broken, one from `invalid` or of the wrong kind. */
  choice(prop: string, valid: readonly Value[], invalid: readonly unknown[], kind: keyof typeof WRONG_KINDS): Value {
    if (this.breaks(prop)) return this.broke(prop, this.chance(0.5) ? this.one(invalid) : this.one(WRONG_KINDS[kind]));
    return this.one(valid);
  }

  /** A subset of `values` in random order, of at least `min` members. */
  subset<T>(values: readonly T[], min: number): T[] {
    const chosen = values.filter(() => this.chance(0.5));
    while (chosen.length < min) {
      const value = this.one(values);
      if (!chosen.includes(value)) chosen.push(value);
    }
    return chosen.sort(() => (this.chance(0.5) ? 1 : -1));
  }
}

/** Which props a set breaks: none for about half of the sets, one or two for the others. */
function toBreak(random: SeededRandom, props: readonly string[]): Set<string> {
  const count = random.chance(0.5) ? 0 : random.chance(0.75) ? 1 : 2;
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(props[random.below(props.length)]);
  return chosen;
}

const removalPolicy = (d: Draw): Value => d.choice('removalPolicy',
  [ABSENT, RemovalPolicy.DESTROY, RemovalPolicy.RETAIN, RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE], [RemovalPolicy.SNAPSHOT, 'keep'], 'string');

/** Whether a resource of that name found in the environment is taken over; in the empty account the sets deploy into, it is created either way. */
const adopt = (d: Draw): Value => d.choice('adopt', [ABSENT, true, false], ['yes', 'true'], 'boolean');

/** A stub provider nearly always: the default provider's Lambda functions make a synth three times slower. */
const provider = (d: Draw): Value => {
  if (d.breaks('provider')) return d.broke('provider', d.one([{}, 'provider', { serviceToken: 'arn' }]));
  return d.chance(0.05) ? ABSENT : new Scoped(stubProvider);
};

/** The environment the construct belongs to: a reference (valid), or left out, or not an environment at all. */
function backend(d: Draw, appId: string, environmentName: string): Value {
  if (d.breaks('backend')) return d.broke('backend', d.one([ABSENT, 'dev', {}, { appId, environmentName }]));
  return new Scoped((stack) => AmplifyBackend.fromEnvironmentAttributes(stack, 'Env', { appId, environmentName }));
}

function environmentOf(d: Draw): { appId: string; name: string } {
  return { appId: validName(d.random, 'appId'), name: validName(d.random, 'environmentName') };
}

function amplifyBackend(d: Draw): World {
  const environmentName = d.breaks('environmentName') ? 'dev' : validName(d.random, 'environmentName');
  d.set('appId', d.name('appId', 'appId', environmentName, true));
  d.set('appName', d.name('appName', 'appName', environmentName, true));
  d.set('environmentName', d.breaks('environmentName') ? d.name('environmentName', 'environmentName', environmentName, true) : environmentName);
  d.set('resourceName', d.name('resourceName', 'resourceName', environmentName, false));
  d.set('removalPolicy', removalPolicy(d));
  d.set('provider', provider(d));
  return {};
}

const PERMISSIONS = ['READ', 'CREATE_AND_UPDATE', 'DELETE'];

function permissions(d: Draw): Value {
  if (!d.breaks('permissions')) {
    const authenticated = d.subset(PERMISSIONS, 1);
    const guests = d.chance(0.5) ? ABSENT : d.subset(authenticated, 1);
    return guests === ABSENT ? { authenticated } : { authenticated, unauthenticated: guests };
  }
  return d.one<() => unknown>([
    () => d.broke('permissions', ABSENT),
    () => d.broke('permissions', d.one(WRONG_KINDS.object)),
    () => d.broke('permissions.authenticated', {}),
    () => d.broke('permissions.authenticated', { authenticated: d.one([[], ['READ', 'READ'], ['WRITE'], ...WRONG_KINDS.list]) }),
    () => d.broke('permissions.unauthenticated', { authenticated: ['READ'], unauthenticated: d.one([[], ['READ', 'READ'], ['GUEST'], 'READ']) }),
    () => d.broke('permissions', { authenticated: ['READ'], unauthenticated: ['READ', d.one(['CREATE_AND_UPDATE', 'DELETE'])] }),
  ])();
}

function amplifyBackendStorage(d: Draw): World {
  const environment = environmentOf(d);
  d.set('backend', backend(d, environment.appId, environment.name));
  d.set('resourceName', d.name('resourceName', 'resourceName', environment.name, true));
  d.set('permissions', permissions(d));
  d.set('bucketName', d.name('bucketName', 'bucketName', environment.name, false));
  d.set('adopt', adopt(d));
  d.set('removalPolicy', removalPolicy(d));
  d.set('provider', provider(d));
  return { environment: { ...environment, auth: true } };
}

function importedBackendStorage(d: Draw): World {
  const environment = environmentOf(d);
  d.set('backend', backend(d, environment.appId, environment.name));
  const bucket = validName(d.random, 'existingBucketName');
  if (d.breaks('bucket')) {
    d.one<() => void>([
      () => d.broke('bucketName', undefined), // neither bucket nor bucketName
      () => {
        d.set('bucketName', bucket);
        d.set('bucket', d.broke('bucketName', new Scoped((stack) => s3.Bucket.fromBucketName(stack, 'Bucket', bucket))));
      },
      () => d.set('bucketName', d.broke('bucketName', d.chance(0.5) ? invalidName(d.random, 'existingBucketName').value : d.one(WRONG_KINDS.string))),
      () => d.set('bucket', d.broke('bucket', d.one([bucket, ...WRONG_KINDS.object]))),
    ])();
  } else if (d.chance(0.5)) {
    d.set('bucket', new Scoped((stack) => s3.Bucket.fromBucketName(stack, 'Bucket', bucket)));
  } else {
    d.set('bucketName', bucket);
  }
  d.set('adopt', adopt(d));
  d.set('removalPolicy', removalPolicy(d));
  d.set('provider', provider(d));
  return { environment: { ...environment, auth: true }, bucket };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const spell = (d: Draw, alphabet: string, length: number) => Array.from({ length }, () => d.one([...alphabet])).join('');

/** A Cognito object from its id, or, when broken, left out, an id where the object goes, or an id Cognito would not issue. */
function cognitoObject(d: Draw, prop: string, validId: string, invalidId: string, make: (stack: Stack, id: string) => unknown): Value {
  if (!d.breaks(prop)) return new Scoped((stack) => make(stack, validId));
  return d.broke(prop, d.one([ABSENT, validId, new Scoped((stack) => make(stack, invalidId))]));
}

function importedBackendAuth(d: Draw): World {
  const environment = environmentOf(d);
  d.set('backend', backend(d, environment.appId, environment.name));
  d.set('userPool', cognitoObject(d, 'userPool', `us-east-1_${spell(d, ALNUM, 9)}`, d.one(['AbCdEfGhI', 'us-east-1_', 'us east-1_Ab']),
    (stack, id) => cognito.UserPool.fromUserPoolId(stack, 'Pool', id)));
  for (const [prop, id] of [['webClient', 'Web'], ['nativeClient', 'Native']] as const) {
    d.set(prop, cognitoObject(d, prop, spell(d, 'abcdefghijklmnopqrstuvwxyz0123456789', 26), d.one(['web client', '', 'x'.repeat(257)]),
      (stack, clientId) => cognito.UserPoolClient.fromUserPoolClientId(stack, id, clientId)));
  }
  const uuid = () => [8, 4, 4, 4, 12].map((length) => spell(d, '0123456789abcdef', length)).join('-');
  d.set('identityPoolId', d.choice('identityPoolId', [ABSENT, `us-east-1:${uuid()}`], ['0123abcd', 'us-east-1_Ab'], 'string'));
  d.set('adopt', adopt(d));
  d.set('removalPolicy', removalPolicy(d));
  d.set('provider', provider(d));
  return { environment: { ...environment, auth: false } };
}

const CODE = '{####}';
/** A message of `length` characters (at least 6) that carries the code. */
const codeMessage = (length: number) => `${CODE}${'x'.repeat(Math.max(0, length - CODE.length))}`;

function mfa(d: Draw): void {
  if (d.breaks('mfa')) {
    d.one<() => void>([
      () => d.set('mfa', d.broke('mfa', d.one(['SOMETIMES', 2]))),
      () => d.set('mfaSecondFactor', d.broke('mfaSecondFactor', { sms: true, otp: false })), // with mfa OFF
      () => d.set('mfaMessage', d.broke('mfaMessage', codeMessage(20))), // with mfa OFF
      () => {
        d.set('mfa', cognito.Mfa.OPTIONAL);
        d.set('mfaSecondFactor', d.broke('mfaSecondFactor', { sms: false, otp: false }));
      },
      () => {
        d.set('mfa', cognito.Mfa.REQUIRED);
        d.set('mfaSecondFactor', d.chance(0.5) ? d.broke('mfaSecondFactor', { sms: true, otp: true, email: true }) : d.broke('mfaSecondFactor.otp', { sms: true }));
      },
      () => {
        d.set('mfa', cognito.Mfa.OPTIONAL);
        d.set('mfaMessage', d.broke('mfaMessage', d.one(['Your code', codeMessage(141), 5])));
      },
    ])();
    return;
  }
  const mode = d.one([ABSENT, cognito.Mfa.OFF, cognito.Mfa.OPTIONAL, cognito.Mfa.REQUIRED]);
  d.set('mfa', mode);
  if (mode === ABSENT || mode === cognito.Mfa.OFF) return;
  if (d.chance(0.7)) {
    const [sms, otp] = d.one([[true, false], [false, true], [true, true]]);
    d.set('mfaSecondFactor', d.chance(0.3) ? { sms, otp, email: false } : { sms, otp });
  }
  if (d.chance(0.5)) d.set('mfaMessage', codeMessage(6 + d.random.below(135)));
}

function userVerification(d: Draw): Value {
  if (d.breaks('userVerification')) {
    return d.one<() => unknown>([
      () => d.broke('userVerification', d.one(WRONG_KINDS.object)),
      () => d.broke('userVerification.deliveryMethod', { deliveryMethod: d.one(['PIGEON', 7]) }),
      () => d.broke('userVerification.emailSubject', { emailSubject: d.one(['', 's'.repeat(141)]) }),
      () => d.broke('userVerification.emailBody', { emailBody: d.one(['Welcome aboard', codeMessage(20_001)]) }),
      () => d.broke('userVerification.smsMessage', { smsMessage: d.one(['no code here', codeMessage(141)]) }),
    ])();
  }
  if (d.chance(0.5)) return ABSENT;
  const verification: Record<string, unknown> = {};
  if (d.chance(0.5)) verification.deliveryMethod = d.one(['EMAIL', 'SMS']);
  if (d.chance(0.5)) verification.emailSubject = 's'.repeat(1 + d.random.below(140));
  if (d.chance(0.5)) verification.emailBody = codeMessage(d.one([6, 7, 200, 20_000]));
  if (d.chance(0.5)) verification.smsMessage = codeMessage(6 + d.random.below(135));
  return verification;
}

function passwordPolicy(d: Draw): Value {
  if (d.breaks('passwordPolicy')) {
    return d.one<() => unknown>([
      () => d.broke('passwordPolicy', d.one(WRONG_KINDS.object)),
      () => d.broke('passwordPolicy.minLength', { minLength: d.one([5, 100, 8.5, '8', 0]) }),
      () => d.broke('passwordPolicy.requireDigits', { requireDigits: d.one(WRONG_KINDS.boolean) }),
    ])();
  }
  if (d.chance(0.5)) return ABSENT;
  const policy: Record<string, unknown> = {};
  if (d.chance(0.6)) policy.minLength = d.one([6, 7, 8, 12, 98, 99]);
  for (const key of ['requireLowercase', 'requireUppercase', 'requireDigits', 'requireSymbols']) if (d.chance(0.3)) policy[key] = d.chance(0.5);
  return policy;
}

/** The identity pool props; `resourceName` gives the default name, which must fit the environment too. */
function identityPool(d: Draw, resourceName: Value, environmentName: string): void {
  if (d.breaks('identityPool')) {
    d.one<() => void>([
      () => d.set('identityPool', d.broke('identityPool', d.one(WRONG_KINDS.boolean))),
      () => {
        d.set('identityPool', false);
        if (d.chance(0.5)) d.set('allowUnauthenticatedIdentities', d.broke('identityPool', true));
        else d.set('identityPoolName', d.broke('identityPool', validName(d.random, 'identityPoolName', environmentName)));
      },
      () => d.set('identityPoolName', d.broke('identityPoolName', d.chance(0.7) ? invalidName(d.random, 'identityPoolName', environmentName).value
        : d.one(WRONG_KINDS.string))),
      () => d.set('allowUnauthenticatedIdentities', d.broke('allowUnauthenticatedIdentities', d.one(WRONG_KINDS.boolean))),
    ])();
    return;
  }
  const withPool = d.one([ABSENT, true, false]);
  d.set('identityPool', withPool);
  if (withPool === false) {
    if (d.chance(0.3)) d.set('allowUnauthenticatedIdentities', false);
    return;
  }
  if (d.chance(0.5)) d.set('allowUnauthenticatedIdentities', d.chance(0.5));
  if (d.chance(0.5)) {
    d.set('identityPoolName', validName(d.random, 'identityPoolName', environmentName));
  } else if (typeof resourceName === 'string' && `${resourceName}_identitypool`.length > 126 - environmentName.length) {
    d.broke('identityPoolName', undefined); // the default, from a long resource name, does not fit
  }
}

const URLS = ['https://example.com/', 'https://photos.example.com/signed-in?tab=1', 'myapp://', 'exp+app://callback'];
const SCOPES = ['PHONE', 'EMAIL', 'OPENID', 'PROFILE', 'AWS_COGNITO_SIGNIN_USER_ADMIN'];
const CLIENT_ID = (d: Draw) => spell(d, `${ALNUM}.-_`, 1 + d.random.below(d.chance(0.2) ? 256 : 40));
const APPLE_ID = (d: Draw) => spell(d, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10);

function oAuth(d: Draw, environmentName: string): Value {
  const valid: Record<string, unknown> = {
    callbackUrls: d.subset(URLS, 1),
    logoutUrls: d.subset(URLS, 1),
  };
  if (d.chance(0.5)) valid.domainPrefix = validName(d.random, 'domainPrefix', environmentName);
  if (d.chance(0.5)) valid.grantType = d.one(['CODE', 'IMPLICIT']);
  if (d.chance(0.5)) valid.scopes = d.subset(SCOPES, 1);
  for (const [name, secret] of [['google', 'social/google'], ['facebook', 'social/facebook'], ['amazon', 'social/amazon']]) {
    if (d.chance(0.4)) valid[name] = { clientId: CLIENT_ID(d), clientSecretValue: SecretValue.secretsManager(secret) };
  }
  if (d.chance(0.3)) {
    valid.apple = { clientId: CLIENT_ID(d), teamId: APPLE_ID(d), keyId: APPLE_ID(d), privateKeyValue: SecretValue.secretsManager('social/apple') };
  }
  if (!d.breaks('oAuth')) return d.chance(0.6) ? ABSENT : valid;
  return d.one<() => unknown>([
    () => d.broke('oAuth', d.one(WRONG_KINDS.object)),
    () => d.broke('oAuth.callbackUrls', {}),
    () => d.broke('oAuth.domainPrefix', { ...valid, domainPrefix: invalidName(d.random, 'domainPrefix', environmentName).value }),
    () => d.broke('oAuth.callbackUrls', { ...valid, callbackUrls: d.one([[], ['example.com/in'], [`https://example.com/${'p'.repeat(1010)}`], 'https://example.com/']) }),
    () => d.broke('oAuth.logoutUrls', { ...valid, logoutUrls: d.one([[], ['/signed-out']]) }),
    () => d.broke('oAuth.scopes', { ...valid, scopes: d.one([[], ['EMAIL', 'EMAIL'], ['ADMIN']]) }),
    () => d.broke('oAuth.grantType', { ...valid, grantType: d.one(['CLIENT_CREDENTIALS', 1]) }),
    () => d.broke('oAuth.google.clientId', { ...valid, google: { clientId: d.one(['google client', '', 'g'.repeat(257)]), clientSecretValue: SecretValue.secretsManager('social/google') } }),
    () => d.broke('oAuth.google.clientSecretValue', { ...valid, google: { clientId: 'g', clientSecretValue: d.one([SecretValue.unsafePlainText('s3cr3t'), 's3cr3t', undefined]) } }),
    () => d.broke('oAuth.apple.teamId', { ...valid, apple: { clientId: 'com.example', teamId: d.one(['team123456', 'TEAM12345', undefined]), keyId: APPLE_ID(d), privateKeyValue: SecretValue.secretsManager('social/apple') } }),
  ])();
}

function amplifyBackendAuth(d: Draw): World {
  const environment = environmentOf(d);
  d.set('backend', backend(d, environment.appId, environment.name));
  const resourceName = d.name('resourceName', 'resourceName', environment.name, true);
  d.set('resourceName', resourceName);
  const userPoolName = d.name('userPoolName', 'userPoolName', environment.name, false);
  d.set('userPoolName', userPoolName);
  if (userPoolName === ABSENT && typeof resourceName === 'string' && `${resourceName}_userpool`.length > 127 - environment.name.length) {
    d.broke('userPoolName', undefined); // the default, from a long resource name, does not fit
  }
  d.set('signInMethod', d.choice('signInMethod', [ABSENT, 'USERNAME', 'EMAIL', 'PHONE_NUMBER', 'EMAIL_AND_PHONE_NUMBER'], ['FACE'], 'string'));
  const attributes = ['ADDRESS', 'BIRTHDATE', 'EMAIL', 'FAMILY_NAME', 'GENDER', 'GIVEN_NAME', 'LOCALE', 'MIDDLE_NAME', 'NAME', 'NICKNAME',
    'PHONE_NUMBER', 'PICTURE', 'PREFERRED_USERNAME', 'PROFILE', 'UPDATED_AT', 'WEBSITE', 'ZONE_INFO'];
  d.set('requiredSignUpAttributes', d.choice('requiredSignUpAttributes', [ABSENT, [], d.subset(attributes, 1)],
    [['EMAIL', 'EMAIL'], ['EMAIL', 'SHOE_SIZE']], 'list'));
  d.set('passwordPolicy', passwordPolicy(d));
  mfa(d);
  d.set('userVerification', userVerification(d));
  identityPool(d, resourceName, environment.name);
  d.set('oAuth', oAuth(d, environment.name));
  d.set('adopt', adopt(d));
  d.set('removalPolicy', removalPolicy(d));
  d.set('provider', provider(d));
  return { environment: { ...environment, auth: false } };
}

const GENERATORS: Record<ConstructName, { readonly props: readonly string[]; readonly draw: (d: Draw) => World }> = {
  AmplifyBackend: { props: ['appId', 'appName', 'environmentName', 'resourceName', 'removalPolicy', 'provider'], draw: amplifyBackend },
  AmplifyBackendStorage: { props: ['backend', 'resourceName', 'permissions', 'bucketName', 'adopt', 'removalPolicy', 'provider'], draw: amplifyBackendStorage },
  ImportedBackendStorage: { props: ['backend', 'bucket', 'adopt', 'removalPolicy', 'provider'], draw: importedBackendStorage },
  AmplifyBackendAuth: {
    props: ['backend', 'resourceName', 'userPoolName', 'signInMethod', 'requiredSignUpAttributes', 'passwordPolicy', 'mfa', 'userVerification',
      'identityPool', 'oAuth', 'adopt', 'removalPolicy', 'provider'],
    draw: amplifyBackendAuth,
  },
  ImportedBackendAuth: {
    props: ['backend', 'userPool', 'webClient', 'nativeClient', 'identityPoolId', 'adopt', 'removalPolicy', 'provider'],
    draw: importedBackendAuth,
  },
};

/** The `index`-th prop set of a construct in the run seeded with `seed`: the same seed and index give the same set. */
export function propSet(construct: ConstructName, seed: number, index: number): PropSet {
  // Scrambled: Park-Miller's first draws from neighbouring seeds are nearly equal.
  const random = new SeededRandom(mix32(seed * 1_000_003 + CONSTRUCTS.indexOf(construct) * 100_003 + index + 1));
  const generator = GENERATORS[construct];
  const d = new Draw(random, toBreak(random, generator.props));
  const world = generator.draw(d);
  return { construct, props: d.props, broken: d.broken, world };
}
