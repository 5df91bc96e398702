import type { Undefined } from '../stats/result.js';
import type { MeanInterval } from '../stats/mean-ci.js';
import type { PairedDiff } from '../stats/paired-bootstrap.js';
import type { RunReport } from './run-report.js';
import type { RateFigure } from './run-figures.js';
import type { SliceBy } from './slices.js';
import type { CaseStatus } from './types.js';
import { comparePairs, pairCases } from './compare-figures.js';
import { groupBySlice, sliceOf, SMALL_SLICE } from './slices.js';
import { compareIds } from './run-report.js';
import { maxRepeats, reduceReports, type ReducedCaseReport } from './reduce-reports.js';
import { reducerOf, type Reducer } from '../core/reducer.js';
import { decideCase } from '../scorers/thresholds.js';
import type { RunPlan } from './types.js';

/**
 * The data model of `juror compare`, shaped exactly like its --json document (DESIGN.md,
 * "juror compare --json"), so the JSON, the console and the HTML report read the same object.
 * Undefined figures are `{ value: null, reason }`.
 */
export type Verdict = 'better' | 'worse' | 'no significant difference';

export interface McNemarFigure {
  /** passed in the baseline, not passed in the candidate */
  b: number;
  /** not passed in the baseline, passed in the candidate */
  c: number;
  p_value: number;
  method: 'exact';
}

export interface PassRateComparison {
  baseline: RateFigure;
  candidate: RateFigure;
  diff: PairedDiff;
  mcnemar: McNemarFigure;
  verdict: Verdict;
}

export interface CriterionTest {
  name: 'wilcoxon signed-rank';
  p_value: number | null;
  /** Holm-adjusted across the criteria of the same comparison (or slice). */
  p_holm: number | null;
  method?: string;
  reason?: string;
}

export interface CriterionComparison {
  criterion: string;
  /** Named in the suite's `pass:` rules: a significant drop here fails the gate. */
  gating: boolean;
  baseline: MeanInterval;
  candidate: MeanInterval;
  /** candidate − baseline over the pairs where both are scored */
  diff: PairedDiff;
  test: CriterionTest;
  wins: number;
  ties: number;
  losses: number;
  verdict: Verdict;
}

export interface FigureSet {
  paired: number;
  pass_rate: PassRateComparison;
  criteria: CriterionComparison[];
}

export interface SliceComparison extends FigureSet {
  by: string;
  value: string;
  /** fewer than SMALL_SLICE pairs: shown, but read its figures with care */
  small: boolean;
}

export interface CaseChange {
  case_id: string;
  repeat: number;
  baseline: CaseStatus;
  candidate: CaseStatus;
  /** why it does not pass in the run where it does not pass */
  reasons: string[];
  /** With repeats: "2/3", repeats that passed of those that reached a verdict, per run. */
  repeats_passed?: { baseline: string; candidate: string };
}

export interface Comparison extends FigureSet {
  baseline: string;
  candidate: string;
  suite: { baseline: string; candidate: string };
  alpha: number;
  /** the most repeats of one case */
  repeats: number;
  /**
   * What a pair is: with repeats, a case (each run's repeats reduced to one verdict by its
   * `reduce:`, scores by their mean), else a (case, repeat).
   */
  paired_by: 'case' | 'case and repeat';
  /** Each run's reducer when repeats were reduced, else null. */
  reduce: { baseline: Reducer; candidate: Reducer } | null;
  unpaired: { baseline_only: number; candidate_only: number };
  slices: SliceComparison[];
  /** Ids of the flipped cases: "c3" (or "c3#2" for a second repeat, only without reduction). */
  flips: { regressions: string[]; fixes: string[] };
  /** Every status change with its reasons: pass→not-pass first, then the fixes, then the rest. */
  changes: CaseChange[];
  verdict: Verdict;
}

export interface CompareOptions {
  alpha?: number;
  seed?: number;
  resamples?: number;
  /** criteria that gate (the suite's `pass:` rules) */
  gating?: readonly string[];
  by?: readonly SliceBy[];
  /** Each run's `pass:` rules, for the `mean` reducer (default: every score must pass). */
  decide?: { baseline?: RunPlan['decide']; candidate?: RunPlan['decide'] };
}

export type { RateFigure, Undefined };

/**
 * Compare two runs pair by pair. Without repeats a pair is a (case, repeat); with repeats it is a
 * case, each run's repeats reduced to one verdict and mean scores first: McNemar and Wilcoxon
 * assume independent pairs, and the repeats of one case are not (N agreeing repeats would count as
 * N pieces of evidence). Every figure is computed over the paired cases only; cases in one run only
 * are counted in `unpaired` and left out.
 */
