import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/core/case.js';
import { ndcgAtK, precisionAtK, recallAtK, reciprocalRank } from '../../src/scorers/retrieval.js';
import { kase, scorerFrom } from './helpers.js';
import { messageOf } from '../loader/config-error.js';
import { suiteWith } from './helpers.js';

const retrieved = ['d3', 'd1', 'd7', 'd2', 'd9'];
const gold = new Set(['d1', 'd2', 'd5']);

describe('retrieval metrics (binary relevance, trec_eval definitions)', () => {
  it('precision@k and recall@k', () => {
    expect(precisionAtK(retrieved, gold, 3)).toBeCloseTo(1 / 3, 12);
    expect(precisionAtK(retrieved, gold, 5)).toBeCloseTo(2 / 5, 12);
    expect(precisionAtK(['d1'], gold, 5)).toBeCloseTo(1 / 5, 12); // fewer than k retrieved: still over k
    expect(recallAtK(retrieved, gold, 3)).toBeCloseTo(1 / 3, 12);
    expect(recallAtK(retrieved, gold, 5)).toBeCloseTo(2 / 3, 12);
  });

  it('MRR: 1 / rank of the first relevant id (0 when none within k)', () => {
    expect(reciprocalRank(retrieved, gold)).toBe(0.5);
    expect(reciprocalRank(retrieved, gold, 1)).toBe(0);
    expect(reciprocalRank(['d2'], gold)).toBe(1);
  });

  it('nDCG@k equals sklearn.metrics.ndcg_score on the same ranking', () => {
    // sklearn 1.2.1 (Debian python3-sklearn): ndcg_score([[0,1,0,1,0,1]], [[6,5,4,3,2,1]], k=5) = 0.49818925746641274
    // (the unretrieved gold d5 ranked last); by hand (1/log2 3 + 1/log2 5) / (1 + 1/log2 3 + 1/log2 4).
    const byHand = (1 / Math.log2(3) + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3) + 1 / Math.log2(4));
    expect(ndcgAtK(retrieved, gold, 5)).toBeCloseTo(byHand, 12);
    expect(ndcgAtK(retrieved, gold, 5)).toBeCloseTo(SKLEARN_NDCG_5, 9);
    expect(ndcgAtK(['d1', 'd2', 'd5'], gold, 3)).toBe(1);
    expect(ndcgAtK(['x'], gold, 3)).toBe(0);
  });
});

const withChunks = (ids: Array<string | undefined>, goldIds?: string[]): Case =>
  kase({ id: 'r1', context: ids.map((id, i) => ({ text: `passage ${i}`, ...(id ? { id } : {}) })), ...(goldIds ? { gold_ids: goldIds } : {}) });

describe('retrieval scorers', () => {
  it('read retrieved ids from context[].id and gold from gold_ids; k and threshold', async () => {
    const s = scorerFrom('  - recall-at-k: { k: 5, threshold: 0.5 }');
    expect(await s.score('any answer', withChunks(retrieved, ['d1', 'd2', 'd5']))).toEqual([
      { scorer: 'recall-at-k', criterion: 'recall-at-k', value: 2 / 3, passed: true, reason: 'recall@5 = 0.667: 2 of 3 gold in the top 5 (d1, d2)' },
    ]);
    const [p] = await scorerFrom('  - precision-at-k: 3').score('x', withChunks(retrieved, ['d1', 'd2', 'd5']));
    expect(p).toEqual({ scorer: 'precision-at-k', criterion: 'precision-at-k', value: 1 / 3, reason: 'precision@3 = 0.333: 1 of 3 gold in the top 3 (d1)' });
    const [m] = await scorerFrom('  - mrr').score('x', withChunks(retrieved, ['d1']));
    expect(m!.value).toBe(0.5);
  });

  it('from: output reads a JSON list of ids or of { id } objects, at a path', async () => {
    const s = scorerFrom('  - ndcg-at-k: { k: 3, from: output, path: sources }');
    const c = kase({ id: 'a', gold_ids: ['d1', 'd2'] });
    const [n] = await s.score('{"answer": "x", "sources": [{"id": "d1"}, {"id": "d2"}, {"id": "d9"}]}', c);
    expect(n!.value).toBe(1);
    const [bad] = await s.score('{"answer": "x"}', c);
    expect(bad).toMatchObject({ value: null, reason: 'output has no sources ($.sources is missing)' });
    const [plain] = await scorerFrom('  - precision-at-k: { k: 2, from: output }').score('["d2", 7]', kase({ id: 'a', gold_ids: ['d2', 7] }));
    expect(plain!.value).toBe(1);
  });

  it('unscored without gold ids or without chunk ids (never 0)', async () => {
    const s = scorerFrom('  - recall-at-k');
    expect((await s.score('x', withChunks(['d1'])))[0]).toMatchObject({ value: null, reason: 'case "r1" has no gold_ids' });
    expect((await s.score('x', withChunks(['d1', undefined], ['d1'])))[0]).toMatchObject({
      value: null,
      reason: 'case "r1" has no retrieved chunk ids (context: [{ text, id }, ...])',
    });
  });

  it('path only with from: output', () => {
    expect(messageOf(() => suiteWith('  - mrr: { path: x }'))).toMatch(/s\.yaml:5: mrr: "path" is for from: output$/);
  });
});

const SKLEARN_NDCG_5 = 0.49818925746641274;
