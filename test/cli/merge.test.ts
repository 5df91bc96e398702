import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { cli, ragCases, writeSuite, useCleanups } from './support.js';

const { tmp } = useCleanups();

/** Every case as stored: output and scores, without ids, timestamps and latencies (those differ between runs). */
function casesOf(db: string, runId: string) {
  const store = openSqliteStore(db, { readonly: true });
  try {
    const scores = store.getScores(runId);
    return store.getOutputs(runId).map((o) => ({
      caseId: o.caseId, repeat: o.repeat, prompt: o.prompt, output: o.output, error: o.error, usage: o.usage,
      costUsd: o.costUsd, cached: o.cached, attempts: o.attempts,
      scores: scores.filter((s) => s.outputId === o.id).map(({ id: _i, outputId: _o, runId: _r, createdAt: _c, meta, ...s }) => {
        const { latencyMs: _l, ...rest } = meta ?? {};
        return { ...s, meta: rest };
      }),
    })).sort((x, y) => (x.caseId < y.caseId ? -1 : x.caseId > y.caseId ? 1 : x.repeat - y.repeat)); // stored in completion order
  } finally {
    store.close();
  }
}

function latestRun(db: string) {
  const store = openSqliteStore(db, { readonly: true });
  try {
    return store.listRuns()[0]!;
  } finally {
    store.close();
  }
}

/** Contains, a second check only q1 and q10-q19 pass (so the merge has failures to carry), and the judge. */
const MIXED = ['- contains: { value: "{{expected}}" }', '- contains: { value: "Panel 1", as: panel-one }', '- rubric: faithfulness'];

