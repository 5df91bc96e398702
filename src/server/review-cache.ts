import type { ReviewRecord, Store } from '../storage/store.js';

/**
 * Reviews and their item lists never change after creation, so the hot path (saving an
 * annotation) reads them from memory instead of re-parsing the rubric JSON on every request.
 */
export interface CachedReview {
  review: ReviewRecord;
  /** item id -> output id */
  items: Map<number, number>;
  /** item id -> annotator ids assigned to it, filled on first use (assignments never change either). */
  assignees: Map<number, ReadonlySet<string>>;
}

export class ReviewCache {
  private readonly map = new Map<string, CachedReview>();
  constructor(private readonly store: Store) {}

  get(reviewId: string): CachedReview | undefined {
    let hit = this.map.get(reviewId);
    if (!hit) {
      const review = this.store.getReview(reviewId);
      if (!review) return undefined;
      hit = { review, items: new Map(this.store.getReviewItems(reviewId).map((i) => [i.id, i.outputId])), assignees: new Map() };
      if (this.map.size > 1000) this.map.clear();
      this.map.set(reviewId, hit);
    }
    return hit;
  }

  /** Whether the item is in this review and assigned to the annotator, from memory after the first ask. */
  isAssigned(cached: CachedReview, itemId: number, annotatorId: string): boolean {
    if (!cached.items.has(itemId)) return false;
    let who = cached.assignees.get(itemId);
    if (!who) {
      who = new Set(this.store.getItemAssignees(itemId));
      cached.assignees.set(itemId, who);
    }
    return who.has(annotatorId);
  }
}
