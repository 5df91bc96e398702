import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/storage/migrations.js';
import { openSqliteStore } from '../../../src/storage/sqlite-store.js';
import type { Store } from '../../../src/storage/store.js';
import { newRun } from '../store-fixtures.js';

/** Provider batches in SQLite (migration 009): what `run --resume` reads back after a restart. */
describe('batch records', () => {
  let dir: string;
  let path: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'juror-batches-'));
    path = join(dir, 'juror.db');
    // A database from before 009, with a run in it: the step adds the tables under it.
    const v8 = openSqliteStore(path, { migrations: MIGRATIONS.slice(0, 8) });
    v8.createRun(newRun('r1'));
    v8.close();
    store = openSqliteStore(path);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const requests = [
    { customId: 'k1', requestKey: 'key-1', caseId: 'c1', repeat: 0 },
    { customId: 'k2', requestKey: 'key-2', caseId: 'c2', repeat: 1 },
  ];

  it('keeps a batch from submission to its end, with each request mapped to its case', () => {
    store.createBatch({ id: 'b1', runId: 'r1', provider: 'openai:gpt-4o-mini', role: 'system', createdAt: '2026-12-01T00:00:00.000Z' }, requests);
    expect(store.listBatches('r1')).toEqual([
      { id: 'b1', runId: 'r1', provider: 'openai:gpt-4o-mini', role: 'system', remoteId: null, status: 'submitting', providerStatus: null, requests: 2, createdAt: '2026-12-01T00:00:00.000Z', endedAt: null },
    ]);
    store.setBatchSubmitted('b1', 'batch_abc');
    store.setBatchProviderStatus('b1', 'validating');
    expect(store.listBatches('r1')[0]).toMatchObject({ remoteId: 'batch_abc', status: 'in_progress', providerStatus: 'validating' });
    expect(store.getBatchRequests('r1').map((r) => [r.customId, r.caseId, r.repeat, r.status])).toEqual([['k1', 'c1', 0, 'pending'], ['k2', 'c2', 1, 'pending']]);

    store.saveBatchResults('b1', [
      { customId: 'k1', status: 'succeeded', body: { choices: [{ message: { content: 'hi' } }] } },
      { customId: 'k2', status: 'expired', error: 'openai:gpt-4o-mini: batch expired' },
    ], 'expired', '2026-12-02T00:00:00.000Z');
    expect(store.listBatches('r1')[0]).toMatchObject({ status: 'ended', providerStatus: 'expired', endedAt: '2026-12-02T00:00:00.000Z' });
    expect(store.getBatchRequests('r1')).toEqual([
      { batchId: 'b1', customId: 'k1', requestKey: 'key-1', caseId: 'c1', repeat: 0, status: 'succeeded', body: { choices: [{ message: { content: 'hi' } }] }, error: null },
      { batchId: 'b1', customId: 'k2', requestKey: 'key-2', caseId: 'c2', repeat: 1, status: 'expired', body: null, error: 'openai:gpt-4o-mini: batch expired' },
    ]);
  });

  it('forgets a submission that never got an id, requests included; other runs see nothing', () => {
    store.createRun(newRun('r2'));
    store.createBatch({ id: 'b1', runId: 'r1', provider: 'mock', role: 'judge', createdAt: '2026-12-01T00:00:00.000Z' }, requests);
    store.createBatch({ id: 'b2', runId: 'r2', provider: 'mock', role: 'judge', createdAt: '2026-12-01T00:00:00.000Z' }, requests);
    store.deleteBatch('b1');
    expect(store.listBatches('r1')).toEqual([]);
    expect(store.getBatchRequests('r1')).toEqual([]);
    expect(store.getBatchRequests('r2')).toHaveLength(2);
  });

  it('refuses a batch for a run that does not exist', () => {
    expect(() => store.createBatch({ id: 'b9', runId: 'nope', provider: 'mock', role: 'system', createdAt: 'x' }, requests)).toThrow(/createBatch/);
  });
});