describe('juror run --shard / juror merge', () => {
  it('3 shards merged equal an unsharded run case for case; each case ran in exactly one shard', async () => {
    const dir = tmp();
    const suite = writeSuite(dir, { cases: ragCases(30), scorers: MIXED });
    const whole = await cli(['run', suite, '--db', 'whole.db', '--json'], { cwd: dir });
    expect(whole.code).toBe(1);
    const shardIds: string[][] = [];
    for (const i of [1, 2, 3]) {
      const r = await cli(['run', suite, '--shard', `${i}/3`, '--db', `s${i}.db`], { cwd: dir });
      expect(r.stderr).toMatch(new RegExp(`Running fixture shard ${i}/3 \\(\\d+ cases\\)`));
      shardIds.push(casesOf(join(dir, `s${i}.db`), latestRun(join(dir, `s${i}.db`)).id).map((c) => c.caseId));
    }
    // union = the whole suite, no overlap, and no shard is empty at 30 cases
    expect(shardIds.flat().sort()).toEqual(ragCases(30).map((c) => c.id).sort());
    expect(shardIds.every((s) => s.length > 0)).toBe(true);

    const merged = await cli(['merge', 's1.db', 's2.db', 's3.db', '--db', 'merged.db', '--json'], { cwd: dir });
    expect(merged.stderr).toContain('Merged shards 1/3, 2/3, 3/3 of fixture (30 cases, 60 cache entries) into r_');
    expect(merged.code).toBe(1); // the same exit code as the unsharded run: 19 cases fail
    const a = JSON.parse(whole.stdout);
    const b = JSON.parse(merged.stdout);
    const strip = (doc: { cases: Array<Record<string, unknown>> }) => doc.cases.map(({ latencyMs: _l, outputId: _o, ...c }) => c);
    expect(strip(b)).toEqual(strip(a)); // same cases, same order (the suite's), same outputs and scores
    const { durationMs: _d1, latencyP50Ms: _p1, latencyP95Ms: _q1, ...sa } = a.summary;
    const { durationMs: _d2, latencyP50Ms: _p2, latencyP95Ms: _q2, ...sb } = b.summary;
    expect(sb).toEqual(sa);
    expect(sb).toMatchObject({ total: 30, passed: 11, failed: 19 });

    const wholeRun = latestRun(join(dir, 'whole.db'));
    const mergedRun = latestRun(join(dir, 'merged.db'));
    expect(casesOf(join(dir, 'merged.db'), mergedRun.id)).toEqual(casesOf(join(dir, 'whole.db'), wholeRun.id));
    expect(mergedRun.status).toBe('finished');
    expect(mergedRun.config.shard).toBeUndefined();
    expect((mergedRun.config.mergedFrom as unknown[]).length).toBe(3);

    // the caches came along: the same suite on the merged database calls no provider
    const again = await cli(['run', suite, '--db', 'merged.db', '--json'], { cwd: dir });
    expect(JSON.parse(again.stdout).summary.cachedCalls).toBe(60);
    const noCache = await cli(['merge', 's1.db', 's2.db', 's3.db', '--db', 'bare.db', '--no-cache'], { cwd: dir });
    expect(noCache.stderr).toContain('(30 cases, 0 cache entries)');
  }, 60_000);

  it('refuses, exit 2 and one line: the same shard twice, other configs, other cases, other shard counts', async () => {
    const dir = tmp();
    const suite = writeSuite(dir, { cases: ragCases(12), judge: null, scorers: ['- contains: { value: "{{expected}}" }'] });
    await cli(['run', suite, '--shard', '1/2', '--db', 'a1.db'], { cwd: dir });
    await cli(['run', suite, '--shard', '2/2', '--db', 'a2.db', '--repeat', '2'], { cwd: dir });
    await cli(['run', suite, '--shard', '2/3', '--db', 'b2.db'], { cwd: dir });
    writeSuite(dir, { cases: ragCases(13), judge: null, scorers: ['- contains: { value: "{{expected}}" }'] });
    await cli(['run', suite, '--shard', '2/2', '--db', 'c2.db'], { cwd: dir });
    const refusals: Array<[string[], string]> = [
      [['a1.db', 'a1.db'], 'error: a1.db and a1.db both hold shard 1/2'],
      [['a1.db', 'a2.db'], 'error: a2.db and a1.db are not shards of one run: configs (repeat) differ (2 vs 1)'],
      [['a1.db', 'b2.db'], 'error: b2.db and a1.db are not shards of one run: shard counts differ (3 vs 2)'],
      [['a1.db', 'c2.db'], "error: c2.db and a1.db are not shards of one run: the suites' cases differ (13 cases vs 12 cases)"],
      [['a1.db', 'nope.db'], 'error: nope.db: no such shard database'],
    ];
    for (const [dbs, line] of refusals) {
      const r = await cli(['merge', ...dbs, '--db', 'out.db'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(line + '\n');
    }
    // a database without a sharded run, and --shard with --resume
    await cli(['run', suite, '--db', 'plain.db'], { cwd: dir });
    const plain = await cli(['merge', 'plain.db'], { cwd: dir });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toBe('error: plain.db: no sharded run in this database (juror run SUITE --shard i/n --db plain.db)\n');
    const resume = await cli(['run', '--resume', '--shard', '1/2', '--db', 'a1.db'], { cwd: dir });
    expect(resume.code).toBe(2);
    expect(resume.stderr).toBe('error: --shard cannot be combined with --resume (a resumed run keeps its own slice)\n');
    expect(latestRun(join(dir, 'out.db'))).toBeUndefined(); // nothing half-merged was written
  }, 60_000);

  it('merges a subset with a warning naming the missing shards', async () => {
    const dir = tmp();
    const suite = writeSuite(dir, { cases: ragCases(12), judge: null, scorers: ['- contains: { value: "{{expected}}" }'] });
    await cli(['run', suite, '--shard', '2/3', '--db', 's2.db'], { cwd: dir });
    const r = await cli(['merge', 's2.db', '--db', 'out.db'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: shards 1/3, 3/3 not given: the merged run covers part of the suite');
  }, 60_000);
});
