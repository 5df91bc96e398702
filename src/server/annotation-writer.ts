import { DatabaseBusyError } from '../core/errors.js';
import type { AnnotationRecord, NewAnnotation, Store } from '../storage/store.js';

interface Pending {
  rows: NewAnnotation[];
  resolve: (saved: AnnotationRecord[]) => void;
  reject: (err: unknown) => void;
}

export interface WriterOptions {
  /** Submissions per transaction at most, so one commit never holds the loop for long. */
  maxBatch?: number;
  /** How long a batch is retried while another process holds the write lock, then DatabaseBusyError. */
  busyRetryMs?: number;
}

/**
 * Group commit for annotation saves. Submissions that reach their handler in the same turn of the
 * event loop (the requests Node read in one poll) are written by one transaction in the check
 * phase right after it (setImmediate), each in its own savepoint. A save's promise settles only
 * after that COMMIT returned, so an acknowledged annotation is as durable as before; one annotator
 * saving alone waits for nothing but their own commit.
 *
 * When another process holds SQLite's write lock, the store gives up after its short busy timeout
 * and the batch is retried on a timer (the event loop keeps serving everyone else) until
 * `busyRetryMs` has passed; then every save of it is rejected with DatabaseBusyError (a 503).
 */
export class AnnotationWriter {
  private queue: Pending[] = [];
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly busyRetryMs: number;
  /** Transactions and submissions so far (for tests and the bench's curiosity). */
  readonly stats = { commits: 0, submissions: 0 };
  /** Commits retried because the database was locked by someone else. */
  busyRetries = 0;

  constructor(private readonly store: Store, opts: WriterOptions = {}) {
    this.maxBatch = opts.maxBatch ?? 64;
    this.busyRetryMs = opts.busyRetryMs ?? 2000;
  }

  save(rows: NewAnnotation[]): Promise<AnnotationRecord[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const all = this.queue;
    this.queue = [];
    for (let i = 0; i < all.length; i += this.maxBatch) this.commit(all.slice(i, i + this.maxBatch), Date.now(), 0);
  }

  private commit(batch: Pending[], since: number, attempt: number): void {
    let results;
    try {
      results = this.store.addAnnotationBatch(batch.map((p) => p.rows));
    } catch (err) {
      if (err instanceof DatabaseBusyError && Date.now() - since < this.busyRetryMs) {
        this.busyRetries++;
        // 5, 10, 20, 40, 80, 100, 100 ... ms: quick while a run's short transactions hold the lock
        setTimeout(() => this.commit(batch, since, attempt + 1), Math.min(5 * 2 ** attempt, 100));
        return;
      }
      for (const p of batch) p.reject(err);
      return;
    }
    this.stats.commits++;
    this.stats.submissions += batch.length;
    results.forEach((r, i) => {
      const p = batch[i]!;
      if (r.error) p.reject(r.error);
      else p.resolve(r.saved);
    });
  }
}
