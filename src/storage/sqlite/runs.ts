import { contextChunks, type Case } from '../../core/case.js';
import { ConfigError, NotFoundError, StorageError } from '../../core/errors.js';
import type { ClaimVerdict, Score } from '../../core/score.js';
import type { NewOutput, NewRun, OutputRecord, RunRecord, RunStatus, RunSummary, ScoreRecord } from '../store.js';
import { json, parseJson, sqliteCode, type Sql } from './connection.js';
import { attachPanelVerdicts, insertPanelVerdicts } from './panel-verdicts.js';

// ---------- runs ----------

interface RunRow {
  id: string; kind: 'run' | 'judge'; suite_name: string; suite_path: string | null; provider: string;
  judge: string | null; config_json: string; git_commit: string | null; parent_run_id: string | null;
  status: RunStatus; started_at: string; finished_at: string | null; summary_json: string | null;
}

function toRun(r: RunRow): RunRecord {
  return {
    id: r.id,
    kind: r.kind,
    suiteName: r.suite_name,
    suitePath: r.suite_path,
    provider: r.provider,
    judge: r.judge,
    config: JSON.parse(r.config_json) as Record<string, unknown>,
    gitCommit: r.git_commit,
    parentRunId: r.parent_run_id,
    startedAt: r.started_at,
    status: r.status,
    finishedAt: r.finished_at,
    summary: parseJson<RunSummary>(r.summary_json),
  };
}

export function requireRun(sql: Sql, id: string): void {
  if (!sql.stmt('SELECT 1 FROM runs WHERE id = ?').pluck().get(id)) throw new NotFoundError(`run ${id} not found`);
}

export function createRun(sql: Sql, run: NewRun): RunRecord {
  if (run.parentRunId) requireRun(sql, run.parentRunId);
  try {
    sql.stmt(
      `INSERT INTO runs (id, kind, suite_name, suite_path, provider, judge, config_json, git_commit,
         parent_run_id, status, started_at, finished_at, summary_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, NULL, NULL)`,
    ).run(
      run.id, run.kind, run.suiteName, run.suitePath ?? null, run.provider, run.judge ?? null,
      json(run.config ?? {}), run.gitCommit ?? null, run.parentRunId ?? null, run.startedAt,
    );
  } catch (err) {
    if (sqliteCode(err) === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new StorageError(`run ${run.id} already exists`);
    throw err;
  }
  return getRun(sql, run.id)!;
}

export function getRun(sql: Sql, id: string): RunRecord | undefined {
  const row = sql.stmt('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
  return row && toRun(row);
}

export function listRuns(sql: Sql, opts: { limit?: number; suiteName?: string } = {}): RunRecord[] {
  // -1 is SQLite's "no limit"
  const limit = opts.limit === undefined ? -1 : Math.max(0, Math.trunc(opts.limit));
  const rows = (
    opts.suiteName === undefined
      ? sql.stmt('SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT ?').all(limit)
      : sql.stmt('SELECT * FROM runs WHERE suite_name = ? ORDER BY started_at DESC, id DESC LIMIT ?').all(opts.suiteName, limit)
  ) as RunRow[];
  return rows.map(toRun);
}

/** Only kind 'run': `juror run --resume` must never pick up a judge run. */
export function latestUnfinishedRun(sql: Sql): RunRecord | undefined {
  const row = sql.stmt(
    `SELECT * FROM runs WHERE status IN ('running', 'interrupted') AND kind = 'run'
     ORDER BY started_at DESC, id DESC LIMIT 1`,
  ).get() as RunRow | undefined;
  return row && toRun(row);
}

/** `summary`/`finishedAt` left undefined keep their stored value; null clears it. */
export function setRunStatus(
  sql: Sql, id: string, status: RunStatus, summary?: RunSummary | null, finishedAt?: string | null,
): void {
  const info = sql.stmt(
    `UPDATE runs SET status = ?,
       summary_json = CASE WHEN ? THEN ? ELSE summary_json END,
       finished_at  = CASE WHEN ? THEN ? ELSE finished_at END
     WHERE id = ?`,
  ).run(
    status,
    summary === undefined ? 0 : 1, summary === undefined || summary === null ? null : json(summary),
    finishedAt === undefined ? 0 : 1, finishedAt ?? null,
    id,
  );
  if (info.changes === 0) throw new NotFoundError(`run ${id} not found`);
}

// ---------- cases ----------

/** Upserts by case id, so saving the same cases again on resume is harmless. */
export function saveCases(sql: Sql, runId: string, cases: Case[], positions?: readonly number[]): void {
  requireRun(sql, runId);
  if (positions && positions.length !== cases.length) {
    throw new StorageError(`run ${runId}: ${cases.length} cases but ${positions.length} positions`);
  }
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) throw new ConfigError(`duplicate case id "${c.id}" in run ${runId}`);
    seen.add(c.id);
  }
  const stmt = sql.stmt(
    `INSERT INTO run_cases (run_id, case_id, position, case_json) VALUES (?, ?, ?, ?)
     ON CONFLICT (run_id, case_id) DO UPDATE SET position = excluded.position, case_json = excluded.case_json`,
  );
  sql.db.transaction(() => {
    cases.forEach((c, i) => stmt.run(runId, c.id, positions ? positions[i]! : i, json(c)));
  }).immediate();
}

