import type { JudgeRetest, Store } from '../storage/store.js';
import { CONSENSUS_RULE, consensusIndex, mean } from './consensus.js';
import { gatherHumans, judgeVerdicts, pairwiseCandidates, requireReview, type CriterionHumans, type JudgeVerdicts } from './gather.js';
import { judgeCandidates } from './judge-candidates.js';
import { lengthBias, outputLengths, type LengthBias } from './length-bias.js';
import { confusion, pairStats, STAT_NAMES, type CalStat, type Paired, type PairStats, type StatName } from './pair-stats.js';

/**
 * `juror calibrate`: how well each judge agrees with the humans of a review, next to how well the
 * humans agree with each other (the human ceiling), per criterion, and a ranking of the judges.
 * Returns plain JSON so the review server's admin page can show the same figures.
 */

export interface CalibrationOptions {
  /** Judge runs to compare; default the review's own run. */
  judges?: string[];
  /** Bootstrap seed (default 1) and resamples (default 1000). */
  seed?: number;
  resamples?: number;
}

export type RangeVerdict =
  | { verdict: 'within' | 'below' | 'above'; human_range: [number, number]; judge_ci95: [number, number] }
  | { verdict: null; reason: string };

export interface JudgeCriterion extends PairStats {
  judge: string;
  spec: string | null;
  rank: number | null;
  /** Reviewed items (with at least one human label). */
  items: number;
  /** Items with a usable judge score (= n). */
  scored: number;
  /** The judge ran but gave no usable score (refused, unparseable, off the scale). */
  unscored: number;
  /** The run has no score for this criterion on the item. */
  missing: number;
  confusion: ReturnType<typeof confusion>;
  human_range: RangeVerdict;
  /** Verbosity bias: rho(judge score, output length) beside rho(humans' mean score, length), same items. */
  length_bias: LengthBias;
  /**
   * The judge against itself when its run used --judge-repeat K: Krippendorff's alpha over all the
   * run's outputs (units) and the K asks (raters). null when the run asked once.
   */
  judge_retest: JudgeRetest | null;
}

export interface HumanVsOthers extends PairStats {
  rater: string;
}

export interface CriterionCalibration {
  criterion: string;
  scale: 'ordinal' | 'nominal';
  labels: string[];
  kappa_weights: 'quadratic' | 'none';
  /** Weights go by position over the rubric's declared levels (as in `juror agreement`). */
  weights_over: 'declared';
  /** Reviewed items with at least one human label (the judges are measured on those they scored). */
  items: number;
  /** Items with two or more humans: the only ones the human ceiling can use. */
  items_multi: number;
  humans: number;
  human_ceiling: { raters: HumanVsOthers[]; range: Record<StatName, [number, number] | null> };
  judges: JudgeCriterion[];
}

export interface RankingEntry {
  rank: number;
  judge: string;
  spec: string | null;
  /** Mean judge-vs-consensus kappa over the criteria where it is defined. */
  mean_kappa: number | null;
  criteria: number;
  within_human_range: number;
  above_human_range: number;
  below_human_range: number;
}

export interface CalibrationReport {
  review: string;
  seed: number;
  resamples: number;
  consensus: string;
  range_rule: string;
  criteria: CriterionCalibration[];
  ranking: RankingEntry[];
}

export const RANGE_RULE =
  "within: the judge's bootstrap 95% CI for kappa overlaps [min, max] of the humans' kappa against the other humans; above/below: it lies entirely above/below that range";

export function computeCalibration(store: Store, reviewId: string, opts: CalibrationOptions = {}): CalibrationReport {
  const review = requireReview(store, reviewId);
  const seed = opts.seed ?? 1;
  const resamples = opts.resamples ?? 1000;
  const wanted = opts.judges && opts.judges.length > 0 ? [...new Set(opts.judges)] : undefined;
  const outputIds = store.getReviewItems(review.id).map((i) => i.outputId);
  let judges: Array<{ id: string; spec: string | null; retest: readonly JudgeRetest[] }>;
  let verdicts: Array<Map<string, JudgeVerdicts>>;
  if (review.kind === 'pairwise') {
    // Pairwise humans are compared with pairwise judges: the judges of stored comparisons.
    const candidates = pairwiseCandidates(store, review, wanted, review.rubric.criteria);
    judges = candidates.map((c) => ({ id: c.id, spec: c.spec, retest: [] }));
    verdicts = candidates.map((c) => c.verdicts);
  } else {
    const candidates = judgeCandidates(store, wanted ?? [review.runId]);
    judges = candidates;
    verdicts = candidates.map((j) => judgeVerdicts(store, j.runId, outputIds, review.rubric.criteria, j.member));
  }
  const humans = gatherHumans(store, review);
  const lengths = outputLengths(store, outputIds);

  const criteria = humans.map((ch) => {
    const ceiling = humanCeiling(ch);
    const range = statRanges(ceiling);
    const rows = judges.map((j, n) => judgeRow(ch, j, verdicts[n]!.get(ch.criterion.name)!, range.kappa, lengths, { seed, resamples }));
    rankBy(rows);
    const raters = new Set<string>();
    for (const it of ch.items) for (const name of it.humans.keys()) raters.add(name);
    const entry: CriterionCalibration = {
      criterion: ch.criterion.name,
      scale: ch.scale.ordinal ? 'ordinal' : 'nominal',
      labels: ch.scale.labels,
      kappa_weights: ch.scale.ordinal ? 'quadratic' : 'none',
      weights_over: 'declared',
      items: ch.items.length,
      items_multi: ch.items.filter((it) => it.humans.size >= 2).length,
      humans: raters.size,
      human_ceiling: { raters: ceiling, range },
      judges: rows,
    };
    return entry;
  });
  return {
    review: review.id,
    seed,
    resamples,
    consensus: CONSENSUS_RULE,
    range_rule: RANGE_RULE,
    criteria,
    ranking: ranking(judges, criteria),
  };
}

