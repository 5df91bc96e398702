import { scoreInterval, type MeanInterval } from '../stats/mean-ci.js';
import { wilsonInterval } from '../stats/wilson.js';
import type { RunSummary } from '../storage/store.js';
import type { CriterionBounds } from './criterion-bounds.js';
import type { CaseReport, RunReport } from './run-report.js';
import { groupBySlice, sliceOf, SMALL_SLICE, type SliceBy } from './slices.js';

export type RateFigure = ReturnType<typeof wilsonInterval>;

/** A run's headline figures with their uncertainty: the pass rate (Wilson) and each mean (t). */
export interface RunFigures {
  cases: number;
  counts: { passed: number; failed: number; errored: number; unscored: number };
  pass_rate: RateFigure;
  /** Per criterion, over its scored values; clustered by case when the run has repeats. */
  means: Array<{ criterion: string } & MeanFigure>;
}
export type MeanFigure = MeanInterval;

export interface RunSlice extends RunFigures {
  by: string;
  value: string;
  small: boolean;
}

/**
 * Pass rate = passed / all (case, repeat)s: failed, errored and unscored are all "not passed", as
 * in the run summary (unscored is never a pass). The Wilson interval counts each repeat as a trial.
 */
export function runFigures(cases: readonly CaseReport[], bounds: CriterionBounds = {}): RunFigures {
  const counts = { passed: 0, failed: 0, errored: 0, unscored: 0 };
  const byCriterion = new Map<string, { values: number[]; ids: string[] }>();
  for (const c of cases) {
    counts[c.status]++;
    for (const s of c.scores) {
      let e = byCriterion.get(s.criterion);
      if (!e) byCriterion.set(s.criterion, (e = { values: [], ids: [] }));
      if (s.value === null || !Number.isFinite(s.value)) continue;
      e.values.push(s.value);
      e.ids.push(c.caseId);
    }
  }
  const means = [...byCriterion]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([criterion, e]) => ({ criterion, ...scoreInterval(e.values, e.ids, bounds[criterion]) }));
  return { cases: cases.length, counts, pass_rate: wilsonInterval(counts.passed, cases.length), means };
}

/** The run's figures per slice; the slices' case counts sum to the run's. */
export function runSlices(report: RunReport, by: SliceBy): RunSlice[] {
  return groupBySlice(report.cases, (c) => sliceOf(c, by)).map(([value, cases]) => ({
    by: by.label,
    value,
    small: cases.length < SMALL_SLICE,
    ...runFigures(cases, report.bounds),
  }));
}

/**
 * The stored summary with an interval for every mean, computed from the cases when the run was
 * stored before summaries kept them (clustered by case, like every other figure).
 */
export function summaryWithIntervals(report: RunReport): RunReport['summary'] {
  const s = report.summary;
  // Recomputed even when stored: a summary stored before intervals kept to their bounds may run past them.
  if (!s || report.cases.length === 0) return s;
  const ciByCriterion: NonNullable<RunSummary['ciByCriterion']> = {};
  for (const m of runFigures(report.cases, report.bounds).means) ciByCriterion[m.criterion] = { n: m.n, ci95: m.value !== null && m.ci95 ? m.ci95 : null };
  return { ...s, ciByCriterion };
}
