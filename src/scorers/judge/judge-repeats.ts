import { passes, type Criterion } from '../../core/rubric.js';
import type { Score } from '../../core/score.js';
import { round4 } from '../../stats/round.js';
import { listVerdicts, majorityOf, nearestLevel, sumUsage } from './verdict-combine.js';

/**
 * `--judge-repeat K`: the judge asked K times about the same output. Each verdict is kept on the
 * combined score (`meta.judgeRepeats`), so the judge's test-retest agreement can be measured
 * (src/runner/judge-retest.ts), and the criterion's score is:
 * - ordinal: the mean of the scored verdicts; `label` the level nearest that mean (the lower on a
 *   tie), which is what calibration and label rules read; `passed` the rubric's threshold on the mean;
 * - nominal: the most common choice; an even split has no answer and is unscored with the reason.
 * Unscored verdicts are left out; all of them unscored leaves the criterion unscored.
 */
export interface JudgeRepeats {
  scale: 'ordinal' | 'nominal';
  /** One per repeat, in repeat order: the level (ordinal) or choice index (nominal); null = unscored. */
  values: Array<number | null>;
}

export function combineJudgeRepeats(criterion: Criterion, verdicts: readonly Score[]): Score {
  const first = verdicts[0]!;
  const scale = criterion.scale;
  const repeats: JudgeRepeats = { scale: scale.type, values: verdicts.map((v) => v.value) };
  const meta = { ...first.meta, usage: sumUsage(verdicts), cached: verdicts.every((v) => v.meta?.cached === true), judgeRepeats: repeats };
  const scored = verdicts.filter((v) => v.value !== null);
  const base = { scorer: first.scorer, criterion: first.criterion, judge: first.judge, meta };
  const k = verdicts.length;
  if (scored.length === 0) return { ...base, value: null, reason: `unscored in all ${k} judge repeats: ${first.reason ?? 'no verdict'}` };
  const listed = listVerdicts(verdicts);
  if (scale.type === 'ordinal') {
    const mean = scored.reduce((t, v) => t + v.value!, 0) / scored.length;
    const level = nearestLevel(scale.levels, mean);
    return {
      ...base,
      value: round4(mean),
      label: String(level),
      passed: passes(criterion, mean),
      reason: `mean of ${k} judge verdicts (${listed}); first: ${scored[0]!.reason ?? ''}`.trim(),
    };
  }
  const top = majorityOf(scored.map((v) => v.value!));
  if (!top) {
    return { ...base, value: null, reason: `the judge split evenly across ${k} repeats (${listed}): no majority (use an odd --judge-repeat)` };
  }
  const choice = top.value;
  const winner = scored.find((v) => v.value === choice)!;
  return {
    ...base,
    value: choice,
    label: winner.label,
    passed: passes(criterion, choice),
    reason: `${top.count} of ${k} judge verdicts (${listed}); ${winner.reason ?? ''}`.trim(),
  };
}
