import { describe, expect, it } from 'vitest';
import { SCORER_NAMES } from '../../src/scorers/catalog.js';
import { kase, scorerFrom, suiteWith } from './helpers.js';
import { messageOf } from '../loader/config-error.js';

describe('not- negation', () => {
  it('exists for every deterministic scorer, not for the judge', () => {
    for (const n of ['exact', 'contains', 'icontains', 'starts-with', 'regex', 'json-valid', 'is-json', 'json-schema', 'numeric', 'levenshtein', 'token-f1', 'rouge-n', 'rouge-l', 'bleu']) {
      expect(SCORER_NAMES).toContain(`not-${n}`);
    }
    expect(SCORER_NAMES).not.toContain('not-rubric');
  });

  it('not-contains passes when the value is absent, fails when present, with the reason', async () => {
    const s = scorerFrom('  - not-contains: "As an AI"');
    expect(await s.score('Sure, here it is.', kase({ id: 'a' }))).toEqual([
      { scorer: 'not-contains', criterion: 'not-contains', value: 1, passed: true, reason: 'as required, not: output does not contain "As an AI"' },
    ]);
    expect(await s.score('As an AI, I cannot.', kase({ id: 'a' }))).toEqual([
      { scorer: 'not-contains', criterion: 'not-contains', value: 0, passed: false, reason: 'must not hold: contains "As an AI"' },
    ]);
  });

  it('a similarity is flipped to 1 − value with the threshold applied to the original', async () => {
    const [s] = await scorerFrom('  - not-levenshtein: 0.5').score('sitting', kase({ id: 'a', expected: 'kitten' }));
    expect(s!.value).toBeCloseTo(3 / 7, 12);
    expect(s!.passed).toBe(false); // similarity 0.571 >= 0.5, so "not similar" fails
  });

  it('unscored stays unscored; options are validated as the original’s; as: renames', async () => {
    expect((await scorerFrom('  - not-exact').score('x', kase({ id: 'q' })))[0]).toMatchObject({ scorer: 'not-exact', value: null });
    expect(messageOf(() => suiteWith('  - not-regex: { pattern: "(" }'))).toMatch(/s\.yaml:5: regex: bad pattern/);
    const [r] = await scorerFrom('  - not-icontains: { value: sorry, as: no-apology }').score('SORRY', kase({ id: 'a' }));
    expect(r).toMatchObject({ scorer: 'not-icontains', criterion: 'no-apology', passed: false });
  });

  it('an unknown name suggests the closest, not- forms included', () => {
    expect(messageOf(() => suiteWith('  - not-contain: x'))).toMatch(/unknown scorer "not-contain" \(known: exact, .*; not-NAME negates a deterministic one\); did you mean "not-contains"\?$/);
  });
});
