import {
  agreementRates, bootstrapCi, cohenKappa, confusionMatrix, contingencyTable, kendallTau, spearman, type StatResult,
} from '../stats/index.js';

/**
 * The calibration statistics of one rater (a judge, or one human) against a human reference, item
 * by item. Categorical agreement (kappa, exact, within-one, confusion) is against the consensus
 * category; rank correlation and bias are against the mean of the reference humans, which keeps
 * the information that averaging several people gives (and no median rounding).
 * Every statistic comes from src/stats; bootstrap CIs resample items with one seed, so all the
 * intervals of a row come from the same resamples.
 */

export interface ScaleInfo {
  labels: string[];
  ordinal: boolean;
  /** Numeric value per category: the level for ordinal scales, the index for nominal ones. */
  values: number[];
}

/** Aligned per-item vectors; only items where the rater AND the reference have a value. */
export interface Paired {
  /** The rater's category index. */
  pred: number[];
  /** Consensus category index of the reference humans. */
  ref: number[];
  /** Mean value of the reference humans. */
  refMean: number[];
}

export type CalStat = { value: number; ci95?: [number, number] | null; ci_reason?: string } | { value: null; reason: string };

export interface PairStats {
  n: number;
  kappa: CalStat;
  spearman: CalStat;
  kendall: CalStat;
  exact: CalStat;
  within_one: CalStat;
  bias: CalStat;
}

export const STAT_NAMES = ['kappa', 'spearman', 'kendall', 'exact', 'within_one', 'bias'] as const;
export type StatName = (typeof STAT_NAMES)[number];

const ORDINAL_ONLY = 'needs an ordinal scale';

function statFns(scale: ScaleInfo): Record<StatName, (p: Paired) => StatResult> {
  const k = scale.labels.length;
  const v = (idx: number[]) => idx.map((i) => scale.values[i]!);
  const nominal = (what: string) => (): StatResult => ({ value: null, reason: `${what} ${ORDINAL_ONLY}` });
  return {
    kappa: (p) =>
      // by position over the declared levels, as `juror agreement` weights a rubric's scale
      cohenKappa(contingencyTable(p.pred, p.ref, k), scale.ordinal ? { weights: 'quadratic' } : undefined),
    spearman: scale.ordinal ? (p) => spearman(v(p.pred), p.refMean) : nominal('rank correlation'),
    kendall: scale.ordinal ? (p) => kendallTau(v(p.pred), p.refMean) : nominal('rank correlation'),
    exact: (p) => agreementRates(p.pred, p.ref).exact,
    // on category positions, so "within one" means the neighbouring level whatever the level values
    within_one: scale.ordinal ? (p) => agreementRates(p.pred, p.ref).withinOne : nominal('within-one agreement'),
    bias: scale.ordinal ? (p) => agreementRates(v(p.pred), p.refMean).meanBias : nominal('mean bias'),
  };
}

function subset(p: Paired, idx: readonly number[]): Paired {
  return { pred: idx.map((i) => p.pred[i]!), ref: idx.map((i) => p.ref[i]!), refMean: idx.map((i) => p.refMean[i]!) };
}

/** Point values, plus bootstrap 95% CIs when `boot` is given. */
export function pairStats(p: Paired, scale: ScaleInfo, boot?: { seed: number; resamples: number }): PairStats {
  const fns = statFns(scale);
  const n = p.pred.length;
  const out = { n } as PairStats;
  for (const name of STAT_NAMES) {
    const point = fns[name](p);
    if (point.value === null) {
      out[name] = { value: null, reason: point.reason };
      continue;
    }
    if (!boot) {
      out[name] = { value: point.value };
      continue;
    }
    const ci = bootstrapCi(n, (idx) => fns[name](subset(p, idx)).value, boot);
    out[name] = ci.ci95 ? { value: point.value, ci95: ci.ci95 } : { value: point.value, ci95: null, ci_reason: ci.reason };
  }
  return out;
}

/** rows = human consensus, cols = the rater, in scale order. */
export function confusion(p: Paired, scale: ScaleInfo): { rows: string; cols: string; labels: string[]; matrix: number[][] } {
  const m = confusionMatrix(p.ref, p.pred, scale.labels.length);
  return { rows: 'human consensus', cols: 'judge', labels: scale.labels, matrix: m.matrix };
}
