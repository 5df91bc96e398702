import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, ragCases, useCleanups, writeSuite } from './support.js';

const { tmp } = useCleanups();

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

  it('bad input is one line and exit 2', async () => {
    const dir = tmp();
    const [a, b] = await twoRuns(dir);
    const one = await cli(['judge-pairwise', a, '--judge', 'mock'], { cwd: dir });
    expect([one.code, one.stderr.trim()]).toEqual([2, 'error: judge-pairwise needs at least two runs: juror judge-pairwise RUN_A RUN_B']);
    const pointwise = await cli(['judge-pairwise', a, b, '--rubric', join(ROOT, 'rubrics/faithfulness.yaml')], { cwd: dir });
    expect(pointwise.code).toBe(2);
    expect(pointwise.stderr.trim().split('\n')).toHaveLength(1);
    expect(pointwise.stderr).toContain('rubric "faithfulness" has no criterion with mode: pairwise');
    const noRubric = await cli(['judge-pairwise', a, b], { cwd: dir });
    expect(noRubric.stderr.trim()).toBe(`error: run ${a} has no pairwise rubric: pass --rubric FILE (e.g. rubrics/pairwise.yaml)`);
    const twice = await cli(['judge-pairwise', a, a], { cwd: dir });
    expect(twice.stderr.trim()).toBe(`error: run ${a} is given twice: compare two different runs`);
  });
});
