import { sleep as realSleep } from '../core/clock.js';
import { CancelledError } from '../core/errors.js';
import type { CallOptions, CompletionRequest, CompletionResult, Provider } from './provider.js';

/**
 * Client-side rate limiting for providers with per-minute quotas: token buckets for requests and
 * for tokens. Tokens are unknown before the call, so a request reserves its estimated prompt size
 * and the bucket is corrected by the actual usage afterwards (it may go negative, delaying the next).
 */

export interface RateLimit {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

export interface RateLimitHooks {
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export class TokenBucket {
  private level: number;
  private last: number;

  constructor(
    readonly capacity: number,
    private readonly perMs: number,
    private readonly now: () => number,
  ) {
    this.level = capacity;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    this.level = Math.min(this.capacity, this.level + (t - this.last) * this.perMs);
    this.last = t;
  }

  /** Ms until `amount` is available (0 = now). Amounts above capacity are treated as a full bucket. */
  waitFor(amount: number): number {
    this.refill();
    const need = Math.min(amount, this.capacity) - this.level;
    return need <= 0 ? 0 : Math.ceil(need / this.perMs);
  }

  take(amount: number): void {
    this.refill();
    this.level -= amount;
  }

  /** Give back (negative = take more) after the real cost is known. */
  adjust(delta: number): void {
    this.refill();
    this.level = Math.min(this.capacity, this.level + delta);
  }
}

export function withRateLimit(provider: Provider, limit: RateLimit, hooks: RateLimitHooks = {}): Provider {
  const now = hooks.now ?? (() => performance.now());
  const sleep = hooks.sleep ?? realSleep;
  const bucket = (perMinute: number | undefined) =>
    perMinute && perMinute > 0 ? new TokenBucket(perMinute, perMinute / 60_000, now) : undefined;
  const requests = bucket(limit.requestsPerMinute);
  const tokens = bucket(limit.tokensPerMinute);
  if (!requests && !tokens) return provider;

  // Waiters queue up in arrival order, so a burst is released at the limit's pace, not all at once.
  let queue: Promise<void> = Promise.resolve();

  async function acquire(estimate: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw new CancelledError(`${provider.id}: cancelled`, { cause: signal.reason });
      const wait = Math.max(requests?.waitFor(1) ?? 0, tokens?.waitFor(estimate) ?? 0);
      if (wait === 0) break;
      await sleep(wait, signal);
    }
    requests?.take(1);
    tokens?.take(estimate);
  }

  async function complete(request: CompletionRequest, options: CallOptions = {}): Promise<CompletionResult> {
    const estimate = estimatePromptTokens(request);
    const turn = queue.then(() => acquire(estimate, options.signal));
    queue = turn.catch(() => undefined);
    await turn;
    const result = await provider.complete(request, options);
    tokens?.adjust(estimate - (result.usage.inputTokens + result.usage.outputTokens));
    return result;
  }

  return { id: provider.id, model: provider.model, answersByCase: provider.answersByCase, complete, close: provider.close ? () => provider.close!() : undefined };
}

export function estimatePromptTokens(request: CompletionRequest): number {
  let chars = 0;
  for (const m of request.messages) chars += m.content.length;
  return Math.ceil(chars / 4);
}
