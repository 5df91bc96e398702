import { logGamma, normalCdf } from './distributions.js';

/**
 * McNemar's test for paired pass/fail outcomes. Only the discordant pairs carry information:
 * b = passed in the baseline and not in the candidate, c = the reverse. Under "no difference"
 * each discordant pair is equally likely to go either way, so b ~ Binomial(b + c, 1/2).
 */
export type McNemarResult = { b: number; c: number; p_value: number; method: 'exact' | 'asymptotic' | 'asymptotic, continuity-corrected'; statistic?: number };

/**
 * Exact McNemar: two-sided binomial test of b against Binomial(b + c, 1/2),
 * p = min(1, 2 · P(X <= min(b, c))). Same as statsmodels `mcnemar(table, exact=True)` and R
 * `binom.test(b, b + c)`. With no discordant pairs there is no evidence either way: p = 1.
 */
export function mcnemarExact(b: number, c: number): McNemarResult {
  check(b, c);
  const n = b + c;
  const p = Math.min(1, 2 * binomialHalfCdf(Math.min(b, c), n));
  return { b, c, p_value: p, method: 'exact' };
}

/**
 * Asymptotic McNemar: chi² = (|b − c| − 1)² / (b + c) with the continuity correction (Edwards 1948;
 * R `mcnemar.test` default, statsmodels `mcnemar(exact=False, correction=True)`), or (b − c)² / (b + c)
 * without. p from chi² with 1 df. For b + c = 0 there is nothing to test: p = 1.
 */
export function mcnemarAsymptotic(b: number, c: number, opts: { correction?: boolean } = {}): McNemarResult {
  check(b, c);
  const correction = opts.correction ?? true;
  const method = correction ? 'asymptotic, continuity-corrected' : 'asymptotic';
  if (b + c === 0) return { b, c, p_value: 1, method, statistic: 0 };
  const d = Math.abs(b - c) - (correction ? 1 : 0);
  const statistic = (Math.max(0, d) ** 2) / (b + c);
  // chi² with 1 df is a squared standard normal: P(chi² > s) = 2 · P(Z > sqrt(s)).
  return { b, c, p_value: Math.min(1, 2 * normalCdf(-Math.sqrt(statistic))), method, statistic };
}

/**
 * P(X <= k) for X ~ Binomial(n, 1/2). Up to n = 50 every binomial coefficient and every partial
 * product C(n, i) · (n − i) stays below 2^53, so the sum is an exact integer and dividing by 2^n is
 * exact: the p-value is the exact rational number (a test can compare it with `toBe`). Beyond
 * that, log-space terms (relative error ~1e-13).
 */
export function binomialHalfCdf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (n <= 50) {
    let coef = 1;
    let sum = 1;
    for (let i = 0; i < k; i++) {
      coef = (coef * (n - i)) / (i + 1);
      sum += coef;
    }
    return sum / 2 ** n;
  }
  const lnHalfN = -n * Math.LN2;
  const lnN1 = logGamma(n + 1);
  let sum = 0;
  for (let i = 0; i <= k; i++) sum += Math.exp(lnN1 - logGamma(i + 1) - logGamma(n - i + 1) + lnHalfN);
  return Math.min(1, sum);
}

function check(b: number, c: number): void {
  if (!Number.isInteger(b) || !Number.isInteger(c) || b < 0 || c < 0) throw new RangeError(`mcnemar: counts must be whole numbers >= 0, got b=${b}, c=${c}`);
}
