import { describe, expect, it } from 'vitest';
import { loadRubric } from '../../src/loader/load-rubric.js';
import type { CompletionRequest, Provider } from '../../src/providers/provider.js';
import { withCache } from '../../src/runner/cache.js';
import { retestOf } from '../../src/runner/judge-retest.js';
import { runSuite } from '../../src/runner/run-suite.js';
import { newCounters } from '../../src/runner/wrap-providers.js';
import { createJudgeScorer } from '../../src/scorers/judge/judge-scorer.js';
import { decideCase } from '../../src/scorers/thresholds.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';

/**
 * Reference values: an independent implementation of Krippendorff (2011)'s coincidence-matrix
 * alpha in exact fractions (Python, `fractions`), which reproduces the paper's own example
 * (4 observers x 12 units: nominal 0.743, ordinal 0.815, interval 0.849), gives for the 4 outputs
 * x 3 asks below (5,5,4 / 2,2,2 / 4,3,4 / 1,2,1): ordinal 5633/6480 = 0.869290..., interval
 * 22/25, nominal 2/5; and for the 0/1 data in the nominal test 13/27.
 */
const FAITH = [[5, 5, 4], [2, 2, 2], [4, 3, 4], [1, 2, 1]];

describe('retestOf', () => {
  it('ordinal alpha over outputs x asks', () => {
    const r = retestOf('rubric.faithfulness', 'ordinal', 3, FAITH);
    expect(r).toMatchObject({ criterion: 'rubric.faithfulness', level: 'ordinal', repeats: 3, outputs: 4 });
    expect(r.alpha.value).toBeCloseTo(5633 / 6480, 4);
    if (r.alpha.value === null || !r.alpha.ci95) throw new Error('alpha has an interval here');
    expect(r.alpha.ci95[0]).toBeLessThan(r.alpha.value);
  });
  it('nominal alpha; no variance at all is undefined with the reason, never NaN', () => {
    expect(retestOf('c', 'nominal', 3, [[0, 0, 1], [1, 1, 1], [0, 0, 0], [1, 0, 1], [0, 0, 0]]).alpha.value).toBeCloseTo(13 / 27, 4);
    const same = retestOf('c', 'ordinal', 2, [[5, 5], [5, 5]]);
    expect(same.alpha.value).toBeNull();
    expect(same.alpha).toHaveProperty('reason');
  });
});

describe('runSuite with --judge-repeat 3 and a judge whose verdicts vary', () => {
  it('asks 3 times per output (the cache keeps them apart), stores each verdict, scores the mean, reports alpha', async () => {
    const store = openSqliteStore(':memory:');
    const rubric = loadRubric('rubrics/faithfulness.yaml');
    let calls = 0;
    // The judge's verdict depends on which output (case) and which ask (meta.judgeRepeat) it is.
    const judge: Provider = {
      id: 'scripted-judge', model: 'scripted',
      async complete(req: CompletionRequest) {
        calls++;
        const i = Number(req.meta!.caseId!.slice(1));
        const j = req.meta!.judgeRepeat ?? 0;
        const verdict = { faithfulness: { score: FAITH[i]![j], reasoning: `ask ${j}` }, relevance: { score: 5, reasoning: 'on topic' } };
        return { text: JSON.stringify(verdict), structured: verdict, usage: { inputTokens: 10, outputTokens: 5 }, latencyMs: 1, model: 'scripted' };
      },
    };
    const system: Provider = { id: 'sys', model: 'sys', complete: async () => ({ text: 'an answer', usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, model: 'sys' }) };
    const plan = () => ({
      suiteName: 'retest', suitePath: null, params: {},
      cases: [0, 1, 2, 3].map((i) => ({ id: `c${i}`, vars: { question: `q${i}` }, tags: [] })),
      render: () => [{ role: 'user' as const, content: 'q' }],
      scorers: [createJudgeScorer({ rubric, provider: withCache(judge, store), repeats: 3 })],
      decide: (scores: Parameters<typeof decideCase>[1]) => decideCase([], scores),
    });
    const res = await runSuite(plan(), { providerSpec: 'sys' }, { store, provider: system, counters: newCounters() });
    expect(calls).toBe(12); // 4 outputs x 3 asks: the cache did not collapse them
    const scores = store.getScores(res.runId).filter((s) => s.criterion === 'rubric.faithfulness');
    expect(scores).toHaveLength(4); // one combined score per output and criterion ...
    expect(scores.map((s) => (s.meta!.judgeRepeats as { values: number[] }).values)).toEqual(FAITH); // ... keeping every verdict
    expect(scores.map((s) => s.value)).toEqual([4.6667, 2, 3.6667, 1.3333]);
    expect(res.summary.meanByCriterion['rubric.faithfulness']).toBe(2.9167); // (14 + 6 + 11 + 4) / 12
    expect(res.summary.judgeUsage).toEqual({ inputTokens: 120, outputTokens: 60 });
    const [faith, rel] = res.summary.judgeRetest!;
    expect(faith).toMatchObject({ criterion: 'rubric.faithfulness', level: 'ordinal', repeats: 3, outputs: 4 });
    expect(faith!.alpha.value).toBeCloseTo(5633 / 6480, 4);
    // the same verdict every time on every output: no variance, alpha undefined (said, not NaN)
    expect(rel).toMatchObject({ criterion: 'rubric.relevance', alpha: { value: null } });
    expect(store.getRun(res.runId)!.summary!.judgeRetest).toEqual(res.summary.judgeRetest);
    // the same run again: every ask answered from the cache
    await runSuite(plan(), { providerSpec: 'sys' }, { store, provider: system, counters: newCounters() });
    expect(calls).toBe(12);
    store.close();
  });
});
