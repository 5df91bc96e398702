import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { LATEST_VERSION } from '../../src/storage/migrations.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';
import { newOutput, seedReview } from './store-fixtures.js';

const support = fileURLToPath(new URL('./support/', import.meta.url));

interface Writer { ready: Promise<void>; done: Promise<string>; go(): void }

/** A child process writer; it opens the db, says ready, and writes once told to go. */
function startWriter(dbPath: string, writer: string, count: number): Writer {
  return startChild('concurrent-writer.ts', [dbPath, writer, String(count)]);
}

function startChild(script: string, args: string[]): Writer {
  const writer = args[1];
  const child = spawn(process.execPath, ['--import', join(support, 'ts-register.mjs'), join(support, script), ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let onReady!: () => void;
  const ready = new Promise<void>((r) => (onReady = r));
  child.stdout.on('data', (d) => {
    out += d;
    if (out.startsWith('ready\n')) onReady();
  });
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise<string>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out.replace('ready\n', '').trim()) : reject(new Error(`writer ${writer} exited ${code}: ${err}`)),
    );
  });
  return { ready, done, go: () => child.stdin.end('go\n') };
}

describe('two writers on one SQLite file', () => {
  let dir: string;
  let path: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'juror-conc-'));
    path = join(dir, 'juror.db');
    store = openSqliteStore(path);
    seedReview(store, { n: 20, assign: () => ['ann', 'bob', 'cat'] });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('two connections in one process interleave writes and see each other\'s rows', () => {
    const other = openSqliteStore(path);
    try {
      for (let i = 0; i < 200; i++) {
        (i % 2 ? store : other).saveResult(newOutput('run1', `x-${i}`), [{ scorer: 's', criterion: 's', value: i }]);
      }
      expect(store.getOutputs('run1')).toHaveLength(20 + 200);
      expect(other.getScores('run1')).toHaveLength(200);
      expect(other.getScores('run1').reduce((sum, s) => sum + (s.value ?? 0), 0)).toBe((199 * 200) / 2);
    } finally {
      other.close();
    }
  });

  it('child processes and this process writing at once lose nothing', async () => {
    const count = 150;
    const writers = ['ann', 'bob', 'cat'].map((w) => startWriter(path, w, count));
    await Promise.all(writers.map((w) => w.ready));
    writers.forEach((w) => w.go());
    let finished = false;
    const all = Promise.all(writers.map((w) => w.done)).finally(() => (finished = true));
    // this process keeps writing batches until every child is done, so the writes overlap
    let mine = 0;
    for (let b = 0; !finished; b++) {
      store.saveResults(Array.from({ length: 5 }, (_, i) => ({ output: newOutput('run1', `main-${b}-${i}`), scores: [] })));
      mine += 5;
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(await all).toEqual([`done ${count}`, `done ${count}`, `done ${count}`]);
    expect(mine).toBeGreaterThan(5);
    expect(store.getOutputs('run1')).toHaveLength(20 + 3 * count + mine);
    expect(store.getScores('run1')).toHaveLength(3 * count);
    expect(store.getAnnotationHistory('rev1')).toHaveLength(3 * count);
    // each writer labelled all 20 items, so 20 current labels each
    expect(store.getCurrentLabels('rev1', 'faithfulness')).toHaveLength(3 * 20);
    expect(store.cacheStats().entries).toBe(3 * count);
    // every edit superseded the writer's previous label on that item: 150 rows over 20 items
    const superseded = store.getAnnotationHistory('rev1').filter((a) => a.supersedes !== null);
    expect(superseded).toHaveLength(3 * (count - 20));
  }, 180_000);
});

// Child processes compile our TypeScript on the fly (ts-hooks.mjs): on a loaded 2-core machine
// four of them take 45 s to start, so these tests get room; they assert outcomes, not speed.
describe('several processes opening a fresh file at once', () => {
  it('migrate it exactly once, each step under the write lock, and all can write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'juror-race-'));
    const path = join(dir, 'new', 'juror.db');
    try {
      const names = ['p1', 'p2', 'p3', 'p4'];
      const children = names.map((n) => startChild('open-store.ts', [path, n]));
      await Promise.all(children.map((c) => c.ready));
      children.forEach((c) => c.go());
      expect(await Promise.all(children.map((c) => c.done))).toEqual(['ok', 'ok', 'ok', 'ok']);
      const db = new Database(path, { readonly: true });
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
        expect(db.prepare('SELECT name FROM annotators ORDER BY name').pluck().all()).toEqual(names);
        // seqs were handed out once each, 1..4, whatever the interleaving
        expect(db.prepare('SELECT seq FROM annotators ORDER BY seq').pluck().all()).toEqual([1, 2, 3, 4]);
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
