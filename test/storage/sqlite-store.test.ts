import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { describeStoreContract } from './store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'juror-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// a fresh real file per test, in a directory that does not exist yet (the store creates it)
describeStoreContract('sqlite', () => openSqliteStore(join(dir, `db-${++n}`, 'juror.db')));

describe('sqlite: cases stored before context chunks', () => {
  it('reads a string or string-list context back as chunks', () => {
    const path = join(dir, 'legacy', 'juror.db');
    const store = openSqliteStore(path);
    store.createRun({ id: 'r', kind: 'run', suiteName: 's', provider: 'mock', config: {}, startedAt: '2026-01-01T00:00:00Z' });
    store.close();
    // rows as an older juror wrote them: context as written in the case file
    const db = new Database(path);
    const put = db.prepare('INSERT INTO run_cases (run_id, case_id, position, case_json) VALUES (?, ?, ?, ?)');
    put.run('r', 'a', 0, JSON.stringify({ id: 'a', vars: {}, tags: [], context: 'one passage' }));
    put.run('r', 'b', 1, JSON.stringify({ id: 'b', vars: {}, tags: [], context: ['p1', 'p2'] }));
    db.close();
    const reopened = openSqliteStore(path);
    expect(reopened.getCases('r').map((c) => c.context)).toEqual([[{ text: 'one passage' }], [{ text: 'p1' }, { text: 'p2' }]]);
    reopened.close();
  });
});
