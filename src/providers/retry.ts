import { CancelledError, JurorError, ProviderError } from '../core/errors.js';
import { sleep as realSleep } from '../core/clock.js';
import type { CallOptions, CompletionRequest, CompletionResult, Provider } from './provider.js';

/**
 * Retries with exponential backoff and full jitter, honouring the server's Retry-After, with a
 * timeout per attempt. The SDKs' own retries are off (maxRetries: 0) so that this is the one
 * policy, and so that the runner can count every retry through `onRetry`.
 */

export interface RetryPolicy {
  /** Total tries including the first (default 4). */
  attempts: number;
  /** Backoff base: attempt k waits up to baseDelayMs·2^(k−1) (default 500). */
  baseDelayMs: number;
  /** Cap on any single wait, Retry-After included (default 30 000). */
  maxDelayMs: number;
  /** Deadline for one call; a call past it is aborted and counts as a retryable failure (default 60 000). */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000, timeoutMs: 60_000 };

export interface RetryHooks {
  /** Called before each wait: the error that failed attempt `attempt` (1-based) and the wait chosen. */
  onRetry?: (err: ProviderError, attempt: number, delayMs: number) => void;
  /** Injected for tests; must reject when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injected for tests; uniform in [0,1). */
  random?: () => number;
}

/** The wait before the next attempt: Retry-After if the server said so, else full jitter. */
export function backoffDelay(err: ProviderError, attempt: number, policy: RetryPolicy, random: () => number): number {
  if (err.retryAfterMs !== undefined) return Math.min(Math.max(0, err.retryAfterMs), policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

export function withRetry(provider: Provider, policy: Partial<RetryPolicy> = {}, hooks: RetryHooks = {}): Provider {
  const p: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...policy };
  const attempts = Math.max(1, Math.floor(p.attempts));
  const sleep = hooks.sleep ?? realSleep;
  const random = hooks.random ?? Math.random;

  async function complete(request: CompletionRequest, options: CallOptions = {}): Promise<CompletionResult> {
    const outer = options.signal;
    for (let attempt = 1; ; attempt++) {
      if (outer?.aborted) throw cancelled(provider.id, outer);
      const result = await attemptOnce(request, outer);
      if (result.ok) return { ...result.value, attempts: attempt };
      const err = result.error;
      if (!err.retryable || attempt >= attempts) {
        throw attempt > 1 ? gaveUp(err, attempt) : err;
      }
      const delay = backoffDelay(err, attempt, p, random);
      hooks.onRetry?.(err, attempt, delay);
      try {
        await sleep(delay, outer);
      } catch (e) {
        if (outer?.aborted) throw cancelled(provider.id, outer);
        throw e;
      }
    }
  }

  async function attemptOnce(
    request: CompletionRequest,
    outer: AbortSignal | undefined,
  ): Promise<{ ok: true; value: CompletionResult } | { ok: false; error: ProviderError }> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('timeout'));
    }, p.timeoutMs);
    const onAbort = () => controller.abort(outer?.reason);
    outer?.addEventListener('abort', onAbort, { once: true });
    try {
      return { ok: true, value: await provider.complete(request, { signal: controller.signal }) };
    } catch (err) {
      // Decide from our own flags, not from what the SDK made of the abort.
      if (outer?.aborted) throw cancelled(provider.id, outer, err);
      if (timedOut) {
        return {
          ok: false,
          error: new ProviderError(`${provider.id}: no answer within ${p.timeoutMs} ms`, { retryable: true, provider: provider.id, cause: err }),
        };
      }
      if (err instanceof ProviderError) return { ok: false, error: err };
      throw err; // config errors, missing credentials, bugs: retrying cannot help
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
  }

  return {
    id: provider.id,
    model: provider.model,
    answersByCase: provider.answersByCase,
    complete,
    close: provider.close ? () => provider.close!() : undefined,
  };
}

function cancelled(id: string, signal: AbortSignal, cause?: unknown): JurorError {
  return new CancelledError(`${id}: cancelled`, { cause: cause ?? signal.reason });
}

/** Same error, with the number of attempts in the one line the user sees. */
function gaveUp(err: ProviderError, attempts: number): ProviderError {
  return new ProviderError(`${err.message} (gave up after ${attempts} attempts)`, {
    status: err.status,
    retryable: err.retryable,
    retryAfterMs: err.retryAfterMs,
    provider: err.provider,
    cause: err,
  });
}
