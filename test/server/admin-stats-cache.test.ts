import { describe, expect, it } from 'vitest';
import { StatsCache } from '../../src/server/routes/admin-stats-cache.js';

describe('StatsCache', () => {
  function counter() {
    let calls = 0;
    return { compute: () => ++calls, calls: () => calls };
  }

  it('keeps a result until the review changes, then serves it marked stale for staleForMs', () => {
    let now = 1_000_000;
    const cache = new StatsCache({ staleForMs: 60_000, now: () => now });
    const c = counter();
    expect(cache.get('r1', 'k', c.compute)).toEqual({ value: 1, computedAt: new Date(1_000_000).toISOString(), cached: false, stale: false });
    now += 5_000;
    expect(cache.get('r1', 'k', c.compute)).toMatchObject({ value: 1, cached: true, stale: false });
    cache.invalidate('r1');
    expect(cache.get('r1', 'k', c.compute)).toMatchObject({ value: 1, cached: true, stale: true });
    expect(cache.get('r1', 'k', c.compute, { staleForMs: 0 })).toMatchObject({ value: 2, cached: false, stale: false });
    cache.invalidate('r1');
    now += 60_000;
    expect(cache.get('r1', 'k', c.compute)).toMatchObject({ value: 3, cached: false, stale: false });
    expect(cache.get('r1', 'k', c.compute, { refresh: true })).toMatchObject({ value: 4, cached: false });
    expect(c.calls()).toBe(4);
  });

  it('separates reviews and keys, and an unknown review id does not grow it', () => {
    const cache = new StatsCache({ staleForMs: 0 });
    const c = counter();
    cache.get('r1', 'a', c.compute);
    cache.get('r1', 'b', c.compute);
    cache.get('r2', 'a', c.compute);
    cache.invalidate('r2');
    cache.invalidate('never-computed');
    expect(cache.get('r1', 'a', c.compute).value).toBe(1);
    expect(cache.get('r1', 'b', c.compute).value).toBe(2);
    expect(cache.get('r2', 'a', c.compute).value).toBe(4);
    expect((cache as unknown as { versions: Map<string, number> }).versions.has('never-computed')).toBe(false);
  });

  it('drops the least recently computed review past maxReviews', () => {
    const cache = new StatsCache({ maxReviews: 2 });
    const c = counter();
    cache.get('r1', 'k', c.compute);
    cache.get('r2', 'k', c.compute);
    cache.get('r3', 'k', c.compute);
    expect(cache.get('r3', 'k', c.compute).value).toBe(3);
    expect(cache.get('r1', 'k', c.compute)).toMatchObject({ value: 4, cached: false });
  });
});
