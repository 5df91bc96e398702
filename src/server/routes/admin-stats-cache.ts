/**
 * Results of the admin statistics, kept per review until that review gets a new annotation.
 * Calibration bootstraps every statistic (1000 resamples per judge and criterion), which takes
 * long enough to matter on a server that annotators are saving to; the figures only change when
 * a label does, so one computation per label change is enough.
 *
 * Invalidation is by a per-review version number that the annotation route bumps (see
 * admin-stats.ts). Writes from another process (a CLI re-judge into the same run) are not seen:
 * the page offers "recompute" for that, and every result carries its `computedAt`.
 */

export interface CachedResult<T> {
  value: T;
  computedAt: string;
  cached: boolean;
}

interface Entry {
  version: number;
  /** key ("agreement", "calibration:<judges>") -> result */
  results: Map<string, { value: unknown; computedAt: string }>;
}

export class StatsCache {
  private readonly versions = new Map<string, number>();
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxReviews = 50,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A label of this review changed: its cached figures are stale. */
  invalidate(reviewId: string): void {
    this.versions.set(reviewId, (this.versions.get(reviewId) ?? 0) + 1);
    this.entries.delete(reviewId);
    // ids come from request paths; keep the map from growing without bound on probing
    if (this.versions.size > 10_000) this.versions.clear();
  }

  /** The cached result for (review, key), or compute it now (synchronously) and keep it. */
  get<T>(reviewId: string, key: string, compute: () => T, opts: { refresh?: boolean } = {}): CachedResult<T> {
    const version = this.versions.get(reviewId) ?? 0;
    let entry = this.entries.get(reviewId);
    if (!entry || entry.version !== version) {
      entry = { version, results: new Map() };
      this.entries.delete(reviewId);
      if (this.entries.size >= this.maxReviews) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(reviewId, entry);
    }
    const hit = opts.refresh ? undefined : entry.results.get(key);
    if (hit) return { value: hit.value as T, computedAt: hit.computedAt, cached: true };
    const value = compute();
    const computedAt = this.now().toISOString();
    // a fresh Entry if the review was invalidated while computing (compute is synchronous, so
    // only a re-entrant call could do that; cheap to guard anyway)
    if ((this.versions.get(reviewId) ?? 0) === version) entry.results.set(key, { value, computedAt });
    return { value, computedAt, cached: false };
  }
}
