import { type StatResult, undefinedResult } from './result.js';

/** z for a two-sided 95% interval, Φ⁻¹(0.975). */
const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a binomial proportion (Wilson 1927; method 3 of Newcombe 1998,
 * "Two-sided confidence intervals for the single proportion", Stat. Med. 17:857–872), without
 * continuity correction. Unlike the Wald interval it stays inside [0, 1] and keeps its coverage
 * near 0 and 1, which is where pass rates of a good system live.
 */
export function wilsonInterval(successes: number, n: number, z = Z95): StatResult {
  if (!Number.isInteger(successes) || !Number.isInteger(n) || successes < 0 || successes > n) {
    throw new RangeError(`wilsonInterval: need integers 0 <= successes <= n, got ${successes}/${n}`);
  }
  if (n === 0) return undefinedResult('no cases to estimate a proportion from');
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = ((z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n)));
  // Clamp the rounding noise at the ends (0/n must give exactly 0, n/n exactly 1).
  const lo = successes === 0 ? 0 : Math.max(0, centre - half);
  const hi = successes === n ? 1 : Math.min(1, centre + half);
  return { value: p, ci95: [lo, hi] };
}
