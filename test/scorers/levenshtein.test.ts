import { describe, expect, it } from 'vitest';
import { levenshteinDistance, levenshteinSimilarity } from '../../src/scorers/levenshtein.js';
import { kase, scorerFrom } from './helpers.js';

describe('levenshteinDistance / levenshteinSimilarity', () => {
  it('kitten → sitting is 3 edits; similarity 1 − 3/7', () => {
    expect(levenshteinDistance('kitten', 'sitting')).toBe(3);
    expect(levenshteinSimilarity('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7, 12);
  });

  it('textbook cases: empty strings, identical, all different, code points not UTF-16 units', () => {
    expect(levenshteinDistance('', 'abc')).toBe(3);
    expect(levenshteinSimilarity('', '')).toBe(1);
    expect(levenshteinDistance('flaw', 'lawn')).toBe(2);
    expect(levenshteinDistance('saturday', 'sunday')).toBe(3);
    expect(levenshteinSimilarity('abc', 'xyz')).toBe(0);
    // "😀" is two UTF-16 units but one character: one substitution.
    expect(levenshteinDistance('a😀', 'ab')).toBe(1);
  });
});

describe('levenshtein scorer', () => {
  it('value is the similarity to expected; passes at the threshold (default 0.8)', async () => {
    const s = scorerFrom('  - levenshtein');
    expect(await s.score(' sitting\n', kase({ id: 'a', expected: 'kitten' }))).toEqual([
      { scorer: 'levenshtein', criterion: 'levenshtein', value: 1 - 3 / 7, passed: false, reason: 'levenshtein 0.571 < 0.8, distance 3 over 7 characters' },
    ]);
    expect((await s.score('kitten', kase({ id: 'a', expected: 'kitten' })))[0]).toMatchObject({ value: 1, passed: true });
  });

  it('a bare number is the threshold; ignore_case; the best of several expected answers', async () => {
    expect((await scorerFrom('  - levenshtein: 0.5').score('sitting', kase({ id: 'a', expected: 'kitten' })))[0]!.passed).toBe(true);
    const s = scorerFrom('  - levenshtein: { ignore_case: true }');
    const [score] = await s.score('KITTEN', kase({ id: 'a', expected: ['sitting', 'kitten'] }));
    expect(score).toMatchObject({ value: 1, passed: true });
    expect(score!.reason).toBe('levenshtein 1 >= 0.8, distance 0 over 6 characters (best of 2: "kitten")');
  });

  it('no expected value: unscored', async () => {
    expect((await scorerFrom('  - levenshtein').score('x', kase({ id: 'q' })))[0]).toMatchObject({ value: null, reason: 'case "q" has no expected value' });
  });
});