/** Each human against the consensus of the OTHER humans, on the items they share. */
function humanCeiling(ch: CriterionHumans): HumanVsOthers[] {
  const names = new Set<string>();
  for (const it of ch.items) for (const n of it.humans.keys()) names.add(n);
  const values = ch.scale.values;
  return [...names].sort().map((rater) => {
    const p: Paired = { pred: [], ref: [], refMean: [] };
    for (const it of ch.items) {
      const own = it.humans.get(rater);
      if (own === undefined || it.humans.size < 2) continue;
      const others: number[] = [];
      for (const [name, c] of it.humans) if (name !== rater) others.push(c);
      p.pred.push(own);
      p.ref.push(consensusIndex(others, ch.scale.ordinal));
      p.refMean.push(mean(others.map((c) => values[c]!)));
    }
    return { rater, ...pairStats(p, ch.scale) };
  });
}

function statRanges(rows: PairStats[]): Record<StatName, [number, number] | null> {
  const out = {} as Record<StatName, [number, number] | null>;
  for (const name of STAT_NAMES) {
    const vals = rows.map((r) => r[name].value).filter((v): v is number => v !== null);
    out[name] = vals.length > 0 ? [Math.min(...vals), Math.max(...vals)] : null;
  }
  return out;
}

function judgeRow(
  ch: CriterionHumans,
  judge: { id: string; spec: string | null; retest: readonly JudgeRetest[] },
  verdicts: JudgeVerdicts,
  kappaRange: [number, number] | null,
  lengths: ReadonlyMap<number, number>,
  boot: { seed: number; resamples: number },
): JudgeCriterion {
  const p: Paired = { pred: [], ref: [], refMean: [] };
  let unscored = 0;
  let missing = 0;
  for (const it of ch.items) {
    if (!verdicts.has(it.outputId)) {
      missing += 1;
      continue;
    }
    const v = verdicts.get(it.outputId)!;
    if (v === null) {
      unscored += 1;
      continue;
    }
    const hs = [...it.humans.values()];
    p.pred.push(v);
    p.ref.push(consensusIndex(hs, ch.scale.ordinal));
    p.refMean.push(mean(hs.map((c) => ch.scale.values[c]!)));
  }
  const stats = pairStats(p, ch.scale, boot);
  return {
    judge: judge.id,
    spec: judge.spec,
    rank: null,
    items: ch.items.length,
    scored: p.pred.length,
    unscored,
    missing,
    ...stats,
    confusion: confusion(p, ch.scale),
    human_range: rangeVerdict(stats.kappa, kappaRange),
    length_bias: lengthBias(ch, verdicts, lengths, boot),
    judge_retest: judge.retest.find((r) => r.criterion === `rubric.${ch.criterion.name}`) ?? null,
  };
}

export function rangeVerdict(kappa: CalStat, range: [number, number] | null): RangeVerdict {
  if (kappa.value === null) return { verdict: null, reason: `the judge's kappa is undefined: ${kappa.reason}` };
  if (!range) return { verdict: null, reason: 'no human has a kappa against the others (each item needs two or more humans)' };
  if (!kappa.ci95) return { verdict: null, reason: `no bootstrap interval for the judge's kappa: ${kappa.ci_reason ?? 'unknown'}` };
  const [lo, hi] = kappa.ci95;
  const verdict = hi < range[0] ? 'below' : lo > range[1] ? 'above' : 'within';
  return { verdict, human_range: range, judge_ci95: kappa.ci95 };
}

/** Rank judges on one criterion by kappa (higher is better); undefined kappas are unranked. */
function rankBy(rows: JudgeCriterion[]): void {
  const ranked = rows.filter((r) => r.kappa.value !== null).sort((a, b) => b.kappa.value! - a.kappa.value!);
  ranked.forEach((r, i) => (r.rank = i + 1));
}

function ranking(judges: Array<{ id: string; spec: string | null }>, criteria: CriterionCalibration[]): RankingEntry[] {
  const rows = judges.map((j, n) => {
    const mine = criteria.map((c) => c.judges[n]!);
    const kappas = mine.map((r) => r.kappa.value).filter((v): v is number => v !== null);
    const count = (v: string) => mine.filter((r) => r.human_range.verdict === v).length;
    return {
      rank: 0,
      judge: j.id,
      spec: j.spec,
      mean_kappa: kappas.length > 0 ? mean(kappas) : null,
      criteria: kappas.length,
      within_human_range: count('within'),
      above_human_range: count('above'),
      below_human_range: count('below'),
    };
  });
  rows.sort((a, b) => (b.mean_kappa ?? -Infinity) - (a.mean_kappa ?? -Infinity));
  rows.forEach((r, i) => (r.rank = i + 1));
  return rows;
}
