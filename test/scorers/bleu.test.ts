import { describe, expect, it } from 'vitest';
import { corpusBleu, sentenceBleu, tokenize13a } from '../../src/scorers/bleu.js';
import { kase, scorerFrom } from './helpers.js';

describe('tokenize13a (sacreBLEU default tokenizer)', () => {
  it('splits punctuation and symbols, keeps apostrophes, numbers with . and , together', () => {
    expect(tokenize13a("It wasn't surprising.")).toEqual(['It', "wasn't", 'surprising', '.']);
    expect(tokenize13a('Costs $3.50, or 1,000 (approx.) -- see "A&amp;B"')).toEqual([
      'Costs', '$', '3.50', ',', 'or', '1,000', '(', 'approx', '.', ')', '--', 'see', '"', 'A', '&', 'B', '"',
    ]);
    expect(tokenize13a('pages 5-7')).toEqual(['pages', '5', '-', '7']);
  });
});

describe('corpusBleu', () => {
  it('matches the published sacreBLEU README example (BLEU = 48.53 82.4/50.0/45.5/37.5, BP 0.943, 17/18)', () => {
    // github.com/mjpost/sacrebleu README, "Using SacreBLEU from Python" (sacreBLEU 2.0.0,
    // signature nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp).
    const refs = [
      ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'],
      ['The dog had bit the man.', 'No one was surprised.', 'The man had bitten the dog.'],
    ];
    const sys = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'];
    const r = corpusBleu(sys, sys.map((_, i) => refs.map((set) => set[i]!)));
    expect(r.score.toFixed(2)).toBe('48.53');
    expect(r.precisions.map((p) => p.toFixed(1))).toEqual(['82.4', '50.0', '45.5', '37.5']);
    expect(r.bp.toFixed(3)).toBe('0.943');
    expect([r.sysLen, r.refLen]).toEqual([17, 18]);
  });
});

describe('sentenceBleu (sacreBLEU sentence_bleu defaults: exp smoothing, effective order)', () => {
  it('computed by hand: p = 6/7, 4/6, 2/5, 1/4, BP = exp(1 − 8/7)', () => {
    const r = sentenceBleu('The cat sat on the mat.', ['The cat is sitting on the mat.']);
    expect(r.score).toBeCloseTo(Math.exp(1 - 8 / 7) * Math.pow((6 / 7) * (4 / 6) * (2 / 5) * (1 / 4), 1 / 4) * 100, 10);
  });

  it('exp smoothing: the k-th zero precision becomes 100 / (2^k · total)', () => {
    // 1-grams 4/5, 2-grams 2/4, 3-grams 0/3 → 100/(2·3), 4-grams 0/2 → 100/(4·2); BP 1
    const r = sentenceBleu('the dog ran home fast', ['the dog went home fast']);
    expect(r.precisions).toEqual([80, 50, 100 / 6, 100 / 8]);
    expect(r.score).toBeCloseTo(Math.pow(0.8 * 0.5 * (1 / 6) * (1 / 8), 1 / 4) * 100, 10);
    // no smoothing: a zero precision makes BLEU 0
    expect(sentenceBleu('the dog ran home fast', ['the dog went home fast'], { smooth: 'none' }).score).toBe(0);
  });

  it('effective order: a two-token hypothesis equal to the reference scores 100 (0 without)', () => {
    expect(sentenceBleu('hello world', ['hello world']).score).toBeCloseTo(100, 10);
    expect(corpusBleu(['hello world'], [['hello world']]).score).toBe(0);
  });

  it('agrees with NLTK 3.8 (sentence_bleu, SmoothingFunction().method3 = NIST geometric = sacreBLEU exp)', () => {
    // Reference values: python3-nltk 3.8 (Debian) on the tokens of sacreBLEU's 13a regexes re-typed in
    // Python; hypotheses are longer than 4 tokens, so effective order does not apply.
    expect(sentenceBleu("It wasn't surprising at all, really.", ['It was not unexpected.', 'No one was surprised at all.']).score).toBeCloseTo(13.134549472120794, 9);
    expect(sentenceBleu('Refunds take 5-7 business days (see §3).', ['Refunds take 5-7 business days.']).score).toBeCloseTo(53.31675363405771, 9);
  });

  it('brevity penalty uses the closest reference length, the shorter on a tie', () => {
    // hyp 4 tokens; refs of 3 and 5 tokens are equally close → 3 is used → no penalty
    expect(sentenceBleu('a b c d', ['a b c', 'a b c d e']).bp).toBe(1);
    expect(sentenceBleu('a b c d', ['a b c d e f']).bp).toBeCloseTo(Math.exp(1 - 6 / 4), 12);
  });
});

describe('bleu scorer', () => {
  it('value is sentence BLEU / 100 against every expected answer as a reference', async () => {
    const [s] = await scorerFrom('  - bleu: 0.4').score('The cat sat on the mat.', kase({ id: 'a', expected: 'The cat is sitting on the mat.' }));
    expect(s!.value).toBeCloseTo(Math.exp(1 - 8 / 7) * Math.pow(2 / 35, 1 / 4), 10);
    expect(s).toMatchObject({ passed: true, reason: 'bleu 0.424 >= 0.4, BLEU 42.38 85.7/66.7/40.0/25.0 (BP 0.867)' });
    const [multi] = await scorerFrom('  - bleu').score("It wasn't surprising.", kase({ id: 'a', expected: ['It was not unexpected.', "It wasn't surprising."] }));
    expect(multi!.value).toBeCloseTo(1, 12);
  });
});
