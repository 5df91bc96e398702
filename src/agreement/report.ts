import {
  cohenKappa, fleissKappaFromPatterns, gwetAcFromPatterns, krippendorffAlphaFromPatterns, percentAgreementFromPatterns, weightMatrix,
  type AlphaLevel, type CountPatterns, type KappaWeights, type StatResult,
} from '../stats/index.js';
import { ratingTotals, type CriterionRatings } from './ratings.js';

/**
 * Turns one criterion's rating patterns into the `juror agreement --json` entry of DESIGN.md.
 * Every statistic comes from src/stats; this file only reshapes data (patterns -> count table,
 * patterns -> pair contingency tables) and trims results to the documented keys.
 * The statistics get weighted count rows (distinct category counts + how many items share them):
 * a review of 166k items x 3 raters on a 5-point scale is at most 35 rows, not 166k.
 */

export interface AgreementOptions {
  /** Krippendorff's alpha level. */
  scale: AlphaLevel;
  /** Cohen's kappa weights; linear/quadratic also turn Gwet's AC1 into AC2. */
  weights: KappaWeights;
  /** At most this many rater pairs in `pairwise` (default DEFAULT_PAIRWISE); 'all' for every pair. */
  pairwise?: number | 'all';
}

/**
 * 1,000 raters make 499,500 pairs (a 96 MB document nobody reads); the pairs that share the most
 * items are the ones whose kappa means something, so those are kept.
 */
export const DEFAULT_PAIRWISE = 100;
export const PAIRWISE_RULE = 'the pairs of raters with the most items in common (ties by name)';

export type WeightsOver = 'observed' | 'declared';

export type Undef = { value: null; reason: string };
export type ValueOnly = { value: number } | Undef;

export interface PairAgreement {
  raters: [string, string];
  n: number;
  cohen_kappa: number | null;
  percent_agreement: number | null;
  /** Only when cohen_kappa is null. */
  reason?: string;
}

export interface CriterionAgreement {
  criterion: string;
  items: number;
  raters: number;
  labels: number;
  scale: AlphaLevel;
  /** Weights of Cohen's kappa and Gwet's AC2, and whether by position over the declared scale or the observed categories. */
  weights: KappaWeights;
  weights_over: WeightsOver;
  /** Items with two or more ratings: what percent agreement, Fleiss, alpha and Gwet compare. */
  paired_items: number;
  percent_agreement: ValueOnly;
  /** `n`: items rated by both raters. */
  cohen_kappa: { value: number; se?: number; ci95?: [number, number]; weights: KappaWeights; weights_over: WeightsOver; n: number } | Undef;
  fleiss_kappa: ValueOnly;
  krippendorff_alpha: ValueOnly;
  gwet_ac1: { value: number; se?: number } | Undef;
  pairwise: PairAgreement[];
  /** Pairs of raters with an item in common; `pairwise` holds all of them unless capped. */
  pairwise_total: number;
  pairwise_capped: boolean;
}

export interface AgreementReport {
  criteria: CriterionAgreement[];
}

