import { describe, expect, it } from 'vitest';
import { percentile, SummaryBuilder } from '../../src/runner/summary.js';
import type { CaseOutcome } from '../../src/runner/types.js';

function outcome(p: Partial<CaseOutcome>): CaseOutcome {
  return {
    caseId: 'c', repeat: 0, status: 'passed', scores: [],
    usage: { inputTokens: 10, outputTokens: 5 }, judgeUsage: { inputTokens: 0, outputTokens: 0 },
    latencyMs: 100, costUsd: null, cached: false, attempts: 1, error: null, ...p,
  };
}

describe('percentile', () => {
  it('uses nearest rank', () => {
    const xs = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(percentile(xs, 0.5)).toBe(5);
    expect(percentile(xs, 0.95)).toBe(10);
    expect(percentile(Float64Array.from([42]), 0.95)).toBe(42);
    expect(percentile(new Float64Array(0), 0.5)).toBeNull();
  });
});

describe('SummaryBuilder', () => {
  it('counts statuses so that they add up to total, and never counts unscored as 0', () => {
    const b = new SummaryBuilder();
    b.add(outcome({ status: 'passed', latencyMs: 10, scores: [{ scorer: 'rubric', criterion: 'rubric.f', value: 5 }] }));
    b.add(outcome({ status: 'failed', latencyMs: 30, scores: [{ scorer: 'rubric', criterion: 'rubric.f', value: 2 }] }));
    b.add(outcome({ status: 'unscored', latencyMs: 20, scores: [{ scorer: 'rubric', criterion: 'rubric.f', value: null }] }));
    b.add(outcome({ status: 'errored', latencyMs: null, usage: { inputTokens: 0, outputTokens: 0 }, error: 'boom' }));
    b.add(outcome({ status: 'passed', latencyMs: 40, scores: [{ scorer: 'x', criterion: 'never', value: null }], costUsd: 0.5 }));
    const s = b.build(1234, { retries: 3, cachedCalls: 2 });
    expect(s.total).toBe(5);
    expect([s.passed, s.failed, s.errored, s.unscored]).toEqual([2, 1, 1, 1]);
    expect(s.passed + s.failed + s.errored + s.unscored).toBe(s.total);
    expect(s.meanByCriterion['rubric.f']).toBe(3.5); // (5+2)/2, the null is not a 0
    expect(s.meanByCriterion.never).toBeNull();
    expect(s.usage).toEqual({ inputTokens: 40, outputTokens: 20 });
    expect(s.latencyP50Ms).toBe(20);
    expect(s.latencyP95Ms).toBe(40);
    expect(s.costUsd).toBe(0.5);
    expect(s.retries).toBe(3);
    expect(s.cachedCalls).toBe(2);
    expect(s.durationMs).toBe(1234);
  });

  it('reports unknown cost as null, not 0', () => {
    const b = new SummaryBuilder();
    b.add(outcome({}));
    expect(b.build(0).costUsd).toBeNull();
  });

  it('grows its latency buffer past the initial size', () => {
    const b = new SummaryBuilder();
    for (let i = 1; i <= 5000; i++) b.add(outcome({ latencyMs: i }));
    const s = b.build(0);
    expect(s.latencyP50Ms).toBe(2500);
    expect(s.latencyP95Ms).toBe(4750);
  });
});

describe('SummaryBuilder intervals', () => {
  // y = 3,4,5,4,2,5,5,4,3,3,1,2 as 4 cases x 3 repeats. scipy t.interval: (2.5834605, 4.2498728);
  // statsmodels OLS cluster-robust, t(3): (1.89318649, 4.94014685).
  const y = [3, 4, 5, 4, 2, 5, 5, 4, 3, 3, 1, 2];
  const feed = (b: SummaryBuilder) =>
    y.forEach((v, i) => b.add(outcome({ caseId: `c${Math.floor(i / 3)}`, repeat: i % 3, scores: [{ scorer: 'r', criterion: 'r.f', value: v }, { scorer: 'r', criterion: 'r.g', value: null }] })));

  it('keeps a t interval and n per criterion; unscored is not counted', () => {
    const b = new SummaryBuilder();
    feed(b);
    const s = b.build(1);
    expect(s.ciByCriterion!['r.f']).toEqual({ n: 12, ci95: [2.5835, 4.2499] });
    expect(s.ciByCriterion!['r.g']).toEqual({ n: 0, ci95: null });
  });

  it('with repeats, clusters by case', () => {
    const b = new SummaryBuilder();
    b.clusterByCase = true;
    feed(b);
    expect(b.build(1).ciByCriterion!['r.f']).toEqual({ n: 12, ci95: [1.8932, 4.9401] });
  });
});
