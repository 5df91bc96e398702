import type { PanelVerdict } from '../../core/judge-panel.js';
import { StorageError } from '../../core/errors.js';
import type { ScoreRecord } from '../store.js';
import { json, type Sql } from './connection.js';

/**
 * A judge panel's member verdicts (table judge_scores, migration 012): written with their score,
 * read back onto it as `Score.panel`. They never become rows of `scores`, so every count, mean and
 * label query over scores sees one score per criterion, the panel's.
 */

interface VerdictRow {
  score_id: number; position: number; judge: string; value: number | null; label: string | null;
  passed: number | null; reason: string | null; meta_json: string | null;
}

export function insertPanelVerdicts(sql: Sql, scoreId: number, verdicts: readonly PanelVerdict[]): void {
  const put = sql.stmt('INSERT INTO judge_scores (score_id, position, judge, value, label, passed, reason, meta_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  verdicts.forEach((v, i) => {
    if (v.value !== null && !Number.isFinite(v.value)) throw new StorageError(`panel verdict of ${v.judge} on score ${scoreId} has a non-finite value (${v.value}); use null for unscored`);
    put.run(scoreId, i, v.judge, v.value, v.label ?? null, v.passed === undefined ? null : v.passed ? 1 : 0, v.reason ?? null, v.meta === undefined ? null : json(v.meta));
  });
}

/** The verdicts of a run's scores (optionally only those on some outputs), attached to their scores. */
export function attachPanelVerdicts(sql: Sql, scores: ScoreRecord[], runId: string, outputIds?: readonly number[]): ScoreRecord[] {
  const rows = (
    outputIds
      ? sql.stmt(
          `SELECT j.* FROM judge_scores j JOIN scores s ON s.id = j.score_id
           WHERE s.run_id = ? AND s.output_id IN (SELECT value FROM json_each(?)) ORDER BY j.score_id, j.position`,
        ).all(runId, json(outputIds))
      : sql.stmt('SELECT j.* FROM judge_scores j JOIN scores s ON s.id = j.score_id WHERE s.run_id = ? ORDER BY j.score_id, j.position').all(runId)
  ) as VerdictRow[];
  if (rows.length === 0) return scores;
  const byScore = new Map<number, PanelVerdict[]>();
  for (const r of rows) {
    let list = byScore.get(r.score_id);
    if (!list) byScore.set(r.score_id, (list = []));
    list.push(toVerdict(r));
  }
  for (const s of scores) {
    const list = byScore.get(s.id);
    if (list) s.panel = list;
  }
  return scores;
}

/** Optional fields come back absent (not null), so a verdict round-trips exactly. */
function toVerdict(r: VerdictRow): PanelVerdict {
  const v: PanelVerdict = { judge: r.judge, value: r.value };
  if (r.label !== null) v.label = r.label;
  if (r.passed !== null) v.passed = r.passed === 1;
  if (r.reason !== null) v.reason = r.reason;
  if (r.meta_json !== null) v.meta = JSON.parse(r.meta_json) as Record<string, unknown>;
  return v;
}
