/**
 * The declarations of a live backend, in the library's public API: one environment each (RETAIN), its auth and
 * storage as the service reports them, created or imported, each with `adopt: true`. Values the construct fills in
 * itself are left out, as a person would; secrets become references to Secrets Manager secrets with generated names,
 * which the user must create.
 */
import { Expr, list, member, object, ObjectExpr } from './expressions';
import { LiveAuth, LiveBackend, LiveEnvironment, LiveStorage, NotDeclared } from './live-backend';
import { AuthSettings, OAuthSettings, Provider, sameSet } from '../../lambda/auth-settings';
import { AUTH_RESOURCE_TYPE, IMPORTED_AUTH_RESOURCE_TYPE, IMPORTED_STORAGE_RESOURCE_TYPE, STORAGE_RESOURCE_TYPE } from '../../src/private/contract';

const LIBRARY = 'cdk-amplify-backend';

/** A resource added to an environment: `<environment>.<method>(id, props)`, and the live resource it declares. */
export interface ChildDeclaration {
  readonly method: 'addAuth' | 'importAuth' | 'addStorage' | 'importStorage';
  readonly id: string;
  readonly props: ObjectExpr;
  readonly resourceType: string;
  /** The physical id of the live resource it declares, as the handler names it. */
  readonly physicalId: string;
  /** `auth "photoshare" (created)`, for messages. */
  readonly description: string;
}

/** `new AmplifyBackend(this, id, props)` and what is added to it. */
export interface EnvironmentDeclaration {
  readonly environmentName: string;
  /** The TypeScript variable that holds it; undefined when nothing is added to it. */
  readonly variable?: string;
  readonly id: string;
  readonly props: ObjectExpr;
  readonly physicalId: string;
  readonly children: readonly ChildDeclaration[];
  /** One line saying what was read. */
  readonly summary: string;
  readonly notDeclared: readonly NotDeclared[];
}

/** A Secrets Manager secret the declarations read and the user must create. */
export interface SecretToCreate {
  readonly name: string;
  readonly jsonField: string;
  /** `the Google client secret of auth "photoshare" in environment staging`. */
  readonly holds: string;
}

export interface Declarations {
  readonly appId: string;
  readonly appName: string;
  readonly region: string;
  /** When the backend was read, ISO 8601. */
  readonly readAt: string;
  readonly className: string;
  readonly environments: readonly EnvironmentDeclaration[];
  readonly secrets: readonly SecretToCreate[];
}

/** What the declarations need besides the live backend. */
export interface DeclarationOptions {
  readonly region: string;
  readonly readAt: Date;
  /** @default - from the app's name (`classNameFor`) */
  readonly className?: string;
}

/** Names the generated module imports or the constructor uses: no environment variable or class may take them. */
export const TAKEN_NAMES = new Set([
  'AmplifyBackend', 'SignInMethod', 'SignUpAttribute', 'StoragePermission', 'BackendOAuthScope', 'OAuthGrantType', 'VerificationDeliveryMethod',
  'RemovalPolicy', 'SecretValue', 'Construct', 'cognito', 'scope', 'id',
]);

/** Words TypeScript reserves (or strict mode does): no variable may be one. */
const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends', 'false',
  'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try',
  'typeof', 'var', 'void', 'while', 'with', 'as', 'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static',
  'yield', 'any', 'boolean', 'number', 'string', 'symbol', 'type', 'from', 'of', 'await', 'async', 'arguments', 'eval', 'undefined', 'never',
  'unknown', 'object', 'declare', 'module', 'namespace', 'require', 'get', 'set', 'is', 'keyof', 'readonly', 'infer', 'global',
]);

/** `photo-share` → `PhotoShareBackend`: the app's name as a class name (`Backend` + the app id when it has no letters or digits). */
export function classNameFor(appName: string, appId: string): string {
  const words = appName.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  let name = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
  if (name === '') name = `App${appId.charAt(0).toUpperCase()}${appId.slice(1)}`;
  if (/^[0-9]/.test(name)) name = `App${name}`;
  if (!name.endsWith('Backend')) name = `${name}Backend`;
  return TAKEN_NAMES.has(name) ? `${name}Declared` : name;
}

