import type { AnnotationRecord, NewAnnotation, Store } from '../storage/store.js';

interface Pending {
  rows: NewAnnotation[];
  resolve: (saved: AnnotationRecord[]) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for annotation saves. Submissions that reach their handler in the same turn of the
 * event loop (the requests Node read in one poll) are written by one transaction in the check
 * phase right after it (setImmediate), each in its own savepoint. A save's promise settles only
 * after that COMMIT returned, so an acknowledged annotation is as durable as before; one annotator
 * saving alone waits for nothing but their own commit.
 */
export class AnnotationWriter {
  private queue: Pending[] = [];
  private scheduled = false;
  /** Transactions and submissions so far (for tests and the bench's curiosity). */
  readonly stats = { commits: 0, submissions: 0 };

  constructor(
    private readonly store: Store,
    /** Submissions per transaction at most, so one commit never holds the loop for long. */
    private readonly maxBatch = 64,
  ) {}

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
    for (let i = 0; i < all.length; i += this.maxBatch) this.commit(all.slice(i, i + this.maxBatch));
  }

  private commit(batch: Pending[]): void {
    let results;
    try {
      results = this.store.addAnnotationBatch(batch.map((p) => p.rows));
    } catch (err) {
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
