import type { BatchRecord, BatchRecordStatus, BatchRequestRecord, BatchRequestStatus, BatchResultUpdate, BatchRole, NewBatch, NewBatchRequest } from '../batch-records.js';
import { json, parseJson, type Sql } from './connection.js';

// ---------- provider batches (juror run --batch) ----------

interface BatchRow {
  id: string; run_id: string; provider: string; role: BatchRole; remote_id: string | null; status: BatchRecordStatus;
  provider_status: string | null; requests: number; created_at: string; ended_at: string | null;
}

interface RequestRow {
  batch_id: string; custom_id: string; request_key: string; case_id: string; repeat: number;
  status: BatchRequestStatus; body_json: string | null; error: string | null;
}

const toBatch = (r: BatchRow): BatchRecord => ({
  id: r.id, runId: r.run_id, provider: r.provider, role: r.role, remoteId: r.remote_id, status: r.status,
  providerStatus: r.provider_status, requests: r.requests, createdAt: r.created_at, endedAt: r.ended_at,
});

/** The batch and its requests in one transaction, before anything is sent (status `submitting`). */
export function createBatch(sql: Sql, batch: NewBatch, requests: readonly NewBatchRequest[]): void {
  sql.db.transaction(() => {
    sql.stmt(`INSERT INTO batches (id, run_id, provider, role, remote_id, status, provider_status, requests, created_at, ended_at)
              VALUES (?, ?, ?, ?, NULL, 'submitting', NULL, ?, ?, NULL)`)
      .run(batch.id, batch.runId, batch.provider, batch.role, requests.length, batch.createdAt);
    const insert = sql.stmt(`INSERT INTO batch_requests (batch_id, custom_id, request_key, case_id, repeat, status, body_json, error)
                             VALUES (?, ?, ?, ?, ?, 'pending', NULL, NULL)`);
    for (const r of requests) insert.run(batch.id, r.customId, r.requestKey, r.caseId, r.repeat);
  })();
}

export function setBatchSubmitted(sql: Sql, id: string, remoteId: string): void {
  sql.stmt(`UPDATE batches SET remote_id = ?, status = 'in_progress' WHERE id = ?`).run(remoteId, id);
}

export function setBatchProviderStatus(sql: Sql, id: string, providerStatus: string): void {
  sql.stmt('UPDATE batches SET provider_status = ? WHERE id = ?').run(providerStatus, id);
}

export function deleteBatch(sql: Sql, id: string): void {
  sql.db.transaction(() => {
    sql.stmt('DELETE FROM batch_requests WHERE batch_id = ?').run(id);
    sql.stmt('DELETE FROM batches WHERE id = ?').run(id);
  })();
}

export function listBatches(sql: Sql, runId: string): BatchRecord[] {
  return (sql.stmt('SELECT * FROM batches WHERE run_id = ? ORDER BY created_at, id').all(runId) as BatchRow[]).map(toBatch);
}

export function getBatchRequests(sql: Sql, runId: string): BatchRequestRecord[] {
  const rows = sql.stmt(
    `SELECT q.* FROM batch_requests q JOIN batches b ON b.id = q.batch_id WHERE b.run_id = ? ORDER BY b.created_at, b.id, q.rowid`,
  ).all(runId) as RequestRow[];
  return rows.map((r) => ({
    batchId: r.batch_id, customId: r.custom_id, requestKey: r.request_key, caseId: r.case_id, repeat: r.repeat,
    status: r.status, body: parseJson<unknown>(r.body_json) ?? null, error: r.error,
  }));
}

/** Every outcome of an ended batch and the batch's end, in one transaction. */
export function saveBatchResults(sql: Sql, id: string, results: readonly BatchResultUpdate[], providerStatus: string, endedAt: string): void {
  sql.db.transaction(() => {
    const update = sql.stmt('UPDATE batch_requests SET status = ?, body_json = ?, error = ? WHERE batch_id = ? AND custom_id = ?');
    for (const r of results) update.run(r.status, r.body === undefined ? null : json(r.body), r.error ?? null, id, r.customId);
    sql.stmt(`UPDATE batches SET status = 'ended', provider_status = ?, ended_at = ? WHERE id = ?`).run(providerStatus, endedAt, id);
  })();
}
