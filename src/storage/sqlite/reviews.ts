import type { Case } from '../../core/case.js';
import { ConfigError, NotFoundError } from '../../core/errors.js';
import type { Rubric } from '../../core/rubric.js';
import type { AnnotationRecord, AssignmentView, NewReview, ReviewItemRecord, ReviewKind, ReviewPair, ReviewRecord } from '../store.js';
import { json, sqliteCode, type Sql } from './connection.js';
import { toAnnotation, type AnnotationRow } from './annotation-rows.js';
import { storedCase } from './runs.js';

interface ReviewRow {
  id: string; name: string; run_id: string; rubric_json: string; overlap: number; blind: number;
  show_expected: number; created_at: string; sampling_json: string | null;
  /** v10; absent on older schemas (tests seed them). */
  kind?: ReviewKind; pair_json?: string | null;
}

function toReview(r: ReviewRow): ReviewRecord {
  return {
    id: r.id, name: r.name, runId: r.run_id, rubric: JSON.parse(r.rubric_json) as Rubric, overlap: r.overlap,
    blind: r.blind === 1, showExpected: r.show_expected === 1, createdAt: r.created_at,
    sampling: r.sampling_json ? (JSON.parse(r.sampling_json) as ReviewRecord['sampling']) : null,
    kind: r.kind ?? 'pointwise', pair: r.pair_json ? (JSON.parse(r.pair_json) as ReviewPair) : null,
  };
}

// Reviews never change once created, so each store parses a review's rubric once.
const reviewMemo = new WeakMap<Sql, Map<string, ReviewRecord>>();

export function getReview(sql: Sql, id: string): ReviewRecord | undefined {
  let memo = reviewMemo.get(sql);
  if (!memo) reviewMemo.set(sql, (memo = new Map()));
  const hit = memo.get(id);
  if (hit) return hit;
  const row = sql.stmt('SELECT * FROM reviews WHERE id = ?').get(id) as ReviewRow | undefined;
  if (!row) return undefined;
  const review = toReview(row);
  memo.set(id, review);
  return review;
}

export function requireReview(sql: Sql, id: string): ReviewRecord {
  const r = getReview(sql, id);
  if (!r) throw new NotFoundError(`review ${id} not found`);
  return r;
}

export function listReviews(sql: Sql): ReviewRecord[] {
  return (sql.stmt('SELECT * FROM reviews ORDER BY created_at, id').all() as ReviewRow[]).map(toReview);
}

