import { type StatResult, undefinedResult } from './result.js';

/** One case run n times, c of which passed. */
export interface PassCount {
  n: number;
  c: number;
}

/**
 * pass@k: the chance that at least one of k attempts passes, by the unbiased estimator of
 * Chen et al. (2021), "Evaluating Large Language Models Trained on Code", §2.1:
 * per case 1 − C(n−c, k) / C(n, k), averaged over cases. Computed as their numpy form,
 * 1 − ∏_{i=n−c+1..n} (1 − k/i), which never forms a large binomial coefficient.
 */
export function passAtK(cases: readonly PassCount[], k: number): StatResult {
  return averageOver(cases, k, (n, c) => {
    if (n - c < k) return 1;
    let prod = 1;
    for (let i = n - c + 1; i <= n; i++) prod *= 1 - k / i;
    return 1 - prod;
  });
}

/**
 * pass^k: the chance that all of k attempts pass, as in τ-bench (Yao et al. 2024, "τ-bench: A
 * Benchmark for Tool-Agent-User Interaction in Real-World Domains", §5): per case C(c, k) / C(n, k),
 * averaged over cases. It falls with k when a system is inconsistent, where pass@k rises.
 */
export function passHatK(cases: readonly PassCount[], k: number): StatResult {
  return averageOver(cases, k, (n, c) => {
    if (c < k) return 0;
    let prod = 1;
    for (let i = 0; i < k; i++) prod *= (c - i) / (n - i);
    return prod;
  });
}

function averageOver(cases: readonly PassCount[], k: number, perCase: (n: number, c: number) => number): StatResult {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`pass@k: k must be a positive integer, got ${k}`);
  if (cases.length === 0) return undefinedResult('no cases');
  let sum = 0;
  for (const { n, c } of cases) {
    if (!Number.isInteger(n) || !Number.isInteger(c) || c < 0 || c > n) throw new RangeError(`pass@k: need integers 0 <= c <= n, got c=${c}, n=${n}`);
    if (n < k) return undefinedResult(`k = ${k} needs at least ${k} attempts per case; a case has ${n}`);
    sum += perCase(n, c);
  }
  return { value: sum / cases.length };
}
