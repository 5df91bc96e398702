import { notYet } from './not-yet.js';
export type BootstrapResult = { ci95: [number, number]; resamples: number; undefinedResamples: number } | { ci95: null; reason: string };
/** Percentile 95% CI by resampling items with a seeded PRNG (reproducible for a seed). */
export function bootstrapCi(
  nItems: number,
  statistic: (indices: readonly number[]) => number | null,
  opts?: { resamples?: number; seed?: number },
): BootstrapResult {
  return notYet('bootstrapCi');
}
