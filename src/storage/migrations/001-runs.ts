import type { Migration } from '../migrations.js';

/**
 * v1: everything `juror run` needs — runs, their cases, outputs, scores and the response cache.
 * Outputs are unique per (run, case, repeat) so a resumed run can never silently duplicate work.
 */
export const migration001: Migration = {
  version: 1,
  name: '001-runs',
  sql: `
    CREATE TABLE runs (
      id            TEXT PRIMARY KEY,
      kind          TEXT NOT NULL CHECK (kind IN ('run', 'judge')),
      suite_name    TEXT NOT NULL,
      suite_path    TEXT,
      provider      TEXT NOT NULL,
      judge         TEXT,
      config_json   TEXT NOT NULL,
      git_commit    TEXT,
      parent_run_id TEXT REFERENCES runs(id),
      status        TEXT NOT NULL CHECK (status IN ('running', 'finished', 'interrupted', 'failed')),
      started_at    TEXT NOT NULL,
      finished_at   TEXT,
      summary_json  TEXT
    );
    CREATE INDEX runs_by_start ON runs (started_at, id);
    CREATE INDEX runs_by_suite ON runs (suite_name, started_at);
    CREATE INDEX runs_by_status ON runs (status, started_at);

    CREATE TABLE run_cases (
      run_id    TEXT NOT NULL REFERENCES runs(id),
      case_id   TEXT NOT NULL,
      position  INTEGER NOT NULL,
      case_json TEXT NOT NULL,
      PRIMARY KEY (run_id, case_id)
    ) WITHOUT ROWID;

    CREATE TABLE outputs (
      id            INTEGER PRIMARY KEY,
      run_id        TEXT NOT NULL REFERENCES runs(id),
      case_id       TEXT NOT NULL,
      repeat        INTEGER NOT NULL,
      prompt        TEXT NOT NULL,
      output        TEXT,
      error         TEXT,
      input_tokens  INTEGER NOT NULL,
      output_tokens INTEGER NOT NULL,
      latency_ms    REAL,
      cost_usd      REAL,
      cached        INTEGER NOT NULL,
      attempts      INTEGER NOT NULL,
      created_at    TEXT NOT NULL,
      UNIQUE (run_id, case_id, repeat)
    );

    CREATE TABLE scores (
      id         INTEGER PRIMARY KEY,
      run_id     TEXT NOT NULL REFERENCES runs(id),
      output_id  INTEGER NOT NULL REFERENCES outputs(id),
      scorer     TEXT NOT NULL,
      criterion  TEXT NOT NULL,
      value      REAL,
      label      TEXT,
      passed     INTEGER,
      reason     TEXT,
      judge      TEXT,
      meta_json  TEXT,
      created_at TEXT NOT NULL
    );
    CREATE INDEX scores_by_run_output ON scores (run_id, output_id);
    CREATE INDEX scores_by_output ON scores (output_id);

    CREATE TABLE cache (
      key        TEXT PRIMARY KEY,
      provider   TEXT NOT NULL,
      value      TEXT NOT NULL,
      created_at TEXT NOT NULL,
      hits       INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;
  `,
};
