import type { Reducer } from '../core/reducer.js';
import type { Score } from '../core/score.js';
import { passAtK, passHatK } from '../stats/pass-at-k.js';
import type { StatResult } from '../stats/result.js';
import type { RepeatSummary } from '../storage/store.js';
import type { CaseOutcome, CaseStatus, RunPlan } from './types.js';
import { round4 } from '../stats/round.js';

export type { RepeatSummary };

/**
 * With `--repeat N` every case runs N times; a reducer turns the N results into the case's one
 * verdict (the suite's `reduce:`):
 * - majority (default): passed when more than half of the repeats with a verdict passed;
 * - all: passed only when every one of them passed; any: when at least one did;
 * - mean: the suite's `pass:` thresholds applied to each criterion's mean over the repeats.
 * Scores are always reported as the mean over the repeats (unscored repeats left out).
 * A repeat that errored or went unscored is missing data, never a failure nor a pass: it is left
 * out of the counts the reducers, pass@k and pass^k read (the run still exits 3 for it).
 */

export interface ReducedCase {
  caseId: string;
  status: CaseStatus;
  /** Repeats that passed, of the `n` that reached a verdict (passed or failed). */
  passes: number;
  n: number;
  /** Some repeats passed and some failed. */
  unstable: boolean;
  /** Mean per criterion over the scored repeats. */
  scores: Score[];
  /** Standard deviation per criterion across the scored repeats (null with fewer than two). */
  sd: Record<string, number | null>;
}

export type Repeated = Pick<CaseOutcome, 'caseId' | 'status' | 'scores'> & Partial<Pick<CaseOutcome, 'latencyMs' | 'costUsd'>>;

/** Reduce one case's repeats. `decide` is only used by the mean reducer. */
export function reduceCase(caseId: string, repeats: readonly Repeated[], reduce: Reducer, decide: RunPlan['decide']): ReducedCase {
  const passes = repeats.filter((r) => r.status === 'passed').length;
  const n = passes + repeats.filter((r) => r.status === 'failed').length;
  const { scores, sd } = meanScores(repeats);
  let status: CaseStatus;
  // mean: cost and latency rules read the mean over the repeats too.
  if (reduce === 'mean') status = repeats.every((r) => r.status === 'errored') ? 'errored' : decide(scores, { costUsd: meanOf(repeats.map((r) => r.costUsd)), latencyMs: meanOf(repeats.map((r) => r.latencyMs)) });
  else {
    const pass = n > 0 && (reduce === 'all' ? passes === n : reduce === 'any' ? passes > 0 : passes * 2 > n);
    status = pass ? 'passed' : worstOther(repeats);
  }
  return { caseId, status, passes, n, unstable: passes > 0 && passes < n, scores, sd };
}

/** Summary figures over reduced cases. */
export function summarizeRepeats(cases: readonly ReducedCase[], repeats: number, reduce: Reducer): RepeatSummary {
  const counts = { passed: 0, failed: 0, errored: 0, unscored: 0 };
  for (const c of cases) counts[c.status]++;
  // A case with no verdict in any repeat says nothing about how often the system passes.
  const pc = cases.filter((c) => c.n > 0).map((c) => ({ n: c.n, c: c.passes }));
  const ks = Array.from({ length: repeats }, (_, i) => i + 1);
  const sdSums = new Map<string, { sum: number; n: number }>();
  for (const c of cases) {
    for (const [criterion, sd] of Object.entries(c.sd)) {
      const e = sdSums.get(criterion) ?? { sum: 0, n: 0 };
      if (sd !== null) {
        e.sum += sd;
        e.n++;
      }
      sdSums.set(criterion, e);
    }
  }
  const spread: Record<string, number | null> = {};
  for (const [criterion, { sum, n }] of [...sdSums].sort(([a], [b]) => a.localeCompare(b))) spread[criterion] = n === 0 ? null : round4(sum / n);
  return {
    repeats,
    reduce,
    cases: cases.length,
    ...counts,
    passAtK: ks.map((k) => atK(k, passAtK(pc, k))),
    passHatK: ks.map((k) => atK(k, passHatK(pc, k))),
    unstable: cases.filter((c) => c.unstable).map((c) => c.caseId),
    spread,
  };
}

/** Group outcomes by case (in first-seen order) and reduce each. */
export function reduceAll(outcomes: Iterable<Repeated>, reduce: Reducer, decide: RunPlan['decide']): ReducedCase[] {
  const byCase = new Map<string, Repeated[]>();
  for (const o of outcomes) {
    let list = byCase.get(o.caseId);
    if (!list) byCase.set(o.caseId, (list = []));
    list.push(o);
  }
  return [...byCase].map(([id, list]) => reduceCase(id, list, reduce, decide));
}

/** A case that did not pass: failed if any repeat failed, else errored/unscored as most were. */
function worstOther(repeats: readonly Repeated[]): CaseStatus {
  if (repeats.some((r) => r.status === 'failed')) return 'failed';
  const errored = repeats.filter((r) => r.status === 'errored').length;
  const unscored = repeats.filter((r) => r.status === 'unscored').length;
  return errored > unscored ? 'errored' : 'unscored';
}

function meanScores(repeats: readonly Repeated[]): { scores: Score[]; sd: Record<string, number | null> } {
  const by = new Map<string, Score[]>();
  for (const r of repeats) {
    for (const s of r.scores) {
      let list = by.get(s.criterion);
      if (!list) by.set(s.criterion, (list = []));
      list.push(s);
    }
  }
  const scores: Score[] = [];
  const sd: Record<string, number | null> = {};
  for (const [criterion, list] of by) {
    const values = list.map((s) => s.value).filter((v): v is number => v !== null && Number.isFinite(v));
    const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
    sd[criterion] = mean === null || values.length < 2 ? null : round4(Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1)));
    const flags = list.filter((s) => s.value !== null && s.passed !== undefined);
    const score: Score = { scorer: list[0]!.scorer, criterion, value: mean === null ? null : round4(mean) };
    if (flags.length) score.passed = flags.filter((s) => s.passed).length * 2 >= flags.length;
    const label = mostCommon(list.map((s) => s.label).filter((l): l is string => l !== undefined));
    // The most common label, so a label rule (`== pass`) reads the majority of the repeats.
    if (label !== undefined && mean !== null) score.label = label;
    if (mean === null) score.reason = list.find((s) => s.reason)?.reason ?? 'unscored in every repeat';
    scores.push(score);
  }
  return { scores, sd };
}

function meanOf(xs: ReadonlyArray<number | null | undefined>): number | null {
  const v = xs.filter((x): x is number => typeof x === 'number');
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
}

function mostCommon(xs: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: string | undefined;
  let most = 0;
  for (const [x, n] of counts) if (n > most) [best, most] = [x, n];
  return best;
}


function atK(k: number, r: StatResult): RepeatSummary['passAtK'][number] {
  return r.value === null ? { k, value: null, reason: r.reason } : { k, value: round4(r.value) };
}