/** Why a class name cannot be the module's, or undefined. */
export function checkClassName(name: string): string | undefined {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) || RESERVED.has(name)) return 'use a TypeScript class name: letters, digits, _ and $, not starting with a digit.';
  if (TAKEN_NAMES.has(name)) return `the module imports ${name} already; choose another name.`;
  return undefined;
}

/** The declarations of everything read. */
export function declarationsOf(live: LiveBackend, options: DeclarationOptions): Declarations {
  const secrets: SecretToCreate[] = [];
  const environments = live.environments.map((environment) => environmentDeclaration(live, environment, secrets));
  return {
    appId: live.appId,
    appName: live.appName,
    region: options.region,
    readAt: options.readAt.toISOString(),
    className: options.className ?? classNameFor(live.appName, live.appId),
    environments,
    secrets,
  };
}

function environmentDeclaration(live: LiveBackend, environment: LiveEnvironment, secrets: SecretToCreate[]): EnvironmentDeclaration {
  const name = environment.name;
  const variable = RESERVED.has(name) || TAKEN_NAMES.has(name) ? `${name}Environment` : name;
  const env = { appId: live.appId, environmentName: name };
  const children: ChildDeclaration[] = [];
  if (environment.auth) {
    children.push(authDeclaration(env, variable, environment.auth, secretNames(live, name, environment.auth.resourceName, secrets)));
  }
  if (environment.storage) children.push(storageDeclaration(env, environment.storage));
  const summary = [
    environment.auth ? describeAuth(environment.auth) : 'no auth',
    environment.storage ? describeStorage(environment.storage) : 'no storage',
  ].join(', ');
  return {
    environmentName: name,
    variable: children.length > 0 ? variable : undefined,
    id: pascal(name),
    props: object([
      ['appId', live.appId],
      ['appName', live.appName],
      ['environmentName', name],
      ['removalPolicy', member('aws-cdk-lib', 'RemovalPolicy', 'RETAIN')],
    ]),
    physicalId: `${live.appId}/${name}`,
    children,
    summary: `Environment "${name}": ${summary}.`,
    notDeclared: environment.notDeclared,
  };
}

function describeAuth(auth: LiveAuth): string {
  return auth.kind === 'created' ? `auth "${auth.resourceName}" (created)` : `auth "${auth.resourceName}" (imported user pool ${auth.userPoolId})`;
}

function describeStorage(storage: LiveStorage): string {
  if (storage.kind === 'imported') return `storage "${storage.resourceName}" (imported bucket ${storage.bucketName})`;
  return `storage "${storage.resourceName}" (created${storage.bucketName ? `; the service named its bucket ${storage.bucketName}` : ''})`;
}

type Env = { readonly appId: string; readonly environmentName: string };

function authDeclaration(env: Env, scope: string, auth: LiveAuth, secret: (provider: Provider) => Expr): ChildDeclaration {
  if (auth.kind === 'imported') {
    const props = object([
      ['userPool', { kind: 'cognito', what: 'UserPool', scope, id: 'UserPool', value: auth.userPoolId }],
      ['webClient', { kind: 'cognito', what: 'UserPoolClient', scope, id: 'WebClient', value: auth.webClientId }],
      ['nativeClient', { kind: 'cognito', what: 'UserPoolClient', scope, id: 'NativeClient', value: auth.nativeClientId }],
      ['identityPoolId', auth.identityPoolId],
      ['adopt', true],
    ]);
    return {
      method: 'importAuth',
      id: 'Auth',
      props,
      resourceType: IMPORTED_AUTH_RESOURCE_TYPE,
      physicalId: `${env.appId}/${env.environmentName}/${auth.resourceName}`,
      description: describeAuth(auth),
    };
  }
  return {
    method: 'addAuth',
    id: 'Auth',
    props: createdAuth(auth.resourceName, auth.settings, secret),
    resourceType: AUTH_RESOURCE_TYPE,
    physicalId: `${env.appId}/${env.environmentName}/${auth.resourceName}`,
    description: describeAuth(auth),
  };
}

