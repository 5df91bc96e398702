import type Database from 'better-sqlite3';
import type { Rubric } from '../../core/rubric.js';
import { scaleValues } from '../../core/rubric.js';
import type { Migration } from '../migrations.js';
import { packLabels } from '../sqlite/item-labels.js';

/**
 * v3: a compact copy of the current labels for agreement over very large reviews.
 * - annotators.seq: a small stable integer per annotator (rowids of a TEXT-keyed table may change
 *   on VACUUM, so they cannot be stored elsewhere).
 * - item_labels: per (review, criterion, item) the current labels packed as "seq:code,...",
 *   kept in step with current_labels on every annotation (see sqlite/item-labels.ts).
 * Existing annotators and labels are backfilled here.
 */
export const migration003: Migration = {
  version: 3,
  name: '003-item-labels',
  up(db: Database.Database) {
    db.exec(`
      ALTER TABLE annotators ADD COLUMN seq INTEGER;
      UPDATE annotators SET seq = r.n
        FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM annotators) AS r
        WHERE r.id = annotators.id;
      CREATE UNIQUE INDEX annotators_by_seq ON annotators (seq);
      CREATE TABLE item_labels (
        review_id TEXT NOT NULL,
        criterion TEXT NOT NULL,
        item_id   INTEGER NOT NULL,
        packed    TEXT NOT NULL,
        PRIMARY KEY (review_id, criterion, item_id)
      ) WITHOUT ROWID;
    `);
    const reviews = db.prepare('SELECT id, rubric_json FROM reviews').raw().all() as Array<[string, string]>;
    const labels = db.prepare(
      `SELECT cl.criterion, cl.item_id, a.seq, cl.label FROM current_labels cl JOIN annotators a ON a.id = cl.annotator_id
       WHERE cl.review_id = ? ORDER BY cl.criterion, cl.item_id, a.seq`,
    ).raw();
    const insert = db.prepare('INSERT INTO item_labels (review_id, criterion, item_id, packed) VALUES (?, ?, ?, ?)');
    for (const [reviewId, rubricJson] of reviews) {
      const rubric = JSON.parse(rubricJson) as Rubric;
      const scales = new Map(rubric.criteria.map((c) => [c.name, scaleValues(c.scale)]));
      // group the ordered rows by (criterion, item) and pack each group
      let group: { criterion: string; itemId: number; rows: Array<[number, string]> } | undefined;
      const flush = () => {
        const packed = group ? packLabels(group.rows, scales.get(group.criterion) ?? []) : '';
        if (group && packed) insert.run(reviewId, group.criterion, group.itemId, packed);
      };
      for (const [criterion, itemId, seq, label] of labels.all(reviewId) as Array<[string, number, number, string]>) {
        if (!group || group.criterion !== criterion || group.itemId !== itemId) {
          flush();
          group = { criterion, itemId, rows: [] };
        }
        group.rows.push([seq, label]);
      }
      flush();
    }
  },
};
