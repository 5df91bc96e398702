import { NotFoundError } from '../../core/errors.js';
import { scaleValues } from '../../core/rubric.js';
import type { LabelPattern } from '../store.js';
import type { Sql } from './connection.js';
import { unpackLabels } from './item-labels.js';
import { requireReview } from './reviews.js';

/**
 * Distinct rating patterns of one criterion, with how many items share each. One GROUP BY over
 * item_labels (one packed string per item, kept in step with current_labels), so a million labels
 * arrive as a few thousand rows; the packed codes are then turned back into annotator ids
 * (ascending) and labels aligned with them.
 */
export function labelPatterns(sql: Sql, reviewId: string, criterion: string): LabelPattern[] {
  const review = requireReview(sql, reviewId);
  const crit = review.rubric.criteria.find((c) => c.name === criterion);
  if (!crit) return [];
  const scale = scaleValues(crit.scale);
  const rows = sql.stmt(
    'SELECT packed, count(*) FROM item_labels WHERE review_id = ? AND criterion = ? GROUP BY packed',
  ).raw().all(reviewId, criterion) as Array<[string, number]>;
  if (rows.length === 0) return [];
  const ids = new Map(sql.stmt('SELECT seq, id FROM annotators').raw().all() as Array<[number, string]>);
  return rows.map(([packed, items]) => {
    const pairs = unpackLabels(packed).map(([seq, code]) => {
      const id = ids.get(seq);
      if (id === undefined) throw new NotFoundError(`annotator #${seq} in review ${reviewId} no longer exists`);
      return [id, scale[code]!] as const;
    });
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { annotatorIds: pairs.map((p) => p[0]), labels: pairs.map((p) => p[1]), items };
  });
}
