import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/storage/store.js';
import { harness, makeCases, type Harness } from './support.js';

const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

/** (case/repeat) → output text and every score value, for "equal to an uninterrupted run". */
function fingerprint(store: Store, runId: string): Record<string, unknown> {
  const scores = store.getScores(runId);
  const out: Record<string, unknown> = {};
  for (const o of store.getOutputs(runId)) {
    out[`${o.caseId}/${o.repeat}`] = {
      output: o.output,
      error: o.error,
      scores: scores
        .filter((s) => s.outputId === o.id)
        .map((s) => [s.criterion, s.value, s.label ?? null, s.passed ?? null])
        .sort(),
    };
  }
  return out;
}

describe('Ctrl-C and --resume', () => {
  it('an abort stops scheduling, stores finished cases, marks the run interrupted; resume completes it exactly', async () => {
    const cases = makeCases(60);
    const ref = await harness();
    open.push(ref);
    const full = await ref.run(cases, { repeat: 2 });

    const h = await harness();
    open.push(h);
    const controller = new AbortController();
    const first = await h.run(cases, {
      repeat: 2,
      signal: controller.signal,
      onResult: (_o, done) => {
        if (done === 30) controller.abort(new Error('interrupted'));
      },
    });
    expect(first.status).toBe('interrupted');
    const stored = h.store.getOutputs(first.runId).length;
    expect(stored).toBeGreaterThanOrEqual(30);
    expect(stored).toBeLessThan(120);
    expect(h.store.getRun(first.runId)!.status).toBe('interrupted');
    // nothing half-done was stored as an error
    expect(h.store.getOutputs(first.runId).every((o) => o.error === null)).toBe(true);
    expect(first.summary.total).toBe(stored);

    const before = h.server.stats();
    const second = await h.run([], { resumeRunId: first.runId });
    expect(second.runId).toBe(first.runId);
    expect(second.status).toBe('finished');
    expect(second.summary.total).toBe(120);
    expect(second.summary.passed).toBe(full.summary.passed);
    expect(second.summary.meanByCriterion).toEqual(full.summary.meanByCriterion);
    // only the missing pairs were asked for: 2 calls (system + judge) per missing pair
    expect(h.server.stats().requests - before.requests).toBe((120 - stored) * 2);
    // exactly the requests of the uninterrupted run, each as many times (repeats send identical
    // bodies, so 2 each): nothing was asked twice because of the interruption
    expect(h.server.stats().byKey).toEqual(ref.server.stats().byKey);
    expect(fingerprint(h.store, first.runId)).toEqual(fingerprint(ref.store, full.runId));
    expect(h.store.getRun(first.runId)!.status).toBe('finished');
  }, 90_000); // ~500 HTTP calls: seconds when quiet, 25 s on a loaded 2-core machine

  it('calls still running when the grace period ends are cut off and not stored', async () => {
    const h = await harness({ latencyMs: 300 });
    open.push(h);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('interrupted')), 100);
    const res = await h.run(makeCases(20), { signal: controller.signal, graceMs: 20, concurrency: 4 });
    expect(res.status).toBe('interrupted');
    expect(h.store.getOutputs(res.runId)).toHaveLength(0);
    const done = await h.run([], { resumeRunId: res.runId, concurrency: 20 });
    expect(done.summary.total).toBe(20);
    expect(done.summary.passed).toBe(20);
  });

  it('refuses to resume a finished run and an unknown id', async () => {
    const h = await harness();
    open.push(h);
    const res = await h.run(makeCases(2));
    await expect(h.run([], { resumeRunId: res.runId })).rejects.toThrow(/already finished/);
    await expect(h.run([], { resumeRunId: 'r_nope' })).rejects.toThrow(/not found/);
  });
});
