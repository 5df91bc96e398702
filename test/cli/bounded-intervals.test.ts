import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, useCleanups } from './support.js';

const { tmp } = useCleanups();

/**
 * One run, four paths to its interval (the incremental summary of `run`, `show`/`report --json`,
 * `compare`, the HTML report): all give the same bounded interval. rag-faq on the mock scores
 * rubric.faithfulness 5 on eleven cases and 3 on one (1–5 scale), hallucination 0 on eleven and
 * 0.5 on one ([0, 1]). References, statsmodels 0.13.5 fractional logit
 * (GLM Binomial on (y − lo)/(hi − lo), cluster-robust by case, use_t=True), mapped back:
 * hallucination [0.004354530758199499, 0.301784617783424];
 * rubric.faithfulness 5 − 4 · that, reversed: [3.792861528866304, 4.982581876967202].
 * The t interval these replace ran to 5.20 and −0.05.
 */
describe('bounded mean intervals agree on every path', () => {
  it('run summary, show --json, report --json, compare --json and the HTML report', async () => {
    const dir = tmp();
    const db = join(dir, 'j.db');
    const run = await cli(['run', 'suites/rag-faq.yaml', '--db', db, '--json'], { cwd: ROOT });
    const doc = JSON.parse(run.stdout);
    const bounds: Record<string, [number, number]> = doc.bounds;
    const fromSummary = doc.summary.ciByCriterion as Record<string, { ci95: [number, number] }>;
    const shown = JSON.parse((await cli(['show', 'latest', '--db', db, '--json'], { cwd: ROOT })).stdout);
    const reported = JSON.parse((await cli(['report', 'latest', '--db', db, '--json'], { cwd: ROOT })).stdout);
    const compared = JSON.parse((await cli(['compare', 'latest', 'latest', '--db', db, '--json'], { cwd: ROOT })).stdout);
    await cli(['report', 'latest', '--db', db, '--html', join(dir, 'r.html')], { cwd: dir });
    const html = readFileSync(join(dir, 'r.html'), 'utf8');

    const expected = {
      hallucination: [0.004354530758199499, 0.301784617783424],
      'rubric.faithfulness': [3.792861528866304, 4.982581876967202],
    };
    for (const [criterion, [lo, hi]] of Object.entries(expected)) {
      const paths: Array<[string, [number, number]]> = [
        ['run summary', fromSummary[criterion]!.ci95],
        ['show summary', shown.summary.ciByCriterion[criterion].ci95],
        ['show figures', shown.figures.means.find((m: { criterion: string }) => m.criterion === criterion).ci95],
        ['report figures', reported.figures.means.find((m: { criterion: string }) => m.criterion === criterion).ci95],
        ['compare baseline', compared.criteria.find((c: { criterion: string }) => c.criterion === criterion).baseline.ci95],
        ['compare candidate', compared.criteria.find((c: { criterion: string }) => c.criterion === criterion).candidate.ci95],
        ['html', htmlInterval(html, criterion)],
      ];
      for (const [path, ci] of paths) {
        // the stored summary keeps 4 decimals, the HTML table 3
        const digits = path === 'html' ? 3 : path.endsWith('summary') ? 4 : 10;
        expect([path, ci[0]]).toEqual([path, roundTo(lo, digits, ci[0])]);
        expect([path, ci[1]]).toEqual([path, roundTo(hi, digits, ci[1])]);
      }
    }
    // every criterion of the run, on every path, inside its range
    expect(Object.keys(bounds).sort()).toEqual(Object.keys(fromSummary).sort());
    for (const m of shown.figures.means as Array<{ criterion: string; ci95: [number, number] }>) {
      const [lo, hi] = bounds[m.criterion]!;
      expect(m.ci95[0]).toBeGreaterThanOrEqual(lo);
      expect(m.ci95[1]).toBeLessThanOrEqual(hi);
    }
    // the difference of a run with itself: 0 [0, 0]; a difference of two [0, 1] means lies in [−1, 1]
    for (const c of compared.criteria) expect(c.diff.ci95).toEqual([0, 0]);
  });
});

/** The "[lo, hi]" cell of a criterion's row in the HTML report's criteria table. */
function htmlInterval(html: string, criterion: string): [number, number] {
  const row = new RegExp(`<tr data-criterion="${criterion.replace('.', '\\.')}">.*?\\[([-\\d.]+), ([-\\d.]+)\\]`).exec(html);
  if (!row) throw new Error(`no row for ${criterion}`);
  return [Number(row[1]), Number(row[2])];
}

/** `x` when `got` is within half a unit of the `digits`-th decimal of it (what a rounded figure shows). */
function roundTo(x: number, digits: number, got: number): number {
  return Math.abs(got - x) <= 0.5 * 10 ** -digits + 1e-12 ? got : x;
}
