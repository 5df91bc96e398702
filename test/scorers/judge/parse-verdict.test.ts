import { describe, expect, it } from 'vitest';
import { RubricSchema } from '../../../src/core/rubric.js';
import { parseVerdict } from '../../../src/scorers/judge/parse-verdict.js';

const rubric = RubricSchema.parse({
  name: 'r',
  criteria: [
    { name: 'accuracy', question: 'q', scale: { type: 'ordinal', levels: [1, 2, 3, 4, 5] } },
    { name: 'verdict', question: 'q', scale: { type: 'nominal', choices: ['pass', 'fail'] } },
  ],
});

const good = { accuracy: { reasoning: 'Matches.', score: 4 }, verdict: { reasoning: 'OK.', score: 'pass' } };
const ok = [
  { criterion: 'accuracy', ok: true, label: '4', value: 4, reasoning: 'Matches.' },
  { criterion: 'verdict', ok: true, label: 'pass', value: 0, reasoning: 'OK.' },
];

describe('parseVerdict', () => {
  it('accepts the structured object', () => {
    expect(parseVerdict(rubric, good)).toEqual(ok);
  });

  it('accepts JSON text, a ```json fence, and JSON surrounded by prose', () => {
    expect(parseVerdict(rubric, JSON.stringify(good))).toEqual(ok);
    expect(parseVerdict(rubric, 'Here you go:\n```json\n' + JSON.stringify(good, null, 2) + '\n```\n')).toEqual(ok);
    expect(parseVerdict(rubric, 'My verdict is ' + JSON.stringify(good) + ' — thanks.')).toEqual(ok);
  });

  it('accepts "4" as a string, a case-insensitive choice, and a {verdict: {...}} wrapper', () => {
    const v = parseVerdict(rubric, { verdict_wrapper: { accuracy: { reasoning: 'r', score: '4' }, verdict: { reasoning: 'r', score: 'PASS' } } });
    expect(v.map((x) => (x.ok ? x.label : null))).toEqual(['4', 'pass']);
  });

  it('non-JSON leaves every criterion unscored, quoting the answer', () => {
    expect(parseVerdict(rubric, 'I would give it a 5.')).toEqual([
      { criterion: 'accuracy', ok: false, reason: 'judge answer is not a JSON verdict: "I would give it a 5."' },
      { criterion: 'verdict', ok: false, reason: 'judge answer is not a JSON verdict: "I would give it a 5."' },
    ]);
    expect(parseVerdict(rubric, '{"accuracy": {"score": 4')).toEqual([
      { criterion: 'accuracy', ok: false, reason: 'judge answer is not a JSON verdict: "{\\"accuracy\\": {\\"score\\": 4"' },
      { criterion: 'verdict', ok: false, reason: 'judge answer is not a JSON verdict: "{\\"accuracy\\": {\\"score\\": 4"' },
    ]);
  });

  it('a value off the scale leaves only that criterion unscored, keeping the reasoning', () => {
    const v = parseVerdict(rubric, { accuracy: { reasoning: 'Great!', score: 7 }, verdict: { reasoning: 'r', score: 'pass' } });
    expect(v[0]).toEqual({
      criterion: 'accuracy',
      ok: false,
      reason: 'judge answered 7 for "accuracy", not on the scale (1, 2, 3, 4, 5)',
      reasoning: 'Great!',
    });
    expect(v[1]!.ok).toBe(true);
    expect(parseVerdict(rubric, { accuracy: { score: 4.5 }, verdict: { score: 'maybe' } }).map((x) => x.ok)).toEqual([false, false]);
  });

  it('a missing criterion is unscored', () => {
    const v = parseVerdict(rubric, { accuracy: { reasoning: 'r', score: 2 } });
    expect(v[0]!.ok).toBe(true);
    expect(v[1]).toEqual({ criterion: 'verdict', ok: false, reason: 'judge gave no score for "verdict"' });
  });

  it('a verdict with null or a non-object answer is unscored, never 0', () => {
    for (const answer of [null, 42, [1, 2]]) {
      const v = parseVerdict(rubric, answer);
      expect(v.every((x) => !x.ok)).toBe(true);
    }
    const v = parseVerdict(rubric, { accuracy: { score: null }, verdict: { score: 0 } });
    expect(v.map((x) => x.ok)).toEqual([false, false]);
  });
});
