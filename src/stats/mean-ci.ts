import { studentTQuantile } from './distributions.js';
import { type StatResult, undefinedResult } from './result.js';

/**
 * Mean with its Student t 95% interval, x̄ ± t(0.975, n−1)·s/√n (s with n−1 in the denominator).
 * Null values are unscored and left out; the caller reports how many. A constant sample has a
 * zero-width interval, which is what the data say.
 */
export function meanInterval(values: readonly (number | null)[]): StatResult & { n: number } {
  let n = 0;
  let sum = 0;
  for (const v of values) {
    if (v === null) continue;
    if (!Number.isFinite(v)) throw new RangeError('meanInterval: values must be finite numbers or null');
    n++;
    sum += v;
  }
  if (n === 0) return { ...undefinedResult('no scored values'), n };
  const mean = sum / n;
  if (n === 1) return { value: mean, n };
  let ss = 0;
  for (const v of values) if (v !== null) ss += (v - mean) ** 2;
  const se = Math.sqrt(ss / (n - 1) / n);
  const t = studentTQuantile(0.975, n - 1);
  return { value: mean, se, ci95: [mean - t * se, mean + t * se], n };
}
