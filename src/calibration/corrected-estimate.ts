import { ConfigError } from '../core/errors.js';
import { rubricCriterion, rubricCriterionName } from '../core/criterion.js';
import { passes, scaleBounds, type Criterion } from '../core/rubric.js';
import type { Score } from '../core/score.js';
import { sampleIds } from '../review/assign.js';
import type { RunReport } from '../runner/run-report.js';
import { ppiPlusPlusMean, scoreInterval, wilsonInterval, type Bounds } from '../stats/index.js';
import type { MeanMethod } from '../stats/mean-ci.js';
import type { ReviewRecord, ReviewSampling, Store } from '../storage/store.js';
import { consensusIndex, mean } from './consensus.js';
import { gatherHumans, type CriterionHumans } from './gather.js';

/**
 * Judge-corrected estimates: the run's pass rate and each rubric criterion's mean as the humans
 * would have scored them, from the judge's scores on every output and the humans' labels on a
 * uniform random sample of them (a review), by prediction-powered inference (PPI++,
 * src/stats/ppi-mean.ts). Shown beside the judge-only figure.
 *
 * Valid only when the labelled outputs are a uniform random sample of the run: the review must
 * record that it covers every output or a seeded uniform sample (which is re-drawn here and must
 * give the same items), and every sampled output must carry its human labels (annotators work in
 * queue order, so a half-finished review is the first half of the suite, not a random half).
 */

export type Undef = { value: null; reason: string };

export interface JudgeFigure {
  value: number;
  ci95?: [number, number];
  n: number;
  method: MeanMethod;
}

export interface CorrectedFigure {
  value: number;
  ci95: [number, number];
  se: number;
  /** Outputs with human labels, and all outputs with a judge value. */
  labelled: number;
  N: number;
  /** Weight on the judge chosen by PPI++ (0 = humans alone, 1 = classical PPI). */
  lambda: number;
  method: 'PPI++';
}

export interface CorrectedEntry {
  /** 'pass rate', or the rubric criterion. */
  name: string;
  /** proportion: share passing (pass rate, nominal criteria); mean: the level on an ordinal scale. */
  kind: 'proportion' | 'mean';
  judge: JudgeFigure | Undef;
  corrected: CorrectedFigure | Undef;
}

export interface CorrectedReport {
  run: string;
  review: string;
  sampling: ReviewSampling & { sampled: number };
  method: string;
  pass_rate: CorrectedEntry;
  criteria: CorrectedEntry[];
}

export const CORRECTION_METHOD =
  'prediction-powered inference (PPI++, Angelopoulos, Duchi, Zrnic 2023): judge mean over all scored outputs + lambda-weighted mean of (human - judge) over the human-labelled sample; normal 95% CI';

/** `decide` turns a case's scores into its verdict with the run's pass rules (cli/run-common.ts decideFor). */
export function correctedEstimates(
  store: Store,
  report: RunReport,
  review: ReviewRecord,
  decide: (scores: Score[]) => 'passed' | 'failed' | 'unscored',
): CorrectedReport {
  const run = report.run;
  const outputRun = run.kind === 'judge' && run.parentRunId ? run.parentRunId : run.id;
  if (review.runId !== outputRun) {
    throw new ConfigError(`review ${review.id} is over run ${review.runId}, not ${run.id}: its labels say nothing about this run's outputs`);
  }
  const sampling = checkSampling(store, review);
  const humans = gatherHumans(store, review);
  const byOutput = new Map<number, Map<string, { criterion: Criterion; value: number; label: string; values: number[] }>>();
  for (const ch of humans) {
    for (const it of ch.items) {
      let m = byOutput.get(it.outputId);
      if (!m) byOutput.set(it.outputId, (m = new Map()));
      m.set(ch.criterion.name, humanValue(ch, [...it.humans.values()]));
    }
  }
  const sampled = new Set(store.getReviewItems(review.id).map((i) => i.outputId));

  // pass rate: the run's verdict, and the verdict with the humans' labels in place of the judge's
  const passJudge: number[] = [];
  const passPairs: Array<[number, number]> = [];
  let passMissing = 0;
  for (const c of report.cases) {
    if (c.status !== 'passed' && c.status !== 'failed') continue;
    const j = c.status === 'passed' ? 1 : 0;
    passJudge.push(j);
    if (!sampled.has(c.outputId)) continue;
    const h = byOutput.get(c.outputId);
    const swapped = h ? humanScores(c.scores, h, review.rubric.criteria) : null;
    const verdict = swapped ? decide(swapped) : 'unscored';
    if (verdict === 'unscored') passMissing++;
    else passPairs.push([verdict === 'passed' ? 1 : 0, j]);
  }
  const passRate: CorrectedEntry = {
    name: 'pass rate',
    kind: 'proportion',
    judge: judgeProportion(passJudge),
    corrected: corrected(passJudge, passPairs, passMissing, 'the pass rate', true),
  };

  const criteria = review.rubric.criteria.map((criterion): CorrectedEntry => {
    const ordinal = criterion.scale.type === 'ordinal';
    const all: number[] = [];
    const pairs: Array<[number, number]> = [];
    let missing = 0;
    for (const c of report.cases) {
      const s = c.scores.find((x) => x.criterion === rubricCriterion(criterion.name));
      if (!s || s.value === null) continue;
      const j = ordinal ? s.value : passes(criterion, s.value) ? 1 : 0;
      all.push(j);
      if (!sampled.has(c.outputId)) continue;
      const h = byOutput.get(c.outputId)?.get(criterion.name);
      if (!h) missing++;
      // ordinal: the humans' mean level (what an average person would say); nominal: the consensus passes
      else pairs.push([ordinal ? mean(h.values) : passes(criterion, h.value) ? 1 : 0, j]);
    }
    return {
      name: criterion.name,
      kind: ordinal ? 'mean' : 'proportion',
      judge: ordinal ? judgeMean(all, scaleBounds(criterion.scale)) : judgeProportion(all),
      corrected: corrected(all, pairs, missing, `"${criterion.name}"`, !ordinal),
    };
  });
  return {
    run: run.id,
    review: review.id,
    sampling: { ...sampling, sampled: sampled.size },
    method: CORRECTION_METHOD,
    pass_rate: passRate,
    criteria,
  };
}

