import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, NotFoundError } from '../../src/core/errors.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';
import { label, newRun, seedReview } from './store-fixtures.js';

describe('Store.addAnnotationBatch (group commit)', () => {
  let dir: string;
  let store: Store;
  let items: number[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'juror-batch-'));
    store = openSqliteStore(join(dir, 'juror.db'));
    items = seedReview(store, { n: 3 }).items.map((i) => i.id);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits every good submission and rolls back a refused one alone, in order', () => {
    const results = store.addAnnotationBatch([
      [label(items[0]!, 'ann', 'faithfulness', '4', { clientKey: 'key-one-1' }), label(items[0]!, 'ann', 'tone', 'pass', { clientKey: 'key-one-1' })],
      // first row is fine, second is off the scale: neither may be stored
      [label(items[1]!, 'ann', 'faithfulness', '5', { clientKey: 'key-two-2' }), label(items[1]!, 'ann', 'tone', 'maybe', { clientKey: 'key-two-2' })],
      // cat is not assigned (every item is ann+bob)
      [label(items[2]!, 'cat', 'faithfulness', '3', { clientKey: 'key-cat-3' })],
      [label(items[2]!, 'bob', 'faithfulness', '2', { clientKey: 'key-bob-4' })],
    ]);
    expect(results.map((r) => (r.error ? r.error.constructor.name : r.saved.map((a) => a.label).join('+')))).toEqual([
      '4+pass', 'ConfigError', 'NotFoundError', '2',
    ]);
    expect(results[1]!.error).toBeInstanceOf(ConfigError);
    expect(results[2]!.error).toBeInstanceOf(NotFoundError);
    const history = store.getAnnotationHistory('rev1');
    expect(history.map((a) => `${a.itemId}:${a.annotatorId}:${a.criterion}=${a.label}`)).toEqual([
      `${items[0]}:ann:faithfulness=4`, `${items[0]}:ann:tone=pass`, `${items[2]}:bob:faithfulness=2`,
    ]);
    // the rolled-back submission left no trace in the derived tables either
    expect(store.getCurrentLabels('rev1').filter((l) => l.itemId === items[1])).toEqual([]);
    expect(store.getReviewProgress('rev1', 'ann')[0]).toMatchObject({ assigned: 3, done: 1 });
  });

  it('a key resent within the same batch is stored once', () => {
    const sub = [label(items[0]!, 'ann', 'faithfulness', '3', { clientKey: 'same-key-9' })];
    const [a, b] = store.addAnnotationBatch([sub, sub]);
    expect(a!.saved![0]!.id).toBe(b!.saved![0]!.id);
    expect(store.getAnnotationHistory('rev1')).toHaveLength(1);
  });

  it('later submissions supersede earlier ones of the same batch', () => {
    const [first, second] = store.addAnnotationBatch([
      [label(items[0]!, 'bob', 'faithfulness', '1')],
      [label(items[0]!, 'bob', 'faithfulness', '5')],
    ]);
    expect(second!.saved![0]!.supersedes).toBe(first!.saved![0]!.id);
    expect(store.getCurrentLabels('rev1', 'faithfulness').map((l) => l.label)).toEqual(['5']);
  });

  it('annotation commits run with synchronous=FULL (survive a power loss), other writes stay NORMAL', () => {
    // A trigger created by a second connection fires on the store's connection and records the
    // synchronous level that connection has while the annotation is written (2 = FULL, 1 = NORMAL).
    const other = new Database(join(dir, 'juror.db'));
    other.exec(`CREATE TABLE probe (what TEXT, level INTEGER);
      CREATE TRIGGER probe_annotations AFTER INSERT ON annotations BEGIN
        INSERT INTO probe SELECT 'annotation', synchronous FROM pragma_synchronous; END;
      CREATE TRIGGER probe_runs AFTER INSERT ON runs BEGIN
        INSERT INTO probe SELECT 'run', synchronous FROM pragma_synchronous; END;`);
    other.close();
    store.addAnnotationBatch([[label(items[0]!, 'ann', 'faithfulness', '4', { clientKey: 'key-sync-1' })]]);
    store.addAnnotations([label(items[1]!, 'ann', 'faithfulness', '3', { clientKey: 'key-sync-2' })]);
    store.createRun({ ...newRun('run2') });
    const reader = new Database(join(dir, 'juror.db'), { readonly: true });
    try {
      expect(reader.prepare('SELECT what, level FROM probe ORDER BY rowid').raw().all()).toEqual([['annotation', 2], ['annotation', 2], ['run', 1]]);
    } finally {
      reader.close();
    }
  });
});