export function createReview(sql: Sql, r: NewReview): ReviewRecord {
  if (r.outputIds.length !== r.assignments.length) {
    throw new ConfigError(`review ${r.id}: ${r.outputIds.length} outputs but ${r.assignments.length} assignment lists`);
  }
  const pairwise = r.kind === 'pairwise';
  if (pairwise && r.outputBIds?.length !== r.outputIds.length) {
    throw new ConfigError(`review ${r.id}: a pairwise review needs an output B for each of its ${r.outputIds.length} items`);
  }
  if (!sql.stmt('SELECT 1 FROM runs WHERE id = ?').pluck().get(r.runId)) throw new NotFoundError(`run ${r.runId} not found`);
  const outputExists = sql.stmt('SELECT 1 FROM outputs WHERE id = ?').pluck();
  const annotatorExists = sql.stmt('SELECT 1 FROM annotators WHERE id = ?').pluck();
  const insertItem = pairwise
    ? sql.stmt('INSERT INTO review_items (review_id, output_id, position, output_b_id) VALUES (?, ?, ?, ?)')
    : sql.stmt('INSERT INTO review_items (review_id, output_id, position) VALUES (?, ?, ?)');
  const insertAssignment = sql.stmt('INSERT INTO assignments (item_id, annotator_id) VALUES (?, ?)');
  const known = new Set<string>();
  sql.db.transaction(() => {
    try {
      const values = [r.id, r.name, r.runId, json(r.rubric), r.overlap, r.blind ? 1 : 0, r.showExpected ? 1 : 0, r.createdAt];
      // sampling_json (v8) and kind/pair_json (v10) only when there are any, so a pointwise review
      // without them still seeds an older schema in tests
      if (pairwise) {
        sql.stmt(
          `INSERT INTO reviews (id, name, run_id, rubric_json, overlap, blind, show_expected, created_at, sampling_json, kind, pair_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pairwise', ?)`,
        ).run(...values, r.sampling ? json(r.sampling) : null, r.pair ? json(r.pair) : null);
      } else if (r.sampling) {
        sql.stmt(
          `INSERT INTO reviews (id, name, run_id, rubric_json, overlap, blind, show_expected, created_at, sampling_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(...values, json(r.sampling));
      } else {
        sql.stmt(
          `INSERT INTO reviews (id, name, run_id, rubric_json, overlap, blind, show_expected, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(...values);
      }
    } catch (err) {
      if (sqliteCode(err) === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new ConfigError(`review ${r.id} already exists`);
      throw err;
    }
    r.outputIds.forEach((outputId, position) => {
      if (!outputExists.get(outputId)) throw new NotFoundError(`output ${outputId} not found`);
      const outputB = pairwise ? r.outputBIds![position]! : undefined;
      if (outputB !== undefined && !outputExists.get(outputB)) throw new NotFoundError(`output ${outputB} not found`);
      let itemId: number;
      try {
        const params = outputB === undefined ? [r.id, outputId, position] : [r.id, outputId, position, outputB];
        itemId = Number(insertItem.run(...params).lastInsertRowid);
      } catch (err) {
        if (sqliteCode(err) === 'SQLITE_CONSTRAINT_UNIQUE') throw new ConfigError(`output ${outputId} appears twice in review ${r.id}`);
        throw err;
      }
      for (const annotatorId of r.assignments[position]!) {
        if (!known.has(annotatorId)) {
          if (!annotatorExists.get(annotatorId)) throw new NotFoundError(`annotator ${annotatorId} not found`);
          known.add(annotatorId);
        }
        try {
          insertAssignment.run(itemId, annotatorId);
        } catch (err) {
          if (sqliteCode(err) === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
            throw new ConfigError(`annotator ${annotatorId} is assigned twice to output ${outputId}`);
          }
          throw err;
        }
      }
    });
  }).immediate();
  return requireReview(sql, r.id);
}

export function getReviewItems(sql: Sql, reviewId: string): ReviewItemRecord[] {
  // output_b_id (v10) is read only for pairwise reviews, so pointwise ones still read an older schema in tests
  const pairwise = getReview(sql, reviewId)?.kind === 'pairwise';
  const rows = sql.stmt(
    `SELECT id, review_id, output_id, position${pairwise ? ', output_b_id' : ''} FROM review_items WHERE review_id = ? ORDER BY position`,
  ).raw().all(reviewId) as Array<[number, string, number, number, number | null | undefined]>;
  return rows.map(([id, rid, outputId, position, outputBId]) => ({ id, reviewId: rid, outputId, outputBId: outputBId ?? null, position }));
}

export function getItemAssignees(sql: Sql, itemId: number): string[] {
  return sql.stmt('SELECT annotator_id FROM assignments WHERE item_id = ? ORDER BY annotator_id').pluck().all(itemId) as string[];
}

export function isAssigned(sql: Sql, itemId: number, annotatorId: string): boolean {
  return sql.stmt('SELECT 1 FROM assignments WHERE item_id = ? AND annotator_id = ?').pluck().get(itemId, annotatorId) === 1;
}

// ---------- an annotator's queue ----------

interface QueueRow {
  item_id: number; position: number; case_id: string; case_json: string | null; prompt: string; output: string | null;
  labelled: number; flagged: number; skipped: number; output_b?: string | null;
}

const queueSql = (pairwise: boolean) => `
  SELECT i.id AS item_id, i.position, o.case_id, rc.case_json, o.prompt, o.output, a.labelled, a.flagged, a.skipped
    ${pairwise ? ', ob.output AS output_b' : ''}
  FROM assignments a
  JOIN review_items i ON i.id = a.item_id
  JOIN outputs o ON o.id = i.output_id
  ${pairwise ? 'LEFT JOIN outputs ob ON ob.id = i.output_b_id' : ''}
  LEFT JOIN run_cases rc ON rc.run_id = o.run_id AND rc.case_id = o.case_id
  WHERE a.annotator_id = ? AND i.review_id = ?`;

/** The annotator's own latest row per (item, criterion) — never anyone else's. */
const MINE_SQL = `
  SELECT * FROM annotations WHERE id IN (
    SELECT max(id) FROM annotations WHERE review_id = ? AND annotator_id = ? GROUP BY item_id, criterion)`;

export function getAssignments(sql: Sql, reviewId: string, annotatorId: string): AssignmentView[] {
  const review = requireReview(sql, reviewId);
  const rows = sql.stmt(`${queueSql(review.kind === 'pairwise')} ORDER BY i.position`).all(annotatorId, reviewId) as QueueRow[];
  const mine = sql.stmt(`${MINE_SQL} ORDER BY item_id, criterion`).all(reviewId, annotatorId) as AnnotationRow[];
  return buildViews(review, rows, mine);
}

export function getAssignment(sql: Sql, reviewId: string, itemId: number, annotatorId: string): AssignmentView | undefined {
  const review = requireReview(sql, reviewId);
  const rows = sql.stmt(`${queueSql(review.kind === 'pairwise')} AND i.id = ?`).all(annotatorId, reviewId, itemId) as QueueRow[];
  if (rows.length === 0) return undefined;
  const mine = sql.stmt(
    `SELECT * FROM annotations WHERE id IN (
       SELECT max(id) FROM annotations WHERE review_id = ? AND annotator_id = ? AND item_id = ? GROUP BY criterion)
     ORDER BY criterion`,
  ).all(reviewId, annotatorId, itemId) as AnnotationRow[];
  return buildViews(review, rows, mine)[0];
}

function buildViews(review: ReviewRecord, rows: QueueRow[], mine: AnnotationRow[]): AssignmentView[] {
  const criteria = review.rubric.criteria.length;
  const mineByItem = new Map<number, AnnotationRecord[]>();
  for (const row of mine) {
    const list = mineByItem.get(row.item_id) ?? [];
    list.push(toAnnotation(row));
    mineByItem.set(row.item_id, list);
  }
  return rows.map((r) => {
    let c: Case = r.case_json ? storedCase(r.case_json) : { id: r.case_id, vars: {}, tags: [] };
    if (!review.showExpected && 'expected' in c) {
      const { expected: _hidden, ...rest } = c;
      c = rest;
    }
    return {
      itemId: r.item_id, position: r.position, caseId: r.case_id, case: c, prompt: r.prompt, output: r.output,
      ...(review.kind === 'pairwise' ? { outputB: r.output_b ?? null } : {}),
      mine: mineByItem.get(r.item_id) ?? [], status: itemStatus(criteria, r),
    };
  });
}

/**
 * done: every rubric criterion has a current label; otherwise the item's latest row decides:
 * flagged, then skipped, else todo. The inputs live on the assignment row (migration 004), and
 * getReviewProgress counts with the same rule in SQL.
 */
function itemStatus(criteria: number, r: QueueRow): AssignmentView['status'] {
  if (r.labelled >= criteria) return 'done';
  if (r.flagged) return 'flagged';
  if (r.skipped) return 'skipped';
  return 'todo';
}
