import { describe, expect, it } from 'vitest';
import { squadTokens, tokenF1 } from '../../src/scorers/token-f1.js';
import { kase, scorerFrom } from './helpers.js';

describe('tokenF1 (SQuAD evaluation script)', () => {
  it('the issue example: "the cat sat" vs "a cat sat down" = 0.8', () => {
    // normalised: [cat, sat] vs [cat, sat, down]: P = 1, R = 2/3, F1 = 0.8
    expect(tokenF1('the cat sat', 'a cat sat down')).toBeCloseTo(0.8, 12);
  });

  it('normalises like normalize_answer: case, punctuation, articles, whitespace', () => {
    expect(squadTokens('The  Eiffel-Tower, in an  hour!')).toEqual(['eiffeltower', 'in', 'hour']);
    expect(tokenF1('Paris.', 'paris')).toBe(1);
    // articles only inside word boundaries: "theory" keeps its "the"
    expect(squadTokens('the theory of an anthem')).toEqual(['theory', 'of', 'anthem']);
  });

  it('counts repeated tokens as a bag (Counter &), and no overlap is 0', () => {
    // pred [a? no: "cat cat cat"] vs gold [cat]: common 1, P = 1/3, R = 1, F1 = 0.5
    expect(tokenF1('cat cat cat', 'cat')).toBeCloseTo(0.5, 12);
    expect(tokenF1('dog', 'cat')).toBe(0);
  });

  it('empty after normalisation: 1 if both are empty, else 0 (SQuAD v2 rule)', () => {
    expect(tokenF1('the', 'a')).toBe(1);
    expect(tokenF1('the', 'cat')).toBe(0);
  });
});

describe('token-f1 scorer', () => {
  it('value is F1 against expected, best of a list; threshold default 0.5', async () => {
    const s = scorerFrom('  - token-f1');
    expect(await s.score('the cat sat', kase({ id: 'a', expected: 'a cat sat down' }))).toEqual([
      { scorer: 'token-f1', criterion: 'token-f1', value: 0.8, passed: true, reason: 'token-f1 0.8 >= 0.5' },
    ]);
    const [best] = await scorerFrom('  - token-f1: 0.9').score('Paris', kase({ id: 'a', expected: ['London', 'paris!'] }));
    expect(best).toMatchObject({ value: 1, passed: true, reason: 'token-f1 1 >= 0.9 (best of 2: "paris!")' });
  });
});
