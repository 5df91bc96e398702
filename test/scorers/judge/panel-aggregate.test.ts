import { describe, expect, it } from 'vitest';
import type { PanelVerdict } from '../../../src/core/judge-panel.js';
import type { Criterion } from '../../../src/core/rubric.js';
import { aggregateFor, aggregatePanel } from '../../../src/scorers/judge/panel-aggregate.js';

const ORDINAL: Criterion = { name: 'faithfulness', question: 'q', scale: { type: 'ordinal', levels: [1, 2, 3, 4, 5] }, anchors: {}, pass: 4 };
const NOMINAL: Criterion = { name: 'correct', question: 'q', scale: { type: 'nominal', choices: ['yes', 'no'] }, anchors: {}, pass: 'yes' };

function v(judge: string, value: number | null, label?: string, tokens = 10): PanelVerdict {
  return { judge, value, ...(label ? { label } : {}), reason: `${judge} says ${label ?? value}`, meta: { usage: { inputTokens: tokens, outputTokens: 1 }, cached: false } };
}
const ord = (values: Array<number | null>) => values.map((x, i) => v(`j${i + 1}`, x, x === null ? undefined : String(x)));

describe('aggregatePanel', () => {
  it('mean (the ordinal default): the mean level, labelled by the nearest level, passed by the threshold on the mean', () => {
    const s = aggregatePanel(ORDINAL, 'rubric.faithfulness', aggregateFor(ORDINAL, undefined), ord([5, 3, 4]), 'j1,j2,j3');
    expect(s).toMatchObject({ scorer: 'rubric', criterion: 'rubric.faithfulness', value: 4, label: '4', passed: true, judge: 'j1,j2,j3' });
    const low = aggregatePanel(ORDINAL, 'rubric.faithfulness', 'mean', ord([5, 3, 3]), 'p');
    // 11/3 = 3.6667 < 4 fails; nearest level 4
    expect(low).toMatchObject({ value: 3.6667, label: '4', passed: false });
    expect(low.reason).toBe('mean of 3 panel verdicts (5, 3, 3 from j1, j2, j3)');
    // every member kept, in panel order, with its spec; usage summed over the members' calls
    expect(low.panel!.map((m) => [m.judge, m.value])).toEqual([['j1', 5], ['j2', 3], ['j3', 3]]);
    expect(low.meta).toMatchObject({ usage: { inputTokens: 30, outputTokens: 3 }, aggregate: 'mean', scale: 'ordinal' });
  });

  it('median: the middle level, the mean of the two middle ones for an even count', () => {
    expect(aggregatePanel(ORDINAL, 'c', 'median', ord([5, 1, 2]), 'p')).toMatchObject({ value: 2, label: '2', passed: false });
    expect(aggregatePanel(ORDINAL, 'c', 'median', ord([5, 1, 2, 4]), 'p')).toMatchObject({ value: 3, label: '3', passed: false });
    expect(aggregatePanel(ORDINAL, 'c', 'median', ord([5, 4, null]), 'p')).toMatchObject({ value: 4.5, label: '4', passed: true });
  });

  it('majority on an ordinal criterion when asked: the most common level; a tie is unscored with the reason', () => {
    expect(aggregatePanel(ORDINAL, 'c', 'majority', ord([2, 5, 2]), 'p')).toMatchObject({ value: 2, label: '2', passed: false });
    const tie = aggregatePanel(ORDINAL, 'c', 'majority', ord([1, 2, 3]), 'p');
    expect(tie.value).toBeNull();
    expect(tie.reason).toBe('the panel split evenly (1, 2, 3 from j1, j2, j3): no majority');
  });

  it('nominal: always the majority (a mean of choices has no meaning), an even split unscored', () => {
    expect(aggregateFor(NOMINAL, 'mean')).toBe('majority');
    expect(aggregateFor(NOMINAL, undefined)).toBe('majority');
    expect(aggregateFor(ORDINAL, 'median')).toBe('median');
    const three = aggregatePanel(NOMINAL, 'rubric.correct', 'majority', [v('a', 1, 'no'), v('b', 0, 'yes'), v('c', 1, 'no')], 'a,b,c');
    expect(three).toMatchObject({ value: 1, label: 'no', passed: false });
    expect(three.reason).toMatch(/^2 of 3 panel verdicts \(no, yes, no from a, b, c\); a: a says no$/);
    const split = aggregatePanel(NOMINAL, 'rubric.correct', 'majority', [v('a', 0, 'yes'), v('b', 1, 'no')], 'a,b');
    expect(split).toMatchObject({ value: null, reason: 'the panel split evenly (yes, no from a, b): no majority' });
    expect(split.panel).toHaveLength(2);
    expect(split).not.toHaveProperty('passed');
  });

  it('unscored members are left out; all unscored leaves the criterion unscored', () => {
    expect(aggregatePanel(ORDINAL, 'c', 'mean', ord([null, 4, 5]), 'p')).toMatchObject({ value: 4.5, passed: true });
    const none = aggregatePanel(ORDINAL, 'c', 'mean', [v('a', null), v('b', null)], 'a,b');
    expect(none).toMatchObject({ value: null, reason: 'unscored by all 2 panel judges: a says null' });
    // a split between a scored and an unscored member is no split: one verdict is a majority of one
    expect(aggregatePanel(NOMINAL, 'c', 'majority', [v('a', 0, 'yes'), v('b', null)], 'a,b')).toMatchObject({ value: 0, label: 'yes', passed: true });
  });
});