/** A stored case; rows written before context chunks hold a string (list) there, read as chunks. */
export function storedCase(caseJson: string): Case {
  const c = JSON.parse(caseJson) as Case;
  if (c.context !== undefined) c.context = contextChunks(c.context);
  return c;
}

export function getCases(sql: Sql, runId: string): Case[] {
  const rows = sql.stmt('SELECT case_json FROM run_cases WHERE run_id = ? ORDER BY position').pluck().all(runId) as string[];
  return rows.map((r) => storedCase(r));
}

export function getCase(sql: Sql, runId: string, caseId: string): Case | undefined {
  const row = sql.stmt('SELECT case_json FROM run_cases WHERE run_id = ? AND case_id = ?').pluck().get(runId, caseId) as string | undefined;
  return row === undefined ? undefined : storedCase(row);
}

export function getPositionedCases(sql: Sql, runId: string): Array<{ position: number; case: Case }> {
  const rows = sql.stmt('SELECT position, case_json FROM run_cases WHERE run_id = ? ORDER BY position').all(runId) as Array<{
    position: number; case_json: string;
  }>;
  return rows.map((r) => ({ position: r.position, case: JSON.parse(r.case_json) as Case }));
}

// ---------- outputs ----------

interface OutputRow {
  id: number; run_id: string; col: number; provider: string | null; prompt_label: string | null; case_id: string; repeat: number; prompt: string; output: string | null;
  error: string | null; input_tokens: number; output_tokens: number; latency_ms: number | null;
  cost_usd: number | null; cached: number; attempts: number; created_at: string;
}

function toOutput(r: OutputRow): OutputRecord {
  const o: OutputRecord = {
    id: r.id,
    runId: r.run_id,
    col: r.col,
    caseId: r.case_id,
    repeat: r.repeat,
    prompt: r.prompt,
    output: r.output,
    error: r.error,
    usage: { inputTokens: r.input_tokens, outputTokens: r.output_tokens },
    latencyMs: r.latency_ms,
    costUsd: r.cost_usd,
    cached: r.cached === 1,
    attempts: r.attempts,
    createdAt: r.created_at,
  };
  // Absent (not null) in a one-column run, so its outputs read back exactly as before matrices.
  if (r.provider !== null) o.provider = r.provider;
  if (r.prompt_label !== null) o.promptLabel = r.prompt_label;
  return o;
}

