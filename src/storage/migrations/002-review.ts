import type { Migration } from '../migrations.js';

/**
 * v2: human review — annotators, sessions, review queues, assignments, append-only annotations,
 * and `current_labels`, the latest non-null label per (review, criterion, item, annotator),
 * upserted in the same transaction as each annotation so agreement reads it without a window
 * function over history. Its primary key is ordered for the agreement queries (review, criterion)
 * and the table is WITHOUT ROWID, so those reads are one range scan of a covering b-tree.
 */
export const migration002: Migration = {
  version: 2,
  name: '002-review',
  sql: `
    CREATE TABLE annotators (
      id         TEXT PRIMARY KEY,
      name       TEXT NOT NULL UNIQUE,
      role       TEXT NOT NULL CHECK (role IN ('annotator', 'admin')),
      token_hash TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      disabled   INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE sessions (
      id_hash      TEXT PRIMARY KEY,
      annotator_id TEXT NOT NULL REFERENCES annotators(id),
      csrf_token   TEXT NOT NULL,
      created_at   TEXT NOT NULL,
      expires_at   TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX sessions_by_annotator ON sessions (annotator_id);

    CREATE TABLE reviews (
      id            TEXT PRIMARY KEY,
      name          TEXT NOT NULL,
      run_id        TEXT NOT NULL REFERENCES runs(id),
      rubric_json   TEXT NOT NULL,
      overlap       INTEGER NOT NULL,
      blind         INTEGER NOT NULL,
      show_expected INTEGER NOT NULL,
      created_at    TEXT NOT NULL
    );

    CREATE TABLE review_items (
      id        INTEGER PRIMARY KEY,
      review_id TEXT NOT NULL REFERENCES reviews(id),
      output_id INTEGER NOT NULL REFERENCES outputs(id),
      position  INTEGER NOT NULL,
      UNIQUE (review_id, position),
      UNIQUE (review_id, output_id)
    );

    CREATE TABLE assignments (
      item_id      INTEGER NOT NULL REFERENCES review_items(id),
      annotator_id TEXT NOT NULL REFERENCES annotators(id),
      PRIMARY KEY (item_id, annotator_id)
    ) WITHOUT ROWID;
    CREATE INDEX assignments_by_annotator ON assignments (annotator_id, item_id);

    CREATE TABLE annotations (
      id           INTEGER PRIMARY KEY,
      review_id    TEXT NOT NULL REFERENCES reviews(id),
      item_id      INTEGER NOT NULL,
      annotator_id TEXT NOT NULL,
      criterion    TEXT NOT NULL,
      label        TEXT,
      value        REAL,
      comment      TEXT,
      flagged      INTEGER NOT NULL DEFAULT 0,
      skipped      INTEGER NOT NULL DEFAULT 0,
      client_key   TEXT,
      supersedes   INTEGER REFERENCES annotations(id),
      created_at   TEXT NOT NULL,
      -- defence in depth: an annotation can only exist for an assigned (item, annotator)
      FOREIGN KEY (item_id, annotator_id) REFERENCES assignments (item_id, annotator_id)
    );
    -- latest row per (item, annotator, criterion) is max(id) over this index: supersede lookup,
    -- an annotator's own queue, and progress all read it without touching the table
    CREATE INDEX annotations_by_owner ON annotations (review_id, annotator_id, item_id, criterion, id);
    -- a resubmitted save (same client key) is stored once; one submission may share a key
    -- across its criteria
    CREATE UNIQUE INDEX annotations_client_key ON annotations (annotator_id, client_key, criterion)
      WHERE client_key IS NOT NULL;

    CREATE TABLE current_labels (
      review_id     TEXT NOT NULL,
      criterion     TEXT NOT NULL,
      item_id       INTEGER NOT NULL,
      annotator_id  TEXT NOT NULL,
      output_id     INTEGER NOT NULL,
      annotation_id INTEGER NOT NULL REFERENCES annotations(id),
      label         TEXT NOT NULL,
      value         REAL,
      PRIMARY KEY (review_id, criterion, item_id, annotator_id)
    ) WITHOUT ROWID;
    CREATE INDEX current_labels_by_annotator ON current_labels (review_id, annotator_id, item_id);
  `,
};
