import type { Migration } from '../migrations.js';

/**
 * v10: pairwise judging and pairwise review.
 * - comparisons: one `juror judge-pairwise` (its sources, judges, rubric, status and summary).
 * - pairwise_verdicts: per (pair of outputs, judge, criterion) the verdict after judging both
 *   orders, whether the two orders agreed, and what the judge said in each (`said_*` in screen
 *   positions, the verdict in terms of the underlying outputs A = output_a, B = output_b).
 * - reviews.kind / pair_json and review_items.output_b_id: a pairwise review shows two outputs of
 *   the same case per item (output_id is A, output_b_id is B).
 * - annotations.shown: which output an annotator saw on the left ('AB': A left, 'BA': B left), so
 *   the stored label (A / tie / B, in terms of the outputs) can be traced to what was on screen.
 */
export const migration010: Migration = {
  version: 10,
  name: '010-pairwise',
  sql: `
    CREATE TABLE comparisons (
      id           TEXT PRIMARY KEY,
      rubric_json  TEXT NOT NULL,
      judges_json  TEXT NOT NULL,
      sources_json TEXT NOT NULL,
      status       TEXT NOT NULL CHECK (status IN ('running', 'finished', 'interrupted', 'failed')),
      created_at   TEXT NOT NULL,
      finished_at  TEXT,
      summary_json TEXT
    );

    CREATE TABLE pairwise_verdicts (
      comparison_id TEXT NOT NULL REFERENCES comparisons(id),
      output_a      INTEGER NOT NULL REFERENCES outputs(id),
      output_b      INTEGER NOT NULL REFERENCES outputs(id),
      judge         TEXT NOT NULL,
      criterion     TEXT NOT NULL,
      case_id       TEXT NOT NULL,
      verdict       TEXT CHECK (verdict IN ('A', 'tie', 'B')),
      consistent    INTEGER,
      said_ab       TEXT CHECK (said_ab IN ('A', 'tie', 'B')),
      said_ba       TEXT CHECK (said_ba IN ('A', 'tie', 'B')),
      reason_ab     TEXT NOT NULL,
      reason_ba     TEXT NOT NULL,
      created_at    TEXT NOT NULL,
      PRIMARY KEY (comparison_id, output_a, output_b, judge, criterion)
    ) WITHOUT ROWID;
    CREATE INDEX pairwise_verdicts_by_outputs ON pairwise_verdicts (output_a, output_b);

    ALTER TABLE reviews ADD COLUMN kind TEXT NOT NULL DEFAULT 'pointwise' CHECK (kind IN ('pointwise', 'pairwise'));
    ALTER TABLE reviews ADD COLUMN pair_json TEXT;
    ALTER TABLE review_items ADD COLUMN output_b_id INTEGER REFERENCES outputs(id);
    ALTER TABLE annotations ADD COLUMN shown TEXT CHECK (shown IN ('AB', 'BA'));
  `,
};
