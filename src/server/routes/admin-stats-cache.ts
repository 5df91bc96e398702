/**
 * Results of the admin statistics, kept per review until that review gets a new annotation.
 * Calibration bootstraps every statistic (1000 resamples per judge and criterion): about 1.4 s for
 * 200 items and 2 judges, 5 s for 1,000 items and 3 judges, all of it blocking the event loop that
 * annotators save through. The figures only change when a label does, so:
 *
 * - a result stays valid until the review's version changes (the annotation route bumps it);
 * - while annotators are busy, a result made stale by new labels is still served, marked `stale`,
 *   until it is `staleForMs` old, so an admin reloading the page recomputes at most once per window;
 * - `refresh` recomputes now.
 *
 * Writes from another process (a CLI re-judge into the same run) are not seen: the page offers
 * "Recompute" for that, and every result carries its `computedAt`.
 */

export interface CachedResult<T> {
  value: T;
  computedAt: string;
  /** Served from the cache. */
  cached: boolean;
  /** Labels changed after it was computed (served because it is younger than staleForMs). */
  stale: boolean;
}

interface Stored {
  value: unknown;
  computedAt: number;
  version: number;
}

export interface StatsCacheOptions {
  /** How long a result outdated by new labels may still be served (ms). Default 60 s; 0 = never. */
  staleForMs?: number;
  /** Reviews kept; the least recently computed are dropped first. */
  maxReviews?: number;
  now?: () => number;
}

export class StatsCache {
  private readonly versions = new Map<string, number>();
  /** reviewId -> key ("agreement", "calibration:<judges>") -> result */
  private readonly results = new Map<string, Map<string, Stored>>();
  private readonly staleForMs: number;
  private readonly maxReviews: number;
  private readonly now: () => number;

  constructor(opts: StatsCacheOptions = {}) {
    this.staleForMs = opts.staleForMs ?? 60_000;
    this.maxReviews = opts.maxReviews ?? 50;
    this.now = opts.now ?? Date.now;
  }

  /** A label of this review changed: its cached figures are outdated. */
  invalidate(reviewId: string): void {
    // only reviews we hold results for: ids come from request paths, which anyone can make up
    if (this.results.has(reviewId)) this.versions.set(reviewId, (this.versions.get(reviewId) ?? 0) + 1);
  }

  /** The cached result for (review, key), or compute it now (synchronously) and keep it. */
  get<T>(reviewId: string, key: string, compute: () => T, opts: { refresh?: boolean; staleForMs?: number } = {}): CachedResult<T> {
    const version = this.versions.get(reviewId) ?? 0;
    const hit = this.results.get(reviewId)?.get(key);
    if (hit && !opts.refresh) {
      const stale = hit.version !== version;
      if (!stale || this.now() - hit.computedAt < (opts.staleForMs ?? this.staleForMs)) {
        return { value: hit.value as T, computedAt: new Date(hit.computedAt).toISOString(), cached: true, stale };
      }
    }
    const value = compute();
    const computedAt = this.now();
    this.store(reviewId, key, { value, computedAt, version });
    return { value, computedAt: new Date(computedAt).toISOString(), cached: false, stale: false };
  }

  private store(reviewId: string, key: string, entry: Stored): void {
    let byKey = this.results.get(reviewId);
    if (byKey) this.results.delete(reviewId); // re-insert: Map order is least recently computed first
    byKey ??= new Map();
    if (byKey.size >= 20 && !byKey.has(key)) byKey.delete(byKey.keys().next().value!);
    byKey.set(key, entry);
    this.results.set(reviewId, byKey);
    while (this.results.size > this.maxReviews) {
      const oldest = this.results.keys().next().value!;
      this.results.delete(oldest);
      this.versions.delete(oldest);
    }
  }
}
