import type { Provider } from '../providers/provider.js';
import type { Store } from '../storage/store.js';
import { withCache } from './cache.js';
import { withFatalStop, type FatalStop } from './fatal-stop.js';

/** Counters shared by every wrapped provider of one run (system and judge). */
export interface CallCounters {
  cachedCalls: number;
  retries: number;
}

export function newCounters(): CallCounters {
  return { cachedCalls: 0, retries: 0 };
}

/** The retry wrapper from src/providers (passed in so the runner does not pick a policy for it). */
export type RetryWrapper = (provider: Provider, hooks: { onRetry: () => void }) => Provider;

/**
 * cache(retry(fatal-stop(provider))): the cache is outermost so a hit costs no attempt and no retry, and
 * what is cached is the final answer after retries.
 */
export function wrapProvider(
  provider: Provider,
  opts: { store: Store; cache: boolean; counters: CallCounters; retry?: RetryWrapper; fatal?: FatalStop },
): Provider {
  const { counters } = opts;
  let p = provider;
  // Under the retries, so a repeatable failure (bad key, refused connection) is not retried.
  if (opts.fatal) p = withFatalStop(p, opts.fatal);
  if (opts.retry) p = opts.retry(p, { onRetry: () => void counters.retries++ });
  if (opts.cache) p = withCache(p, opts.store, { onHit: () => void counters.cachedCalls++ });
  return p;
}
