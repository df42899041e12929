/**
 * A seeded pseudo-random generator (Park-Miller, multiplier 48271): the same seed gives the same
 * sequence, so random faults and generated names can be replayed. Not for anything secret.
 */
export class SeededRandom {
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
/* eslint-enable no-bitwise */
