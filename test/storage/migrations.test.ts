import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from '../../src/core/errors.js';
import type { NewOutput } from '../../src/storage/store.js';
import { LATEST_VERSION, MIGRATIONS, migrate, type Migration } from '../../src/storage/migrations.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';
import { RUBRIC, label, seedReview } from './store-fixtures.js';

function userVersion(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

function indexes(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").pluck().all() as string[];
  } finally {
    db.close();
  }
}

function tables(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'juror-mig-'));
    path = join(dir, 'juror.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('versions are consecutive from 1 and a fresh database gets the latest', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(12);
    openSqliteStore(path).close();
    expect(userVersion(path)).toBe(LATEST_VERSION);
    expect(tables(path)).toEqual(
      ['annotations', 'annotators', 'assignments', 'batch_requests', 'batches', 'cache', 'claims', 'comparisons', 'current_labels', 'item_labels', 'judge_scores', 'outputs', 'pairwise_verdicts', 'review_items', 'reviews', 'run_cases', 'runs', 'scores', 'sessions', 'settings'],
    );
    // re-opening an up-to-date database changes nothing
    openSqliteStore(path).close();
    expect(userVersion(path)).toBe(LATEST_VERSION);
  });

  it('migrates a v1 database forward and keeps its data', () => {
    const db = new Database(path);
    expect(migrate(db, path, MIGRATIONS.slice(0, 1))).toBe(1);
    db.prepare(
      `INSERT INTO runs (id, kind, suite_name, provider, config_json, status, started_at) VALUES ('old', 'run', 's', 'mock', '{"k":1}', 'finished', '2025-01-01T00:00:00.000Z')`,
    ).run();
    db.prepare(
      `INSERT INTO outputs (run_id, case_id, repeat, prompt, output, input_tokens, output_tokens, cached, attempts, created_at)
       VALUES ('old', 'c1', 0, 'p', 'kept', 3, 4, 1, 2, '2025-01-01T00:00:00.000Z')`,
    ).run();
    db.prepare(`INSERT INTO cache (key, provider, value, created_at, hits) VALUES ('k', 'mock', '{}', 'x', 7)`).run();
    db.close();
    expect(tables(path)).not.toContain('annotations');

    const store = openSqliteStore(path);
    try {
      expect(userVersion(path)).toBe(LATEST_VERSION);
      expect(store.getRun('old')).toMatchObject({ status: 'finished', config: { k: 1 } });
      expect(store.getOutputs('old')).toMatchObject([{ caseId: 'c1', output: 'kept', usage: { inputTokens: 3, outputTokens: 4 }, cached: true, attempts: 2 }]);
      expect(store.cacheStats().hits).toBe(7);
      // the v2 tables work on the migrated file
      store.createAnnotator({ id: 'a', name: 'a', role: 'admin', tokenHash: 'h', createdAt: 'x' });
      expect(store.listAnnotators()).toHaveLength(1);
    } finally {
      store.close();
    }
  });

  it('007 adds the claims table to a v6 database: its scores keep working and get no claims, new ones store theirs', () => {
    const db = new Database(path);
    migrate(db, path, MIGRATIONS.slice(0, 6));
    db.prepare(`INSERT INTO runs (id, kind, suite_name, provider, config_json, status, started_at) VALUES ('old', 'run', 's', 'mock', '{}', 'finished', 'x')`).run();
    const out = db.prepare(
      `INSERT INTO outputs (run_id, case_id, repeat, prompt, output, input_tokens, output_tokens, cached, attempts, created_at)
       VALUES ('old', 'c1', 0, 'p', 'o', 1, 1, 0, 1, 'x')`,
    ).run().lastInsertRowid;
    db.prepare(`INSERT INTO scores (run_id, output_id, scorer, criterion, value, created_at) VALUES ('old', ?, 'rubric', 'f', 4, 'x')`).run(out);
    db.close();
    expect(tables(path)).not.toContain('claims');
    const store = openSqliteStore(path);
    try {
      expect(userVersion(path)).toBe(LATEST_VERSION);
      expect(tables(path)).toContain('claims');
      expect(store.getScores('old').map((s) => [s.value, s.claims])).toEqual([[4, undefined]]);
      const claims = [{ kind: 'claim' as const, text: 't', verdict: 'supported' as const, reason: 'r', chunk: null }];
      store.saveScores('old', Number(out), [{ scorer: 'faithfulness', criterion: 'faithfulness', value: 1, claims }]);
      expect(store.getScores('old')[1]!.claims).toEqual(claims);
    } finally {
      store.close();
    }
  });

  it('011 rebuilds outputs with a column: ids, scores and review items survive; two columns of one case may coexist', () => {
    const db = new Database(path);
    migrate(db, path, MIGRATIONS.slice(0, 10));
    db.exec(`
      INSERT INTO runs (id, kind, suite_name, provider, config_json, status, started_at) VALUES ('old', 'run', 's', 'mock', '{}', 'finished', 'x');
      INSERT INTO outputs (id, run_id, case_id, repeat, prompt, output, input_tokens, output_tokens, cached, attempts, created_at)
        VALUES (7, 'old', 'c1', 0, 'p', 'o1', 3, 4, 0, 1, 'x'), (9, 'old', 'c2', 0, 'p', 'o2', 5, 6, 1, 2, 'x');
      INSERT INTO scores (run_id, output_id, scorer, criterion, value, created_at) VALUES ('old', 9, 'rubric', 'rubric.f', 4, 'x');
      INSERT INTO reviews (id, name, run_id, rubric_json, overlap, blind, show_expected, created_at) VALUES ('rev', 'r', 'old', '{}', 1, 1, 0, 'x');
      INSERT INTO review_items (id, review_id, output_id, position) VALUES (1, 'rev', 9, 0);
    `);
    db.close();
    const store = openSqliteStore(path);
    try {
      expect(userVersion(path)).toBe(LATEST_VERSION);
      const outs = store.getOutputs('old');
      expect(outs.map((o) => [o.id, o.col, o.output, o.usage.inputTokens, o.cached, o.attempts])).toEqual([[7, 0, 'o1', 3, false, 1], [9, 0, 'o2', 5, true, 2]]);
      expect(outs[0]).not.toHaveProperty('provider');
      expect(store.getScores('old').map((s) => [s.outputId, s.value])).toEqual([[9, 4]]);
      expect(store.getReviewItems('rev').map((i) => i.outputId)).toEqual([9]);
      const cell = { runId: 'old', caseId: 'c1', repeat: 0, prompt: 'p', output: 'x', error: null, usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, costUsd: null, cached: false, attempts: 1 };
      const saved = store.saveResult({ ...cell, col: 1, provider: 'mock:noisy', promptLabel: 'b.hbs' }, []);
      expect(store.getOutput(saved.id)).toMatchObject({ col: 1, provider: 'mock:noisy', promptLabel: 'b.hbs', caseId: 'c1' });
      expect(() => store.saveResult({ ...cell, col: 1 }, [])).toThrow(/c1" repeat 0 column 2 is already saved/);
      // the references still point at the table called outputs (not the renamed-away one)
      const sql = new Database(path, { readonly: true });
      expect(sql.prepare("SELECT sql FROM sqlite_master WHERE name = 'scores'").pluck().get()).toMatch(/REFERENCES outputs\(id\)/);
      sql.close();
    } finally {
      store.close();
    }
  });

  it('003 and 004 backfill seqs, packed item labels and assignment status from a v2 database', () => {
    const db = new Database(path);
    migrate(db, path, MIGRATIONS.slice(0, 2));
    db.exec(`
      INSERT INTO runs (id, kind, suite_name, provider, config_json, status, started_at) VALUES ('run1', 'run', 's', 'mock', '{}', 'finished', 't');
      INSERT INTO outputs (id, run_id, case_id, repeat, prompt, output, input_tokens, output_tokens, cached, attempts, created_at)
        VALUES (10, 'run1', 'c0', 0, 'p', 'o', 0, 0, 0, 1, 't'), (11, 'run1', 'c1', 0, 'p', 'o', 0, 0, 0, 1, 't');
      INSERT INTO annotators (id, name, role, token_hash, created_at) VALUES
        ('bob', 'Bob', 'annotator', 'hb', '2026-01-01'), ('ann', 'Ann', 'annotator', 'ha', '2026-01-02'), ('cat', 'Cat', 'annotator', 'hc', '2026-01-03');
    `);
    db.prepare(
      `INSERT INTO reviews (id, name, run_id, rubric_json, overlap, blind, show_expected, created_at) VALUES ('rev1', 'r', 'run1', ?, 3, 1, 0, 't')`,
    ).run(JSON.stringify(RUBRIC));
    db.exec(`
      INSERT INTO review_items (id, review_id, output_id, position) VALUES (1, 'rev1', 10, 0), (2, 'rev1', 11, 1);
      INSERT INTO assignments (item_id, annotator_id) VALUES (1, 'ann'), (1, 'bob'), (1, 'cat'), (2, 'cat');
      INSERT INTO annotations (id, review_id, item_id, annotator_id, criterion, label, value, created_at) VALUES
        (1, 'rev1', 1, 'bob', 'faithfulness', '4', 4, 't'), (2, 'rev1', 1, 'ann', 'faithfulness', '2', 2, 't'),
        (3, 'rev1', 2, 'cat', 'tone', 'fail', 1, 't'), (4, 'rev1', 1, 'bob', 'faithfulness', '5', 5, 't'),
        (5, 'rev1', 1, 'ann', 'tone', 'pass', 0, 't');
      INSERT INTO annotations (id, review_id, item_id, annotator_id, criterion, label, value, flagged, created_at) VALUES
        (6, 'rev1', 2, 'cat', 'faithfulness', NULL, NULL, 1, 't');
      INSERT INTO current_labels (review_id, criterion, item_id, annotator_id, output_id, annotation_id, label, value) VALUES
        ('rev1', 'faithfulness', 1, 'bob', 10, 4, '5', 5), ('rev1', 'faithfulness', 1, 'ann', 10, 2, '2', 2),
        ('rev1', 'tone', 2, 'cat', 11, 3, 'fail', 1), ('rev1', 'tone', 1, 'ann', 10, 5, 'pass', 0);
    `);
    db.close();
    const store = openSqliteStore(path);
    try {
      expect(userVersion(path)).toBe(LATEST_VERSION);
      expect(store.labelPatterns('rev1', 'faithfulness')).toEqual([{ annotatorIds: ['ann', 'bob'], labels: ['2', '5'], items: 1 }]);
      expect(store.labelPatterns('rev1', 'tone')).toEqual([
        { annotatorIds: ['ann'], labels: ['pass'], items: 1 }, { annotatorIds: ['cat'], labels: ['fail'], items: 1 },
      ]);
      // 004 backfilled each assignment's status: ann labelled both criteria, cat's latest row is a flag
      expect(store.getReviewProgress('rev1')).toEqual([
        { annotatorId: 'ann', annotatorName: 'Ann', assigned: 1, done: 1, skipped: 0, flagged: 0 },
        { annotatorId: 'bob', annotatorName: 'Bob', assigned: 1, done: 0, skipped: 0, flagged: 0 },
        { annotatorId: 'cat', annotatorName: 'Cat', assigned: 2, done: 0, skipped: 0, flagged: 1 },
      ]);
      expect(store.getAssignments('rev1', 'cat').map((v) => v.status)).toEqual(['todo', 'flagged']);
      // seqs follow creation order; new annotators continue the sequence and new labels join the packed rows
      store.createAnnotator({ id: 'dan', name: 'Dan', role: 'annotator', tokenHash: 'hd', createdAt: '2026-02-01' });
      const check = new Database(path, { readonly: true });
      expect(check.prepare('SELECT id, seq FROM annotators ORDER BY seq').raw().all()).toEqual([['bob', 1], ['ann', 2], ['cat', 3], ['dan', 4]]);
      check.close();
      const added = store.addAnnotation(label(1, 'cat', 'faithfulness', '5'));
      expect(added.supersedes).toBeNull();
      expect(store.labelPatterns('rev1', 'faithfulness')).toEqual([{ annotatorIds: ['ann', 'bob', 'cat'], labels: ['2', '5', '5'], items: 1 }]);
      expect(store.addAnnotation(label(1, 'bob', 'faithfulness', '1')).supersedes).toBe(4);
    } finally {
      store.close();
    }
  });

  it('005 adds the covering index on a v4 database with labels, and labelPatterns scans it instead of sorting', () => {
    const v4 = openSqliteStore(path, { migrations: MIGRATIONS.slice(0, 4) });
    try {
      const ids = seedReview(withV4Annotators(v4, path)).items.map((i) => i.id);
      v4.addAnnotations([
        label(ids[0]!, 'ann', 'faithfulness', '4'), label(ids[0]!, 'bob', 'faithfulness', '4'),
        label(ids[1]!, 'ann', 'faithfulness', '4'), label(ids[1]!, 'bob', 'faithfulness', '4'),
        label(ids[2]!, 'ann', 'faithfulness', '2'),
      ]);
    } finally {
      v4.close();
    }
    expect(userVersion(path)).toBe(4);
    expect(indexes(path)).not.toContain('item_labels_by_pattern');
    const store = openSqliteStore(path);
    try {
      expect(userVersion(path)).toBe(LATEST_VERSION);
      expect(indexes(path)).toContain('item_labels_by_pattern');
      expect(store.labelPatterns('rev1', 'faithfulness')).toEqual([
        { annotatorIds: ['ann'], labels: ['2'], items: 1 },
        { annotatorIds: ['ann', 'bob'], labels: ['4', '4'], items: 2 },
      ]);
      const db = new Database(path, { readonly: true });
      const plan = db.prepare(
        'EXPLAIN QUERY PLAN SELECT packed, count(*) FROM item_labels WHERE review_id = ? AND criterion = ? GROUP BY packed',
      ).all('rev1', 'faithfulness') as Array<{ detail: string }>;
      db.close();
      expect(plan.map((p) => p.detail).join('; ')).toMatch(/COVERING INDEX item_labels_by_pattern/);
      expect(plan.map((p) => p.detail).join('; ')).not.toMatch(/TEMP B-TREE/);
    } finally {
      store.close();
    }
  });

  it('006 gives links issued before it 14 days from the upgrade, and adds settings', () => {
    const db = new Database(path);
    migrate(db, path, MIGRATIONS.slice(0, 5));
    db.exec(`INSERT INTO annotators (id, name, role, token_hash, created_at, seq) VALUES ('a', 'ann', 'annotator', 'h', '2025-01-01', 1)`);
    db.close();
    const before = Date.now();
    const store = openSqliteStore(path);
    try {
      const expires = Date.parse(store.getAnnotator('a')!.tokenExpiresAt!);
      expect(expires).toBeGreaterThanOrEqual(before + 14 * 86_400_000 - 1000);
      expect(expires).toBeLessThanOrEqual(Date.now() + 14 * 86_400_000 + 1000);
      expect(store.getSetting('public_url')).toBeUndefined();
      store.setSetting('public_url', 'http://127.0.0.1:9000');
      store.setSetting('public_url', 'https://review.example.org');
      expect(store.getSetting('public_url')).toBe('https://review.example.org');
    } finally {
      store.close();
    }
  });

  it('refuses a database written by a newer juror, with the exact message', () => {
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openSqliteStore(path)).toThrow(StorageError);
    expect(() => openSqliteStore(path)).toThrow(
      `database ${path} was written by a newer juror (schema v99, this juror knows up to v${LATEST_VERSION}); upgrade juror`,
    );
    expect(userVersion(path)).toBe(99);
    expect(() => openSqliteStore(path, { readonly: true })).toThrow('was written by a newer juror (schema v99');
  });

  it('a failing migration names itself, leaves the version unchanged and rolls back its partial work', () => {
    openSqliteStore(path, { migrations: MIGRATIONS.slice(0, 1) }).close();
    const broken: Migration = {
      version: 2,
      name: '002-broken',
      sql: 'CREATE TABLE half_done (a INTEGER); INSERT INTO no_such_table VALUES (1);',
    };
    let caught: unknown;
    try {
      openSqliteStore(path, { migrations: [MIGRATIONS[0]!, broken] });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StorageError);
    expect((caught as Error).message).toMatch(new RegExp(`^database ${path}: migration 002-broken failed: no such table: no_such_table`));
    expect(userVersion(path)).toBe(1);
    expect(tables(path)).not.toContain('half_done');
    // the real migrations still apply afterwards
    openSqliteStore(path).close();
    expect(userVersion(path)).toBe(LATEST_VERSION);
  });

  it('a throwing function migration is not swallowed either', () => {
    const boom: Migration = { version: 1, name: '001-boom', up: () => { throw new Error('disk on fire'); } };
    expect(() => openSqliteStore(path, { migrations: [boom] })).toThrow('migration 001-boom failed: disk on fire');
    expect(userVersion(path)).toBe(0);
  });

  it('read-only mode neither creates nor migrates', () => {
    expect(() => openSqliteStore(path, { readonly: true })).toThrow(`database ${path} does not exist`);
    openSqliteStore(path, { migrations: MIGRATIONS.slice(0, 1) }).close();
    expect(() => openSqliteStore(path, { readonly: true })).toThrow(`is at schema v1 and needs v${LATEST_VERSION}`);
    expect(userVersion(path)).toBe(1);
    openSqliteStore(path).close();
    const ro = openSqliteStore(path, { readonly: true });
    try {
      expect(ro.listRuns()).toEqual([]);
      expect(() => ro.createRun({ id: 'r', kind: 'run', suiteName: 's', provider: 'p', config: {}, startedAt: 'x' })).toThrow(StorageError);
    } finally {
      ro.close();
    }
  });
});

