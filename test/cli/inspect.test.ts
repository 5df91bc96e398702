import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/providers/mock/mock-server.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { cli, ragCases, tempDir, writeSuite } from './support.js';

/** runs, show, compare, judge and cache over real runs in one database. */
describe('run-side inspection commands', () => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'j.db');
  const cases = ragCases(8);
  let server: MockServer;
  let env: Record<string, string>;
  let runA: string;
  let runB: string;

  beforeAll(async () => {
    server = await startMockServer();
    env = { OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_API_KEY: 'test' };
    // A: the system under test is on the external mock server (so its calls can be counted);
    // the judge is the in-process `mock`. The mock answers from the context: every case passes.
    const suite = writeSuite(tmp.dir, {
      cases,
      provider: 'openai:mock-model',
      scorers: ['- contains: { value: "Panel" }', '- rubric: faithfulness'],
    });
    const a = await cli(['run', suite, '--db', db, '--json'], { cwd: tmp.dir, env });
    expect(a.code, a.stderr).toBe(0);
    runA = JSON.parse(a.stdout).runId;
    // B: recorded outputs where q2 and q5 are wrong.
    const replay = cases.map((c) => ({ id: c.id, output: ['q2', 'q5'].includes(c.id as string) ? 'I do not know, sorry.' : `It is ${c.expected}.` }));
    writeFileSync(join(tmp.dir, 'b.jsonl'), replay.map((r) => JSON.stringify(r)).join('\n'));
    const b = await cli(['run', suite, '--db', db, '--provider', 'replay:b.jsonl', '--json'], { cwd: tmp.dir, env });
    expect(b.code).toBe(1);
    runB = JSON.parse(b.stdout).runId;
  }, 60_000);

  afterAll(async () => {
    await server.close();
    tmp.cleanup();
  });

  it('runs lists both, newest first', async () => {
    const r = await cli(['runs', '--db', db, '--json'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.runs.map((x: { id: string }) => x.id)).toEqual([runB, runA]);
    expect(doc.runs[1]).toMatchObject({ kind: 'run', status: 'finished', provider: 'openai:mock-model', judge: 'mock' });
    const text = await cli(['runs', '--db', db], { cwd: tmp.dir });
    expect(text.stdout).toMatch(new RegExp(`${runA}\\s+fixture\\s+finished\\s+8/8\\s+100\\.0%`));
    const empty = await cli(['runs', '--db', join(tmp.dir, 'none.db')], { cwd: tmp.dir });
    expect(empty.stdout).toContain('no runs yet');
  });

  it('show prints every case with input, output, expected, scores and the judge reasoning', async () => {
    const r = await cli(['show', runB, '--db', db, '--status', 'failed'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('── q2: FAILED');
    expect(r.stdout).toContain('── q5: FAILED');
    expect(r.stdout).not.toContain('── q1:');
    expect(r.stdout).toContain('I do not know, sorry.');
    expect(r.stdout).toContain('under Preferences > Panel 2'); // expected
    expect(r.stdout).toMatch(/rubric\.faithfulness = \d FAIL\n\s+\S/); // a reason follows
    const j = await cli(['show', 'latest', '--db', db, '--json'], { cwd: tmp.dir });
    const doc = JSON.parse(j.stdout);
    expect(doc.runId).toBe(runB);
    expect(doc.cases).toHaveLength(8);
    expect(doc.cases.find((c: { caseId: string }) => c.caseId === 'q2').scores.find((s: { criterion: string }) => s.criterion === 'rubric.faithfulness').reason).toBeTruthy();
    const missing = await cli(['show', 'r_nope', '--db', db], { cwd: tmp.dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no run "r_nope" (see juror runs)');
  });

  it('compare reports the regressions (exit 1) and, the other way round, the fixes (exit 0)', async () => {
    const r = await cli(['compare', runA, runB, '--db', db, '--json'], { cwd: tmp.dir });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.flips).toEqual({ regressions: ['q2', 'q5'], fixes: [] });
    expect(doc.pass_rate.baseline).toMatchObject({ value: 1, n: 8, method: 'wilson' });
    expect(doc.pass_rate.candidate.value).toBe(0.75);
    expect(doc.pass_rate.diff.value).toBe(-0.25);
    expect(doc.pass_rate.mcnemar).toEqual({ b: 2, c: 0, p_value: 0.5, method: 'exact' });
    expect(doc.gate).toEqual({ fail_on: 'any flip', failed: true });
    const faith = doc.criteria.find((c: { criterion: string }) => c.criterion === 'rubric.faithfulness');
    expect(faith.diff.value).toBeLessThan(0);
    expect(faith.diff.value).toBeCloseTo(faith.candidate.value - faith.baseline.value, 3);
    const back = await cli(['compare', runB, runA, '--db', db], { cwd: tmp.dir });
    expect(back.code).toBe(0);
    expect(back.stdout).toContain('Fixes (not passed in the baseline, passed in the candidate):');
    expect(back.stdout).toContain('q2: failed → passed');
  });

  it('judge --run re-scores stored outputs as a new judge run, with zero calls to the system provider', async () => {
    const before = server.stats().requests;
    const r = await cli(['judge', '--run', runA, '--judge', 'mock', '--no-cache', '--db', db, '--json'], { cwd: tmp.dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(server.stats().requests).toBe(before); // the system under test was never called
    const doc = JSON.parse(r.stdout);
    expect(doc.kind).toBe('judge');
    expect(doc.parentRunId).toBe(runA);
    expect(doc.summary.total).toBe(8);
    // every scorer scores again (contains gives the same values; the judge is asked anew): 1 + 2 rubric criteria
    expect(doc.cases.every((c: { scores: unknown[] }) => c.scores.length === 3)).toBe(true);
    const store = openSqliteStore(db);
    const judgeRun = store.getRun(doc.runId)!;
    expect(judgeRun).toMatchObject({ kind: 'judge', parentRunId: runA, judge: 'mock', status: 'finished' });
    expect(store.getScores(doc.runId)).toHaveLength(24);
    expect(store.getOutputs(doc.runId)).toHaveLength(0); // no new outputs: the parent's were judged
    store.close();
    const noRubric = await cli(['judge', '--run', runA, '--judge', 'mock', '--rubric', 'nope.yaml', '--db', db], { cwd: tmp.dir });
    expect(noRubric.code).toBe(2);
  });

  it('cache stats and clear', async () => {
    const s = await cli(['cache', 'stats', '--db', db, '--json'], { cwd: tmp.dir });
    const stats = JSON.parse(s.stdout);
    expect(stats.entries).toBeGreaterThan(0);
    const c = await cli(['cache', 'clear', '--db', db, '--json'], { cwd: tmp.dir });
    expect(JSON.parse(c.stdout).removed).toBe(stats.entries);
    const after = await cli(['cache', 'stats', '--db', db, '--json'], { cwd: tmp.dir });
    expect(JSON.parse(after.stdout).entries).toBe(0);
  });
});