export function criterionAgreement(r: CriterionRatings, opts: AgreementOptions): CriterionAgreement {
  const totals = ratingTotals(r);
  const k = r.categories.length;
  const counts = countRows(r);
  // Weights follow each category's POSITION in the category list (R irr::kappa2, sklearn's
  // cohen_kappa_score and statsmodels do the same), never its numeric value: over observed labels
  // 1,2,3,4,6 the 6 is one step from the 4, as in those references; over a declared 1..6 scale it is two.
  const weightsOver: WeightsOver = r.declared ? 'declared' : 'observed';
  const limit = opts.pairwise === 'all' ? undefined : (opts.pairwise ?? DEFAULT_PAIRWISE);
  const { tables: pairs, total: pairTotal } = pairTables(r, limit);
  const pairwise = pairs
    .map((p) => pairEntry(r, p, opts.weights))
    .sort((x, y) => cmp(x.raters[0], y.raters[0]) || cmp(x.raters[1], y.raters[1]));

  const fleiss = k === 0 ? none('there are no ratings') : fleissKappaFromPatterns(counts);
  // Fleiss' observed agreement IS the percent agreement of DESIGN.md (share of agreeing pairs per
  // item, averaged over items with >= 2 ratings); reuse it rather than scan a million rows again.
  const percent: StatResult = fleiss.value !== null ? { value: fleiss.pa } : k === 0 ? fleiss : percentAgreementFromPatterns(counts);

  return {
    criterion: r.criterion,
    items: totals.items,
    raters: totals.raters,
    labels: totals.labels,
    scale: opts.scale,
    weights: opts.weights,
    weights_over: weightsOver,
    paired_items: pairedItems(r),
    percent_agreement: valueOnly(percent),
    cohen_kappa: cohenEntry(totals.raters, pairs, opts.weights, weightsOver),
    fleiss_kappa: valueOnly(fleiss),
    krippendorff_alpha: valueOnly(alpha(r, counts, opts.scale)),
    gwet_ac1: gwetEntry(k, counts, opts.weights),
    pairwise,
    pairwise_total: pairTotal,
    pairwise_capped: pairs.length < pairTotal,
  };
}

