import { undefinedResult, type Undefined } from './result.js';
import { Z95 } from './wilson.js';

/**
 * Bradley–Terry strengths from paired comparisons: P(i beats j) = π_i / (π_i + π_j).
 *
 * Input: `wins[i][j]` = how often i beat j (whole or fractional). A tie counts as half a win for
 * each side (the "ties as half a win" convention, not Davidson's tie parameter): it keeps the model
 * one-parameter per item and makes a two-item fit equal to the tie-as-half win rate.
 *
 * Fit: maximum likelihood by the MM algorithm of Hunter (2004, Ann. Statist. 32:384-406, eq. 3),
 * π_i ← W_i / Σ_j n_ij / (π_i + π_j), which increases the likelihood at every step and converges
 * whenever the MLE exists. Reported on the log scale, β_i = log π_i, identified either by a
 * reference item (β_ref = 0: what R `glm` and BradleyTerry2 print) or by Σ β_i = 0 (default: no
 * item is special). Standard errors come from the inverse of the Fisher information (observed =
 * expected for this logit model), the same `vcov` R prints for the glm fit; ci95 = β ± 1.96 se.
 *
 * The MLE exists (is finite) only when the directed "beat at least partly" graph is strongly
 * connected (Zermelo 1929; Hunter's Assumption 1): an item that never lost, or a group that never
 * lost to the rest, has strength +∞. That data yields `{ value: null, reason }`, never Infinity.
 */

export interface BradleyTerryItem {
  /** Index into the input matrix. */
  index: number;
  /** log π_i under the chosen identification. */
  logStrength: number;
  /** Standard error of logStrength (0 for the reference item: fixed, not estimated). */
  se: number;
  ci95: [number, number];
  /** Comparisons this item took part in (ties included). */
  comparisons: number;
}

export type BradleyTerryResult =
  | {
      /** One entry per item, in input order. */
      value: BradleyTerryItem[];
      identification: 'sum-to-zero' | { reference: number };
      /** Covariance of the log-strengths under the same identification (items × items). */
      covariance: number[][];
      iterations: number;
      logLikelihood: number;
    }
  | Undefined;

export interface BradleyTerryOptions {
  /** Fix this item's log-strength at 0; default: log-strengths sum to zero. */
  reference?: number;
  /** Stop when no log-strength moves more than this between iterations. */
  tolerance?: number;
  maxIterations?: number;
}

