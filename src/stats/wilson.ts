import { undefinedResult, type Undefined } from './result.js';

/** z for a two-sided 95% interval: the 0.975 quantile of the standard normal. */
export const Z95 = 1.959963984540054;

export type Proportion = { value: number; ci95: [number, number]; n: number; method: 'wilson' };

/**
 * Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998, method 3).
 * Chosen over the Wald interval because it stays inside [0, 1] and keeps near-nominal coverage for
 * small n and rates near 0 or 1 — exactly where eval suites live (a 78/80 pass rate).
 * Same figures as statsmodels `proportion_confint(method='wilson')` and R `prop.test(correct=FALSE)`.
 */
export function wilsonInterval(successes: number, n: number, z = Z95): Proportion | (Undefined & { n: 0 }) {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`wilsonInterval: need whole numbers 0 <= successes <= n, got ${successes} of ${n}`);
  }
  if (n === 0) return { ...undefinedResult('no cases: a rate needs at least one'), n: 0 };
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Clamp only the rounding noise at the ends: for 0/n the exact lower bound is 0.
  const lo = successes === 0 ? 0 : Math.max(0, centre - half);
  const hi = successes === n ? 1 : Math.min(1, centre + half);
  return { value: p, ci95: [lo, hi], n, method: 'wilson' };
}
