/**
 * Krippendorff's alpha. Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability"
 * (Annenberg School working paper), the coincidence-matrix form, missing values allowed:
 *   alpha = 1 - (n.. - 1) * sum_u X_u / (m_u - 1) / sum_ck n_c n_k delta_ck,
 *   X_u = sum_ck n_uc n_uk delta_ck over the units with m_u >= 2 pairable values,
 * with the metric differences delta of §5: nominal [c != k]; ordinal (sum_{g=c..k} n_g - (n_c+n_k)/2)^2;
 * interval (c - k)^2; ratio ((c - k)/(c + k))^2. Matches the `krippendorff` Python package and R irr.
 * Speed: the ordinal delta equals (R_k - R_c)^2 with mid-ranks R_c = n_{<c} + n_c/2, so ordinal and
 * interval reduce to per-unit sums of x and x^2 (O(ratings)); ratio needs pairwise value sums.
 * SE and pa/pe follow Gwet's formulation of alpha (Handbook, 4th ed., §5.5; irrCAC `krippen.alpha.raw`,
 * Python port) with weights w = 1 - delta / max(delta); the coefficient is identical, the SE is Gwet's.
 */
import { type Coefficient, undefinedResult } from './result.js';
import { type CountPatterns, checkFreq, coefficientResult } from './multi-rater.js';
import { type ValueUnits, unitsFromCounts, unitsFromRatings } from './krippendorff-units.js';

export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

const LEVELS: readonly AlphaLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/**
 * @param ratings items x raters (rows = units, columns = coders), numeric values, null = missing.
 *   For ordinal data the numeric order of the values is the scale order (pass category indices).
 */
export function krippendorffAlpha(ratings: readonly (readonly (number | null)[])[], opts: { level: AlphaLevel }): Coefficient {
  checkLevel(opts.level);
  return alphaFromUnits(unitsFromRatings(ratings), opts.level);
}

/**
 * Same statistic from an items x categories count table (e.g. SQL `GROUP BY item, label`).
 * @param opts.values column j's numeric value (default j); any column order is accepted.
 */
export function krippendorffAlphaFromCounts(
  counts: readonly (readonly number[])[],
  opts: { level: AlphaLevel; values?: readonly number[] },
): Coefficient {
  return krippendorffAlphaFromPatterns({ counts }, opts);
}

/** The same from distinct count rows and how many units share each (see `countPatterns`). */
export function krippendorffAlphaFromPatterns(
  table: CountPatterns,
  opts: { level: AlphaLevel; values?: readonly number[] },
): Coefficient {
  checkLevel(opts.level);
  checkFreq(table.freq, table.counts.length, 'krippendorffAlphaFromCounts');
  return alphaFromUnits(unitsFromCounts(table.counts, opts.values, table.freq), opts.level);
}

function checkLevel(level: AlphaLevel): void {
  if (!LEVELS.includes(level)) throw new RangeError(`krippendorffAlpha: level must be one of ${LEVELS.join(', ')}, got ${level}`);
}

