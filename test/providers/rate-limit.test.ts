import { describe, expect, it } from 'vitest';
import type { CompletionResult, Provider } from '../../src/providers/provider.js';
import { TokenBucket, withRateLimit } from '../../src/providers/rate-limit.js';

/** A virtual clock: sleeping advances time, so limits are checked exactly and instantly. */
function virtualTime() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), at: () => t };
}

function counting(usage = { inputTokens: 10, outputTokens: 90 }): Provider & { times: number[] } {
  const p = {
    id: 'x',
    model: 'x',
    times: [] as number[],
    complete: async (): Promise<CompletionResult> => ({ text: '', usage, latencyMs: 0, model: 'x' }),
  };
  return p;
}

describe('token bucket', () => {
  it('starts full and refills at the per-minute rate', () => {
    let t = 0;
    const b = new TokenBucket(60, 60 / 60_000, () => t);
    expect(b.waitFor(60)).toBe(0);
    b.take(60);
    expect(b.waitFor(1)).toBe(1000);
    t = 30_000;
    expect(b.waitFor(30)).toBe(0);
    expect(b.waitFor(31)).toBe(1000);
    expect(b.waitFor(1_000)).toBe(30_000); // more than capacity waits for a full bucket, not forever
  });
});

describe('withRateLimit', () => {
  it('requests per minute: a burst of the limit, then one per 60/rpm seconds', async () => {
    const clock = virtualTime();
    const inner = counting();
    const p = withRateLimit({ ...inner, complete: async (...a) => (inner.times.push(clock.at()), inner.complete(...a)) }, { requestsPerMinute: 120 }, clock);
    const req = { messages: [{ role: 'user' as const, content: 'hi' }] };
    await Promise.all(Array.from({ length: 123 }, () => p.complete(req)));
    expect(inner.times.slice(0, 120).every((t) => t === 0)).toBe(true);
    expect(inner.times.slice(120)).toEqual([500, 1000, 1500]);
  });

  it('tokens per minute: reserves the prompt estimate, then charges the actual usage', async () => {
    const clock = virtualTime();
    const inner = counting({ inputTokens: 100, outputTokens: 500 });
    const p = withRateLimit({ ...inner, complete: async (...a) => (inner.times.push(clock.at()), inner.complete(...a)) }, { tokensPerMinute: 1200 }, clock);
    const req = { messages: [{ role: 'user' as const, content: 'x'.repeat(400) }] }; // estimate 100 tokens
    for (let i = 0; i < 3; i++) await p.complete(req);
    // 1200 − 600 − 600 = 0 after two calls; the third needs 100 tokens = 5 s of refill at 20/s.
    expect(inner.times).toEqual([0, 0, 5000]);
  });

  it('without limits returns the provider itself', () => {
    const inner = counting();
    expect(withRateLimit(inner, {})).toBe(inner);
  });
});
