import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { ROOT, cli, ragCases, useCleanups, writeSuite } from './support.js';

const { tmp, server } = useCleanups();

/**
 * A 2 prompts × 2 providers matrix run over 8 RAG cases: columns 1 and 3 are the mock (the golden
 * answer), 2 and 4 `mock:noisy-50` (half its answers cut short, chosen per prompt). Returns the run
 * id and each column's output per case.
 */
async function matrixRun(dir: string, db: string): Promise<{ runId: string; text: string[][] }> {
  const suite = writeSuite(dir, { cases: ragCases(8) });
  writeFileSync(join(dir, 'a.hbs'), 'Context:\n{{numbered context}}\n\nQuestion: {{question}}\nAnswer:');
  writeFileSync(join(dir, 'b.hbs'), 'Answer briefly.\n\nContext:\n{{numbered context}}\n\nQuestion: {{question}}\nAnswer:');
  const r = await cli(['run', suite, '--provider', 'mock,mock:noisy-50', '--prompt', 'a.hbs', '--prompt', 'b.hbs', '--db', db, '--json'], { cwd: dir });
  const runId = (JSON.parse(r.stdout) as { runId: string }).runId;
  const store = openSqliteStore(db);
  try {
    const text = [0, 1, 2, 3].map((col) => ragCases(8).map((c) => store.getOutputs(runId).find((o) => o.col === col && o.caseId === c.id)!.output!));
    return { runId, text };
  } finally {
    store.close();
  }
}

/** Two runs of the same cases: the second answers wrongly on the first two (scripted mock answers). */
async function twoRuns(dir: string): Promise<[string, string]> {
  const good = writeSuite(dir, { cases: ragCases(4) }, 'good.yaml');
  const bad = writeSuite(dir, { cases: ragCases(4).map((c, i) => (i < 2 ? { ...c, mock: { answer: 'No idea, sorry.' } } : c)) }, 'bad.yaml');
  const ids: string[] = [];
  for (const suite of [good, bad]) {
    const r = await cli(['run', suite, '--json'], { cwd: dir });
    ids.push((JSON.parse(r.stdout) as { runId: string }).runId);
  }
  return ids as [string, string];
}

