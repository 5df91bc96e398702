import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from '../../src/core/errors.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { newOutput, newRun, seedReview, label } from './store-fixtures.js';

describe('openSqliteStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'juror-open-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates missing parent directories and sets the pragmas', () => {
    const path = join(dir, 'deep', 'er', 'juror.db');
    openSqliteStore(path).close();
    const db = new Database(path);
    try {
      // WAL persists in the file; the others are per connection, so check them through a store's behaviour
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('enforces foreign keys (an output for an unknown run is refused)', () => {
    const store = openSqliteStore(join(dir, 'j.db'));
    try {
      expect(() => store.saveResult(newOutput('ghost', 'c1'), [])).toThrow('run ghost not found');
    } finally {
      store.close();
    }
  });

  it('an unwritable path gives a StorageError naming the path', () => {
    const blocker = join(dir, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const path = join(blocker, 'juror.db');
    let caught: unknown;
    try {
      openSqliteStore(path);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StorageError);
    expect((caught as Error).message).toContain(path);
    expect((caught as Error).message.split('\n')).toHaveLength(1);
  });

  it('a directory where the file should be gives a StorageError naming the path', () => {
    const path = join(dir, 'is-a-dir.db');
    mkdirSync(path);
    expect(() => openSqliteStore(path)).toThrow(StorageError);
    expect(() => openSqliteStore(path)).toThrow(path);
  });

  it('a file that is not a database gives a StorageError naming the path', () => {
    const path = join(dir, 'garbage.db');
    writeFileSync(path, 'this is not sqlite '.repeat(100));
    expect(() => openSqliteStore(path)).toThrow(StorageError);
    expect(() => openSqliteStore(path)).toThrow(path);
  });

  it('uses the injected clock for the timestamps it sets', () => {
    const fixed = new Date('2030-05-06T07:08:09.000Z');
    const store = openSqliteStore(join(dir, 'j.db'), { clock: { now: () => fixed, monotonicMs: () => 0 } });
    try {
      const { items } = seedReview(store);
      expect(store.getOutputs('run1')[0]!.createdAt).toBe(fixed.toISOString());
      expect(store.addAnnotation(label(items[0]!.id, 'ann', 'tone', 'pass')).createdAt).toBe(fixed.toISOString());
      store.createRun(newRun('r2'));
      expect(store.saveScores('r2', items[0]!.outputId, [{ scorer: 's', criterion: 's', value: 1 }])[0]!.createdAt).toBe(fixed.toISOString());
    } finally {
      store.close();
    }
  });

  it('refuses a NaN score instead of storing it as unscored', () => {
    const store = openSqliteStore(join(dir, 'j.db'));
    try {
      store.createRun(newRun('r1'));
      expect(() => store.saveResult(newOutput('r1', 'c1'), [{ scorer: 's', criterion: 's', value: Number.NaN }])).toThrow(StorageError);
      expect(store.getOutputs('r1')).toEqual([]);
    } finally {
      store.close();
    }
  });
});
