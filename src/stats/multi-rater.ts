/**
 * Shared machinery for the multi-rater chance-corrected coefficients computed from an
 * items x categories count table (Fleiss, Gwet AC1/AC2, Brennan-Prediger, Conger): observed
 * agreement, classification shares, and the linearised variance of Gwet (2008) "Computing
 * inter-rater reliability and its variance in the presence of high agreement", BJMSP 61,
 * as implemented in irrCAC (`*.raw` functions; Gwet, Handbook, 4th ed., ch. 5).
 * Conventions follow irrCAC exactly: items with no rating are dropped; pa averages over items
 * with >= 2 ratings; pi_k averages n_ik/r_i over every item with >= 1 rating; f = 0 (infinite population).
 * Every function here works on WEIGHTED rows (a distinct count row + how many items share it): the
 * per-item formulas only ever depend on an item's row, so a row with frequency f contributes f times
 * its term to every sum and f to every item count. A plain count table is the case f = 1 everywhere,
 * so there is one implementation of each statistic, and a million items with 35 distinct rows cost 35.
 */
import { type Coefficient, undefinedResult, type Undefined } from './result.js';
import { studentTQuantile } from './distributions.js';
import { checkWeights, isIdentity, type WeightMatrix } from './weights.js';

export type CountTable = readonly (readonly number[])[];

/**
 * A count table in weighted form: `counts[j]` is a count row (items x categories, as in CountTable)
 * and `freq[j]` how many items have exactly that row (a non-negative integer; default 1 each).
 * Build one with `countPatterns`, or straight from SQL (`GROUP BY` the row).
 */
export interface CountPatterns {
  counts: CountTable;
  freq?: readonly number[];
}

export interface RaterTable {
  /** Distinct count rows with at least one rating (and a non-zero frequency). */
  rows: readonly (readonly number[])[];
  /** Items sharing each kept row. */
  f: Float64Array;
  /** Ratings per kept row. */
  r: Float64Array;
  /** Number of categories (table width). */
  q: number;
  /** Items with >= 1 rating (sum of f). */
  n: number;
  /** Items with >= 2 ratings (sum of f). */
  n2: number;
  w: WeightMatrix;
  identity: boolean;
  /** Per-row weighted agreement sum_k n_ik (r*_ik - 1) / (r_i (r_i - 1)); 0 for rows with one rating. */
  paItems: Float64Array;
  /** Observed agreement: mean of paItems over items (f-weighted) with >= 2 ratings. */
  pa: number;
  /** Classification shares pi_k = mean over items of n_ik / r_i. */
  pi: Float64Array;
}

export function checkCounts(counts: CountTable, where: string): number {
  const q = counts[0]?.length ?? 0;
  for (let i = 0; i < counts.length; i++) {
    const row = counts[i]!;
    if (row.length !== q) throw new RangeError(`${where}: every row of the count table needs ${q} categories`);
    for (let k = 0; k < q; k++) {
      const v = row[k]!;
      // One comparison rejects negatives, NaN and +-Infinity (v - v is NaN for infinities).
      if (!(v >= 0 && v - v === 0)) throw new RangeError(`${where}: counts must be finite and >= 0, got ${v}`);
    }
  }
  return q;
}

/** Frequencies must be non-negative integers, one per row; undefined means 1 each. */
export function checkFreq(freq: readonly number[] | undefined, rows: number, where: string): void {
  if (freq === undefined) return;
  if (freq.length !== rows) throw new RangeError(`${where}: ${freq.length} frequencies for ${rows} count rows`);
  for (let j = 0; j < rows; j++) {
    const v = freq[j]!;
    if (!(v >= 0 && Number.isInteger(v))) throw new RangeError(`${where}: frequencies must be integers >= 0, got ${v}`);
  }
}

