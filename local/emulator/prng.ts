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
