import { CancelledError, ConfigError, ProviderError } from '../core/errors.js';
import type { BatchApi } from '../providers/batch.js';
import type { CallOptions, CompletionRequest, CompletionResult, Provider } from '../providers/provider.js';
import type { BatchRequestRecord, BatchRole } from '../storage/batch-records.js';
import type { Clock } from '../core/clock.js';
import type { Store } from '../storage/store.js';
import { cacheKey, cachedAnswer } from './cache.js';

/**
 * The --batch path's stand-in for a provider: it answers each request from the outcome its batch
 * brought back, keyed like the response cache (so the key is the same in every pass and after a
 * restart). While the runner is collecting, a request without an outcome is noted (with the
 * (case, repeat) being collected) and refused with BatchPending, a CancelledError: the retry and
 * fatal-stop wrappers pass it through untouched and the scorers give up on the case quietly.
 *
 * It does the response cache's work itself (the runner's cache wrapper is off with --batch): a
 * cache hit is never sent; a batch answer is cached in the final pass, and only there counts as
 * a hit or not, so the walks over the cases do not make a batch answer look cached.
 */

/** Thrown for a request whose answer is not in yet (it goes into the next batch). */
export class BatchPending extends CancelledError {}

export interface BatchNeed {
  key: string;
  provider: string;
  role: BatchRole;
  request: CompletionRequest;
  /** The (case, repeat) pairs that asked for it (identical requests are sent once). */
  pairs: Set<string>;
  caseId: string;
  repeat: number;
}

type Known = { status: 'succeeded'; body: unknown } | { status: 'errored'; error: string };

export interface BatchTarget {
  provider: Provider;
  api: BatchApi;
  role: BatchRole;
}

export interface BatchCache {
  store: Store;
  clock: Clock;
  onHit(): void;
}

export class BatchAnswers {
  private readonly known = new Map<string, Known>();
  readonly needed = new Map<string, BatchNeed>();
  readonly targets = new Map<string, BatchTarget>();
  /** Set while collecting: the pair whose requests are being noted; undefined: every request must have its answer. */
  current: { pair: string; caseId: string; repeat: number } | undefined;

  constructor(private readonly cache?: BatchCache) {}

  /** Wrap a raw provider (before cache, retry and fatal-stop) so it answers from its batches. */
  wrap(raw: Provider, role: BatchRole): Provider {
    const api = raw.batch;
    if (!api) throw new ConfigError(`--batch: ${raw.id} has no batch API (only openai:, anthropic: and the built-in mock have one); run without --batch`);
    if (!this.targets.has(raw.id)) this.targets.set(raw.id, { provider: raw, api, role });
    return {
      id: raw.id,
      model: raw.model,
      answersByCase: raw.answersByCase,
      complete: (request: CompletionRequest, _options?: CallOptions) => Promise.resolve().then(() => this.answer(raw, api, role, request)),
      close: raw.close ? () => raw.close!() : undefined,
    };
  }

  /** What a stored request's outcome says (only ended ones count). */
  learn(r: Pick<BatchRequestRecord, 'requestKey' | 'status' | 'body' | 'error'>): void {
    if (r.status === 'succeeded') this.known.set(r.requestKey, { status: 'succeeded', body: r.body });
    else if (r.status === 'errored') this.known.set(r.requestKey, { status: 'errored', error: r.error ?? 'the batch request failed' });
  }

  private answer(raw: Provider, api: BatchApi, role: BatchRole, request: CompletionRequest): CompletionResult {
    const key = cacheKey(raw, request);
    const final = this.current === undefined;
    if (this.cache) {
      const hit = cachedAnswer(this.cache.store, key);
      if (hit) {
        if (final) this.cache.onHit();
        return hit;
      }
    }
    const known = this.known.get(key);
    if (known?.status === 'succeeded') {
      const answer = { ...api.answer(known.body, request), latencyMs: Number.NaN };
      if (final && this.cache) {
        this.cache.store.cachePut({ key, provider: raw.id, value: JSON.stringify(answer), createdAt: this.cache.clock.now().toISOString() });
      }
      return answer;
    }
    if (known?.status === 'errored') throw new ProviderError(known.error, { retryable: false, provider: raw.id });
    const at = this.current;
    if (!at) {
      throw new ProviderError(`${raw.id}: no batch answer for this request (it was not asked for while the batches were collected)`, { retryable: false, provider: raw.id });
    }
    const need = this.needed.get(key);
    if (need) need.pairs.add(at.pair);
    else this.needed.set(key, { key, provider: raw.id, role, request, pairs: new Set([at.pair]), caseId: at.caseId, repeat: at.repeat });
    throw new BatchPending(`${raw.id}: waiting for the batch`);
  }
}