/** Every per-unit term is multiplied by the unit's frequency (1 unless `units.freq`), counts included. */
export function alphaFromUnits(units: ValueUnits, level: AlphaLevel): Coefficient {
  const { values, start, valueIndex, count, freq } = units;
  const q = values.length;
  const nUnits = start.length - 1;
  if (level === 'ratio' && q > 0 && values[0]! < 0) return undefinedResult('ratio-level alpha needs non-negative values');
  // Pairable units and value totals over them.
  const m = new Float64Array(nUnits);
  const totals = new Float64Array(q);
  let n = 0;
  let big = 0;
  for (let u = 0; u < nUnits; u++) {
    let mu = 0;
    for (let e = start[u]!; e < start[u + 1]!; e++) mu += count[e]!;
    m[u] = mu;
    if (mu < 2) continue;
    const fu = freq ? freq[u]! : 1;
    n += fu;
    big += fu * mu;
    for (let e = start[u]!; e < start[u + 1]!; e++) totals[valueIndex[e]!]! += fu * count[e]!;
  }
  if (n === 0) return undefinedResult('no item has two or more ratings, so there are no pairable values');
  // With one unit the observed and expected disagreement come from the same values, so alpha is 0
  // whatever they are: a constant, not a measurement.
  if (n < 2) return undefinedResult('only one item has two or more ratings; alpha needs at least two (with one it is 0 by construction)');

  // Coordinates for the squared-difference metrics (interval: the values; ordinal: mid-ranks), centred.
  const x = new Float64Array(q);
  if (level === 'interval' || level === 'ordinal') {
    let below = 0;
    for (let c = 0; c < q; c++) {
      x[c] = level === 'interval' ? values[c]! : below + totals[c]! / 2;
      below += totals[c]!;
    }
    let mean = 0;
    for (let c = 0; c < q; c++) mean += (totals[c]! * x[c]!) / big;
    for (let c = 0; c < q; c++) x[c]! -= mean;
  }
  const delta = (a: number, b: number): number => {
    if (level === 'nominal') return a === b ? 0 : 1;
    if (level === 'ratio') {
      const s = values[a]! + values[b]!;
      return s === 0 ? 0 : ((values[a]! - values[b]!) / s) ** 2;
    }
    return (x[a]! - x[b]!) ** 2;
  };
  // Scale so the largest possible difference is 1; alpha is unchanged, and pa/pe become irrCAC's.
  const dMax = q > 1 ? delta(0, q - 1) : 0;
  // sum_ck n_c n_k delta_ck over the entries from..to: specialised per level, as this is the hot loop.
  const pairSum = (idx: Int32Array, cnt: Float64Array, from: number, to: number): number => {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    if (level === 'nominal') {
      for (let e = from; e < to; e++) {
        const c = cnt[e]!;
        s0 += c;
        s2 += c * c;
      }
      return s0 * s0 - s2;
    }
    if (level === 'ratio') {
      for (let a = from; a < to; a++) for (let b = a + 1; b < to; b++) s1 += 2 * cnt[a]! * cnt[b]! * delta(idx[a]!, idx[b]!);
      return s1;
    }
    for (let e = from; e < to; e++) {
      const c = cnt[e]!;
      const v = x[idx[e]!]!;
      s0 += c;
      s1 += c * v;
      s2 += c * v * v;
    }
    return Math.max(0, 2 * (s0 * s2 - s1 * s1));
  };
  const observed = new Float64Array(nUnits);
  let doSum = 0;
  for (let u = 0; u < nUnits; u++) {
    const mu = m[u]!;
    if (mu < 2) continue;
    const from = start[u]!;
    const to = start[u + 1]!;
    let xu: number;
    if (to - from === 1) xu = 0; // unanimous unit: no disagreement whatever the metric
    else xu = pairSum(valueIndex, count, from, to) / dMax;
    observed[u] = xu;
    doSum += ((freq ? freq[u]! : 1) * xu) / (mu - 1);
  }
  const present: number[] = [];
  for (let c = 0; c < q; c++) if (totals[c]! > 0) present.push(c);
  const presentIdx = Int32Array.from(present);
  const presentCount = Float64Array.from(present, (c) => totals[c]!);
  const expected = dMax > 0 ? pairSum(presentIdx, presentCount, 0, present.length) / dMax : 0;
  if (!(expected > 0)) {
    return undefinedResult('every pairable rating has the same value, so there is no variation to measure agreement against');
  }
  const alpha = 1 - ((big - 1) * doSum) / expected;

  // Gwet's pa / pe and linearised SE (irrCAC), with w = 1 - delta/dMax.
  const rMean = big / n;
  const paPrime = 1 - doSum / big; // = mean_u sum_q_u / (rMean (m_u - 1))
  const pa = (1 - 1 / big) * paPrime + 1 / big;
  const pe = 1 - expected / (big * big);
  const alphaPrime = (paPrime - pe) / (1 - pe);
  // g_k = sum_l pi_l delta_kl / dMax, pi = totals / big.
  const g = new Float64Array(q);
  if (level === 'nominal') for (let c = 0; c < q; c++) g[c] = 1 - totals[c]! / big;
  else if (level === 'ratio') for (let c = 0; c < q; c++) for (const l of present) g[c]! += (totals[l]! / big) * delta(c, l) / dMax;
  else {
    let mu2 = 0;
    for (const l of present) mu2 += (totals[l]! / big) * x[l]! * x[l]!;
    for (let c = 0; c < q; c++) g[c] = (x[c]! * x[c]! + mu2) / dMax; // centred, so the cross term vanishes
  }
  let se: number | undefined;
  if (n >= 2) {
    let acc = 0;
    for (let u = 0; u < nUnits; u++) {
      const mu = m[u]!;
      if (mu < 2) continue;
      const sumQ = mu * (mu - 1) - observed[u]!;
      const paU = sumQ / (rMean * (mu - 1)) - (pa * (mu - rMean)) / rMean;
      let wPi = 0;
      for (let e = start[u]!; e < start[u + 1]!; e++) wPi += count[e]! * (1 - g[valueIndex[e]!]!);
      const peU = wPi / rMean - (pe * (mu - rMean)) / rMean;
      const xu = (paU - pe) / (1 - pe) - (2 * (1 - alphaPrime) * (peU - pe)) / (1 - pe);
      acc += (freq ? freq[u]! : 1) * (xu - alphaPrime) ** 2;
    }
    se = Math.sqrt(acc / (n * (n - 1)));
  }
  return coefficientResult(alpha, pa, pe, se, n);
}
