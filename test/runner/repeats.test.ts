import { describe, expect, it } from 'vitest';
import type { Score } from '../../src/core/score.js';
import type { CaseStatus } from '../../src/runner/types.js';
import { reduceAll, reduceCase, summarizeRepeats, type Repeated } from '../../src/runner/repeats.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { runSuite } from '../../src/runner/run-suite.js';
import type { Provider } from '../../src/providers/provider.js';
import { newCounters } from '../../src/runner/wrap-providers.js';

const faith = (value: number | null): Score => ({ scorer: 'rubric', criterion: 'rubric.faithfulness', value, label: value === null ? undefined : String(value), passed: value === null ? undefined : value >= 4 });
const rep = (caseId: string, status: CaseStatus, value: number | null): Repeated => ({ caseId, status, scores: [faith(value)] });
/** The suite's thresholds for these tests: faithfulness >= 4. */
const decide = (scores: Score[]) => {
  const s = scores.find((x) => x.criterion === 'rubric.faithfulness');
  return s?.value === null || s === undefined ? 'unscored' as const : s.value >= 4 ? 'passed' as const : 'failed' as const;
};

// 5 repeats of one case: 2 pass (5, 4), 3 fail (3, 3, 2); mean 3.4, sd 1.140175
const FIVE = [rep('a', 'passed', 5), rep('a', 'failed', 3), rep('a', 'passed', 4), rep('a', 'failed', 3), rep('a', 'failed', 2)];

describe('reduceCase', () => {
  it('majority (default), all, any and mean give the verdicts their names say', () => {
    expect(reduceCase('a', FIVE, 'majority', decide).status).toBe('failed'); // 2 of 5
    expect(reduceCase('a', FIVE, 'any', decide).status).toBe('passed');
    expect(reduceCase('a', FIVE, 'all', decide).status).toBe('failed');
    expect(reduceCase('a', FIVE, 'mean', decide).status).toBe('failed'); // mean 3.4 < 4
    const three = [rep('b', 'passed', 5), rep('b', 'passed', 4), rep('b', 'failed', 3)];
    expect(reduceCase('b', three, 'majority', decide).status).toBe('passed'); // 2 of 3
    expect(reduceCase('b', three, 'mean', decide).status).toBe('passed'); // mean 4
    expect(reduceCase('b', three, 'all', decide).status).toBe('failed');
    // a tie is not a majority
    expect(reduceCase('c', [rep('c', 'passed', 5), rep('c', 'failed', 1)], 'majority', decide).status).toBe('failed');
  });

  it('reports the mean score, the spread and whether the verdict flipped', () => {
    const r = reduceCase('a', FIVE, 'majority', decide);
    expect(r.passes).toBe(2);
    expect(r.n).toBe(5);
    expect(r.unstable).toBe(true);
    expect(r.scores[0]!.value).toBe(3.4);
    expect(r.sd['rubric.faithfulness']).toBe(1.1402); // sample sd of 5,3,4,3,2 = sqrt(1.3)
    const steady = reduceCase('s', [rep('s', 'passed', 5), rep('s', 'passed', 5)], 'majority', decide);
    expect(steady.unstable).toBe(false);
    expect(steady.sd['rubric.faithfulness']).toBe(0);
  });

  it('errored and unscored repeats are missing data: out of the mean and of the verdict counts', () => {
    const errored: Repeated = { caseId: 'u', status: 'errored', scores: [] };
    const r = reduceCase('u', [rep('u', 'passed', 5), rep('u', 'unscored', null), errored], 'majority', decide);
    expect(r.scores[0]!.value).toBe(5);
    // 1 of the 1 repeat with a verdict passed: a majority, and not a flip
    expect([r.status, r.passes, r.n, r.unstable]).toEqual(['passed', 1, 1, false]);
    expect(reduceCase('u', [rep('u', 'passed', 5), rep('u', 'failed', 2), errored], 'majority', decide).status).toBe('failed'); // 1 of 2
    expect(reduceCase('u', [rep('u', 'passed', 5), errored, errored], 'all', decide).status).toBe('passed');
    // no verdict at all: errored or unscored, as most repeats were
    expect(reduceCase('u', [rep('u', 'unscored', null), errored, errored], 'any', decide)).toMatchObject({ status: 'errored', n: 0, unstable: false });
    expect(reduceCase('u', [rep('u', 'unscored', null), rep('u', 'unscored', null), errored], 'majority', decide).status).toBe('unscored');
    const dead = reduceCase('d', [errored, errored], 'mean', decide);
    expect(dead.status).toBe('errored');
  });
});

describe('reduceCase mean and the cost/latency rules', () => {
  it('hands the mean latency and cost over the repeats to the pass rules', () => {
    let seen: unknown;
    const two: Repeated[] = [
      { caseId: 'm', status: 'passed', scores: [], latencyMs: 100, costUsd: null },
      { caseId: 'm', status: 'failed', scores: [], latencyMs: 300, costUsd: 0.2 },
    ];
    reduceCase('m', two, 'mean', (_scores, metrics) => ((seen = metrics), 'passed'));
    expect(seen).toEqual({ latencyMs: 200, costUsd: 0.2 });
  });
});

