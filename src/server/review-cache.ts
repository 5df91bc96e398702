import type { ReviewRecord, Store } from '../storage/store.js';

/**
 * Reviews and their item lists never change after creation, so the hot path (saving an
 * annotation) reads them from memory instead of re-parsing the rubric JSON on every request.
 */
export interface CachedReview {
  review: ReviewRecord;
  /** item id -> output id */
  items: Map<number, number>;
}

export class ReviewCache {
  private readonly map = new Map<string, CachedReview>();
  constructor(private readonly store: Store) {}

  get(reviewId: string): CachedReview | undefined {
    let hit = this.map.get(reviewId);
    if (!hit) {
      const review = this.store.getReview(reviewId);
      if (!review) return undefined;
      hit = { review, items: new Map(this.store.getReviewItems(reviewId).map((i) => [i.id, i.outputId])) };
      if (this.map.size > 1000) this.map.clear();
      this.map.set(reviewId, hit);
    }
    return hit;
  }
}
