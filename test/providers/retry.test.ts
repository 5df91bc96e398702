import { describe, expect, it } from 'vitest';
import { CancelledError, ConfigError, ProviderError } from '../../src/core/errors.js';
import type { CompletionResult, Provider } from '../../src/providers/provider.js';
import { DEFAULT_RETRY_POLICY, backoffDelay, withRetry } from '../../src/providers/retry.js';
import { recordingSleep, rejection } from './support.js';

/** A Provider that plays a script: each call takes the next step (an error to throw or 'ok'). */
function scripted(steps: Array<Error | 'ok' | 'hang'>): Provider & { calls: number } {
  const p = {
    id: 'script:x',
    model: 'x',
    calls: 0,
    async complete(_req: unknown, opts: { signal?: AbortSignal } = {}): Promise<CompletionResult> {
      const step = steps[p.calls++] ?? 'ok';
      if (step === 'hang') {
        return new Promise((_, reject) => opts.signal?.addEventListener('abort', () => reject(new Error('aborted by signal'))));
      }
      if (step instanceof Error) throw step;
      return { text: 'fine', usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, model: 'x' };
    },
  };
  return p;
}

const retryable = (status?: number, retryAfterMs?: number) => new ProviderError(`e${status}`, { status, retryable: true, retryAfterMs });
const fatal = (status: number) => new ProviderError(`e${status}`, { status, retryable: false });
const req = { messages: [{ role: 'user' as const, content: 'q' }] };

describe('withRetry', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000, timeoutMs: 60_000 });
  });

  it('full jitter: uniform below base·2^(k−1), capped by maxDelayMs', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, maxDelayMs: 5000 };
    expect(backoffDelay(retryable(500), 1, policy, () => 0.999)).toBe(999);
    expect(backoffDelay(retryable(500), 3, policy, () => 0.5)).toBe(2000);
    expect(backoffDelay(retryable(500), 6, policy, () => 0.5)).toBe(2500); // 32 000 capped to 5 000
    expect(backoffDelay(retryable(429, 90_000), 1, policy, () => 0.5)).toBe(5000); // Retry-After capped
    expect(backoffDelay(retryable(429, 1200), 1, policy, () => 0.5)).toBe(1200);
  });

  it('stops after `attempts` and says how many it took', async () => {
    const p = scripted([retryable(503), retryable(503), retryable(503), retryable(503), 'ok']);
    const { delays, sleep } = recordingSleep();
    const seen: number[] = [];
    const err = await rejection(() => withRetry(p, { attempts: 3 }, { sleep, random: () => 0, onRetry: (_e, n) => seen.push(n) }).complete(req));
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.message).toBe('e503 (gave up after 3 attempts)');
    expect(err.status).toBe(503);
    expect([p.calls, seen, delays]).toEqual([3, [1, 2], [0, 0]]);
  });

  it('fails at once on non-retryable errors and on non-provider errors', async () => {
    for (const error of [fatal(400), fatal(401), fatal(404), new ConfigError('bad'), new TypeError('bug')]) {
      const p = scripted([error]);
      const { delays, sleep } = recordingSleep();
      expect(await rejection(() => withRetry(p, {}, { sleep }).complete(req))).toBe(error);
      expect([p.calls, delays]).toEqual([1, []]);
    }
  });

  it('sets attempts on the result', async () => {
    const { sleep } = recordingSleep();
    expect((await withRetry(scripted(['ok']), {}, { sleep }).complete(req)).attempts).toBe(1);
    expect((await withRetry(scripted([retryable(), 'ok']), {}, { sleep }).complete(req)).attempts).toBe(2);
  });

  it('an attempt past timeoutMs is aborted and retried', async () => {
    const p = scripted(['hang', 'ok']);
    const { sleep } = recordingSleep();
    const r = await withRetry(p, { timeoutMs: 30 }, { sleep }).complete(req);
    expect([r.attempts, p.calls]).toEqual([2, 2]);
  });

  it('an abort during the backoff wait cancels without another attempt', async () => {
    const p = scripted([retryable(500), 'ok']);
    const controller = new AbortController();
    const sleep = (_ms: number, signal?: AbortSignal) =>
      new Promise<void>((_, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason));
        controller.abort(new Error('interrupted'));
      });
    const err = await rejection(() => withRetry(p, {}, { sleep }).complete(req, { signal: controller.signal }));
    expect(err).toBeInstanceOf(CancelledError);
    expect(p.calls).toBe(1);
  });

  it('an already-aborted signal makes no call', async () => {
    const p = scripted(['ok']);
    const controller = new AbortController();
    controller.abort();
    expect(await rejection(() => withRetry(p).complete(req, { signal: controller.signal }))).toBeInstanceOf(CancelledError);
    expect(p.calls).toBe(0);
  });
});
