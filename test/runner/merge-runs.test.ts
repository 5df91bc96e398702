import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { mergeShardRuns } from '../../src/runner/merge-runs.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function shardStore(name: string, index: number, caseIds: string[], status: 'finished' | 'interrupted' = 'finished'): Store {
  const dir = mkdtempSync(join(tmpdir(), 'juror-merge-'));
  dirs.push(dir);
  const store = openSqliteStore(join(dir, `${name}.db`));
  stores.push(store);
  const id = `r_${name}`;
  store.createRun({
    id, kind: 'run', suiteName: 's', provider: 'mock', judge: null, startedAt: `2026-01-0${index}T00:00:00.000Z`,
    config: { repeat: 1, concurrency: index * 4, shard: { index, count: 2, suiteCases: 3, fingerprint: 'f' } },
  });
  store.saveCases(id, caseIds.map((c) => ({ id: c, vars: {}, tags: [] })), caseIds.map((_, i) => i * 2 + index));
  for (const c of caseIds) {
    store.saveResult(
      { runId: id, caseId: c, repeat: 0, prompt: `p ${c}`, output: `o ${c}`, error: null, usage: { inputTokens: 3, outputTokens: 1 }, latencyMs: 5, costUsd: 0.5, cached: false, attempts: 1 },
      [{ scorer: 'contains', criterion: 'contains', value: 1, passed: true }],
    );
  }
  store.setRunStatus(id, status, null, status === 'finished' ? `2026-01-0${index}T00:01:00.000Z` : null);
  return store;
}

function target(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'juror-merge-out-'));
  dirs.push(dir);
  const s = openSqliteStore(join(dir, 'out.db'));
  stores.push(s);
  return s;
}

describe('mergeShardRuns', () => {
  it('interleaves the shards\' cases by suite position; concurrency may differ; summary from the outputs', () => {
    const out = target();
    const r = mergeShardRuns([{ label: 'b.db', store: shardStore('b', 2, ['y']) }, { label: 'a.db', store: shardStore('a', 1, ['x', 'z']) }], out);
    // positions: x 1, z 3 (shard 1), y 2 (shard 2)
    expect(out.getCases(r.runId).map((c) => c.id)).toEqual(['x', 'y', 'z']);
    expect(out.getOutputs(r.runId).map((o) => o.caseId)).toEqual(['x', 'y', 'z']);
    expect(r.summary).toMatchObject({ total: 3, passed: 3, costUsd: 1.5, usage: { inputTokens: 9, outputTokens: 3 }, meanByCriterion: { contains: 1 } });
    const run = out.getRun(r.runId)!;
    expect(run).toMatchObject({ status: 'finished', startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-02T00:01:00.000Z' });
    expect(run.config.mergedFrom).toEqual([
      { shard: '1/2', runId: 'r_a', db: 'a.db' },
      { shard: '2/2', runId: 'r_b', db: 'b.db' },
    ]);
    expect(r.missing).toEqual([]);
  });

  it('refuses a case held by two shards, and an unfinished shard', () => {
    const out = target();
    const overlap = () => mergeShardRuns([{ label: 'a.db', store: shardStore('a', 1, ['x']) }, { label: 'b.db', store: shardStore('b', 2, ['x']) }], out);
    expect(overlap).toThrow(ConfigError);
    expect(overlap).toThrow('case "x" is in both a.db and b.db: the shards overlap');
    const unfinished = () => mergeShardRuns([{ label: 'c.db', store: shardStore('c', 1, ['x'], 'interrupted') }], out);
    expect(unfinished).toThrow('c.db: shard run r_c is interrupted; finish it first (juror run --resume r_c --db c.db)');
    expect(out.listRuns()).toEqual([]);
  });
});
