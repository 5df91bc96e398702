import { RUBRIC_SCORER } from '../../core/criterion.js';
import { type PanelAggregate, type PanelVerdict } from '../../core/judge-panel.js';
import { passes, type Criterion } from '../../core/rubric.js';
import type { Score } from '../../core/score.js';
import { round4 } from '../../stats/round.js';
import { listVerdicts, majorityOf, nearestLevel, sumUsage } from './verdict-combine.js';

/** A member's verdict as it is kept beside the panel's score. */
export function memberVerdict(judge: string, s: Score): PanelVerdict {
  const v: PanelVerdict = { judge, value: s.value };
  if (s.label !== undefined) v.label = s.label;
  if (s.passed !== undefined) v.passed = s.passed;
  if (s.reason !== undefined) v.reason = s.reason;
  if (s.meta !== undefined) v.meta = s.meta;
  return v;
}

/** The rule a criterion is aggregated by: the panel's `aggregate` for an ordinal scale, always the majority for a nominal one. */
export function aggregateFor(criterion: Criterion, asked: PanelAggregate | undefined): PanelAggregate {
  return criterion.scale.type === 'nominal' ? 'majority' : (asked ?? 'mean');
}

/**
 * The panel's score on one criterion from its members' verdicts (every member kept in `panel`,
 * in panel order). Unscored members are left out; none scored leaves the criterion unscored.
 * - mean (ordinal default): the mean level; `label` the level nearest it, `passed` the rubric's
 *   threshold on the mean (as `--judge-repeat` does);
 * - median: the middle level (the mean of the two middle ones for an even count);
 * - majority (nominal, always): the most common verdict; a tie for most common is unscored with
 *   the reason (a panel of 2 that disagrees, or 3 that all differ).
 */
export function aggregatePanel(criterion: Criterion, name: string, rule: PanelAggregate, verdicts: readonly PanelVerdict[], spec: string): Score {
  const k = verdicts.length;
  const meta = { usage: sumUsage(verdicts), cached: verdicts.every((v) => v.meta?.cached === true), aggregate: rule, scale: criterion.scale.type };
  const base = { scorer: RUBRIC_SCORER, criterion: name, judge: spec, meta, panel: verdicts.map((v) => ({ ...v })) };
  const scored = verdicts.filter((v) => v.value !== null);
  if (scored.length === 0) return { ...base, value: null, reason: `unscored by all ${k} panel judges: ${verdicts[0]?.reason ?? 'no verdict'}` };
  const listed = `${listVerdicts(verdicts)} from ${verdicts.map((v) => v.judge).join(', ')}`;
  if (rule !== 'majority' && criterion.scale.type === 'ordinal') {
    const values = scored.map((v) => v.value!);
    const x = rule === 'mean' ? values.reduce((t, v) => t + v, 0) / values.length : median(values);
    return {
      ...base,
      value: round4(x),
      label: String(nearestLevel(criterion.scale.levels, x)),
      passed: passes(criterion, x),
      reason: `${rule} of ${scored.length} panel verdicts (${listed})`,
    };
  }
  const top = majorityOf(scored.map((v) => v.value!));
  if (!top) return { ...base, value: null, reason: `the panel split evenly (${listed}): no majority` };
  const winner = scored.find((v) => v.value === top.value)!;
  return {
    ...base,
    value: top.value,
    ...(winner.label !== undefined ? { label: winner.label } : {}),
    passed: passes(criterion, top.value),
    reason: `${top.count} of ${k} panel verdicts (${listed}); ${winner.judge}: ${winner.reason ?? ''}`.trim(),
  };
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
