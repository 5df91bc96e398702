import { afterEach, describe, expect, it } from 'vitest';
import { harness, makeCases, type Harness } from './support.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('runSuite against the mock server', () => {
  it('stores one output and its judge scores per case, and the summary adds up', async () => {
    h = await harness();
    const res = await h.run(makeCases(40));
    expect(res.status).toBe('finished');
    const s = res.summary;
    expect(s.total).toBe(40);
    expect(s.passed + s.failed + s.errored + s.unscored).toBe(40);
    expect(s.errored).toBe(0);
    // the mock answers with the golden answer, the judge scores it by overlap with the reference
    expect(s.passed).toBe(40);
    expect(s.meanByCriterion['rubric.faithfulness']).toBeGreaterThanOrEqual(4);
    expect(s.usage.inputTokens).toBeGreaterThan(0);
    expect(s.judgeUsage.inputTokens).toBeGreaterThan(0);
    expect(s.costUsd).toBe(0); // the mock is priced as free, so the cost is known and 0
    const outputs = h.store.getOutputs(res.runId);
    expect(outputs).toHaveLength(40);
    expect(outputs.every((o) => o.output && o.error === null && o.attempts === 1)).toBe(true);
    // contains + 2 rubric criteria per case
    expect(h.store.getScores(res.runId)).toHaveLength(120);
    const run = h.store.getRun(res.runId)!;
    expect(run.status).toBe('finished');
    expect(run.summary?.total).toBe(40);
    expect(h.server.stats().requests).toBe(80); // one system + one judge call per case
  });

  it('a second identical run makes zero provider calls (cache), --repeat 3 makes 3 distinct calls per case', async () => {
    h = await harness();
    const cases = makeCases(10);
    await h.run(cases);
    const before = h.server.stats().requests;
    const again = await h.run(cases);
    expect(h.server.stats().requests).toBe(before);
    expect(again.summary.cachedCalls).toBe(20);
    expect(again.summary.passed).toBe(10);
    expect(h.store.getOutputs(again.runId).every((o) => o.cached && o.attempts === 0)).toBe(true);

    h.server.reset();
    const rep = await h.run(cases, { repeat: 3 });
    expect(rep.summary.total).toBe(30);
    // repeat 0 is cached from the first run; repeats 1 and 2 are new system and judge calls
    expect(h.server.stats().requests).toBe(10 * 2 * 2);
    expect(rep.summary.cachedCalls).toBe(20);
    expect(new Set(h.store.getOutputs(rep.runId).map((o) => `${o.caseId}/${o.repeat}`)).size).toBe(30);
  });

  it('--no-cache calls the provider again', async () => {
    h = await harness();
    const cases = makeCases(5);
    await h.run(cases);
    await h.run(cases, { cache: false });
    expect(h.server.stats().requests).toBe(20);
  });

  it('a provider failure after retries makes the case errored with the message, stored', async () => {
    h = await harness();
    // 3 attempts, all 500: the first case scheduled gives up
    h.server.failNext(3, '500');
    const res = await h.run(makeCases(3), { concurrency: 1, attempts: 3 });
    expect(res.summary.errored).toBe(1);
    expect(res.summary.passed).toBe(2);
    expect(res.summary.retries).toBe(2);
    const bad = h.store.getOutputs(res.runId).find((o) => o.error !== null)!;
    expect(bad.caseId).toBe('c0');
    expect(bad.output).toBeNull();
    expect(bad.attempts).toBe(3);
    expect(bad.error).toMatch(/500/);
    expect(bad.error).toMatch(/gave up after 3 attempts/);
  });

  it('filters by tag', async () => {
    h = await harness();
    const res = await h.run(makeCases(16), { filter: 'billing' });
    expect(res.summary.total).toBe(2);
    expect(h.store.getCases(res.runId).map((c) => c.id)).toEqual(['c2', 'c10']);
  });

  it('fault storm: 30% mixed faults over 500 cases, every case accounted for, retries counted', async () => {
    h = await harness({ faults: { rate: 0.3, seed: 7, kinds: ['429', '500', '502', '503', 'reset', 'truncated', 'non-json'] } });
    const res = await h.run(makeCases(500), { concurrency: 16 });
    const s = res.summary;
    expect(s.total).toBe(500);
    expect(s.passed + s.failed + s.errored + s.unscored).toBe(500);
    expect(h.store.getOutputs(res.runId)).toHaveLength(500);
    expect(s.retries).toBeGreaterThan(100);
    // with 6 attempts at 30% faults nearly everything gets through eventually
    expect(s.passed).toBeGreaterThan(480);
  }, 60_000);
});
