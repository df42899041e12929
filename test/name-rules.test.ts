import { App } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { GeneratedName, invalidName, NameKind, validName } from './property/names';
import { nameProblem, NameKind as EmulatorNameKind } from '../local/emulator/handlers/name-rules';
import { SeededRandom } from '../local/emulator/prng';
import {
  validateAppName, validateBucketName, validateDomainPrefix, validateEnvironmentName, validateIdentityPoolName, validateResourceName,
  validateUserPoolName,
} from '../src/private/validate';

/**
 * The library's name checks (src/private/validate.ts) and the emulator's (local/emulator/handlers/name-rules.ts)
 * are written apart from the same facts; here they must agree, name for name, with each other and with the
 * generator of the service's rules (test/property/names.ts), on generated names and on random strings. A name
 * the library lets through and the emulator refuses would fail a deployment that synth promised.
 * NAMES_SEED=<n> replays another draw.
 */
const SEED = Number(process.env.NAMES_SEED ?? 7);
const PER_KIND = 600;
const ENVIRONMENTS = ['qa', 'dev', 'staging', 'abcdefghij'];
const ANY_CHARACTER = 'abcxyzABCXYZ0189-_ .@+=,/#\t\u00a0é';

const scope = new Construct(new App(), 'Names');
/** A name as JSON with every character outside printable ASCII escaped (a no-break space looks like a space). */
const visible = (name: string): string => JSON.stringify(name).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const accepts = (check: () => void): boolean => {
  try {
    check();
    return true;
  } catch {
    return false;
  }
};

/** Each name kind: the generator's, the emulator's and the library's check of it. */
const KINDS: Array<[NameKind, EmulatorNameKind, (name: string, environmentName: string) => void]> = [
  ['appName', 'appName', (name) => validateAppName(scope, name)],
  ['environmentName', 'backendEnvironmentName', (name) => validateEnvironmentName(scope, name)],
  ['resourceName', 'resourceName', (name) => validateResourceName(scope, name)],
  ['bucketName', 'bucketName', (name) => validateBucketName(scope, name)],
  ['userPoolName', 'userPoolName', (name, environmentName) => validateUserPoolName(scope, name, environmentName)],
  ['identityPoolName', 'identityPoolName', (name, environmentName) => validateIdentityPoolName(scope, name, environmentName)],
  ['domainPrefix', 'domainPrefix', (name, environmentName) => validateDomainPrefix(scope, name, environmentName)],
];

describe('the library and the emulator take the same names', () => {
  test.each(KINDS)(`%s: ${PER_KIND} generated valid, invalid and random names, judged alike by the generator, the library and the emulator`,
    (kind, emulatorKind, libraryCheck) => {
      const random = new SeededRandom(SEED * 1_000 + KINDS.findIndex(([name]) => name === kind));
      const disagreements: string[] = [];
      for (let i = 0; i < PER_KIND; i++) {
        const environmentName = ENVIRONMENTS[i % ENVIRONMENTS.length];
        const draw = i % 3;
        const generated: GeneratedName = draw === 0 ? { value: validName(random, kind, environmentName) }
          : draw === 1 ? invalidName(random, kind, environmentName)
            : { value: Array.from({ length: random.below(140) }, () => ANY_CHARACTER[random.below(ANY_CHARACTER.length)]).join('') };
        const library = accepts(() => libraryCheck(generated.value, environmentName));
        const emulator = nameProblem(emulatorKind, generated.value, environmentName) === undefined;
        // A random string has no verdict of the generator's: there the library and the emulator must agree.
        const generator = draw === 2 ? emulator : generated.breaks === undefined;
        if (library !== emulator || library !== generator) {
          const verdict = draw === 2 ? 'a random string' : generated.breaks === undefined ? 'valid' : `invalid: ${generated.breaks}`;
          disagreements.push(`${visible(generated.value)} in "${environmentName}": library ${library ? 'takes' : 'refuses'} it, `
            + `emulator ${emulator ? 'takes' : 'refuses'} it, generator: ${verdict}`);
        }
      }
      expect(disagreements.slice(0, 10)).toEqual([]);
    });
});