const PERMISSIONS = ['READ', 'CREATE_AND_UPDATE', 'DELETE'];
const permissionList = (permissions: readonly string[]) =>
  list([...permissions].sort((a, b) => PERMISSIONS.indexOf(a) - PERMISSIONS.indexOf(b)).map((p) => member(LIBRARY, 'StoragePermission', p)));

function storageDeclaration(env: Env, storage: LiveStorage): ChildDeclaration {
  const physicalId = `${env.appId}/${env.environmentName}/${storage.resourceName}`;
  if (storage.kind === 'imported') {
    return {
      method: 'importStorage',
      id: 'Storage',
      props: object([['bucketName', storage.bucketName], ['adopt', true]]),
      resourceType: IMPORTED_STORAGE_RESOURCE_TYPE,
      physicalId,
      description: describeStorage(storage),
    };
  }
  // The bucket's name is left out: the service chose it (a prefix and its suffix) when the storage was created.
  const props = object([
    ['resourceName', storage.resourceName],
    ['permissions', object([
      ['authenticated', permissionList(storage.authenticated)],
      ['unauthenticated', storage.unauthenticated.length > 0 ? permissionList(storage.unauthenticated) : undefined],
    ])],
    ['adopt', true],
  ]);
  return { method: 'addStorage', id: 'Storage', props, resourceType: STORAGE_RESOURCE_TYPE, physicalId, description: describeStorage(storage) };
}

/** What the construct requires at sign-up when none are given (its own default). */
function defaultAttributes(signInMethod: string): string[] {
  if (signInMethod === 'PHONE_NUMBER') return ['PHONE_NUMBER'];
  if (signInMethod === 'EMAIL_AND_PHONE_NUMBER') return ['EMAIL', 'PHONE_NUMBER'];
  return ['EMAIL'];
}

const CONSTRAINTS: ReadonlyArray<readonly [string, string]> = [
  ['requireLowercase', 'REQUIRE_LOWERCASE'], ['requireUppercase', 'REQUIRE_UPPERCASE'], ['requireDigits', 'REQUIRE_DIGIT'], ['requireSymbols', 'REQUIRE_SYMBOL'],
];

/**
 * Created auth's options: every setting the service reports, in the order of the construct's props, those equal to
 * the construct's defaults left out. A setting the service does not report is left to the construct's default, which
 * the self-check then finds different from the live auth (the construct always declares one).
 */
function createdAuth(resourceName: string, settings: AuthSettings, secret: (provider: Provider) => Expr): ObjectExpr {
  const { signInMethod, passwordPolicy, mfa, verificationMessage: message, identityPool, oAuth } = settings;
  const attributes = settings.requiredSignUpAttributes;
  const mfaOn = mfa !== undefined && mfa.mode !== 'OFF';
  const byPhone = signInMethod === 'PHONE_NUMBER';
  return object([
    ['resourceName', resourceName],
    ['userPoolName', settings.userPoolName === `${resourceName}_userpool` ? undefined : settings.userPoolName],
    ['signInMethod', signInMethod === 'EMAIL' ? undefined : member(LIBRARY, 'SignInMethod', signInMethod)],
    ['requiredSignUpAttributes', sameSet(attributes, defaultAttributes(signInMethod)) ? undefined
      : list(attributes.map((attribute) => member(LIBRARY, 'SignUpAttribute', attribute)))],
    ['passwordPolicy', passwordPolicy && nonEmpty(object([
      ['minLength', passwordPolicy.minimumLength === 8 ? undefined : passwordPolicy.minimumLength],
      ...CONSTRAINTS.map(([prop, constraint]) => [prop, passwordPolicy.additionalConstraints.includes(constraint) ? true : undefined] as const),
    ]))],
    ['mfa', mfaOn ? member('aws-cdk-lib/aws-cognito', 'Mfa', mfa.mode === 'ON' ? 'REQUIRED' : 'OPTIONAL') : undefined],
    ['mfaSecondFactor', mfaOn && !sameSet(mfa.types, ['SMS'])
      ? object([['sms', mfa.types.includes('SMS')], ['otp', mfa.types.includes('TOTP')]]) : undefined],
    ['mfaMessage', mfaOn ? mfa.smsMessage : undefined],
    ['userVerification', message && nonEmpty(object([
      ['deliveryMethod', message.deliveryMethod === (byPhone ? 'SMS' : 'EMAIL') ? undefined : member(LIBRARY, 'VerificationDeliveryMethod', message.deliveryMethod)],
      ['emailSubject', message.emailSubject],
      ['emailBody', message.emailMessage],
      ['smsMessage', message.smsMessage],
    ]))],
    ['identityPool', identityPool ? undefined : false],
    ['identityPoolName', identityPool && identityPool.name !== `${resourceName}_identitypool` ? identityPool.name : undefined],
    ['allowUnauthenticatedIdentities', identityPool?.allowGuests ? true : undefined],
    ['oAuth', oAuth && oAuthOptions(oAuth, secret)],
    ['adopt', true],
  ]);
}

