/**
 * Percentile bootstrap over ITEMS (Efron & Tibshirani 1993, ch. 13): each resample draws nItems item
 * indices with replacement, the statistic is recomputed, and the 2.5% / 97.5% quantiles (linear
 * interpolation, numpy's default) form the 95% interval. A seeded mulberry32 PRNG makes it
 * reproducible: the same seed gives the same interval on every machine.
 */
export type BootstrapResult =
  | { ci95: [number, number]; resamples: number; undefinedResamples: number }
  | { ci95: null; reason: string };

/** mulberry32 (Tommy Ettinger, public domain): a tiny, fast 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @param statistic computes the statistic on the resampled item indices (duplicates included);
 *   return null when it is undefined for that resample (those are counted, not used).
 * @param opts.resamples default 1000; opts.seed default 1.
 */
export function bootstrapCi(
  nItems: number,
  statistic: (indices: readonly number[]) => number | null,
  opts?: { resamples?: number; seed?: number },
): BootstrapResult {
  const resamples = opts?.resamples ?? 1000;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`bootstrapCi: resamples must be a positive integer, got ${resamples}`);
  if (nItems < 2) return { ci95: null, reason: 'a bootstrap interval needs at least two items' };
  const rand = mulberry32(opts?.seed ?? 1);
  const values: number[] = [];
  const indices = new Array<number>(nItems);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < nItems; i++) indices[i] = Math.floor(rand() * nItems);
    const v = statistic(indices);
    if (v !== null && Number.isFinite(v)) values.push(v);
  }
  const undefinedResamples = resamples - values.length;
  // Too many undefined resamples means the interval would describe a biased subset of them.
  if (values.length < Math.max(2, resamples / 2)) {
    return { ci95: null, reason: `the statistic was undefined in ${undefinedResamples} of ${resamples} resamples` };
  }
  values.sort((x, y) => x - y);
  return { ci95: [quantile(values, 0.025), quantile(values, 0.975)], resamples, undefinedResamples };
}

/** numpy's default percentile (linear interpolation) of an ascending array. */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
