import type { Reducer } from '../core/reducer.js';
import { reduceCase } from './repeats.js';
import type { CaseReport } from './run-report.js';
import type { RunPlan } from './types.js';

/** A case's repeats folded into one row: how many of its repeats reached a verdict and passed. */
export interface ReducedCaseReport extends CaseReport {
  repeats: { passed: number; verdicts: number; of: number };
}

/**
 * One report row per case from a run with --repeat N: the reduced verdict (the run's `reduce:`)
 * and each criterion's mean over the repeats. `juror compare` pairs these, because the repeats of a
 * case are not independent: counting each (case, repeat) as a pair would let a test see N times
 * the evidence there is. What is shown (prompt, output, tags) is the first repeat's.
 */
export function reduceReports(cases: readonly CaseReport[], reduce: Reducer, decide: RunPlan['decide']): ReducedCaseReport[] {
  const byCase = new Map<string, CaseReport[]>();
  for (const c of cases) {
    let list = byCase.get(c.caseId);
    if (!list) byCase.set(c.caseId, (list = []));
    list.push(c);
  }
  const out: ReducedCaseReport[] = [];
  for (const [caseId, list] of byCase) {
    const r = reduceCase(caseId, list, reduce, decide);
    const first = list[0]!;
    out.push({
      ...first,
      repeat: 0,
      status: r.status,
      scores: r.scores,
      error: r.status === 'errored' ? (list.find((x) => x.error)?.error ?? first.error) : null,
      repeats: { passed: r.passes, verdicts: r.n, of: list.length },
    });
  }
  return out;
}

/** The most repeats any case has (1 for a run without --repeat). */
export function maxRepeats(cases: readonly CaseReport[]): number {
  let most = 0;
  for (const c of cases) if (c.repeat > most) most = c.repeat;
  return most + 1;
}
