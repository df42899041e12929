import { SeededRandom } from '../../local/emulator/prng';

/**
 * A generator of the names the AmplifyBackend service takes, written from its rules (the README's table of
 * synth-time checks): for each kind of name, names it accepts, at every length it allows and most often at the
 * ends of that range, and names it refuses, each with the one rule it breaks. It builds names from the rules
 * instead of asking the library or the emulator, so that both are held to it.
 */

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';
const ALNUM = LOWER + UPPER + DIGITS;

/** A generated name, and why the service refuses it (undefined: it takes it). */
export interface GeneratedName {
  readonly value: string;
  readonly breaks?: string;
}

interface NameSpec {
  /** The characters a name may hold; `first` and `last` narrow the first and last one. */
  readonly alphabet: string;
  readonly first?: string;
  readonly last?: string;
  readonly minLength: number;
  readonly maxLength: (environmentName: string) => number;
  /** Substrings or starts the service refuses; a valid name is drawn again until it has none. */
  readonly forbiddenStarts?: readonly string[];
  readonly forbiddenWords?: readonly string[];
  /** Characters outside the alphabet that a refused name may carry. */
  readonly strangers: string;
}

export const NAME_SPECS = {
  appId: { alphabet: LOWER + DIGITS, first: 'd', minLength: 2, maxLength: () => 20, strangers: 'DA-_ .' },
  appName: { alphabet: `${ALNUM} -_.'!&é`, minLength: 1, maxLength: () => 255, strangers: '' },
  environmentName: { alphabet: LOWER, minLength: 2, maxLength: () => 10, strangers: `${UPPER}${DIGITS}-_ ` },
  resourceName: { alphabet: ALNUM, minLength: 1, maxLength: () => 128, strangers: '-_ .é' },
  bucketName: {
    alphabet: `${LOWER}${DIGITS}-`,
    first: LOWER + DIGITS,
    minLength: 3,
    maxLength: () => 47,
    forbiddenStarts: ['xn--', 'sthree-', 'amzn-s3-demo-'],
    strangers: `${UPPER}_. `,
  },
  userPoolName: {
    alphabet: `${ALNUM}_ +=,.@-`,
    minLength: 1,
    maxLength: (environmentName: string) => 127 - environmentName.length,
    strangers: '/#!?:;()\u00a0é',
  },
  identityPoolName: { alphabet: `${ALNUM}_`, minLength: 1, maxLength: (environmentName: string) => 126 - environmentName.length, strangers: '- .@' },
  domainPrefix: {
    alphabet: `${LOWER}${DIGITS}-`,
    first: LOWER + DIGITS,
    last: LOWER + DIGITS,
    minLength: 1,
    maxLength: (environmentName: string) => 62 - environmentName.length,
    forbiddenWords: ['aws', 'amazon', 'cognito'],
    strangers: `${UPPER}_.`,
  },
  existingBucketName: { alphabet: `${LOWER}${DIGITS}-`, first: LOWER + DIGITS, last: LOWER + DIGITS, minLength: 3, maxLength: () => 63, strangers: `${UPPER}_` },
} satisfies Record<string, NameSpec>;

export type NameKind = keyof typeof NAME_SPECS;

function pick(random: SeededRandom, alphabet: string): string {
  return alphabet[random.below(alphabet.length)];
}

/** A length in [min, max], the ends of the range and their neighbours half of the time. */
function lengthIn(random: SeededRandom, min: number, max: number): number {
  if (random.chance(0.5)) return Math.max(min, Math.min(max, [min, min + 1, max - 1, max][random.below(4)]));
  return min + random.below(max - min + 1);
}

function spell(random: SeededRandom, spec: NameSpec, length: number): string {
  return Array.from({ length }, (_, index) => {
    if (index === 0 && spec.first) return pick(random, spec.first);
    if (index === length - 1 && length > 1 && spec.last) return pick(random, spec.last);
    return pick(random, spec.alphabet);
  }).join('');
}

function isForbidden(spec: NameSpec, name: string): boolean {
  return (spec.forbiddenStarts ?? []).some((start) => name.startsWith(start)) || (spec.forbiddenWords ?? []).some((word) => name.includes(word));
}

/** A name the service takes, in an environment of this name. */
export function validName(random: SeededRandom, kind: NameKind, environmentName = 'dev'): string {
  const spec: NameSpec = NAME_SPECS[kind];
  for (;;) {
    const name = spell(random, spec, lengthIn(random, spec.minLength, spec.maxLength(environmentName)));
    if (!isForbidden(spec, name)) return name;
  }
}

/** A name the service refuses, and the rule it breaks. */
export function invalidName(random: SeededRandom, kind: NameKind, environmentName = 'dev'): GeneratedName {
  const spec: NameSpec = NAME_SPECS[kind];
  const max = spec.maxLength(environmentName);
  const ways: Array<() => Required<GeneratedName>> = [
    () => ({ value: spell(random, spec, max + 1 + (random.chance(0.5) ? 0 : random.below(200))), breaks: `longer than ${max}` }),
    () => ({ value: spell(random, spec, Math.max(0, spec.minLength - 1 - random.below(spec.minLength))), breaks: `shorter than ${spec.minLength}` }),
  ];
  if (spec.strangers) {
    ways.push(() => {
      const name = validName(random, kind, environmentName).split('');
      name[random.below(name.length)] = pick(random, spec.strangers);
      return { value: name.join(''), breaks: 'a character outside the alphabet' };
    });
  }
  const { first, last } = spec;
  if (first) {
    const outsiders = [...spec.alphabet, ...spec.strangers].filter((character) => !first.includes(character)).join('');
    ways.push(() => ({ value: pick(random, outsiders) + validName(random, kind, environmentName).slice(1), breaks: 'its first character' }));
  }
  if (last) {
    const outsiders = [...spec.alphabet].filter((character) => !last.includes(character)).join('');
    ways.push(() => ({ value: validName(random, kind, environmentName).slice(0, -1) + pick(random, outsiders), breaks: 'its last character' }));
  }
  for (const start of spec.forbiddenStarts ?? []) {
    ways.push(() => ({ value: (start + validName(random, kind, environmentName)).slice(0, max), breaks: `it starts with ${start}` }));
  }
  for (const word of spec.forbiddenWords ?? []) {
    ways.push(() => {
      const name = validName(random, kind, environmentName);
      const at = random.below(Math.max(1, name.length - word.length));
      return { value: `${name.slice(0, at)}${word}${name.slice(at)}`.slice(0, max).replace(/^-|-$/g, 'a'), breaks: `it holds ${word}` };
    });
  }
  for (;;) {
    const generated = ways[random.below(ways.length)]();
    // A short name cut from a long one can lose what broke the rule (a word cut in half); draw again then.
    if (generated.breaks.startsWith('it holds') && !generated.value.includes(generated.breaks.slice('it holds '.length))) continue;
    if (generated.breaks === 'a character outside the alphabet' && [...generated.value].every((character) => spec.alphabet.includes(character))) continue;
    return generated;
  }
}

/** A name that is valid or not, as `invalidShare` says; with the rule it breaks if it is not. */
export function someName(random: SeededRandom, kind: NameKind, environmentName: string, invalidShare: number): GeneratedName {
  return random.chance(invalidShare) ? invalidName(random, kind, environmentName) : { value: validName(random, kind, environmentName) };
}