/** The review's items must be every output of the run, or the seeded uniform sample it records. */
export function checkSampling(store: Store, review: ReviewRecord): ReviewSampling {
  // the population create-review.ts samples from: the run's outputs that have text
  const eligible = store.getOutputs(review.runId).filter((o) => o.output !== null).map((o) => o.id);
  const items = store.getReviewItems(review.id).map((i) => i.outputId).sort((a, b) => a - b);
  const same = (ids: number[]) => ids.length === items.length && ids.every((id, i) => id === items[i]);
  const covers = same([...eligible].sort((a, b) => a - b));
  const s = review.sampling;
  if (!s) {
    if (covers) return { method: 'all', population: eligible.length, seed: 0 };
    throw new ConfigError(
      `review ${review.id} covers ${items.length} of the run's ${eligible.length} outputs but does not record how they were chosen (it predates juror recording it), so they are not known to be a uniform random sample; create a review with \`juror review create --run ${review.runId} --sample N\``,
    );
  }
  if (s.population !== eligible.length) {
    throw new ConfigError(`review ${review.id} was sampled from ${s.population} outputs but run ${review.runId} has ${eligible.length}`);
  }
  if (s.method === 'all' ? !covers : !same(sampleIds(eligible, items.length, s.seed).sort((a, b) => a - b))) {
    throw new ConfigError(
      `review ${review.id}'s items are not the ${s.method === 'all' ? 'whole run' : `uniform sample its seed ${s.seed} draws`}, so they are not known to be a uniform random sample of the run`,
    );
  }
  return s;
}

function humanValue(ch: CriterionHumans, indices: number[]): { criterion: Criterion; value: number; label: string; values: number[] } {
  const c = consensusIndex(indices, ch.scale.ordinal);
  return { criterion: ch.criterion, value: ch.scale.values[c]!, label: ch.scale.labels[c]!, values: indices.map((i) => ch.scale.values[i]!) };
}

/** The case's scores with every reviewed rubric criterion replaced by the humans' consensus; null if one is unlabelled. */
function humanScores(
  scores: Score[],
  humans: Map<string, { criterion: Criterion; value: number; label: string }>,
  criteria: Criterion[],
): Score[] | null {
  const out: Score[] = [];
  for (const s of scores) {
    const name = rubricCriterionName(s.criterion);
    if (name === null || !criteria.some((c) => c.name === name)) {
      out.push(s);
      continue;
    }
    const h = humans.get(name);
    if (!h) return null;
    out.push({ ...s, value: h.value, label: h.label, passed: passes(h.criterion, h.value), reason: 'human consensus' });
  }
  return out;
}

function judgeProportion(values: number[]): JudgeFigure | Undef {
  const n = values.length;
  if (n === 0) return { value: null, reason: 'the judge scored no output' };
  const w = wilsonInterval(values.filter((v) => v === 1).length, n);
  if (w.value === null) return w;
  return { value: w.value, ...(w.ci95 ? { ci95: w.ci95 } : {}), n, method: 'wilson' };
}

/** The judge-only mean, with the same interval as every other report of it (kept inside the scale). */
function judgeMean(values: number[], bounds: Bounds): JudgeFigure | Undef {
  const m = scoreInterval(values, undefined, bounds);
  if (m.value === null) return { value: null, reason: m.reason };
  return { value: m.value, ...(m.ci95 ? { ci95: m.ci95 } : {}), n: m.n, method: m.method };
}

function corrected(all: number[], pairs: Array<[number, number]>, missing: number, what: string, proportion: boolean): CorrectedFigure | Undef {
  if (missing > 0) {
    return {
      value: null,
      reason: `${missing} of the ${missing + pairs.length} sampled outputs have no human label for ${what}; annotators work in queue order, so the labelled ones are not a random sample: finish the review first`,
    };
  }
  const r = ppiPlusPlusMean({ judgeAll: all, human: pairs.map((p) => p[0]), judgeLabelled: pairs.map((p) => p[1]) });
  if (r.value === null) return r;
  // A proportion lies in [0, 1]: cutting the normal interval there keeps its coverage.
  const ci95: [number, number] = proportion ? [Math.max(0, r.ci95[0]), Math.min(1, r.ci95[1])] : r.ci95;
  return { value: r.value, ci95, se: r.se, labelled: r.n, N: r.N, lambda: r.lambda, method: 'PPI++' };
}
