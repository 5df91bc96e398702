import type { Migration } from '../migrations.js';

/**
 * v12: a judge panel's member verdicts. The panel's aggregate is the score row (`rubric.NAME`,
 * what pass rules, summaries, compare and calibrate read); each member's own verdict on it is a
 * row here, keyed by that score, in panel order, with the member's provider spec. Kept out of
 * `scores` on purpose: nothing that counts or averages scores can count a member twice.
 */
export const migration012: Migration = {
  version: 12,
  name: '012-judge-scores',
  sql: `
    CREATE TABLE judge_scores (
      score_id  INTEGER NOT NULL REFERENCES scores(id),
      position  INTEGER NOT NULL,
      judge     TEXT NOT NULL,
      value     REAL,
      label     TEXT,
      passed    INTEGER,
      reason    TEXT,
      meta_json TEXT,
      PRIMARY KEY (score_id, position)
    ) WITHOUT ROWID;
  `,
};
