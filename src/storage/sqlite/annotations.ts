import type Database from 'better-sqlite3';
import { ConfigError, ConflictError, JurorError, NotFoundError, StorageError } from '../../core/errors.js';
import { labelToValue, scaleValues } from '../../core/rubric.js';
import type { AnnotationBatchResult, AnnotationRecord, CurrentLabel, NewAnnotation, ReviewProgress } from '../store.js';
import type { Sql } from './connection.js';
import { toAnnotation, type AnnotationRow } from './annotation-rows.js';
import { requireReview } from './reviews.js';
import { refreshItemLabels } from './item-labels.js';

/**
 * Append one annotation (caller holds the transaction). Order of checks: the item belongs to the
 * review, the item is assigned to this annotator (defence in depth: the server checks too), a
 * repeated client key returns the stored row, and a label must be on the rubric's scale.
 */
function appendOne(sql: Sql, a: NewAnnotation, createdAt: string): AnnotationRecord {
  const review = requireReview(sql, a.reviewId);
  if (review.kind === 'pairwise' ? a.label !== null && !a.shown : Boolean(a.shown)) {
    throw new ConfigError(review.kind === 'pairwise'
      ? `review ${a.reviewId} is pairwise: a label must record the left/right order the annotator saw`
      : `review ${a.reviewId} is not pairwise: an annotation has no left/right order`);
  }
  const outputId = sql.stmt('SELECT output_id FROM review_items WHERE id = ? AND review_id = ?').pluck()
    .get(a.itemId, a.reviewId) as number | undefined;
  if (outputId === undefined) throw new NotFoundError(`item ${a.itemId} not found in review ${a.reviewId}`);
  if (!sql.stmt('SELECT 1 FROM assignments WHERE item_id = ? AND annotator_id = ?').pluck().get(a.itemId, a.annotatorId)) {
    throw new NotFoundError(`item ${a.itemId} of review ${a.reviewId} is not assigned to annotator ${a.annotatorId}`);
  }
  const clientKey = a.clientKey ?? null;
  if (clientKey !== null) {
    const existing = sql.stmt('SELECT * FROM annotations WHERE annotator_id = ? AND client_key = ? AND criterion = ?')
      .get(a.annotatorId, clientKey, a.criterion) as AnnotationRow | undefined;
    if (existing) {
      if (existing.item_id !== a.itemId || existing.review_id !== a.reviewId) {
        throw new ConflictError(`client key ${clientKey} was already used for another item`);
      }
      // A resend must be the same save; anything else would be acknowledged and silently dropped.
      const same = existing.label === a.label && existing.comment === (a.comment ?? null) &&
        existing.flagged === (a.flagged ? 1 : 0) && existing.skipped === (a.skipped ? 1 : 0);
      if (!same) {
        throw new ConflictError(
          `client key ${clientKey} was already used for a different answer on this item (${a.criterion}: stored ${JSON.stringify(existing.label)}); ` +
            'a new answer needs a new key',
        );
      }
      return toAnnotation(existing);
    }
  }
  let value = a.value;
  let scale: string[] = [];
  if (a.label !== null) {
    const criterion = review.rubric.criteria.find((c) => c.name === a.criterion);
    if (!criterion) throw new ConfigError(`review ${a.reviewId} has no criterion "${a.criterion}"`);
    scale = scaleValues(criterion.scale);
    if (!scale.includes(a.label)) throw new ConfigError(`"${a.label}" is not on the scale of ${a.criterion} (${scale.join(', ')})`);
    value ??= labelToValue(criterion.scale, a.label);
  }
  if (value !== null && !Number.isFinite(value)) throw new ConfigError(`annotation value must be a finite number or null`);

  const supersedes = sql.stmt(
    'SELECT max(id) FROM annotations WHERE review_id = ? AND annotator_id = ? AND item_id = ? AND criterion = ?',
  ).pluck().get(a.reviewId, a.annotatorId, a.itemId, a.criterion) as number | null;
  const row: AnnotationRow = {
    id: 0, review_id: a.reviewId, item_id: a.itemId, annotator_id: a.annotatorId, criterion: a.criterion,
    label: a.label, value, comment: a.comment ?? null, flagged: a.flagged ? 1 : 0, skipped: a.skipped ? 1 : 0,
    client_key: clientKey, supersedes, created_at: createdAt,
  };
  const params = [
    row.review_id, row.item_id, row.annotator_id, row.criterion, row.label, row.value, row.comment, row.flagged,
    row.skipped, row.client_key, row.supersedes, row.created_at,
  ];
  // `shown` (v10) only on pairwise rows, so pointwise ones still write an older schema in tests
  if (a.shown) row.shown = a.shown;
  row.id = Number(
    (a.shown
      ? sql.stmt(
          `INSERT INTO annotations (review_id, item_id, annotator_id, criterion, label, value, comment, flagged, skipped,
             client_key, supersedes, created_at, shown) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(...params, a.shown)
      : sql.stmt(
          `INSERT INTO annotations (review_id, item_id, annotator_id, criterion, label, value, comment, flagged, skipped,
             client_key, supersedes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(...params)
    ).lastInsertRowid,
  );
  // "latest non-null label": a skip/flag-only row does not erase an earlier label
  if (a.label !== null) {
    sql.stmt(
      `INSERT INTO current_labels (review_id, criterion, item_id, annotator_id, output_id, annotation_id, label, value)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (review_id, criterion, item_id, annotator_id)
       DO UPDATE SET annotation_id = excluded.annotation_id, label = excluded.label, value = excluded.value`,
    ).run(a.reviewId, a.criterion, a.itemId, a.annotatorId, outputId, row.id, a.label, value);
    refreshItemLabels(sql, a.reviewId, a.criterion, a.itemId, scale);
  }
  sql.stmt(
    `UPDATE assignments SET flagged = ?, skipped = ?, labelled = (
       SELECT count(*) FROM current_labels WHERE review_id = ? AND annotator_id = ? AND item_id = ?)
     WHERE item_id = ? AND annotator_id = ?`,
  ).run(row.flagged, row.skipped, a.reviewId, a.annotatorId, a.itemId, a.itemId, a.annotatorId);
  return toAnnotation(row);
}

export function addAnnotations(sql: Sql, list: NewAnnotation[]): AnnotationRecord[] {
  const createdAt = sql.now();
  return durably(sql, () => writers(sql).one.immediate(list, createdAt));
}

/**
 * An acknowledged label must survive a power loss, not only a crash: the connection runs with
 * synchronous=NORMAL (a WAL commit reaches the OS, fsync only at checkpoints), so annotation
 * commits switch to FULL (the WAL is fsynced before COMMIT returns). The level cannot change
 * inside a transaction, so it is set around it; group commit shares one fsync among a batch.
 */
function durably<T>(sql: Sql, fn: () => T): T {
  if (sql.db.inTransaction) return fn();
  sql.stmt('PRAGMA synchronous = FULL').run();
  try {
    return fn();
  } finally {
    sql.stmt('PRAGMA synchronous = NORMAL').run();
  }
}

/**
 * Group commit: several submissions in ONE transaction (one WAL commit instead of one each), every
 * submission inside its own savepoint, so a refused one rolls back alone and answers its own error
 * while the others commit. Throws (nothing written) only if the transaction itself fails.
 */
export function addAnnotationBatch(sql: Sql, batch: NewAnnotation[][]): AnnotationBatchResult[] {
  const createdAt = sql.now();
  const { one, many } = writers(sql);
  return durably(sql, () => many.immediate(batch, (list: NewAnnotation[]) => {
    try {
      return { saved: one(list, createdAt) };
    } catch (err) {
      // An I/O or disk-full error can make SQLite roll back the whole transaction: then nothing of
      // the batch is written, and the later submissions must not commit on their own.
      if (!sql.db.inTransaction) throw err;
      return { error: err instanceof JurorError ? err : new StorageError(`database ${sql.path}: addAnnotations failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err }) };
    }
  }));
}

type Writer = Database.Transaction<(list: NewAnnotation[], createdAt: string) => AnnotationRecord[]>;
type BatchWriter = Database.Transaction<
  (batch: NewAnnotation[][], each: (list: NewAnnotation[]) => AnnotationBatchResult) => AnnotationBatchResult[]
>;

// db.transaction() builds a new wrapper on every call; these are built once per connection. Called
// inside another transaction, `one` runs as a savepoint (better-sqlite3 nests that way).
const writerMemo = new WeakMap<Sql, { one: Writer; many: BatchWriter }>();
function writers(sql: Sql): { one: Writer; many: BatchWriter } {
  let w = writerMemo.get(sql);
  if (!w) {
    w = {
      one: sql.db.transaction((list: NewAnnotation[], createdAt: string) => list.map((a) => appendOne(sql, a, createdAt))),
      many: sql.db.transaction((batch: NewAnnotation[][], each: (list: NewAnnotation[]) => AnnotationBatchResult) => batch.map(each)),
    };
    writerMemo.set(sql, w);
  }
  return w;
}

export function getAnnotationHistory(sql: Sql, reviewId: string): AnnotationRecord[] {
  return (sql.stmt('SELECT * FROM annotations WHERE review_id = ? ORDER BY id').all(reviewId) as AnnotationRow[]).map(
    toAnnotation,
  );
}

/** Annotator names are few; a Map beats joining them onto a million label rows. */
function annotatorNames(sql: Sql): Map<string, string> {
  const rows = sql.stmt('SELECT id, name FROM annotators').raw().all() as Array<[string, string]>;
  return new Map(rows);
}

export function getCurrentLabels(sql: Sql, reviewId: string, criterion?: string): CurrentLabel[] {
  const names = annotatorNames(sql);
  const stmt =
    criterion === undefined
      ? sql.stmt(
          `SELECT item_id, output_id, annotator_id, criterion, label, value FROM current_labels
           WHERE review_id = ? ORDER BY review_id, criterion, item_id, annotator_id`,
        ).raw()
      : sql.stmt(
          `SELECT item_id, output_id, annotator_id, criterion, label, value FROM current_labels
           WHERE review_id = ? AND criterion = ? ORDER BY review_id, criterion, item_id, annotator_id`,
        ).raw();
  const out: CurrentLabel[] = [];
  const args = criterion === undefined ? [reviewId] : [reviewId, criterion];
  for (const r of stmt.iterate(...args) as IterableIterator<[number, number, string, string, string, number | null]>) {
    out.push({
      itemId: r[0], outputId: r[1], annotatorId: r[2], annotatorName: names.get(r[2]) ?? r[2],
      criterion: r[3], label: r[4], value: r[5],
    });
  }
  return out;
}

export function labelCountsByItem(sql: Sql, reviewId: string, criterion: string): Array<{ itemId: number; label: string; count: number }> {
  const out: Array<{ itemId: number; label: string; count: number }> = [];
  const stmt = sql.stmt(
    `SELECT item_id, label, count(*) FROM current_labels WHERE review_id = ? AND criterion = ?
     GROUP BY item_id, label ORDER BY item_id, label`,
  ).raw();
  for (const r of stmt.iterate(reviewId, criterion) as IterableIterator<[number, string, number]>) {
    out.push({ itemId: r[0], label: r[1], count: r[2] });
  }
  return out;
}

/**
 * Same status rule as reviews.ts itemStatus (done, else flagged, else skipped), from the status
 * columns each assignment carries. `annotatorId` limits it to one annotator's row.
 */
export function getReviewProgress(sql: Sql, reviewId: string, annotatorId?: string): ReviewProgress[] {
  const review = requireReview(sql, reviewId);
  const n = review.rubric.criteria.length;
  const select = `SELECT a.annotator_id, p.name, count(*), sum(a.labelled >= @n),
       sum(a.labelled < @n AND a.flagged), sum(a.labelled < @n AND NOT a.flagged AND a.skipped)
     FROM review_items i JOIN assignments a ON a.item_id = i.id JOIN annotators p ON p.id = a.annotator_id`;
  const rows = (
    annotatorId === undefined
      ? sql.stmt(`${select} WHERE i.review_id = @reviewId GROUP BY a.annotator_id ORDER BY p.name`).raw().all({ n, reviewId })
      : sql.stmt(`${select} WHERE i.review_id = @reviewId AND a.annotator_id = @annotatorId GROUP BY a.annotator_id`)
          .raw().all({ n, reviewId, annotatorId })
  ) as Array<[string, string, number, number, number, number]>;
  return rows.map(([id, name, assigned, done, flagged, skipped]) => ({
    annotatorId: id, annotatorName: name, assigned, done, skipped, flagged,
  }));
}
