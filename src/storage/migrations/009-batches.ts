import type { Migration } from '../migrations.js';

/**
 * v9: provider batches of `juror run --batch`, so a restarted run picks its batches up instead of
 * submitting again. `batches`: one per submission (the provider's id once it gave one);
 * `batch_requests`: each request's custom_id, the response-cache key of the request, the case and
 * repeat it was made for, and, once the batch ended, its outcome (the provider's response body or
 * the error). A batch with no remote_id was being submitted when the process died.
 */
export const migration009: Migration = {
  version: 9,
  name: '009-batches',
  sql: `
    CREATE TABLE batches (
      id TEXT PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      provider TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('system', 'judge')),
      remote_id TEXT,
      status TEXT NOT NULL CHECK (status IN ('submitting', 'in_progress', 'ended')),
      provider_status TEXT,
      requests INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      ended_at TEXT
    );
    CREATE INDEX batches_by_run ON batches(run_id);
    CREATE TABLE batch_requests (
      batch_id TEXT NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
      custom_id TEXT NOT NULL,
      request_key TEXT NOT NULL,
      case_id TEXT NOT NULL,
      repeat INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'errored', 'expired')),
      body_json TEXT,
      error TEXT,
      PRIMARY KEY (batch_id, custom_id)
    );
  `,
};
