import { describe, expect, it } from 'vitest';
import { runPool } from '../../src/runner/pool.js';

const tick = (ms = 1) => new Promise((r) => setTimeout(r, ms));

describe('runPool', () => {
  it('runs every item and never more than `concurrency` at once', async () => {
    let active = 0;
    let peak = 0;
    const seen: number[] = [];
    const out = await runPool(
      Array.from({ length: 50 }, (_, i) => i),
      async (i) => {
        active++;
        peak = Math.max(peak, active);
        await tick(i % 3);
        seen.push(i);
        active--;
      },
      { concurrency: 4 },
    );
    expect(out).toEqual({ started: 50, completed: 50, aborted: false });
    expect(peak).toBe(4);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('pulls lazily from a generator: only concurrency items are taken ahead', async () => {
    let produced = 0;
    let maxAhead = 0;
    let finished = 0;
    function* gen() {
      for (let i = 0; i < 1000; i++) {
        produced++;
        maxAhead = Math.max(maxAhead, produced - finished);
        yield i;
      }
    }
    await runPool(gen(), async () => { await tick(0); finished++; }, { concurrency: 8 });
    expect(produced).toBe(1000);
    expect(maxAhead).toBeLessThanOrEqual(8);
  });

  it('stops scheduling on abort, waits for in-flight jobs, and reports aborted', async () => {
    const controller = new AbortController();
    let completedJobs = 0;
    const out = await runPool(
      Array.from({ length: 100 }, (_, i) => i),
      async (i) => {
        if (i === 5) controller.abort();
        await tick(5);
        completedJobs++;
      },
      { concurrency: 3, signal: controller.signal },
    );
    expect(out.aborted).toBe(true);
    expect(out.started).toBeLessThan(10);
    // every job that started was allowed to finish
    expect(completedJobs).toBe(out.started);
    expect(out.completed).toBe(out.started);
  });

  it('does nothing with an already aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const out = await runPool([1, 2, 3], async () => void calls++, { concurrency: 2, signal: controller.signal });
    expect(calls).toBe(0);
    expect(out.aborted).toBe(true);
  });

  it('rethrows the first worker error after running jobs finish', async () => {
    let finishedAfter = 0;
    await expect(
      runPool(
        [0, 1, 2, 3, 4, 5],
        async (i) => {
          if (i === 1) throw new Error('boom 1');
          await tick(5);
          finishedAfter++;
        },
        { concurrency: 3 },
      ),
    ).rejects.toThrow('boom 1');
    expect(finishedAfter).toBe(2); // items 0 and 2 were in flight and completed; nothing new started
  });

  it('accepts async iterables', async () => {
    async function* gen() { for (let i = 0; i < 10; i++) { await tick(0); yield i; } }
    let sum = 0;
    const out = await runPool(gen(), async (i) => void (sum += i), { concurrency: 3 });
    expect(sum).toBe(45);
    expect(out.completed).toBe(10);
  });
});
