/** The response cache, which doubles as the crash journal of `--resume` (runner/cache.ts). */

export interface CacheEntry {
  key: string;
  provider: string;
  /** JSON of the CompletionResult (without `cached`). */
  value: string;
  createdAt: string;
}

export interface CacheStats {
  entries: number;
  bytes: number;
  hits: number;
}

/** The cache half of the Store. */
export interface CacheStore {
  cacheGet(key: string): CacheEntry | undefined;
  cachePut(entry: CacheEntry): void;
  /** Many entries in one transaction (as cachePut each); returns how many were written. */
  cachePutMany(entries: Iterable<CacheEntry>): number;
  /** Every cache entry, streamed in key order (`juror merge` copies them); hit counts are not part of it. */
  cacheEntries(): IterableIterator<CacheEntry>;
  cacheStats(): CacheStats;
  cacheClear(): number;
}