function pairedItems(r: CriterionRatings): number {
  let n = 0;
  for (const p of r.patterns) if (p.ratings.length >= 2) n += p.items;
  return n;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function none(reason: string): Undef {
  return { value: null, reason };
}

function valueOnly(s: StatResult): ValueOnly {
  return s.value === null ? none(s.reason) : { value: s.value };
}

/**
 * The items x categories count table in weighted form: rating patterns that differ only in WHO gave
 * which label have the same count row, so they merge (rater identity matters only to pairwise Cohen).
 */
export function countRows(r: CriterionRatings): CountPatterns & { freq: number[] } {
  const k = r.categories.length;
  // A row's counts are <= its pattern's length < base, so as base-`base` digits they make an exact
  // numeric key while base^k stays below 2^53 (every rubric scale); wider tables use a string key.
  let base = 1;
  for (const p of r.patterns) base = Math.max(base, p.ratings.length + 1);
  const numericKey = k * Math.log2(base) < 53;
  const index = new Map<number | string, number>();
  const counts: number[][] = [];
  const freq: number[] = [];
  const row = new Array<number>(k);
  for (const p of r.patterns) {
    row.fill(0);
    for (const [, c] of p.ratings) row[c]! += 1;
    let key: number | string = 0;
    if (numericKey) for (let c = 0; c < k; c++) key = key * base + row[c]!;
    else key = row.join(',');
    const j = index.get(key);
    if (j === undefined) {
      index.set(key, counts.length);
      counts.push([...row]);
      freq.push(p.items);
    } else freq[j]! += p.items;
  }
  return { counts, freq };
}

interface PairTable {
  a: number;
  b: number;
  table: number[][];
  n: number;
}

/**
 * Contingency tables for the pairs of raters that rated at least one item in common: all of them,
 * or the `limit` pairs with the most shared items. Shared counts come first (one number per pair),
 * so a capped report of 1,000 raters never holds 499,500 k x k tables.
 */
export function pairTables(r: CriterionRatings, limit?: number): { tables: PairTable[]; total: number } {
  const k = r.categories.length;
  const nr = r.raters.length;
  const forEachPair = (fn: (key: number, a: number, ca: number, b: number, cb: number, items: number) => void) => {
    for (const p of r.patterns) {
      const list = p.ratings;
      for (let x = 0; x < list.length; x++) {
        for (let y = x + 1; y < list.length; y++) {
          let [ra, ca] = list[x]!;
          let [rb, cb] = list[y]!;
          if (ra > rb) [ra, ca, rb, cb] = [rb, cb, ra, ca];
          fn(ra * nr + rb, ra, ca, rb, cb, p.items);
        }
      }
    }
  };
  const shared = new Map<number, number>();
  forEachPair((key, _a, _ca, _b, _cb, items) => shared.set(key, (shared.get(key) ?? 0) + items));
  const total = shared.size;
  let keep: Set<number> | undefined;
  if (limit !== undefined && total > limit) {
    const name = (key: number) => [r.raters[Math.floor(key / nr)]!, r.raters[key % nr]!].sort();
    const ranked = [...shared].sort(([ka, na], [kb, nb]) => {
      if (na !== nb) return nb - na;
      const [a0, a1] = name(ka);
      const [b0, b1] = name(kb);
      return cmp(a0!, b0!) || cmp(a1!, b1!);
    });
    keep = new Set(ranked.slice(0, limit).map(([key]) => key));
  }
  const byPair = new Map<number, PairTable>();
  forEachPair((key, a, ca, b, cb, items) => {
    if (keep && !keep.has(key)) return;
    let t = byPair.get(key);
    if (!t) byPair.set(key, (t = { a, b, table: Array.from({ length: k }, () => new Array<number>(k).fill(0)), n: 0 }));
    t.table[ca]![cb]! += items;
    t.n += items;
  });
  return { tables: [...byPair.values()].sort((p, q) => p.a - q.a || p.b - q.b), total };
}

function pairEntry(r: CriterionRatings, p: PairTable, weights: KappaWeights): PairAgreement {
  let agree = 0;
  for (let i = 0; i < p.table.length; i++) agree += p.table[i]![i]!;
  const kappa = cohenKappa(p.table, { weights });
  const names: [string, string] = [r.raters[p.a]!, r.raters[p.b]!];
  if (names[0] > names[1]) names.reverse();
  const entry: PairAgreement = {
    raters: names,
    n: p.n,
    cohen_kappa: kappa.value,
    percent_agreement: p.n > 0 ? agree / p.n : null,
  };
  if (kappa.value === null) entry.reason = kappa.reason;
  return entry;
}

function cohenEntry(raters: number, pairs: PairTable[], weights: KappaWeights, over: WeightsOver): CriterionAgreement['cohen_kappa'] {
  if (raters !== 2) {
    return none(
      raters < 2
        ? `Cohen's kappa needs two raters; there ${raters === 1 ? 'is only one' : 'are none'}`
        : `Cohen's kappa needs exactly two raters; there are ${raters} (see pairwise and fleiss_kappa)`,
    );
  }
  if (pairs.length === 0) return none('the two raters have no item in common');
  const k = cohenKappa(pairs[0]!.table, { weights });
  if (k.value === null) return none(k.reason);
  // key order as in DESIGN.md: value, se, ci95, weights
  const out: Record<string, unknown> = { value: k.value };
  if (k.se !== undefined && Number.isFinite(k.se)) out.se = k.se;
  if (k.ci95) out.ci95 = k.ci95;
  out.weights = weights;
  out.weights_over = over;
  out.n = pairs[0]!.n;
  return out as CriterionAgreement['cohen_kappa'];
}

function gwetEntry(k: number, counts: CountPatterns, weights: KappaWeights): CriterionAgreement['gwet_ac1'] {
  if (k === 0) return none('there are no ratings');
  const w = weights === 'none' ? undefined : weightMatrix(k, weights);
  const g = gwetAcFromPatterns(counts, w ? { weights: w } : undefined);
  if (g.value === null) return none(g.reason);
  return g.se !== undefined && Number.isFinite(g.se) ? { value: g.value, se: g.se } : { value: g.value };
}

function alpha(r: CriterionRatings, counts: CountPatterns, level: AlphaLevel): StatResult {
  if (r.categories.length === 0) return none('there are no ratings');
  if ((level === 'interval' || level === 'ratio') && !r.numeric) {
    return none(`${level}-level alpha needs numeric labels; use --scale nominal or ordinal`);
  }
  // nominal/ordinal only need the scale order, so positions do; interval/ratio need the numbers.
  const values = level === 'interval' || level === 'ratio' ? r.numeric! : r.categories.map((_, i) => i);
  return krippendorffAlphaFromPatterns(counts, { level, values });
}