const ALL_SCOPES = ['PHONE', 'EMAIL', 'OPENID', 'PROFILE', 'AWS_COGNITO_SIGNIN_USER_ADMIN'];
/** The providers as the construct's OAuth options name them. */
const PROVIDER_OPTIONS: Readonly<Record<Provider, string>> = { Google: 'google', Facebook: 'facebook', LoginWithAmazon: 'amazon', SignInWithApple: 'apple' };

function oAuthOptions(oAuth: OAuthSettings, secret: (provider: Provider) => Expr): Expr {
  const providers = (Object.keys(PROVIDER_OPTIONS) as Provider[]).map((name): readonly [string, Expr | undefined] => {
    const provider = oAuth.providers[name];
    if (!provider) return [PROVIDER_OPTIONS[name], undefined];
    if (name === 'SignInWithApple') {
      return ['apple', object([['clientId', provider.clientId], ['teamId', provider.teamId], ['keyId', provider.keyId], ['privateKeyValue', secret(name)]])];
    }
    return [PROVIDER_OPTIONS[name], object([['clientId', provider.clientId], ['clientSecretValue', secret(name)]])];
  });
  return object([
    ['domainPrefix', oAuth.domainPrefix],
    ['callbackUrls', list(oAuth.callbackUrls)],
    ['logoutUrls', list(oAuth.logoutUrls)],
    ['grantType', oAuth.grantType === 'CODE' ? undefined : member(LIBRARY, 'OAuthGrantType', oAuth.grantType)],
    ['scopes', sameSet(oAuth.scopes, ALL_SCOPES) ? undefined : list(oAuth.scopes.map((scope) => member(LIBRARY, 'BackendOAuthScope', scope)))],
    ...providers,
  ]);
}

const PROVIDER_WORDS: Readonly<Record<Provider, { slug: string; what: string; field: string }>> = {
  Google: { slug: 'google', what: 'the Google client secret', field: 'clientSecret' },
  Facebook: { slug: 'facebook', what: 'the Facebook app secret', field: 'clientSecret' },
  LoginWithAmazon: { slug: 'amazon', what: 'the Login with Amazon client secret', field: 'clientSecret' },
  SignInWithApple: { slug: 'apple', what: 'the Sign in with Apple private key', field: 'privateKey' },
};

/**
 * The secret reference of each social provider of an auth resource: a JSON secret `<app>/<environment>/<provider>`
 * (the app's name in the characters Secrets Manager allows), listed in `secrets` for the user to create.
 */
function secretNames(live: LiveBackend, environment: string, resourceName: string, secrets: SecretToCreate[]): (provider: Provider) => Expr {
  const app = live.appName.replace(/[^A-Za-z0-9/_+=.@-]+/g, '-').replace(/^-+|-+$/g, '') || live.appId;
  return (provider) => {
    const words = PROVIDER_WORDS[provider];
    const name = `${app}/${environment}/${words.slug}`;
    secrets.push({ name, jsonField: words.field, holds: `${words.what} of auth "${resourceName}" in environment ${environment}` });
    return { kind: 'secret', name, jsonField: words.field };
  };
}

/** An object with no entries is left out, as the construct's defaults apply then. */
function nonEmpty(expr: ObjectExpr): ObjectExpr | undefined {
  return expr.entries.length > 0 ? expr : undefined;
}

/** `staging` → `Staging`. */
function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
