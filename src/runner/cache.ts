import { createHash } from 'node:crypto';
import type { CallOptions, CompletionRequest, CompletionResult, Provider } from '../providers/provider.js';
import type { Store } from '../storage/store.js';
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';

/**
 * The response cache: a Provider wrapper over the Store's cache table.
 *
 * The key covers everything that can change the answer: provider id, model, messages, sampling
 * params, the structured-output schema, the repeat index (so `--repeat 3` really asks 3 times;
 * likewise the judge repeat of `--judge-repeat K`),
 * and `meta.expected` (the built-in mock answers with it, so it is an input to the response there;
 * for real providers it only costs a miss when a golden answer is edited); likewise `meta.script`.
 * The case id only for a provider that answers by it (`replay:`): there two cases with the same
 * prompt get different answers, while for a model identical prompts may share one answer.
 */
export function cacheKey(provider: { id: string; model: string; answersByCase?: boolean }, request: CompletionRequest): string {
  const material = {
    v: 1,
    provider: provider.id,
    model: provider.model,
    messages: request.messages.map((m) => [m.role, m.content]),
    temperature: request.temperature ?? null,
    maxTokens: request.maxTokens ?? null,
    structured: request.structured ?? null,
    repeat: request.meta?.repeat ?? 0,
    expected: request.meta?.expected === undefined ? null : request.meta.expected,
    // only when present, so keys of requests without a script stay what they were
    ...(request.meta?.script === undefined ? {} : { script: request.meta.script }),
    ...(provider.answersByCase ? { caseId: request.meta?.caseId ?? null } : {}),
    // --judge-repeat: the 2nd..Kth ask about one output must not be answered by the 1st
    ...(request.meta?.judgeRepeat ? { judgeRepeat: request.meta.judgeRepeat } : {}),
  };
  return createHash('sha256').update(JSON.stringify(material)).digest('hex');
}

export interface CacheHooks {
  onHit?(key: string): void;
  onMiss?(key: string): void;
}

/**
 * Wrap `provider` so identical requests are answered from the Store. Writes are immediate (one
 * small autocommit insert): the cache doubles as the crash journal, so a call that finished just
 * before a `kill -9` is not paid for again on `--resume` even if its result row was not yet flushed.
 */
export function withCache(
  provider: Provider,
  store: Store,
  hooks: CacheHooks = {},
  clock: Clock = systemClock,
): Provider {
  return {
    id: provider.id,
    model: provider.model,
    answersByCase: provider.answersByCase,
    async complete(request: CompletionRequest, options?: CallOptions): Promise<CompletionResult> {
      const key = cacheKey(provider, request);
      const hit = store.cacheGet(key);
      if (hit) {
        const parsed = parseEntry(hit.value);
        if (parsed) {
          hooks.onHit?.(key);
          // No call was made: attempts 0 keeps retry statistics honest.
          return { ...parsed, cached: true, attempts: 0 };
        }
      }
      hooks.onMiss?.(key);
      const result = await provider.complete(request, options);
      const { cached: _cached, ...toStore } = result;
      store.cachePut({ key, provider: provider.id, value: JSON.stringify(toStore), createdAt: clock.now().toISOString() });
      return result;
    },
    close: provider.close ? () => provider.close!() : undefined,
  };
}

/** The stored answer for `key`, marked cached (attempts 0), or undefined; for wrappers that keep their own order (batch-answers.ts). */
export function cachedAnswer(store: Store, key: string): CompletionResult | undefined {
  const hit = store.cacheGet(key);
  const parsed = hit ? parseEntry(hit.value) : undefined;
  return parsed ? { ...parsed, cached: true, attempts: 0 } : undefined;
}

function parseEntry(value: string): CompletionResult | undefined {
  try {
    const v = JSON.parse(value) as CompletionResult;
    return typeof v?.text === 'string' ? v : undefined;
  } catch {
    // A corrupt entry is a miss, not a failure: the call is simply made again.
    return undefined;
  }
}
