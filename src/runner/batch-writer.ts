import type { Score } from '../core/score.js';
import type { NewOutput, Store } from '../storage/store.js';

/**
 * Batches result writes: one `saveResults` transaction per ~50 ms or 100 results, whichever
 * comes first. One transaction per case would cost more CPU than the rest of the runner; the
 * response cache (written immediately) covers the small window a crash can lose here.
 */
export class BatchWriter {
  private buffer: Array<{ output: NewOutput; scores: Score[] }> = [];
  /** Scores on outputs already stored (a re-judge), written by `scoresRunId`. */
  private scoreBuffer: Array<{ outputId: number; scores: Score[] }> = [];
  private timer: NodeJS.Timeout | undefined;
  private failure: unknown;

  constructor(
    private readonly store: Store,
    private readonly opts: { maxBatch?: number; maxDelayMs?: number; scoresRunId?: string } = {},
  ) {}

  add(output: NewOutput, scores: Score[]): void {
    this.throwIfFailed();
    this.buffer.push({ output, scores });
    this.schedule();
  }

  /** New scores on a stored output (needs `scoresRunId`). */
  addScores(outputId: number, scores: Score[]): void {
    this.throwIfFailed();
    this.scoreBuffer.push({ outputId, scores });
    this.schedule();
  }

  private schedule(): void {
    if (this.pending >= (this.opts.maxBatch ?? 100)) this.flush();
    else this.timer ??= setTimeout(() => this.safeFlush(), this.opts.maxDelayMs ?? 50);
  }

  /** Write everything buffered now. Throws the storage error, if any. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.throwIfFailed();
    if (this.buffer.length > 0) {
      const batch = this.buffer;
      this.buffer = [];
      this.store.saveResults(batch);
    }
    if (this.scoreBuffer.length > 0) {
      const batch = this.scoreBuffer;
      this.scoreBuffer = [];
      this.store.saveScoreBatch(this.opts.scoresRunId!, batch);
    }
  }

  get pending(): number {
    return this.buffer.length + this.scoreBuffer.length;
  }

  /** Timer flushes cannot throw into nowhere: keep the error for the next add()/flush(). */
  private safeFlush(): void {
    try {
      this.flush();
    } catch (err) {
      this.failure = err;
    }
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) {
      const err = this.failure;
      this.failure = undefined;
      throw err;
    }
  }
}
