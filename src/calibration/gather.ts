import { NotFoundError } from '../core/errors.js';
import { rubricCriterion } from '../core/criterion.js';
import { flipChoice, scaleValues, type Criterion, type PairwiseChoice, type Scale } from '../core/rubric.js';
import type { ReviewRecord, ScoreRecord, Store } from '../storage/store.js';
import { sameSource } from '../storage/run-columns.js';
import type { ScaleInfo } from './pair-stats.js';

/**
 * Reads what calibration compares from the store: per criterion, each reviewed item's human labels
 * (as category indices), and each judge run's score on the same outputs. Calibration works on a
 * review's few hundred or thousand items, so plain row reads are fine here (agreement over a
 * million labels goes through the pattern counts instead).
 */

export interface ItemHumans {
  itemId: number;
  outputId: number;
  /** annotator name -> category index */
  humans: Map<string, number>;
}

export interface CriterionHumans {
  criterion: Criterion;
  scale: ScaleInfo;
  /** Review items with at least one human label on this criterion, in review order. */
  items: ItemHumans[];
}

export function scaleInfo(scale: Scale): ScaleInfo {
  const labels = scaleValues(scale);
  return scale.type === 'ordinal'
    ? { labels, ordinal: true, values: [...scale.levels] }
    : { labels, ordinal: false, values: labels.map((_, i) => i) };
}

export function requireReview(store: Store, reviewId: string): ReviewRecord {
  const review = store.getReview(reviewId);
  if (!review) throw new NotFoundError(`review ${reviewId} not found`);
  return review;
}

export function gatherHumans(store: Store, review: ReviewRecord): CriterionHumans[] {
  const reviewItems = store.getReviewItems(review.id);
  return review.rubric.criteria.map((criterion) => {
    const scale = scaleInfo(criterion.scale);
    const index = new Map(scale.labels.map((l, i) => [l, i]));
    const byItem = new Map<number, ItemHumans>();
    for (const l of store.getCurrentLabels(review.id, criterion.name)) {
      const c = index.get(l.label);
      if (c === undefined) continue; // the store validates labels on write; a hand-edited row is skipped
      let item = byItem.get(l.itemId);
      if (!item) byItem.set(l.itemId, (item = { itemId: l.itemId, outputId: l.outputId, humans: new Map() }));
      item.humans.set(l.annotatorName, c);
    }
    const items = reviewItems.map((ri) => byItem.get(ri.id)).filter((x): x is ItemHumans => x !== undefined);
    return { criterion, scale, items };
  });
}

/** A judge's verdict on one output: a category index, `null` = unscored; absent from the map = no score at all. */
export type JudgeVerdicts = Map<number, number | null>;

/**
 * Scores `rubric.<criterion>` written by `runId` on the given outputs. When a run scored an output
 * more than once, the latest score counts. A value that is not on the scale counts as unscored.
 * `member`: one judge of a panel run, whose own verdicts (kept on each score) are read instead.
 */
export function judgeVerdicts(store: Store, runId: string, outputIds: number[], criteria: Criterion[], member?: string): Map<string, JudgeVerdicts> {
  const scores = store.getScoresForOutputs(runId, outputIds);
  const latest = new Map<string, ScoreRecord>();
  for (const s of scores) {
    const key = `${s.criterion}\u0000${s.outputId}`;
    const prev = latest.get(key);
    if (!prev || s.id > prev.id) latest.set(key, s);
  }
  const out = new Map<string, JudgeVerdicts>();
  for (const criterion of criteria) {
    const scale = scaleInfo(criterion.scale);
    const verdicts: JudgeVerdicts = new Map();
    for (const outputId of outputIds) {
      const s = latest.get(`${rubricCriterion(criterion.name)}\u0000${outputId}`);
      if (!s) continue;
      if (member === undefined) verdicts.set(outputId, toIndex(s, scale));
      else {
        const own = s.panel?.find((v) => v.judge === member);
        if (own) verdicts.set(outputId, toIndex(own, scale));
      }
    }
    out.set(criterion.name, verdicts);
  }
  return out;
}

function toIndex(s: { value: number | null; label?: string | null }, scale: ScaleInfo): number | null {
  if (s.value === null) return null;
  if (s.label !== undefined && s.label !== null) {
    const i = scale.labels.indexOf(String(s.label));
    if (i >= 0) return i;
  }
  const i = scale.values.indexOf(s.value);
  return i >= 0 ? i : null;
}

/** A pairwise judge as a calibration candidate: one judge of one stored comparison. */
export interface PairwiseCandidate {
  /** `COMPARISON/JUDGE`, how reports name it. */
  id: string;
  spec: string;
  verdicts: Map<string, JudgeVerdicts>;
}

/**
 * The judges of stored pairwise comparisons as candidates for a pairwise review: each review item
 * (output A, output B) gets the comparison's verdict on that pair, flipped when the comparison
 * had the outputs the other way round. `comparisons` default: every comparison of the review's
 * two sources (runs, or matrix columns, matched by run and column).
 */
export function pairwiseCandidates(store: Store, review: ReviewRecord, comparisons: string[] | undefined, criteria: Criterion[]): PairwiseCandidate[] {
  const pair = review.pair;
  const sides = pair ? [pair.a, pair.b] : [];
  // by run and column: two columns of one matrix run share the run id
  const ids = comparisons?.length
    ? comparisons
    : store.listComparisons().filter((c) => sides.every((p) => c.sources.some((s) => sameSource(s, p)))).map((c) => c.id).reverse();
  const items = store.getReviewItems(review.id);
  const out: PairwiseCandidate[] = [];
  for (const id of ids) {
    const cmp = store.getComparison(id);
    if (!cmp) throw new NotFoundError(`comparison ${id} not found (juror judge-pairwise makes one)`);
    const rows = store.getPairwiseVerdicts(id);
    for (const judge of cmp.judges) {
      const byPair = new Map<string, PairwiseChoice | null>();
      for (const v of rows) {
        if (v.judge !== judge) continue;
        byPair.set(`${v.criterion}\u0000${v.outputA}:${v.outputB}`, v.verdict);
        byPair.set(`${v.criterion}\u0000${v.outputB}:${v.outputA}`, v.verdict === null ? null : flipChoice(v.verdict));
      }
      const verdicts = new Map<string, JudgeVerdicts>();
      for (const criterion of criteria) {
        const labels = scaleValues(criterion.scale);
        const map: JudgeVerdicts = new Map();
        for (const it of items) {
          const key = `${criterion.name}\u0000${it.outputId}:${it.outputBId}`;
          if (!byPair.has(key)) continue;
          const v = byPair.get(key)!;
          map.set(it.outputId, v === null ? null : labels.indexOf(v));
        }
        verdicts.set(criterion.name, map);
      }
      out.push({ id: `${id}/${judge}`, spec: judge, verdicts });
    }
  }
  return out;
}