/** Insert one output and its scores; the caller holds the transaction. */
function insertResult(sql: Sql, o: NewOutput, scores: Score[], createdAt: string): OutputRecord {
  let id: number;
  try {
    const info = sql.stmt(
      `INSERT INTO outputs (run_id, col, provider, prompt_label, case_id, repeat, prompt, output, error, input_tokens, output_tokens,
         latency_ms, cost_usd, cached, attempts, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      o.runId, o.col ?? 0, o.provider ?? null, o.promptLabel ?? null, o.caseId, o.repeat, o.prompt, o.output, o.error, o.usage.inputTokens, o.usage.outputTokens,
      o.latencyMs, o.costUsd, o.cached ? 1 : 0, o.attempts, createdAt,
    );
    id = Number(info.lastInsertRowid);
  } catch (err) {
    const code = sqliteCode(err);
    if (code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new StorageError(`run ${o.runId}: result for case "${o.caseId}" repeat ${o.repeat}${o.col ? ` column ${o.col + 1}` : ''} is already saved`);
    }
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new NotFoundError(`run ${o.runId} not found`);
    throw err;
  }
  insertScores(sql, o.runId, id, scores, createdAt);
  return { ...o, col: o.col ?? 0, id, createdAt };
}

export function saveResults(sql: Sql, results: Array<{ output: NewOutput; scores: Score[] }>): OutputRecord[] {
  const createdAt = sql.now();
  return sql.db.transaction(() => results.map((r) => insertResult(sql, r.output, r.scores, createdAt))).immediate();
}

export function getOutputs(sql: Sql, runId: string): OutputRecord[] {
  return (sql.stmt('SELECT * FROM outputs WHERE run_id = ? ORDER BY id').all(runId) as OutputRow[]).map(toOutput);
}

export function getOutput(sql: Sql, id: number): OutputRecord | undefined {
  const row = sql.stmt('SELECT * FROM outputs WHERE id = ?').get(id) as OutputRow | undefined;
  return row && toOutput(row);
}

// ---------- scores ----------

interface ScoreRow {
  id: number; run_id: string; output_id: number; scorer: string; criterion: string; value: number | null;
  label: string | null; passed: number | null; reason: string | null; judge: string | null;
  meta_json: string | null; created_at: string;
}

/** Optional fields come back absent (not null) so a Score round-trips exactly; value null stays null. */
function toScore(r: ScoreRow): ScoreRecord {
  const s: ScoreRecord = {
    id: r.id, runId: r.run_id, outputId: r.output_id, scorer: r.scorer, criterion: r.criterion,
    value: r.value, createdAt: r.created_at,
  };
  if (r.label !== null) s.label = r.label;
  if (r.passed !== null) s.passed = r.passed === 1;
  if (r.reason !== null) s.reason = r.reason;
  if (r.judge !== null) s.judge = r.judge;
  if (r.meta_json !== null) s.meta = JSON.parse(r.meta_json) as Record<string, unknown>;
  return s;
}

function insertScores(sql: Sql, runId: string, outputId: number, scores: Score[], createdAt: string): ScoreRecord[] {
  const stmt = sql.stmt(
    `INSERT INTO scores (run_id, output_id, scorer, criterion, value, label, passed, reason, judge, meta_json, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const claimStmt = () =>
    sql.stmt('INSERT INTO claims (score_id, position, kind, text, verdict, reason, chunk) VALUES (?, ?, ?, ?, ?, ?, ?)');
  return scores.map((s) => {
    // NaN would be stored as NULL by SQLite; refuse it loudly instead of silently unscoring
    if (s.value !== null && !Number.isFinite(s.value)) {
      throw new StorageError(`score ${s.criterion} on output ${outputId} has a non-finite value (${s.value}); use null for unscored`);
    }
    const info = stmt.run(
      runId, outputId, s.scorer, s.criterion, s.value, s.label ?? null,
      s.passed === undefined ? null : s.passed ? 1 : 0, s.reason ?? null, s.judge ?? null,
      s.meta === undefined ? null : json(s.meta), createdAt,
    );
    const id = Number(info.lastInsertRowid);
    const record = toScore({
      id, run_id: runId, output_id: outputId, scorer: s.scorer, criterion: s.criterion,
      value: s.value, label: s.label ?? null, passed: s.passed === undefined ? null : s.passed ? 1 : 0,
      reason: s.reason ?? null, judge: s.judge ?? null, meta_json: s.meta === undefined ? null : json(s.meta),
      created_at: createdAt,
    });
    if (s.claims?.length) {
      const put = claimStmt();
      s.claims.forEach((c, i) => put.run(id, i, c.kind, c.text, c.verdict, c.reason, c.chunk));
      record.claims = s.claims.map((c) => ({ ...c }));
    }
    if (s.panel?.length) {
      insertPanelVerdicts(sql, id, s.panel);
      record.panel = s.panel.map((v) => ({ ...v }));
    }
    return record;
  });
}

export function saveScores(sql: Sql, runId: string, outputId: number, scores: Score[]): ScoreRecord[] {
  requireRun(sql, runId);
  if (!sql.stmt('SELECT 1 FROM outputs WHERE id = ?').pluck().get(outputId)) {
    throw new NotFoundError(`output ${outputId} not found`);
  }
  const createdAt = sql.now();
  return sql.db.transaction(() => insertScores(sql, runId, outputId, scores, createdAt)).immediate();
}

export function saveScoreBatch(sql: Sql, runId: string, batch: Array<{ outputId: number; scores: Score[] }>): void {
  requireRun(sql, runId);
  const createdAt = sql.now();
  sql.db.transaction(() => {
    for (const b of batch) {
      try {
        insertScores(sql, runId, b.outputId, b.scores, createdAt);
      } catch (err) {
        if (sqliteCode(err) === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new NotFoundError(`output ${b.outputId} not found`);
        throw err;
      }
    }
  }).immediate();
}

export function getScores(sql: Sql, runId: string): ScoreRecord[] {
  const scores = (sql.stmt('SELECT * FROM scores WHERE run_id = ? ORDER BY output_id, id').all(runId) as ScoreRow[]).map(toScore);
  const claims = sql.stmt(
    `SELECT c.* FROM claims c JOIN scores s ON s.id = c.score_id WHERE s.run_id = ? ORDER BY c.score_id, c.position`,
  ).all(runId) as ClaimRow[];
  return attachPanelVerdicts(sql, withClaims(scores, claims), runId);
}

interface ClaimRow {
  score_id: number; position: number; kind: ClaimVerdict['kind']; text: string; verdict: ClaimVerdict['verdict'];
  reason: string; chunk: string | null;
}

/** Attach claim rows (ordered by score, position) to their scores; scores without claims get none. */
function withClaims(scores: ScoreRecord[], rows: ClaimRow[]): ScoreRecord[] {
  if (rows.length === 0) return scores;
  const byScore = new Map<number, ClaimVerdict[]>();
  for (const r of rows) {
    let list = byScore.get(r.score_id);
    if (!list) byScore.set(r.score_id, (list = []));
    list.push({ kind: r.kind, text: r.text, verdict: r.verdict, reason: r.reason, chunk: r.chunk });
  }
  for (const s of scores) {
    const list = byScore.get(s.id);
    if (list) s.claims = list;
  }
  return scores;
}

export function getScoresForOutputs(sql: Sql, runId: string, outputIds: number[]): ScoreRecord[] {
  if (outputIds.length === 0) return [];
  // one bound JSON array instead of a variable-length IN list: one cached statement, no limit on ids
  const rows = sql.stmt(
    `SELECT * FROM scores WHERE run_id = ? AND output_id IN (SELECT value FROM json_each(?))
     ORDER BY output_id, id`,
  ).all(runId, json(outputIds)) as ScoreRow[];
  const claims = sql.stmt(
    `SELECT c.* FROM claims c JOIN scores s ON s.id = c.score_id
     WHERE s.run_id = ? AND s.output_id IN (SELECT value FROM json_each(?)) ORDER BY c.score_id, c.position`,
  ).all(runId, json(outputIds)) as ClaimRow[];
  return attachPanelVerdicts(sql, withClaims(rows.map(toScore), claims), runId, outputIds);
}
