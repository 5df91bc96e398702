/**
 * Cohen's kappa for two raters. Cohen (1960) "A coefficient of agreement for nominal scales";
 * weighted: Cohen (1968), Psychological Bulletin 70(4). With agreement weights w (1 on the diagonal),
 * p_ij = table / N, row marginals p_i., column marginals p_.j:
 *   po = sum w_ij p_ij,  pe = sum w_ij p_i. p_.j,  kappa = (po - pe) / (1 - pe)
 * (equal to sklearn's 1 - sum(W O) / sum(W E) with disagreement weights W = 1 - w).
 * Asymptotic SE: Fleiss, Cohen & Everitt (1969) "Large sample standard errors of kappa and weighted
 * kappa", Psychological Bulletin 72(5), as printed by SAS PROC FREQ and statsmodels `std_kappa`:
 *   var = [sum p_ij (w_ij - (wbar_i. + wbar_.j)(1 - kappa))^2 - (kappa - pe (1 - kappa))^2] / (N (1 - pe)^2),
 *   wbar_i. = sum_j p_.j w_ij,  wbar_.j = sum_i p_i. w_ij;  ci95 = kappa +- 1.96 se.
 */
import { type Coefficient, type Undefined, undefinedResult } from './result.js';
import { normalCdf } from './distributions.js';
import { weightMatrix } from './weights.js';

export type KappaWeights = 'none' | 'linear' | 'quadratic';

/**
 * k x k contingency table (rows rater A, cols rater B) from two aligned vectors of category indices.
 * Pairs with a missing (null) side are dropped. With `labels` (sklearn's `labels=` semantics) the table
 * covers only those categories, in that order, and pairs where either side is outside them are dropped.
 */
export function contingencyTable(
  a: readonly (number | null)[],
  b: readonly (number | null)[],
  k: number,
  opts?: { labels?: readonly number[] },
): number[][] {
  if (a.length !== b.length) throw new RangeError(`contingencyTable: ${a.length} ratings from A but ${b.length} from B`);
  const labels = opts?.labels ?? Array.from({ length: k }, (_, i) => i);
  const position = new Map<number, number>();
  labels.forEach((label, i) => {
    if (!Number.isInteger(label) || label < 0 || label >= k) throw new RangeError(`contingencyTable: label ${label} is outside 0..${k - 1}`);
    position.set(label, i);
  });
  const size = labels.length;
  const table = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || x === undefined || y === null || y === undefined) continue;
    for (const v of [x, y]) if (!Number.isInteger(v) || v < 0 || v >= k) throw new RangeError(`contingencyTable: category index ${v} is outside 0..${k - 1}`);
    const r = position.get(x);
    const c = position.get(y);
    if (r === undefined || c === undefined) continue;
    table[r]![c]!++;
  }
  return table;
}

/**
 * @param table k x k counts, category order = scale order (matters for weights).
 * @param opts.weights none (default) | linear | quadratic; `scores` are the numeric category values
 *   used by linear/quadratic weights (default 0..k-1, as sklearn and SAS with equally spaced scores).
 * Returns pa (= po) and pe alongside the value.
 */
export function cohenKappa(
  table: readonly (readonly number[])[],
  opts?: { weights?: KappaWeights; scores?: readonly number[] },
): Coefficient {
  const k = table.length;
  for (const row of table) {
    if (row.length !== k) throw new RangeError(`cohenKappa: the table must be square (${k} x ${k})`);
    for (const v of row) if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`cohenKappa: counts must be finite and >= 0, got ${v}`);
  }
  let total = 0;
  for (const row of table) for (const v of row) total += v;
  if (total === 0) return undefinedResult('no item was rated by both raters');
  // One item cannot show agreement beyond chance, and its asymptotic SE would print as a false 0.
  if (total < 2) return undefinedResult('only one item was rated by both raters; kappa needs at least two');
  const w = weightMatrix(k, opts?.weights ?? 'none', opts?.scores);
  const rowP = new Float64Array(k);
  const colP = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      rowP[i]! += table[i]![j]! / total;
      colP[j]! += table[i]![j]! / total;
    }
  }
  let po = 0;
  let pe = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      po += (w[i]![j]! * table[i]![j]!) / total;
      pe += w[i]![j]! * rowP[i]! * colP[j]!;
    }
  }
  if (1 - pe < 1e-12) {
    return undefinedResult('both raters used a single, identical category for every item, so chance agreement is 1 and kappa is undefined (0/0)');
  }
  const kappa = (po - pe) / (1 - pe);
  // Fleiss, Cohen & Everitt (1969): the unweighted formula is the special case w = identity.
  const wRow = new Float64Array(k);
  const wCol = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      wRow[i]! += colP[j]! * w[i]![j]!;
      wCol[j]! += rowP[i]! * w[i]![j]!;
    }
  }
  let termA = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const p = table[i]![j]! / total;
      if (p > 0) termA += p * (w[i]![j]! - (wRow[i]! + wCol[j]!) * (1 - kappa)) ** 2;
    }
  }
  const variance = (termA - (kappa - pe * (1 - kappa)) ** 2) / (total * (1 - pe) ** 2);
  const se = Math.sqrt(Math.max(0, variance));
  return { value: kappa, se, ci95: [kappa - 1.96 * se, kappa + 1.96 * se], pa: po, pe };
}

export type KappaTest = { se0: number; z: number; pOneSided: number; pTwoSided: number };

/**
 * Test of kappa = 0 (Fleiss, Cohen & Everitt 1969; SAS PROC FREQ "ASE under H0", statsmodels
 * `std_kappa0`, `z_value`, `pvalue_one_sided`, `pvalue_two_sided`):
 *   var0 = [sum p_i. p_.j (w_ij - (wbar_i. + wbar_.j))^2 - pe^2] / (N (1 - pe)^2),  z = kappa / se0.
 */
export function cohenKappaTest(
  table: readonly (readonly number[])[],
  opts?: { weights?: KappaWeights; scores?: readonly number[] },
): KappaTest | Undefined {
  const est = cohenKappa(table, opts);
  if (est.value === null) return est;
  const k = table.length;
  const w = weightMatrix(k, opts?.weights ?? 'none', opts?.scores);
  let total = 0;
  for (const row of table) for (const v of row) total += v;
  const rowP = table.map((row) => row.reduce((a, b) => a + b, 0) / total);
  const colP = table[0]!.map((_, j) => table.reduce((a, row) => a + row[j]!, 0) / total);
  const wRow = rowP.map((_, i) => colP.reduce((a, p, j) => a + p * w[i]![j]!, 0));
  const wCol = colP.map((_, j) => rowP.reduce((a, p, i) => a + p * w[i]![j]!, 0));
  let term = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) term += rowP[i]! * colP[j]! * (w[i]![j]! - (wRow[i]! + wCol[j]!)) ** 2;
  const se0 = Math.sqrt(Math.max(0, (term - est.pe ** 2) / (total * (1 - est.pe) ** 2)));
  if (!(se0 > 0)) return undefinedResult('the standard error under no agreement is 0, so kappa cannot be tested');
  const z = est.value / se0;
  return { se0, z, pOneSided: 1 - normalCdf(z), pTwoSided: 2 * (1 - normalCdf(Math.abs(z))) };
}