describe('juror judge-pairwise', () => {
  it('compares two runs case by case on the mock judge: console and --json', async () => {
    const dir = tmp();
    const [a, b] = await twoRuns(dir);
    const rubric = join(ROOT, 'rubrics/pairwise.yaml');
    const json = await cli(['judge-pairwise', a, b, '--rubric', rubric, '--judge', 'mock', '--json'], { cwd: dir });
    expect(json.stderr).toContain(`Comparing ${a} vs ${b}`);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ status: 'finished', pairs: 4, judges: ['mock'], sources: [{ label: a, runId: a }, { label: b, runId: b }] });
    const fig = doc.criteria[0].judges[0];
    expect(doc.criteria[0].criterion).toBe('better');
    expect(fig.pairs[0]).toMatchObject({ a, b, wins: 2, ties: 2, losses: 0, unscored: 0, tie_rate: 0.5 });
    expect(fig.pairs[0].win_rate).toMatchObject({ value: 1, n: 2, method: 'wilson' });
    expect(fig.position).toMatchObject({ judged: 4, inconsistent: 0 });

    const text = await cli(['judge-pairwise', a, b, '--rubric', rubric, '--judge', 'mock'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${a} vs ${b}  2 wins · 2 ties · 0 losses`);
    expect(text.stdout).toContain('position consistency: 100.0%: 0 of 4 pairs changed verdict when the order was swapped');
  });

  it('a matrix run named alone: all its columns against each other, named by provider × prompt; judge calls counted at the mock server', async () => {
    const dir = tmp();
    const db = join(dir, 'm.db');
    const { runId, text } = await matrixRun(dir, db);
    const gold = ragCases(8).map((c) => c.expected as string);
    // The mock judge prefers the answer that covers the reference: the golden one beats a cut-short
    // one, equal texts tie. Expected record of column x against column y, from the stored outputs.
    const record = (x: number, y: number) => {
      const r = { wins: 0, ties: 0, losses: 0 };
      text[x]!.forEach((tx, i) => {
        const ty = text[y]![i]!;
        if (tx === ty) r.ties++;
        else if (tx === gold[i]) r.wins++;
        else if (ty === gold[i]) r.losses++;
        else throw new Error(`case ${i}: neither column ${x + 1} nor ${y + 1} gave the golden answer`);
      });
      return r;
    };
    expect(record(0, 1).wins).toBeGreaterThan(0); // the noisy columns did go wrong somewhere
    expect(record(1, 3)).not.toEqual({ wins: 0, ties: 8, losses: 0 }); // ... and not on the same cases

    const s = await server();
    const env = { OPENAI_BASE_URL: `${s.url}/v1`, OPENAI_API_KEY: 'k' };
    const rubric = join(ROOT, 'rubrics/pairwise.yaml');
    const json = await cli(['judge-pairwise', runId, '--rubric', rubric, '--judge', 'openai:judge', '--no-cache', '--db', db, '--json'], { cwd: dir, env });
    expect(json.code, json.stderr).toBe(0);
    // 4 columns: 6 pairs of columns × 8 cases, each judged in both orders
    expect(s.stats().requests).toBe(6 * 8 * 2);
    expect(json.stderr).toContain(`Comparing ${runId}:1 vs ${runId}:2 vs ${runId}:3 vs ${runId}:4 as pw_`);
    const doc = JSON.parse(json.stdout);
    const names = ['mock × a.hbs', 'mock:noisy-50 × a.hbs', 'mock × b.hbs', 'mock:noisy-50 × b.hbs'];
    expect(doc.sources).toEqual(names.map((label, i) => ({ label, runId, column: i + 1, provider: label.split(' × ')[0], prompt: label.split(' × ')[1] })));
    expect(doc.pairs).toBe(48);
    const fig = doc.criteria[0].judges[0];
    for (let x = 0; x < 4; x++) {
      for (let y = x + 1; y < 4; y++) {
        const p = fig.pairs.find((q: { a: string; b: string }) => q.a === names[x] && q.b === names[y]);
        expect(p, `${names[x]} vs ${names[y]}`).toMatchObject({ ...record(x, y), unscored: 0 });
      }
    }
    expect(fig.position).toMatchObject({ judged: 48, inconsistent: 0 });
    expect(fig.bradley_terry.value.map((x: { source: string }) => x.source).sort()).toEqual([...names].sort());
    const store = openSqliteStore(db);
    try {
      expect(store.getComparison(doc.comparison)!.sources.map((x) => x.label)).toEqual(names);
    } finally {
      store.close();
    }

    // two columns by number and by name, in text: the legend says which column is which
    const two = await cli(['judge-pairwise', `${runId}:1`, `${runId}:mock:noisy-50 × b.hbs`, '--rubric', rubric, '--judge', 'mock', '--db', db], { cwd: dir });
    expect(two.code, two.stderr).toBe(0);
    expect(two.stdout).toContain(`  mock × a.hbs = run ${runId} column 1\n  mock:noisy-50 × b.hbs = run ${runId} column 4\n`);
    const r14 = record(0, 3);
    expect(two.stdout).toContain(`mock × a.hbs vs mock:noisy-50 × b.hbs  ${r14.wins} win${r14.wins === 1 ? '' : 's'} · ${r14.ties} tie`);
  });

  it('a column against another run, and a one-column run alone is refused', async () => {
    const dir = tmp();
    const db = join(dir, 'm.db');
    const { runId } = await matrixRun(dir, db);
    const single = await cli(['run', writeSuite(dir, { cases: ragCases(8) }, 'one.yaml'), '--db', db, '--json'], { cwd: dir });
    const one = (JSON.parse(single.stdout) as { runId: string }).runId;
    const mixed = await cli(['judge-pairwise', one, `${runId}:2`, '--rubric', join(ROOT, 'rubrics/pairwise.yaml'), '--judge', 'mock', '--db', db, '--json'], { cwd: dir });
    expect(mixed.code, mixed.stderr).toBe(0);
    const doc = JSON.parse(mixed.stdout);
    expect(doc.sources).toEqual([
      { label: 'fixture', runId: one },
      { label: 'mock:noisy-50 × a.hbs', runId, column: 2, provider: 'mock:noisy-50', prompt: 'a.hbs' },
    ]);
    expect(doc.pairs).toBe(8);
    // a matrix run without a column beside another run: each of its columns is a source
    const all = JSON.parse((await cli(['judge-pairwise', one, runId, '--rubric', join(ROOT, 'rubrics/pairwise.yaml'), '--judge', 'mock', '--db', db, '--json'], { cwd: dir })).stdout);
    expect(all.sources.map((x: { runId: string; column?: number }) => [x.runId, x.column])).toEqual([[one, undefined], [runId, 1], [runId, 2], [runId, 3], [runId, 4]]);
    expect(all.pairs).toBe(10 * 8);
    const alone = await cli(['judge-pairwise', one, '--judge', 'mock', '--db', db], { cwd: dir });
    expect([alone.code, alone.stderr.trim()]).toEqual([2, `error: run ${one} has one column: judge-pairwise needs two runs or matrix columns (juror judge-pairwise RUN_A RUN_B, or RUN:1 RUN:2)`]);
    const column = await cli(['judge-pairwise', `${one}:1`, `${runId}:1`, '--judge', 'mock', '--db', db], { cwd: dir });
    expect(column.stderr.trim()).toBe(`error: run "${one}" has one column; name it as ${one}`);
    const bad = await cli(['judge-pairwise', `${runId}:5`, `${runId}:1`, '--judge', 'mock', '--db', db], { cwd: dir });
    expect(bad.stderr.trim()).toBe(`error: run "${runId}": no column "5" (1 = mock × a.hbs; 2 = mock:noisy-50 × a.hbs; 3 = mock × b.hbs; 4 = mock:noisy-50 × b.hbs)`);
  });

  it('bad input is one line and exit 2', async () => {
    const dir = tmp();
    const [a, b] = await twoRuns(dir);
    const one = await cli(['judge-pairwise', a, '--judge', 'mock'], { cwd: dir });
    expect([one.code, one.stderr.trim()]).toEqual([2, `error: run ${a} has one column: judge-pairwise needs two runs or matrix columns (juror judge-pairwise RUN_A RUN_B, or RUN:1 RUN:2)`]);
    const pointwise = await cli(['judge-pairwise', a, b, '--rubric', join(ROOT, 'rubrics/faithfulness.yaml')], { cwd: dir });
    expect(pointwise.code).toBe(2);
    expect(pointwise.stderr.trim().split('\n')).toHaveLength(1);
    expect(pointwise.stderr).toContain('rubric "faithfulness" has no criterion with mode: pairwise');
    const noRubric = await cli(['judge-pairwise', a, b], { cwd: dir });
    expect(noRubric.stderr.trim()).toBe(`error: run ${a} has no pairwise rubric: pass --rubric FILE (e.g. rubrics/pairwise.yaml)`);
    const twice = await cli(['judge-pairwise', a, a], { cwd: dir });
    expect(twice.stderr.trim()).toBe(`error: run ${a} is given twice: compare two different runs or columns`);
  });
});