export function prepareTable(table: CountPatterns, weights: WeightMatrix | undefined, where: string): RaterTable | Undefined {
  const { counts, freq } = table;
  const q = checkCounts(counts, where);
  checkFreq(freq, counts.length, where);
  const rows: (readonly number[])[] = [];
  const rs: number[] = [];
  const fs: number[] = [];
  let n = 0;
  for (let i = 0; i < counts.length; i++) {
    const row = counts[i]!;
    const fi = freq ? freq[i]! : 1;
    let s = 0;
    for (let k = 0; k < q; k++) s += row[k]!;
    if (s > 0 && fi > 0) {
      rows.push(row);
      rs.push(s);
      fs.push(fi);
      n += fi;
    }
  }
  if (rows.length === 0) return undefinedResult('there are no ratings');
  const w = weights ?? identityMatrix(q);
  checkWeights(w, q, where);
  const identity = isIdentity(w);
  const m = rows.length;
  const r = Float64Array.from(rs);
  const f = Float64Array.from(fs);
  const paItems = new Float64Array(m);
  const pi = new Float64Array(q);
  let n2 = 0;
  let paSum = 0;
  for (let i = 0; i < m; i++) {
    const row = rows[i]!;
    const ri = r[i]!;
    const fi = f[i]!;
    const share = fi / (ri * n);
    for (let k = 0; k < q; k++) pi[k]! += row[k]! * share;
    if (ri < 2) continue;
    n2 += fi;
    let sum = 0;
    for (let k = 0; k < q; k++) {
      const nik = row[k]!;
      if (nik === 0) continue;
      let rStar = nik;
      if (!identity) {
        rStar = 0;
        const wk = w[k]!;
        for (let l = 0; l < q; l++) rStar += wk[l]! * row[l]!;
      }
      sum += nik * (rStar - 1);
    }
    paItems[i] = sum / (ri * (ri - 1));
    paSum += fi * paItems[i]!;
  }
  if (n2 === 0) return undefinedResult('no item has ratings from two or more raters, so there is nothing to compare');
  return { rows, f, r, q, n, n2, w, identity, paItems, pa: paSum / n2, pi };
}

export function identityMatrix(q: number): number[][] {
  return Array.from({ length: q }, (_, i) => Array.from({ length: q }, (_, j) => (i === j ? 1 : 0)));
}

/**
 * A chance-corrected coefficient from a single comparable item is a sign flip of its observed
 * agreement (two raters who disagree on one item give exactly -1), not a measurement; Cohen's kappa
 * refuses the same case, so every coefficient does.
 */
export function tooFewItems(t: RaterTable): Undefined | null {
  if (t.n2 < 2) return undefinedResult('only one item was rated by two or more raters; a chance-corrected coefficient needs at least two');
  return null;
}

/** Chance agreement of 1 makes every kappa-type ratio 0/0. */
export function degeneratePe(pe: number): Undefined | null {
  if (1 - pe < 1e-12) {
    return undefinedResult('all ratings fall in a single category, so chance agreement is 1 and the coefficient is undefined (0/0)');
  }
  return null;
}

/**
 * Linearised standard error (Gwet 2008; irrCAC): per item
 *   c_i = (n/n2) (pa_i - pe [r_i >= 2]) / (1 - pe),   x_i = c_i - 2 (1 - coef) (pe_i - pe) / (1 - pe),
 *   var = sum (x_i - coef)^2 / (n (n - 1)).
 * `peItems` (per kept row) is null for coefficients whose chance agreement does not depend on the data (Brennan-Prediger).
 */
export function linearisedSe(t: RaterTable, coef: number, pe: number, peItems: Float64Array | null): number | undefined {
  const { n, n2, r, f, paItems } = t;
  if (n < 2) return undefined;
  let acc = 0;
  for (let i = 0; i < r.length; i++) {
    const ci = ((n / n2) * (paItems[i]! - (r[i]! >= 2 ? pe : 0))) / (1 - pe);
    const xi = peItems ? ci - (2 * (1 - coef) * (peItems[i]! - pe)) / (1 - pe) : ci;
    acc += f[i]! * (xi - coef) ** 2;
  }
  return Math.sqrt(Math.max(0, acc / (n * (n - 1))));
}

/** irrCAC's interval: coef +- t(0.975, n - 1) se, upper bound capped at 1. */
export function coefficientResult(value: number, pa: number, pe: number, se: number | undefined, n: number): Coefficient {
  if (se === undefined || !Number.isFinite(se)) return { value, pa, pe };
  const half = studentTQuantile(0.975, n - 1) * se;
  return { value, se, ci95: [value - half, Math.min(1, value + half)], pa, pe };
}
