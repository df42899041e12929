/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs each variant `repetitions` times, interleaved (a, b, c, a, b, c, ...), and returns each one's results. */
export async function interleaved<K extends string, T>(repetitions: number, variants: Record<K, () => Promise<T>>): Promise<Record<K, T[]>> {
  const results = Object.fromEntries(Object.keys(variants).map((key) => [key, [] as T[]])) as Record<K, T[]>;
  for (let i = 0; i < repetitions; i++) {
    for (const key of Object.keys(variants) as K[]) results[key].push(await variants[key]());
  }
  return results;
}

/** One row of the benchmark table. */
export interface Row {
  readonly metric: string;
  readonly baseline: string;
  readonly ours: string;
  readonly goal: string;
  readonly met: boolean;
}
