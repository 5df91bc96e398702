/**
 * Prediction-powered inference for a mean (or a proportion, the mean of 0/1 values): a judge
 * scored all N outputs, humans labelled n of them drawn uniformly at random; the judge's mean is
 * corrected by its measured error on the labelled ones.
 *
 * Classical PPI (Angelopoulos, Bates, Fannjiang, Jordan, Zrnic, "Prediction-powered inference",
 * Science 382, 2023, §2 "Mean estimation"):
 *   theta = mean(f over the N) + mean(Y - f over the n)                     (the "rectifier")
 *   var   = s2(f over the N) / N + s2(Y - f over the n) / n,  CI = theta +- z(0.975) sqrt(var)
 * PPI++ (Angelopoulos, Duchi, Zrnic, "PPI++: Efficient prediction-powered inference", 2023, §3 and
 * Example 6.1): theta_l = l mean(f over N) + mean(Y - l f over n), with the variance-minimising
 *   l = cov(Y, f) / ((1 + n/N) var(f)), clipped to [0, 1] (l = 0 is the humans alone, 1 classical PPI).
 *
 * The paper's labelled and unlabelled sets are disjoint. A review samples its items FROM the run,
 * so by default the n labelled outputs are among the N (`labelledInAll`); the two means then share
 * the labelled items and the variance gains their covariance term:
 *   var_l = l^2 s2_f / N + s2(Y - l f) / n + 2 l cov(f, Y - l f) / N,
 * whose minimiser is l = cov(Y, f) / var(f) (the survey regression estimator). With n = N it is
 * s2(Y) / N exactly: labelling everything leaves the humans' own sampling error, as it should.
 * Variances use n - 1 denominators; the interval is the normal one of both papers.
 */
import { type Undefined, undefinedResult } from './result.js';

/** z such that a standard normal lies within +-z with probability 0.95. */
export const Z95 = 1.959963984540054;

export interface PpiInput {
  /** The judge's value on every one of the N outputs the estimate is about. */
  judgeAll: readonly number[];
  /** Human value on each labelled output (aligned with `judgeLabelled`). */
  human: readonly number[];
  /** The judge's value on the same labelled outputs. */
  judgeLabelled: readonly number[];
  /** The labelled outputs are among `judgeAll` (a review of the run; default) or a separate sample (the papers' setting). */
  labelledInAll?: boolean;
}

export interface PpiEstimate {
  value: number;
  se: number;
  ci95: [number, number];
  /** The weight on the judge: 1 classical PPI, tuned in [0, 1] by PPI++. */
  lambda: number;
  /** Labelled outputs and all outputs. */
  n: number;
  N: number;
}

export type PpiResult = PpiEstimate | Undefined;

function mean(x: readonly number[]): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

/** Sample covariance with an n - 1 denominator. */
function cov(x: readonly number[], y: readonly number[]): number {
  const mx = mean(x);
  const my = mean(y);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - mx) * (y[i]! - my);
  return s / (x.length - 1);
}

function check(input: PpiInput): Undefined | null {
  const { judgeAll, human, judgeLabelled } = input;
  if (human.length !== judgeLabelled.length) {
    throw new RangeError(`ppiMean: ${human.length} human values but ${judgeLabelled.length} judge values on the labelled outputs`);
  }
  for (const v of [...judgeAll, ...human, ...judgeLabelled]) if (!Number.isFinite(v)) throw new RangeError(`ppiMean: values must be finite, got ${v}`);
  if (human.length < 2) return undefinedResult(`a corrected estimate needs at least two human-labelled outputs; there ${human.length === 1 ? 'is one' : 'are none'}`);
  if (judgeAll.length < 2) return undefinedResult('a corrected estimate needs the judge on at least two outputs');
  if ((input.labelledInAll ?? true) && human.length > judgeAll.length) {
    throw new RangeError(`ppiMean: ${human.length} labelled outputs cannot be among ${judgeAll.length}`);
  }
  return null;
}

/** The estimate for a given weight on the judge (1 = classical PPI, 0 = the humans alone). */
export function ppiMean(input: PpiInput, opts: { lambda?: number } = {}): PpiResult {
  const bad = check(input);
  if (bad) return bad;
  const lambda = opts.lambda ?? 1;
  const { judgeAll, human, judgeLabelled } = input;
  const n = human.length;
  const N = judgeAll.length;
  const rectifier = human.map((y, i) => y - lambda * judgeLabelled[i]!);
  const value = lambda * mean(judgeAll) + mean(rectifier);
  let variance = (lambda * lambda * cov(judgeAll, judgeAll)) / N + cov(rectifier, rectifier) / n;
  if (input.labelledInAll ?? true) variance += (2 * lambda * cov(judgeLabelled, rectifier)) / N;
  const se = Math.sqrt(Math.max(0, variance));
  return { value, se, ci95: [value - Z95 * se, value + Z95 * se], lambda, n, N };
}

/** PPI++: the weight on the judge that minimises the estimated variance, clipped to [0, 1]. */
export function ppiPlusPlusMean(input: PpiInput): PpiResult {
  const bad = check(input);
  if (bad) return bad;
  return ppiMean(input, { lambda: tunedLambda(input) });
}

export function tunedLambda(input: PpiInput): number {
  const { judgeAll, human, judgeLabelled } = input;
  const varF = cov(judgeAll, judgeAll);
  // A judge that gives every output the same value carries no information: use the humans alone.
  if (!(varF > 0)) return 0;
  const c = cov(human, judgeLabelled);
  const lambda = (input.labelledInAll ?? true) ? c / varF : c / ((1 + human.length / judgeAll.length) * varF);
  return Math.min(1, Math.max(0, lambda));
}
