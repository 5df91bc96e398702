import { NotFoundError } from '../../core/errors.js';
import { scaleValues } from '../../core/rubric.js';
import type { LabelPattern } from '../store.js';
import type { Sql } from './connection.js';
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
  // seq -> id as a dense array: seqs are small consecutive integers (row_number at 003, then max + 1)
  const ids: Array<string | undefined> = [];
  for (const [seq, id] of sql.stmt('SELECT seq, id FROM annotators').raw().all() as Array<[number, string]>) ids[seq] = id;
  // Hand-parsed rather than split(): a million-label review has tens of thousands of patterns, and
  // per-token arrays and strings were most of the garbage collected during an agreement report.
  return rows.map(([packed, items]) => {
    const annotatorIds: string[] = [];
    const labels: string[] = [];
    let seq = 0;
    let code = 0;
    let inCode = false;
    for (let i = 0; i <= packed.length; i++) {
      const ch = i < packed.length ? packed.charCodeAt(i) : 44; // ',' ends the last token
      if (ch === 58) inCode = true; // ':'
      else if (ch !== 44) {
        if (inCode) code = code * 10 + ch - 48;
        else seq = seq * 10 + ch - 48;
      } else {
        const id = ids[seq];
        if (id === undefined) throw new NotFoundError(`annotator #${seq} in review ${reviewId} no longer exists`);
        // insertion by id: patterns hold a handful of labels, and ids need not follow seq order
        let j = annotatorIds.length;
        annotatorIds.push(id);
        labels.push(scale[code]!);
        while (j > 0 && annotatorIds[j - 1]! > id) {
          annotatorIds[j] = annotatorIds[j - 1]!;
          labels[j] = labels[j - 1]!;
          j--;
        }
        annotatorIds[j] = id;
        labels[j] = scale[code]!;
        seq = 0;
        code = 0;
        inCode = false;
      }
    }
    return { annotatorIds, labels, items };
  });
}