/**
 * The store writes the latest schema's columns; to seed a v4 file through it, annotators (whose
 * table gained a column in v6) go in with the v4 columns.
 */
function withV4Annotators(store: Store, path: string): Store {
  return new Proxy(store, {
    get(target, key) {
      if (key === 'createAnnotator') {
        return (a: { id: string; name: string; role: string; tokenHash: string; createdAt: string }) => {
          const db = new Database(path);
          try {
            db.prepare('INSERT INTO annotators (id, name, role, token_hash, created_at, seq) VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM annotators))')
              .run(a.id, a.name, a.role, a.tokenHash, a.createdAt);
          } finally {
            db.close();
          }
        };
      }
      if (key === 'saveResults') {
        // outputs as a pre-v9 schema has them (no column): today's insert names `col`
        return (results: Array<{ output: NewOutput }>) => {
          const db = new Database(path);
          try {
            const put = db.prepare(
              `INSERT INTO outputs (run_id, case_id, repeat, prompt, output, error, input_tokens, output_tokens, latency_ms, cost_usd, cached, attempts, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'x')`,
            );
            return results.map(({ output: o }) => ({
              ...o,
              id: Number(put.run(o.runId, o.caseId, o.repeat, o.prompt, o.output, o.error, o.usage.inputTokens, o.usage.outputTokens, o.latencyMs, o.costUsd, o.cached ? 1 : 0, o.attempts).lastInsertRowid),
            }));
          } finally {
            db.close();
          }
        };
      }
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === 'function' ? (v as (...args: unknown[]) => unknown).bind(target) : v;
    },
  });
}
