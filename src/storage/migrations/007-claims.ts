import type { Migration } from '../migrations.js';

/**
 * v7: the evidence behind RAG scores. One row per judged claim (of the answer), statement (of the
 * golden answer) or retrieved chunk, in the order the metric judged them, with the verdict, the
 * judge's reason and the chunk it rests on. Keyed by score, so reading a run's claims is one join
 * through scores_by_run_output.
 */
export const migration007: Migration = {
  version: 7,
  name: '007-claims',
  sql: `
    CREATE TABLE claims (
      score_id INTEGER NOT NULL REFERENCES scores(id),
      position INTEGER NOT NULL,
      kind     TEXT NOT NULL CHECK (kind IN ('claim', 'statement', 'chunk')),
      text     TEXT NOT NULL,
      verdict  TEXT NOT NULL CHECK (verdict IN ('supported', 'contradicted', 'not_found', 'relevant', 'irrelevant')),
      reason   TEXT NOT NULL,
      chunk    TEXT,
      PRIMARY KEY (score_id, position)
    ) WITHOUT ROWID;
  `,
};
