import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { itemsOf, key, login, makeFixture, type Fixture } from '../server/fixture.js';
import { ragCases, ROOT, writeSuite } from './support.js';

/**
 * Issue 6: a `juror run` process and the review server write to ONE database file at the same
 * time (WAL, busy timeout, short transactions). Neither may lose or corrupt the other's writes.
 */
let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** Spawn `juror run`; `started` resolves once it has created its run row and begun calling. */
function runJuror(args: string[], cwd: string) {
  // 40 ms per mock call keeps the run writing for a few seconds, long enough to overlap the saves.
  const child = spawn(process.execPath, [join(ROOT, 'bin/juror.js'), ...args], { cwd, env: { ...process.env, CI: '1', JUROR_MOCK_LATENCY_MS: '40' } });
  let stderr = '';
  let onStart: () => void;
  const started = new Promise<void>((r) => (onStart = r));
  child.stderr.on('data', (d) => {
    stderr += d;
    if (/Running /.test(stderr)) onStart();
  });
  child.stdout.resume();
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => (onStart(), resolve({ code, stderr }))));
  return { started, done };
}

describe('a run and the review server on one database', () => {
  it('lose nothing: every output of the run and every acknowledged annotation is stored once', async () => {
    fixture = await makeFixture({ cases: 60, overlap: 2, annotators: ['ann', 'bob', 'cat'] });
    const f = fixture;
    const N = 400;
    const suite = writeSuite(f.dir, { cases: ragCases(N), judge: 'mock' });
    const run = runJuror(['run', suite, '--db', f.dbFile, '--concurrency', '16', '--no-cache'], f.dir);
    await run.started;

    // Meanwhile three annotators save every item of their queues, twice (the second is an edit).
    let acknowledged = 0;
    const annotate = async (name: string) => {
      const client = await login(f.url, f.tokens[name]!);
      for (const pass of [0, 1]) {
        for (const item of itemsOf(f, name)) {
          const res = await client.post(`/api/reviews/${f.reviewId}/items/${item}/annotations`, {
            clientKey: key(),
            labels: { faithfulness: pass ? 5 : 3, helpful: 'yes' },
          });
          expect(res.status, await res.clone().text()).toBe(200);
          acknowledged += 1;
        }
      }
    };
    await Promise.all(['ann', 'bob', 'cat'].map(annotate));
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);

    const store = openSqliteStore(f.dbFile);
    try {
      const runs = store.listRuns().filter((r) => r.suiteName === 'fixture');
      expect(runs).toHaveLength(1);
      expect(runs[0]!.status).toBe('finished');
      expect(store.getOutputs(runs[0]!.id)).toHaveLength(N);
      // faithfulness + relevance judge scores and the contains check, per case
      expect(store.getScores(runs[0]!.id).length).toBe(N * 3);
      // 60 items x overlap 2 = 120 assignments, each saved twice, 2 criteria per save
      expect(acknowledged).toBe(240);
      const history = store.getAnnotationHistory(f.reviewId);
      expect(history).toHaveLength(480);
      // The two writers really overlapped: saves landed while the run was in progress (how many
      // depends on machine load, so only their existence is asserted).
      const { startedAt, finishedAt } = runs[0]!;
      expect(history.filter((a) => a.createdAt >= startedAt && a.createdAt <= finishedAt!).length).toBeGreaterThan(0);
      const current = store.getCurrentLabels(f.reviewId);
      expect(current).toHaveLength(240);
      expect(current.filter((l) => l.criterion === 'faithfulness').every((l) => l.label === '5')).toBe(true);
    } finally {
      store.close();
    }
  }, 120_000);
});
