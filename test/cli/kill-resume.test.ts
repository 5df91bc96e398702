import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/providers/mock/mock-server.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { ROOT, ragCases, tempDir, writeSuite } from './support.js';

/**
 * kill -9 in the middle of `juror run` (compiled CLI, real process, external mock server), then
 * `--resume`. Proves: every call whose answer was persisted before the kill is never sent again,
 * the only repeats are the calls that were in flight at the kill (at most --concurrency), and the
 * final outputs and scores equal those of an uninterrupted run.
 */

const BIN = join(ROOT, 'bin/juror.js');
const CONCURRENCY = 8;
const N = 300;

function juror(args: string[], env: Record<string, string>, cwd: string) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.resume();
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('exit', (code, signal) => res({ code, signal })));
  return { child, done, stderr: () => stderr };
}

function fingerprint(db: string, runId?: string) {
  const store = openSqliteStore(db);
  try {
    const run = runId ? store.getRun(runId)! : store.listRuns()[0]!;
    const scores = store.getScores(run.id);
    const out: Record<string, unknown> = {};
    for (const o of store.getOutputs(run.id)) {
      out[`${o.caseId}/${o.repeat}`] = [o.output, o.error, scores.filter((s) => s.outputId === o.id).map((s) => [s.criterion, s.value, s.label ?? null]).sort()];
    }
    return { status: run.status, id: run.id, outputs: out, cacheEntries: store.cacheStats().entries };
  } finally {
    store.close();
  }
}

/** mulberry32: seeded kill points, so a failure can be replayed. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('kill -9 and --resume (spawned CLI)', () => {
  const tmp = tempDir('juror-kill-');
  let server: MockServer;
  let suite: string;
  let env: Record<string, string>;
  let reference: ReturnType<typeof fingerprint>;
  let distinctKeys: number;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npx tsc -p tsconfig.build.json` first');
    server = await startMockServer({ latencyMs: 4 });
    env = { OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_API_KEY: 'test' };
    suite = writeSuite(tmp.dir, { cases: ragCases(N), provider: 'openai:mock-model', judge: 'openai:mock-judge' });
    const ref = juror(['run', suite, '--db', join(tmp.dir, 'ref.db'), '--concurrency', String(CONCURRENCY)], env, tmp.dir);
    const { code } = await ref.done;
    expect(code, ref.stderr()).toBe(0);
    reference = fingerprint(join(tmp.dir, 'ref.db'));
    distinctKeys = Object.keys(server.stats().byKey).length;
    // every call of a run is a distinct request (no repeats): N system + N judge calls
    expect(distinctKeys).toBe(2 * N);
    expect(server.stats().requests).toBe(2 * N);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    tmp.cleanup();
  });

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: no persisted call is repeated, final results equal an uninterrupted run`, async () => {
      server.reset();
      const db = join(tmp.dir, `kill-${seed}.db`);
      const first = juror(['run', suite, '--db', db, '--concurrency', String(CONCURRENCY)], env, tmp.dir);
      // wait until the run has started, then kill at a seeded random point of it
      while (!/Running fixture/.test(first.stderr())) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 50 + Math.floor(rng(seed)() * 500)));
      first.child.kill('SIGKILL');
      const killed = await first.done;
      expect(killed.signal).toBe('SIGKILL');

      const atKill = fingerprint(db);
      expect(atKill.status).toBe('running'); // killed: nobody marked it
      const seenBeforeKill = server.stats().requests;
      expect(Object.keys(atKill.outputs).length).toBeLessThan(N);

      const second = juror(['run', '--resume', atKill.id, '--db', db, '--concurrency', String(CONCURRENCY)], env, tmp.dir);
      const resumed = await second.done;
      expect(resumed.code, second.stderr()).toBe(0);
      const sentOnResume = server.stats().requests - seenBeforeKill;

      // Every call whose answer was persisted (the cache is written as each call returns) is
      // not sent again: the resume sends exactly the calls that have no stored answer.
      expect(sentOnResume).toBe(distinctKeys - atKill.cacheEntries);
      // The only repeats are calls that were in flight when the process died.
      const repeats = Object.values(server.stats().byKey).reduce((n, c) => n + (c - 1), 0);
      expect(repeats).toBe(seenBeforeKill - atKill.cacheEntries);
      expect(repeats).toBeLessThanOrEqual(CONCURRENCY);

      const final = fingerprint(db, atKill.id);
      expect(final.status).toBe('finished');
      expect(final.outputs).toEqual(reference.outputs);
    }, 60_000);
  }
});
