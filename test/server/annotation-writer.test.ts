import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { ConfigError, DatabaseBusyError } from '../../src/core/errors.js';
import { AnnotationWriter } from '../../src/server/annotation-writer.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { NewAnnotation, Store } from '../../src/storage/store.js';
import { label, seedReview } from '../storage/store-fixtures.js';

describe('AnnotationWriter (group commit)', () => {
  let dir: string;
  let store: Store;
  let items: number[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'juror-writer-'));
    store = openSqliteStore(join(dir, 'juror.db'));
    items = seedReview(store, { n: 4 }).items.map((i) => i.id);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const sub = (i: number, who: string, v: string): NewAnnotation[] => [label(items[i]!, who, 'faithfulness', v, { clientKey: `k-${who}-${i}-${v}` })];

  it('saves made in one tick share one commit; each settles with its own outcome, after the commit', async () => {
    const w = new AnnotationWriter(store);
    const a = w.save(sub(0, 'ann', '4'));
    const bad = w.save(sub(1, 'ann', '9')); // off the scale
    const b = w.save(sub(2, 'bob', '2'));
    // nothing is written before the flush: the caller cannot have answered yet
    expect(store.getAnnotationHistory('rev1')).toHaveLength(0);
    const [ra, rbad, rb] = await Promise.allSettled([a, bad, b]);
    expect(ra.status === 'fulfilled' && ra.value[0]!.label).toBe('4');
    expect(rbad.status === 'rejected' && rbad.reason).toBeInstanceOf(ConfigError);
    expect(rb.status === 'fulfilled' && rb.value[0]!.label).toBe('2');
    expect(w.stats).toEqual({ commits: 1, submissions: 3 });
    expect(store.getAnnotationHistory('rev1').map((x) => x.label)).toEqual(['4', '2']);
  });

  it('splits a large tick into transactions of maxBatch', async () => {
    const w = new AnnotationWriter(store, { maxBatch: 2 });
    await Promise.all([w.save(sub(0, 'ann', '1')), w.save(sub(1, 'ann', '2')), w.save(sub(2, 'ann', '3')), w.save(sub(3, 'ann', '4')), w.save(sub(0, 'bob', '5'))]);
    expect(w.stats).toEqual({ commits: 3, submissions: 5 });
    expect(store.getAnnotationHistory('rev1')).toHaveLength(5);
  });

  it('saves in later ticks are separate commits', async () => {
    const w = new AnnotationWriter(store);
    await w.save(sub(0, 'ann', '1'));
    await w.save(sub(1, 'ann', '2'));
    expect(w.stats).toEqual({ commits: 2, submissions: 2 });
  });

  it('when the transaction itself fails, every save of it is rejected and nothing is stored', async () => {
    const w = new AnnotationWriter(store);
    store.close(); // the connection is gone: BEGIN fails
    const results = await Promise.allSettled([w.save(sub(0, 'ann', '1')), w.save(sub(1, 'ann', '2'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    store = openSqliteStore(join(dir, 'juror.db'));
    expect(store.getAnnotationHistory('rev1')).toHaveLength(0);
  });

  it('retries a batch on a timer while another connection holds the lock, then rejects it as busy', async () => {
    store.setBusyTimeout(1);
    const other = new Database(join(dir, 'juror.db'));
    try {
      other.exec('BEGIN IMMEDIATE');
      const w = new AnnotationWriter(store, { busyRetryMs: 150 });
      const results = await Promise.allSettled([w.save(sub(0, 'ann', '1')), w.save(sub(1, 'ann', '2'))]);
      expect(results.map((r) => r.status === 'rejected' && r.reason instanceof DatabaseBusyError)).toEqual([true, true]);
      expect(w.busyRetries).toBeGreaterThan(0);
      expect(w.stats.commits).toBe(0);
      other.exec('ROLLBACK');
      expect(store.getAnnotationHistory('rev1')).toHaveLength(0);
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
  });
});
