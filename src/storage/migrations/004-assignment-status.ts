import type { Migration } from '../migrations.js';

/**
 * v4: each assignment carries its own status inputs, updated in the same transaction as every
 * annotation, so review progress is one GROUP BY over the review's assignments instead of
 * aggregating the whole annotation history on every admin or home page load.
 * - labelled: how many rubric criteria have a current label from this annotator on this item
 * - flagged / skipped: the flags of this annotator's latest annotation row on the item
 */
export const migration004: Migration = {
  version: 4,
  name: '004-assignment-status',
  sql: `
    ALTER TABLE assignments ADD COLUMN labelled INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE assignments ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE assignments ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;
    -- every lookup is keyed by (review, annotator, item) so it runs on the covering indexes of
    -- current_labels and annotations instead of scanning them once per assignment
    UPDATE assignments SET
      labelled = (
        SELECT count(*) FROM current_labels cl
        WHERE cl.review_id = (SELECT review_id FROM review_items WHERE id = assignments.item_id)
          AND cl.annotator_id = assignments.annotator_id AND cl.item_id = assignments.item_id),
      flagged = coalesce((
        SELECT an.flagged FROM annotations an
        WHERE an.id = (
          SELECT max(id) FROM annotations
          WHERE review_id = (SELECT review_id FROM review_items WHERE id = assignments.item_id)
            AND annotator_id = assignments.annotator_id AND item_id = assignments.item_id)), 0),
      skipped = coalesce((
        SELECT an.skipped FROM annotations an
        WHERE an.id = (
          SELECT max(id) FROM annotations
          WHERE review_id = (SELECT review_id FROM review_items WHERE id = assignments.item_id)
            AND annotator_id = assignments.annotator_id AND item_id = assignments.item_id)), 0);
  `,
};
