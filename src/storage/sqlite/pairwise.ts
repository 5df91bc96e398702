import type { Rubric } from '../../core/rubric.js';
import { NotFoundError, StorageError } from '../../core/errors.js';
import type { ComparisonRecord, NewComparison, NewPairwiseVerdict, PairwiseVerdictRecord, RunStatus } from '../store.js';
import { json, parseJson, sqliteCode, type Sql } from './connection.js';

interface ComparisonRow {
  id: string; rubric_json: string; judges_json: string; sources_json: string; status: RunStatus;
  created_at: string; finished_at: string | null; summary_json: string | null;
}

function toComparison(r: ComparisonRow): ComparisonRecord {
  return {
    id: r.id, rubric: JSON.parse(r.rubric_json) as Rubric, judges: JSON.parse(r.judges_json) as string[],
    sources: JSON.parse(r.sources_json) as ComparisonRecord['sources'], status: r.status, createdAt: r.created_at,
    finishedAt: r.finished_at, summary: parseJson<Record<string, unknown>>(r.summary_json),
  };
}

export function createComparison(sql: Sql, c: NewComparison): ComparisonRecord {
  for (const s of c.sources) {
    if (!sql.stmt('SELECT 1 FROM runs WHERE id = ?').pluck().get(s.runId)) throw new NotFoundError(`run ${s.runId} not found`);
  }
  try {
    sql.stmt(
      `INSERT INTO comparisons (id, rubric_json, judges_json, sources_json, status, created_at) VALUES (?, ?, ?, ?, 'running', ?)`,
    ).run(c.id, json(c.rubric), json(c.judges), json(c.sources), c.createdAt);
  } catch (err) {
    if (sqliteCode(err) === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new StorageError(`comparison ${c.id} already exists`);
    throw err;
  }
  return getComparison(sql, c.id)!;
}

export function getComparison(sql: Sql, id: string): ComparisonRecord | undefined {
  const row = sql.stmt('SELECT * FROM comparisons WHERE id = ?').get(id) as ComparisonRow | undefined;
  return row && toComparison(row);
}

export function listComparisons(sql: Sql): ComparisonRecord[] {
  return (sql.stmt('SELECT * FROM comparisons ORDER BY created_at DESC, id DESC').all() as ComparisonRow[]).map(toComparison);
}

export function setComparisonStatus(sql: Sql, id: string, status: RunStatus, summary: Record<string, unknown> | null, finishedAt: string | null): void {
  const changed = sql.stmt('UPDATE comparisons SET status = ?, summary_json = ?, finished_at = ? WHERE id = ?')
    .run(status, summary === null ? null : json(summary), finishedAt, id).changes;
  if (changed === 0) throw new NotFoundError(`comparison ${id} not found`);
}

/** One transaction; re-saving the same (pair, judge, criterion) replaces it (a re-judged pair). */
export function savePairwiseVerdicts(sql: Sql, comparisonId: string, rows: NewPairwiseVerdict[]): void {
  const insert = sql.stmt(
    `INSERT OR REPLACE INTO pairwise_verdicts (comparison_id, output_a, output_b, judge, criterion, case_id, verdict, consistent,
       said_ab, said_ba, reason_ab, reason_ba, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const now = sql.now();
  sql.db.transaction(() => {
    for (const r of rows) {
      insert.run(
        comparisonId, r.outputA, r.outputB, r.judge, r.criterion, r.caseId, r.verdict,
        r.consistent === null ? null : r.consistent ? 1 : 0, r.saidAB, r.saidBA, r.reasonAB, r.reasonBA, now,
      );
    }
  }).immediate();
}

interface VerdictRow {
  comparison_id: string; output_a: number; output_b: number; judge: string; criterion: string; case_id: string;
  verdict: NewPairwiseVerdict['verdict']; consistent: number | null; said_ab: NewPairwiseVerdict['saidAB'];
  said_ba: NewPairwiseVerdict['saidBA']; reason_ab: string; reason_ba: string; created_at: string;
}

export function getPairwiseVerdicts(sql: Sql, comparisonId: string): PairwiseVerdictRecord[] {
  const rows = sql.stmt('SELECT * FROM pairwise_verdicts WHERE comparison_id = ? ORDER BY case_id, output_a, output_b, judge, criterion')
    .all(comparisonId) as VerdictRow[];
  return rows.map((r) => ({
    comparisonId: r.comparison_id, outputA: r.output_a, outputB: r.output_b, judge: r.judge, criterion: r.criterion,
    caseId: r.case_id, verdict: r.verdict, consistent: r.consistent === null ? null : r.consistent === 1,
    saidAB: r.said_ab, saidBA: r.said_ba, reasonAB: r.reason_ab, reasonBA: r.reason_ba, createdAt: r.created_at,
  }));
}
