import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { describeStoreContract } from './store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'juror-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// a fresh real file per test, in a directory that does not exist yet (the store creates it)
describeStoreContract('sqlite', () => openSqliteStore(join(dir, `db-${++n}`, 'juror.db')));