export function bradleyTerry(wins: number[][], opts: BradleyTerryOptions = {}): BradleyTerryResult {
  const k = wins.length;
  for (const row of wins) {
    if (row.length !== k) throw new RangeError('bradleyTerry: wins must be a square matrix');
    for (const x of row) if (!(x >= 0) || !Number.isFinite(x)) throw new RangeError(`bradleyTerry: counts must be finite and >= 0, got ${x}`);
  }
  if (opts.reference !== undefined && !(Number.isInteger(opts.reference) && opts.reference >= 0 && opts.reference < k)) {
    throw new RangeError(`bradleyTerry: reference ${opts.reference} is not an item index 0..${k - 1}`);
  }
  if (k < 2) return undefinedResult('Bradley–Terry needs at least two items');
  const n = (i: number, j: number) => wins[i]![j]! + wins[j]![i]!;
  const problem = existenceProblem(wins);
  if (problem) return undefinedResult(problem);

  const tolerance = opts.tolerance ?? 1e-10;
  const maxIterations = opts.maxIterations ?? 10_000;
  const total = wins.map((row, i) => row.reduce((s, x, j) => (j === i ? s : s + x), 0));
  let pi = new Array<number>(k).fill(1);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const next = pi.map((p, i) => {
      let denom = 0;
      for (let j = 0; j < k; j++) if (j !== i && n(i, j) > 0) denom += n(i, j) / (p + pi[j]!);
      return total[i]! / denom;
    });
    // Rescale to geometric mean 1: the likelihood is scale-free, and this keeps numbers near 1.
    const logMean = next.reduce((s, p) => s + Math.log(p), 0) / k;
    const scaled = next.map((p) => p / Math.exp(logMean));
    const moved = Math.max(...scaled.map((p, i) => Math.abs(Math.log(p) - Math.log(pi[i]!))));
    pi = scaled;
    if (moved < tolerance) {
      iterations++;
      break;
    }
  }
  const beta = pi.map(Math.log);

  // Fisher information of β (k × k, singular: rows sum to 0). Fixing one item's β and inverting
  // the rest gives the reference-identified covariance; sum-to-zero is a linear map of it.
  const info = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let logLikelihood = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const nij = n(i, j);
      if (nij === 0) continue;
      const p = pi[i]! / (pi[i]! + pi[j]!);
      const w = nij * p * (1 - p);
      info[i]![i]! += w;
      info[j]![j]! += w;
      info[i]![j]! -= w;
      info[j]![i]! -= w;
      logLikelihood += wins[i]![j]! * Math.log(p) + wins[j]![i]! * Math.log(1 - p);
    }
  }
  const ref = opts.reference ?? 0;
  const keep = [...Array(k).keys()].filter((i) => i !== ref);
  const reduced = invert(keep.map((i) => keep.map((j) => info[i]![j]!)));
  if (!reduced) return undefinedResult('the comparisons do not identify the strengths (singular information matrix)');
  // Covariance of β with β_ref = 0 (zero row and column for the reference).
  const refCov = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  keep.forEach((i, a) => keep.forEach((j, b) => (refCov[i]![j] = reduced[a]![b]!)));

  let est: number[];
  let cov: number[][];
  if (opts.reference !== undefined) {
    est = beta.map((b) => b - beta[ref]!);
    cov = refCov;
  } else {
    // Centring C = I − J/k: β_c = Cβ, Cov(β_c) = C Σ Cᵀ.
    const mean = beta.reduce((s, b) => s + b, 0) / k;
    est = beta.map((b) => b - mean);
    const rowMean = refCov.map((row) => row.reduce((s, x) => s + x, 0) / k);
    const grand = rowMean.reduce((s, x) => s + x, 0) / k;
    cov = refCov.map((row, i) => row.map((x, j) => x - rowMean[i]! - rowMean[j]! + grand));
  }
  const items = est.map((b, i): BradleyTerryItem => {
    const se = Math.sqrt(Math.max(0, cov[i]![i]!));
    let comparisons = 0;
    for (let j = 0; j < k; j++) if (j !== i) comparisons += n(i, j);
    return { index: i, logStrength: b, se, ci95: [b - Z95 * se, b + Z95 * se], comparisons };
  });
  return {
    value: items,
    identification: opts.reference === undefined ? 'sum-to-zero' : { reference: ref },
    covariance: cov,
    iterations,
    logLikelihood,
  };
}

/** P(i beats j) under fitted log-strengths. */
export function winProbability(logStrengthI: number, logStrengthJ: number): number {
  return 1 / (1 + Math.exp(logStrengthJ - logStrengthI));
}

/** Why the MLE is not finite, or undefined when it is. */
function existenceProblem(wins: number[][]): string | undefined {
  const k = wins.length;
  const reach = (from: number, forward: boolean): Set<number> => {
    const seen = new Set([from]);
    const stack = [from];
    while (stack.length) {
      const i = stack.pop()!;
      for (let j = 0; j < k; j++) {
        if (seen.has(j) || j === i) continue;
        if ((forward ? wins[i]![j]! : wins[j]![i]!) > 0) {
          seen.add(j);
          stack.push(j);
        }
      }
    }
    return seen;
  };
  for (let i = 0; i < k; i++) {
    const played = wins[i]!.some((x, j) => j !== i && x + wins[j]![i]! > 0);
    if (!played) return `item ${i} has no comparisons`;
  }
  const beatenBy0 = reach(0, true);
  const beat0 = reach(0, false);
  if (beatenBy0.size < k || beat0.size < k) {
    // Name one item with no losses (or no wins) when there is one: the usual case in practice.
    for (let i = 0; i < k; i++) {
      const lost = wins.some((row, j) => j !== i && row[i]! > 0);
      const won = wins[i]!.some((x, j) => j !== i && x > 0);
      if (!lost) return `item ${i} never lost a comparison: its strength is unbounded (no finite estimate)`;
      if (!won) return `item ${i} never won a comparison: its strength is unbounded below (no finite estimate)`;
    }
    return 'the items split into groups where one group never lost to another: strengths are unbounded (no finite estimate)';
  }
  return undefined;
}

/** Gauss–Jordan inverse with partial pivoting; undefined when singular. Small matrices only. */
function invert(m: number[][]): number[][] | undefined {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    if (Math.abs(a[pivot]![c]!) < 1e-12) return undefined;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    const p = a[c]![c]!;
    for (let j = 0; j < 2 * n; j++) a[c]![j]! /= p;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]!;
      if (f === 0) continue;
      for (let j = 0; j < 2 * n; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  return a.map((row) => row.slice(n));
}
