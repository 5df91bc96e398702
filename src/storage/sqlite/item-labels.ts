import type { Sql } from './connection.js';

/**
 * `item_labels` keeps, per (review, criterion, item), the item's current labels packed as
 * "seq:code,seq:code" (annotator seq ascending, code = index of the label on the criterion's
 * scale). It is rebuilt from current_labels (the source of truth) in the same transaction as
 * every labelled annotation, so agreement over a million labels groups 1 short string per item
 * instead of reading a million rows (see label-patterns.ts).
 */

export function refreshItemLabels(sql: Sql, reviewId: string, criterion: string, itemId: number, scale: string[]): void {
  const rows = sql.stmt(
    `SELECT a.seq, cl.label FROM current_labels cl JOIN annotators a ON a.id = cl.annotator_id
     WHERE cl.review_id = ? AND cl.criterion = ? AND cl.item_id = ? ORDER BY a.seq`,
  ).raw().all(reviewId, criterion, itemId) as Array<[number, string]>;
  const packed = packLabels(rows, scale);
  if (packed === '') {
    sql.stmt('DELETE FROM item_labels WHERE review_id = ? AND criterion = ? AND item_id = ?').run(reviewId, criterion, itemId);
    return;
  }
  sql.stmt(
    `INSERT INTO item_labels (review_id, criterion, item_id, packed) VALUES (?, ?, ?, ?)
     ON CONFLICT (review_id, criterion, item_id) DO UPDATE SET packed = excluded.packed`,
  ).run(reviewId, criterion, itemId, packed);
}

/** rows: (annotator seq, label) in seq order. */
export function packLabels(rows: Iterable<[number, string]>, scale: string[]): string {
  const parts: string[] = [];
  for (const [seq, label] of rows) {
    const code = scale.indexOf(label);
    // labels are validated on write; one off the scale (a hand-edited db) is left out, not miscoded
    if (code >= 0) parts.push(`${seq}:${code}`);
  }
  return parts.join(',');
}