describe('summarizeRepeats', () => {
  it('counts reduced verdicts, pass@k / pass^k over cases, and lists the unstable ones', () => {
    // case a: 2 of 5 passed; case b: 5 of 5; case c: 0 of 5
    const all = [...FIVE, ...Array.from({ length: 5 }, () => rep('b', 'passed', 5)), ...Array.from({ length: 5 }, () => rep('c', 'failed', 1))];
    const s = summarizeRepeats(reduceAll(all, 'majority', decide), 5, 'majority');
    expect(s).toMatchObject({ repeats: 5, reduce: 'majority', cases: 3, passed: 1, failed: 2, errored: 0, unscored: 0, unstable: ['a'] });
    // pass@2: a = 1 − C(3,2)/C(5,2) = 0.7, b = 1, c = 0 -> 0.5667; pass^2: a = C(2,2)/C(5,2) = 0.1, b = 1, c = 0 -> 0.3667
    expect(s.passAtK.find((x) => x.k === 2)!.value).toBe(0.5667);
    expect(s.passHatK.find((x) => x.k === 2)!.value).toBe(0.3667);
    // k = 1 is the plain pass rate over all 15 repeats: 7/15
    expect(s.passAtK[0]!.value).toBe(0.4667);
    expect(s.passHatK[0]!.value).toBe(0.4667);
    expect(s.passAtK.map((x) => x.k)).toEqual([1, 2, 3, 4, 5]);
    // spread: mean within-case sd = (1.1402 + 0 + 0) / 3
    expect(s.spread['rubric.faithfulness']).toBe(0.3801);
  });

  it('pass@k counts the repeats with a verdict; a case with fewer than k makes pass@k undefined, with the reason', () => {
    const errored: Repeated = { caseId: 'a', status: 'errored', scores: [] };
    // a: 2 of 3 verdicts passed (the fourth repeat errored); b: 1 of 4; c: no verdict at all (left out)
    const all = [rep('a', 'passed', 5), rep('a', 'passed', 4), rep('a', 'failed', 1), errored,
      rep('b', 'passed', 5), rep('b', 'failed', 1), rep('b', 'failed', 1), rep('b', 'failed', 1),
      ...Array.from({ length: 4 }, () => ({ caseId: 'c', status: 'errored' as const, scores: [] }))];
    const s = summarizeRepeats(reduceAll(all, 'majority', decide), 4, 'majority');
    expect(s).toMatchObject({ cases: 3, passed: 1, failed: 1, errored: 1, unstable: ['a', 'b'] });
    // pass@2: a = 1 − C(1,2)/C(3,2) = 1, b = 1 − C(3,2)/C(4,2) = 0.5 -> 0.75; pass^2: a = C(2,2)/C(3,2) = 1/3, b = 0 -> 0.1667
    expect(s.passAtK[1]).toEqual({ k: 2, value: 0.75 });
    expect(s.passHatK[1]).toEqual({ k: 2, value: 0.1667 });
    expect(s.passAtK[3]).toEqual({ k: 4, value: null, reason: 'k = 4 needs at least 4 attempts per case; a case has 3' });
  });
});

describe('runSuite with --repeat', () => {
  it('stores the reduced summary and flags the case whose answer changes between repeats', async () => {
    const store = openSqliteStore(':memory:');
    // A system that is right every time on c1, never on c2, and only on its first try on c3.
    const provider: Provider = {
      id: 'fake', model: 'fake',
      async complete(req) {
        const { caseId, repeat } = req.meta as { caseId: string; repeat: number };
        const right = caseId === 'c1' || (caseId === 'c3' && repeat === 0);
        return { text: right ? 'yes' : 'no', usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, model: 'fake' };
      },
    };
    const plan = {
      suiteName: 'flaky', suitePath: null, params: {},
      cases: ['c1', 'c2', 'c3'].map((id) => ({ id, vars: {}, tags: [] })),
      render: () => [{ role: 'user' as const, content: 'q' }],
      scorers: [{ name: 'contains', criteria: ['contains'], score: async (out: string) => [{ scorer: 'contains', criterion: 'contains', value: out === 'yes' ? 1 : 0, passed: out === 'yes' }] }],
      decide: (scores: Score[]) => (scores.every((s) => s.passed) ? 'passed' as const : 'failed' as const),
      reduce: 'any' as const,
    };
    const res = await runSuite(plan, { providerSpec: 'fake', repeat: 3 }, { store, provider, counters: newCounters() });
    expect(res.summary.total).toBe(9);
    expect(res.summary.passed).toBe(4);
    // any: c1 and c3 pass; c3 flips
    expect(res.summary.reduced).toMatchObject({ repeats: 3, reduce: 'any', cases: 3, passed: 2, failed: 1, unstable: ['c3'] });
    // pass@3 = (1 + 0 + 1)/3; pass^3 = (1 + 0 + 0)/3
    expect(res.summary.reduced!.passAtK[2]!.value).toBe(0.6667);
    expect(res.summary.reduced!.passHatK[2]!.value).toBe(0.3333);
    expect(store.getRun(res.runId)!.summary!.reduced!.unstable).toEqual(['c3']);
    expect(store.getRun(res.runId)!.config.reduce).toBe('any');
    store.close();
  });
});
