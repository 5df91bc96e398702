import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { cli, ragCases, useCleanups, writeSuite } from './support.js';

const { tmp, server } = useCleanups();

/** A suite over `n` RAG cases with two prompt files; the system under test is on the mock server. */
function matrixSuite(dir: string, n: number): string {
  const path = writeSuite(dir, { cases: ragCases(n), scorers: ['- contains: { value: "{{expected}}" }', '- rubric: faithfulness'] });
  writeFileSync(join(dir, 'a.hbs'), 'Context:\n{{numbered context}}\n\nQuestion: {{question}}\nAnswer:');
  writeFileSync(join(dir, 'b.hbs'), 'Answer briefly from the context.\n\nContext:\n{{numbered context}}\n\nQuestion: {{question}}\nAnswer:');
  return path;
}

describe('juror run with a matrix (prompts × providers)', () => {
  it('2 prompts × 2 providers × 10 cases is exactly 40 generation calls, each output stored with its provider and prompt', async () => {
    const dir = tmp();
    const s = await server();
    const env = { OPENAI_BASE_URL: `${s.url}/v1`, OPENAI_API_KEY: 'test' };
    const suite = matrixSuite(dir, 10);
    const db = join(dir, 'm.db');
    // the judge is the in-process mock: the server counts the system under test alone
    const args = ['run', suite, '--provider', 'openai:model-a,openai:model-b', '--prompt', 'a.hbs', '--prompt', 'b.hbs', '--no-cache', '--db', db];
    const r = await cli([...args, '--json'], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(s.stats().requests).toBe(40);
    const doc = JSON.parse(r.stdout);
    expect(doc.provider).toBe('openai:model-a,openai:model-b');
    expect(doc.columns.map((c: { column: number; provider: string; prompt: string }) => [c.column, c.provider, c.prompt])).toEqual([
      [1, 'openai:model-a', 'a.hbs'],
      [2, 'openai:model-b', 'a.hbs'],
      [3, 'openai:model-a', 'b.hbs'],
      [4, 'openai:model-b', 'b.hbs'],
    ]);
    for (const c of doc.columns) expect(c.summary).toMatchObject({ total: 10, passed: 10 });
    expect(doc.summary.total).toBe(40);
    expect(doc.cases).toHaveLength(40);
    const store = openSqliteStore(db);
    try {
      const outputs = store.getOutputs(doc.runId);
      expect(outputs).toHaveLength(40);
      const cells = new Set(outputs.map((o) => `${o.col}|${o.provider}|${o.promptLabel}|${o.caseId}`));
      expect(cells.size).toBe(40);
      const q0b = outputs.find((o) => o.caseId === 'q0' && o.col === 3)!;
      expect(q0b).toMatchObject({ provider: 'openai:model-b', promptLabel: 'b.hbs' });
      expect(q0b.prompt).toMatch(/^Answer briefly from the context/);
      expect(store.getRun(doc.runId)!.config.columns).toHaveLength(4);
    } finally {
      store.close();
    }
    // the console shows the columns side by side
    const text = await cli(['show', doc.runId, '--db', db], { cwd: dir });
    expect(text.stdout).toContain('q0 [column 4]');
    const cmp = await cli(['compare', `${doc.runId}:1`, `${doc.runId}:openai:model-b × b.hbs`, '--db', db, '--json'], { cwd: dir });
    expect(cmp.code, cmp.stderr).toBe(0);
    const c = JSON.parse(cmp.stdout);
    expect(c).toMatchObject({ baseline: `${doc.runId}:1`, candidate: `${doc.runId}:4`, paired: 10 });
    const whole = await cli(['compare', doc.runId, `${doc.runId}:2`, '--db', db], { cwd: dir });
    expect(whole.code).toBe(2);
    expect(whole.stderr).toContain('is a matrix of 4 columns');
  });

  it("the whole run's intervals are clustered by case (each case is in every column), the same in the run's --json and in show", async () => {
    const dir = tmp();
    const suite = writeSuite(dir, { cases: ragCases(12), scorers: ['- contains: { value: "{{expected}}" }', '- rubric: faithfulness'] });
    const db = join(dir, 'm.db');
    const r = await cli(['run', suite, '--provider', 'mock,mock:noisy-50', '--db', db, '--json'], { cwd: dir });
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.total).toBe(24);
    const shown = JSON.parse((await cli(['show', doc.runId, '--db', db, '--json'], { cwd: dir })).stdout);
    const ci = doc.summary.ciByCriterion;
    expect(Object.keys(ci).sort()).toEqual(['contains', 'rubric.faithfulness', 'rubric.relevance']);
    // the noisy column gets some cases wrong, so the values vary and clustering changes the interval
    expect(doc.summary.meanByCriterion.contains).toBeLessThan(1);
    for (const [criterion, stored] of Object.entries(ci) as Array<[string, { n: number; ci95: [number, number] }]>) {
      const recomputed = shown.summary.ciByCriterion[criterion];
      expect(stored.n).toBe(recomputed.n);
      // the stored summary keeps 4 decimals
      expect(stored.ci95[0]).toBeCloseTo(recomputed.ci95[0], 4);
      expect(stored.ci95[1]).toBeCloseTo(recomputed.ci95[1], 4);
    }
  });

  it('a killed matrix run resumes without repeating a finished call: 40 calls in all', async () => {
    const dir = tmp();
    const s = await server({ latencyMs: 40 });
    const env = { OPENAI_BASE_URL: `${s.url}/v1`, OPENAI_API_KEY: 'test' };
    const suite = matrixSuite(dir, 10);
    const db = join(dir, 'm.db');
    const stop = new AbortController();
    const first = cli(['run', suite, '--provider', 'openai:model-a,openai:model-b', '--prompt', 'a.hbs', '--prompt', 'b.hbs', '--no-cache', '--concurrency', '2', '--db', db], { cwd: dir, env, signal: stop.signal });
    const waitFor = async () => {
      while (s.stats().requests < 6) await new Promise((r) => setTimeout(r, 5));
    };
    await waitFor();
    stop.abort(new Error('SIGINT'));
    const a = await first;
    expect(a.code).toBe(130);
    const before = s.stats().requests;
    expect(before).toBeLessThan(40);
    const b = await cli(['run', '--resume', '--db', db, '--json'], { cwd: dir, env });
    expect(b.code, b.stderr).toBe(0);
    expect(s.stats().requests).toBe(40);
    const doc = JSON.parse(b.stdout);
    expect(doc.summary.total).toBe(40);
    expect(doc.columns.map((c: { summary: { total: number } }) => c.summary.total)).toEqual([10, 10, 10, 10]);
  });

  it('one prompt and one provider is an ordinary run: no columns anywhere', async () => {
    const dir = tmp();
    const suite = matrixSuite(dir, 3);
    const db = join(dir, 'm.db');
    const r = await cli(['run', suite, '--db', db, '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).not.toHaveProperty('columns');
    expect(doc.summary).not.toHaveProperty('columns');
    expect(doc.cases[0]).not.toHaveProperty('column');
    expect(r.stderr).not.toContain('Columns');
  });
});