export function compareReports(baseline: RunReport, candidate: RunReport, opts: CompareOptions = {}): Comparison {
  const alpha = opts.alpha ?? 0.05;
  const settings = {
    alpha,
    seed: opts.seed ?? 1,
    resamples: opts.resamples ?? 10_000,
    gating: new Set(opts.gating ?? []),
    bounds: { baseline: baseline.bounds ?? {}, candidate: candidate.bounds ?? {} },
  };
  const repeats = Math.max(maxRepeats(baseline.cases), maxRepeats(candidate.cases));
  const reduce = repeats > 1 ? { baseline: reducerOf(baseline.run.config.reduce), candidate: reducerOf(candidate.run.config.reduce) } : null;
  const everyScore: RunPlan['decide'] = (scores) => decideCase([], scores);
  const side = (r: RunReport, which: 'baseline' | 'candidate') =>
    reduce ? reduceReports(r.cases, reduce[which], opts.decide?.[which] ?? everyScore) : r.cases;
  const { pairs, baselineOnly, candidateOnly } = pairCases(side(baseline, 'baseline'), side(candidate, 'candidate'));
  const whole = comparePairs(pairs, settings);
  const slices: SliceComparison[] = [];
  for (const by of opts.by ?? []) {
    for (const [value, group] of groupBySlice(pairs, (p) => sliceOf(p.candidate, by))) {
      slices.push({ by: by.label, value, small: group.length < SMALL_SLICE, ...comparePairs(group, settings) });
    }
  }
  const changes: CaseChange[] = [];
  const regressions: CaseChange[] = [];
  const fixes: CaseChange[] = [];
  for (const p of pairs) {
    if (p.baseline.status === p.candidate.status) continue;
    const change: CaseChange = {
      case_id: p.candidate.caseId,
      repeat: p.candidate.repeat,
      baseline: p.baseline.status,
      candidate: p.candidate.status,
      reasons: reasonsOf(p.candidate.status === 'passed' ? p.baseline : p.candidate),
    };
    if (reduce) change.repeats_passed = { baseline: passedOf(p.baseline), candidate: passedOf(p.candidate) };
    if (p.baseline.status === 'passed') regressions.push(change);
    else if (p.candidate.status === 'passed') fixes.push(change);
    else changes.push(change);
  }
  const byId = (x: CaseChange, y: CaseChange) => compareIds(x.case_id, y.case_id) || x.repeat - y.repeat;
  const flipId = (c: CaseChange) => (c.repeat ? `${c.case_id}#${c.repeat + 1}` : c.case_id);
  regressions.sort(byId);
  fixes.sort(byId);
  return {
    baseline: baseline.run.id,
    candidate: candidate.run.id,
    suite: { baseline: baseline.run.suiteName, candidate: candidate.run.suiteName },
    alpha,
    repeats,
    paired_by: reduce ? 'case' : 'case and repeat',
    reduce,
    unpaired: { baseline_only: baselineOnly, candidate_only: candidateOnly },
    ...whole,
    slices,
    flips: { regressions: regressions.map(flipId), fixes: fixes.map(flipId) },
    changes: [...regressions, ...fixes, ...changes.sort(byId)],
    verdict: overallVerdict(whole),
  };
}

/**
 * The verdict the gate reads: worse when the pass rate or any gating criterion is significantly
 * worse; better when something gating is significantly better and nothing gating is worse.
 */
export function overallVerdict(set: FigureSet): Verdict {
  const gating = [set.pass_rate.verdict, ...set.criteria.filter((c) => c.gating).map((c) => c.verdict)];
  if (gating.includes('worse')) return 'worse';
  if (gating.includes('better')) return 'better';
  return 'no significant difference';
}

function passedOf(c: RunReport['cases'][number]): string {
  const r = (c as Partial<ReducedCaseReport>).repeats;
  return r ? `${r.passed}/${r.verdicts}` : c.status === 'passed' ? '1/1' : '0/1';
}

function reasonsOf(c: RunReport['cases'][number]): string[] {
  if (c.error) return [c.error];
  return c.scores
    .filter((s) => s.passed === false || s.value === null)
    .map((s) => `${s.criterion} = ${s.value === null ? 'unscored' : (s.label ?? s.value)}${s.reason ? `: ${s.reason}` : ''}`);
}
