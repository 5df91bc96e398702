import type { Migration } from '../migrations.js';

/**
 * v11: matrix runs. An output belongs to a column of its run (`col`, 0 for a one-column run) and
 * carries the provider spec and prompt label that made it (NULL: the run's one provider and
 * prompt). One (run, column, case, repeat) has one output, so the unique key gains `col`.
 *
 * SQLite cannot change a UNIQUE constraint in place, so the table is rebuilt with its ids kept, the
 * way the SQLite manual prescribes (with foreign keys off: `withoutForeignKeys`): new table, copy,
 * drop the old, rename; then foreign_key_check proves every score and review item still finds its
 * output.
 */
export const migration011: Migration = {
  version: 11,
  name: '011-matrix-columns',
  withoutForeignKeys: true,
  up(db) {
    db.exec(`
        CREATE TABLE outputs_v11 (
          id            INTEGER PRIMARY KEY,
          run_id        TEXT NOT NULL REFERENCES runs(id),
          col           INTEGER NOT NULL DEFAULT 0,
          provider      TEXT,
          prompt_label  TEXT,
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
          UNIQUE (run_id, col, case_id, repeat)
        );
        INSERT INTO outputs_v11 (id, run_id, col, provider, prompt_label, case_id, repeat, prompt, output, error,
            input_tokens, output_tokens, latency_ms, cost_usd, cached, attempts, created_at)
          SELECT id, run_id, 0, NULL, NULL, case_id, repeat, prompt, output, error,
            input_tokens, output_tokens, latency_ms, cost_usd, cached, attempts, created_at
          FROM outputs;
        DROP TABLE outputs;
        ALTER TABLE outputs_v11 RENAME TO outputs;
    `);
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`${broken.length} references to outputs no longer resolve`);
  },
};
