/**
 * A seeded pseudo-random generator (Park-Miller, multiplier 48271): the same seed gives the same
 * sequence, so random faults and generated names can be replayed. Not for anything secret.
 */
export class SeededRandom {
  /** A generator that goes on from a `position` an earlier one reached. */
  static resume(position: number): SeededRandom {
    const random = new SeededRandom(1);
    random.state = position;
    return random;
  }

  private static readonly MODULUS = 2147483647;
  private state: number;

  constructor(seed: number) {
    const reduced = Math.abs(Math.floor(seed)) % SeededRandom.MODULUS;
    this.state = reduced === 0 ? 1 : reduced;
  }

  /** The next value in [0, 1). */
  next(): number {
    this.state = (this.state * 48271) % SeededRandom.MODULUS;
    return (this.state - 1) / (SeededRandom.MODULUS - 1);
  }

  /** True with the given probability. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** A whole number in [0, bound). */
  below(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** Where the sequence stands; `SeededRandom.resume(position)` goes on from there (a saved world's names stay unique). */
  get position(): number {
    return this.state;
  }
}

/* eslint-disable no-bitwise -- hashing is bit arithmetic on 32-bit words */

/** Scrambles 32 bits (MurmurHash3's finaliser): a bijection, so distinct inputs give distinct outputs. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A seeded 32-bit hash of a text (FNV-1a, then `mix32`): the same seed and text give the same value. */
export function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ mix32(seed)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return mix32(h);
}

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/**
 * Writes a version-4-shaped UUID (`xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`, 36 bytes) made from four
 * 32-bit words into `target` at `offset`; the first word is kept whole. Many ids written into one
 * buffer and read back with `toString('latin1', ...)` are flat strings, cheap to hash as Map keys.
 */
export function writeUuid(target: Buffer, offset: number, a: number, b: number, c: number, d: number): void {
  let at = offset;
  const put = (value: number, digits: number): void => {
    for (let shift = (digits - 1) * 4; shift >= 0; shift -= 4) target[at++] = HEX_DIGITS[(value >>> shift) & 0xf];
  };
  const dash = (): void => {
    target[at++] = 0x2d;
  };
  put(a, 8);
  dash();
  put(b >>> 16, 4);
  dash();
  put(0x4000 | (b & 0xfff), 4);
  dash();
  put(0x8000 | (c & 0x3fff), 4);
  dash();
  put(c >>> 16, 4);
  put(d, 8);
}
/* eslint-enable no-bitwise */
