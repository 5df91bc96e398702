import { describe, expect, it } from 'vitest';
import type { Criterion } from '../../../src/core/rubric.js';
import type { Score } from '../../../src/core/score.js';
import { combineJudgeRepeats } from '../../../src/scorers/judge/judge-repeats.js';

const ordinal: Criterion = { name: 'faithfulness', question: 'q', scale: { type: 'ordinal', levels: [1, 2, 3, 4, 5] }, anchors: {}, pass: 4 };
const nominal: Criterion = { name: 'verdict', question: 'q', scale: { type: 'nominal', choices: ['pass', 'fail'] }, anchors: {} };
const usage = { inputTokens: 10, outputTokens: 2 };
const v = (value: number | null, label?: string): Score => ({
  scorer: 'rubric', criterion: 'rubric.x', value, ...(label ? { label } : {}), reason: value === null ? 'judge said "banana"' : `r${value}`, judge: 'mock', meta: { usage, cached: false },
});

describe('combineJudgeRepeats', () => {
  it('ordinal: the mean is the score, the rubric threshold applies to it, the label is the nearest level', () => {
    const s = combineJudgeRepeats(ordinal, [v(4, '4'), v(3, '3'), v(4, '4')]);
    expect(s).toMatchObject({ value: 3.6667, label: '4', passed: false }); // 3.67 < 4: the mean decides
    expect(s.meta).toMatchObject({ judgeRepeats: { scale: 'ordinal', values: [4, 3, 4] }, usage: { inputTokens: 30, outputTokens: 6 } });
    expect(s.reason).toMatch(/^mean of 3 judge verdicts \(4, 3, 4\)/);
    expect(combineJudgeRepeats(ordinal, [v(5, '5'), v(4, '4'), v(null), v(4, '4')])).toMatchObject({ value: 4.3333, label: '4', passed: true });
    // 3.5 is as near 3 as 4: the lower level
    expect(combineJudgeRepeats(ordinal, [v(3, '3'), v(4, '4')]).label).toBe('3');
  });

  it('nominal: the most common choice; an even split is unscored with the reason', () => {
    expect(combineJudgeRepeats(nominal, [v(1, 'fail'), v(0, 'pass'), v(1, 'fail')])).toMatchObject({ value: 1, label: 'fail', passed: false });
    const split = combineJudgeRepeats(nominal, [v(1, 'fail'), v(0, 'pass')]);
    expect(split.value).toBeNull();
    expect(split.reason).toBe('the judge split evenly across 2 repeats (fail, pass): no majority (use an odd --judge-repeat)');
    expect(split.meta).toMatchObject({ judgeRepeats: { scale: 'nominal', values: [1, 0] } });
  });

  it('unscored in every repeat stays unscored', () => {
    const s = combineJudgeRepeats(ordinal, [v(null), v(null)]);
    expect(s.value).toBeNull();
    expect(s.reason).toBe('unscored in all 2 judge repeats: judge said "banana"');
  });
});
