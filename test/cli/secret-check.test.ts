import { checkSecrets, describeSecretProblems } from '../../cli/local/secret-check';
import { StackArtifact } from '../../local/runner';

const GOOGLE_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:photo-share/google-AbCdEf';
/** A value that must never be in a problem or a line. */
const KNOWN_SECRET = 'never-shown-0b7e';

/** A stack of these resources, each `[logicalId, type, properties, construct path?]`. */
function stack(name: string, resources: Array<[string, string, Record<string, unknown>, string?]>): StackArtifact {
  return {
    name,
    template: {
      Resources: Object.fromEntries(resources.map(([id, Type, Properties, path]) => [id, {
        Type, Properties, ...path === undefined ? {} : { Metadata: { 'aws:cdk:path': path } },
      }])),
    },
    assets: new Map(),
    dependencies: [],
    environment: {},
  } as StackArtifact;
}

/** Auth with Google (a JSON secret's field, by ARN) and Apple (a plain secret, by name) sign-in. */
const auth = (path: string, google: unknown = GOOGLE_ARN) => ['Users', 'Custom::AmplifyBackendAuth', {
  AppId: 'd1',
  OAuth: {
    GrantType: 'CODE',
    Google: { ClientId: 'google-client', ClientSecret: { SecretId: google, JsonField: 'clientSecret' } },
    SignInWithApple: { ClientId: 'apple', TeamId: 'T', KeyId: 'K', PrivateKey: { SecretId: 'photo-share/apple-key' } },
  },
}, path] as [string, string, Record<string, unknown>, string];

const PHOTOS = stack('Photos', [auth('Photos/Staging/Users/Resource')]);
const GOOGLE_USE = { secretId: GOOGLE_ARN, jsonField: 'clientSecret', resource: 'Photos/Staging/Users (Custom::AmplifyBackendAuth)', property: 'OAuth.Google.ClientSecret' };

