import { describe, expect, it } from 'vitest';
import { lcsLength, rougeL, rougeN, rougeTokens } from '../../src/scorers/rouge.js';
import { kase, scorerFrom } from './helpers.js';

// Values computed by hand with rouge-score's definitions (score(target, prediction); precision =
// overlap / |prediction|, recall = overlap / |target|, F = 2PR/(P+R); ROUGE-L over the LCS).
describe('rouge-score conventions', () => {
  it('rouge-l F("the cat sat on the mat", "the cat is on the mat") = 5/6 (LCS "the cat on the mat")', () => {
    const s = rougeL('the cat sat on the mat', 'the cat is on the mat');
    expect(s.fmeasure).toBeCloseTo(5 / 6, 12);
    expect(s.precision).toBeCloseTo(5 / 6, 12);
  });

  it('the rouge-score README pair, no stemming: rouge1 F 12/17, rougeL F 10/17', () => {
    const target = 'The quick brown fox jumps over the lazy dog';
    const prediction = 'The quick brown dog jumps on the log.';
    // unigram overlap: the×2, quick, brown, dog, jumps = 6; |pred| 8, |target| 9
    const r1 = rougeN(target, prediction, 1);
    expect([r1.precision, r1.recall]).toEqual([6 / 8, 6 / 9]);
    expect(r1.fmeasure).toBeCloseTo(12 / 17, 12);
    // LCS "the quick brown jumps the" = 5
    expect(rougeL(target, prediction).fmeasure).toBeCloseTo(10 / 17, 12);
  });

  it('rouge2 counts clipped bigrams', () => {
    // target bigrams: the cat, cat sat, sat on, on the, the mat; shared: the cat, on the, the mat
    expect(rougeN('the cat sat on the mat', 'the cat is on the mat', 2).fmeasure).toBeCloseTo(3 / 5, 12);
    // "the the the" vs "the": one shared unigram (clipped), P = 1/3, R = 1
    expect(rougeN('the', 'the the the', 1)).toEqual({ precision: 1 / 3, recall: 1, fmeasure: 0.5 });
  });

  it('tokens: lower-case, letters and digits only; empty text scores 0', () => {
    expect(rougeTokens("Don't stop-2 believing!")).toEqual(['don', 't', 'stop', '2', 'believing']);
    expect(rougeTokens('Café crème')).toEqual(['café', 'crème']); // rouge-score would drop é and è
    expect(rougeL('', 'x')).toEqual({ precision: 0, recall: 0, fmeasure: 0 });
    expect(lcsLength(['a', 'b', 'c', 'b', 'd', 'a', 'b'], ['b', 'd', 'c', 'a', 'b', 'a'])).toBe(4); // CLRS 15.4
  });
});

describe('rouge-n / rouge-l scorers', () => {
  it('rouge-l value is the F-measure; threshold default 0.75', async () => {
    const [s] = await scorerFrom('  - rouge-l').score('the cat is on the mat', kase({ id: 'a', expected: 'the cat sat on the mat' }));
    expect(s).toMatchObject({ scorer: 'rouge-l', criterion: 'rouge-l', passed: true, reason: 'rouge-l 0.833 >= 0.75, P 0.833 R 0.833 F 0.833' });
    expect(s!.value).toBeCloseTo(5 / 6, 12);
  });

  it('rouge-n takes n, a threshold and a measure', async () => {
    const s = scorerFrom('  - rouge-n: { n: 2, threshold: 0.7 }');
    const [r] = await s.score('the cat is on the mat', kase({ id: 'a', expected: 'the cat sat on the mat' }));
    expect(r).toMatchObject({ passed: false });
    expect(r!.value).toBeCloseTo(0.6, 12);
    const [rec] = await scorerFrom('  - rouge-n: { measure: recall }').score('the the the', kase({ id: 'a', expected: 'the' }));
    expect(rec!.value).toBe(1);
  });
});
