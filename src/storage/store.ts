import type { BatchStore } from './batch-records.js';
import type { CacheStore } from './cache-records.js';
import type { PairwiseStore } from './pairwise-records.js';
import type { PeopleStore } from './people-records.js';
import type { ReviewStore } from './review-records.js';
import type { RunStore } from './run-records.js';

/**
 * The Store: everything juror persists. One SQLite implementation today (sqlite-store.ts);
 * test/storage/store-contract.ts is the contract every implementation must pass, so a Postgres
 * Store for team servers can be added by passing the same tests.
 *
 * Conventions: ids are strings for runs/reviews/annotators (newId), integers for rows that are
 * only ever referenced internally (outputs, scores, annotations). Timestamps are ISO-8601 strings.
 * Every method is synchronous (better-sqlite3 is), and every multi-row write is one transaction.
 */

// The records and each concern's methods live beside this file (*-records.ts); they are re-exported
// here so callers import from one place.
export type * from './batch-records.js';
export type * from './cache-records.js';
export type * from './pairwise-records.js';
export type * from './people-records.js';
export type * from './review-records.js';
export type * from './run-records.js';

export interface Store extends RunStore, CacheStore, BatchStore, PeopleStore, ReviewStore, PairwiseStore {
  /**
   * How long a write waits (synchronously) for another process's write lock before failing with
   * DatabaseBusyError. Default 5000 ms; the review server sets a few ms and retries asynchronously.
   */
  setBusyTimeout(ms: number): void;
  close(): void;
}