describe('checkSecrets', () => {
  test('every secret there, by its name or its ARN, as the JSON field each reads: no problem', () => {
    const secrets = { 'photo-share/google': JSON.stringify({ clientSecret: KNOWN_SECRET }), 'arn:aws:secretsmanager:us-east-1:1:secret:photo-share/apple-key-XyZ123': 'pem' };
    expect(checkSecrets([PHOTOS], secrets)).toEqual({ problems: [], skipped: [] });
  });

  test('a missing secret is named by its name, with the resource (construct path), property and field that read it; one entry for all readers', () => {
    const other = stack('Other', [auth('Other/Dev/Users/Resource')]);
    expect(checkSecrets([PHOTOS, other], { 'photo-share/apple-key': 'pem' })).toEqual({
      problems: [{
        name: 'photo-share/google',
        problem: undefined,
        uses: [GOOGLE_USE, { ...GOOGLE_USE, resource: 'Other/Dev/Users (Custom::AmplifyBackendAuth)' }],
      }],
      skipped: [],
    });
  });

  test('a JSON secret without the field, one that is not JSON and an empty one are problems that never hold the value', () => {
    const check = (google: string) => checkSecrets([PHOTOS], { [GOOGLE_ARN]: google, 'photo-share/apple-key': '' }).problems;
    expect(check(JSON.stringify({ other: KNOWN_SECRET }))).toEqual([
      { name: 'photo-share/google', problem: 'the secret has no text in that field', uses: [GOOGLE_USE] },
      { name: 'photo-share/apple-key', problem: 'the secret has no value', uses: [expect.objectContaining({ property: 'OAuth.SignInWithApple.PrivateKey' })] },
    ]);
    expect(check(KNOWN_SECRET)[0].problem).toBe('the secret is not JSON, so the field cannot be read');
    expect(JSON.stringify(check(KNOWN_SECRET))).not.toContain(KNOWN_SECRET);
  });

  test('a secret id that is not a literal (a Ref to a secret of the stack, an Fn::Join) is skipped, said once each', () => {
    const join = { 'Fn::Join': ['', ['arn:aws:secretsmanager:', { Ref: 'AWS::Region' }, ':123456789012:secret:photo-share/google-AbCdEf']] };
    const stacks = [stack('Photos', [auth('Photos/Staging/Users/Resource', { Ref: 'GoogleSecret1A2B3C' })]), stack('Other', [auth('Other/Dev/Users/Resource', join)])];
    const { problems, skipped } = checkSecrets(stacks, { 'photo-share/apple-key': 'pem' });
    expect(problems).toEqual([]);
    expect(skipped).toEqual([
      'Photos/Staging/Users (Custom::AmplifyBackendAuth): OAuth.Google.ClientSecret names its secret with {"Ref":"GoogleSecret1A2B3C"}, '
      + 'not a literal name or ARN, so it is not checked before deploying',
      'Other/Dev/Users (Custom::AmplifyBackendAuth): OAuth.Google.ClientSecret names its secret with '
      + '{"Fn::Join":["",["arn:aws:secretsmanager:",{"Ref":"AWS::Region"},":1234567890..., '
      + 'not a literal name or ARN, so it is not checked before deploying',
    ]);
  });

  test('a secret the stack creates (a Ref to its AWS::SecretsManager::Secret) needs nothing: the deployment makes it', () => {
    const created = stack('Photos', [auth('Photos/Staging/Users/Resource', { Ref: 'Google' }), ['Google', 'AWS::SecretsManager::Secret', {}]]);
    expect(checkSecrets([created], { 'photo-share/apple-key': 'pem' })).toEqual({ problems: [], skipped: [] });
  });

  test('dynamic references to Secrets Manager anywhere in any resource\'s properties are checked, by name or ARN, with their JSON key', () => {
    const database = stack('Data', [['Db', 'AWS::RDS::DBInstance', {
      MasterUsername: '{{resolve:secretsmanager:db/admin:SecretString:username}}',
      MasterUserPassword: `{{resolve:secretsmanager:${GOOGLE_ARN.replace('photo-share/google', 'db/admin')}:SecretString:password::}}`,
      Tags: [{ Key: 'token', Value: 'x-{{resolve:secretsmanager:api-token}}-y' }],
      Built: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'Secret' }, ':SecretString:password}}']] },
      Substituted: { 'Fn::Sub': '{{resolve:secretsmanager:${Secret}:SecretString:password}}' },
    }]]);
    const { problems, skipped } = checkSecrets([database], { 'db/admin': JSON.stringify({ username: 'admin' }) });
    expect(problems).toEqual([
      {
        name: 'db/admin',
        problem: 'the secret has no text in that field',
        uses: [{
          secretId: GOOGLE_ARN.replace('photo-share/google', 'db/admin'),
          jsonField: 'password',
          resource: 'Data/Db (AWS::RDS::DBInstance)',
          property: 'MasterUserPassword (a dynamic reference)',
        }],
      },
      { name: 'api-token', problem: undefined, uses: [{ secretId: 'api-token', jsonField: undefined, resource: 'Data/Db (AWS::RDS::DBInstance)', property: 'Tags[0].Value (a dynamic reference)' }] },
    ]);
    expect(skipped).toEqual(['Built.Fn::Join[1][0]', 'Substituted.Fn::Sub'].map((place) => `Data/Db (AWS::RDS::DBInstance): ${place} holds a dynamic reference `
      + 'to Secrets Manager that is put together at deploy time (Fn::Join, Fn::Sub), so it is not checked before deploying'));
  });
});

describe('describeSecretProblems', () => {
  test('says per secret what is wrong, who reads it, and the two ways to give it, with the --state-dir given', () => {
    const { problems } = checkSecrets([PHOTOS], { 'photo-share/apple-key': '' });
    expect(describeSecretProblems(problems, 'my state')).toEqual([
      'The local Secrets Manager cannot serve 2 secrets that the stacks read, so nothing was deployed:',
      '  photo-share/google: there is no such secret.',
      '    read by Photos/Staging/Users (Custom::AmplifyBackendAuth), OAuth.Google.ClientSecret, field "clientSecret"',
      '    Add it: cdk-amplify-backend local secrets set photo-share/google --state-dir \'my state\'  (reads JSON like {"clientSecret":"<value>"} from stdin),',
      '    or give it to this deploy: --secret \'photo-share/google={"clientSecret":"<value>"}\'',
      '  photo-share/apple-key: the secret has no value.',
      '    read by Photos/Staging/Users (Custom::AmplifyBackendAuth), OAuth.SignInWithApple.PrivateKey',
      '    Replace it: cdk-amplify-backend local secrets set photo-share/apple-key --state-dir \'my state\'  (reads the value from stdin),',
      '    or give it to this deploy: --secret \'photo-share/apple-key=<value>\'',
    ]);
    expect(describeSecretProblems(problems.slice(1))[0]).toBe('The local Secrets Manager cannot serve a secret that the stacks read, so nothing was deployed:');
    expect(describeSecretProblems(problems.slice(1))[3]).toBe('    Replace it: cdk-amplify-backend local secrets set photo-share/apple-key  (reads the value from stdin),');
  });
});
