import type { AnnotationRecord } from '../store.js';

export interface AnnotationRow {
  id: number; review_id: string; item_id: number; annotator_id: string; criterion: string; label: string | null;
  value: number | null; comment: string | null; flagged: number; skipped: number; client_key: string | null;
  supersedes: number | null; created_at: string; shown?: 'AB' | 'BA' | null;
}

export function toAnnotation(r: AnnotationRow): AnnotationRecord {
  return {
    id: r.id, reviewId: r.review_id, itemId: r.item_id, annotatorId: r.annotator_id, criterion: r.criterion,
    label: r.label, value: r.value, comment: r.comment, flagged: r.flagged === 1, skipped: r.skipped === 1,
    clientKey: r.client_key, supersedes: r.supersedes, createdAt: r.created_at,
    ...(r.shown ? { shown: r.shown } : {}),
  };
}
