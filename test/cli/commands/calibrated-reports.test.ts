/**
 * `--calibrated-with REVIEW` on `juror report` (JSON and HTML) and `juror compare` (each run the
 * review covers; refused when it covers neither), and judge vs human in the HTML run report.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createReviewFromRun } from '../../../src/review/create-review.js';
import { openSqliteStore } from '../../../src/storage/sqlite-store.js';
import { cli, tempDir } from '../support.js';
import { QUALITY_RUBRIC, storeQualityRun } from './quality-run.js';

const tmp = tempDir('juror-cli-calibrated-reports-');
const RUBRIC = QUALITY_RUBRIC;
const t = '2026-01-01T00:00:00.000Z';
let reviewId = '';

beforeAll(() => {
  const store = openSqliteStore(join(tmp.dir, 'juror.db'));
  const run = (id: string, at: string, level: (i: number) => number) => storeQualityRun(store, id, level, at, { rubrics: [{ path: 'q.yaml', rubric: RUBRIC }] });
  run('base', '2026-01-01T00:00:00.000Z', (i) => 5 - (i % 2));
  const outputs = run('run', '2026-01-01T01:00:00.000Z', (i) => 5 - (i % 3));
  run('other', '2026-01-01T02:00:00.000Z', (i) => 5 - (i % 4));
  for (const id of ['ann', 'bob']) store.createAnnotator({ id, name: id, role: 'annotator', tokenHash: `h${id}`, createdAt: t });
  reviewId = createReviewFromRun(store, { runId: 'run', rubric: RUBRIC, overlap: 2, sample: 10, seed: 3, annotators: ['ann', 'bob'], now: new Date(t) }).review.id;
  store.addAnnotations(store.getReviewItems(reviewId).flatMap((it, k) => [
    { reviewId, itemId: it.id, annotatorId: 'ann', criterion: 'quality', label: String(k % 2 === 0 ? 3 : 5), value: null },
    { reviewId, itemId: it.id, annotatorId: 'bob', criterion: 'quality', label: String(k % 3 === 0 ? 3 : 5), value: null },
  ]));
  store.createReview({
    id: 'picked', name: 'p', runId: 'run', rubric: RUBRIC, overlap: 1, blind: true, showExpected: false, createdAt: t,
    outputIds: outputs.slice(0, 5).map((o) => o.id), assignments: outputs.slice(0, 5).map(() => ['ann']),
  });
  store.close();
});
afterAll(() => tmp.cleanup());

describe('juror report --calibrated-with', () => {
  it('puts the corrected estimates in --json, the same block as show', async () => {
    const shown = JSON.parse((await cli(['show', 'run', '--db', 'juror.db', '--calibrated-with', reviewId, '--json'], { cwd: tmp.dir })).stdout);
    const r = await cli(['report', 'run', '--db', 'juror.db', '--calibrated-with', reviewId, '--json'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).calibrated).toEqual(shown.calibrated);
    expect(shown.calibrated.pass_rate.judge.value).toBeCloseTo(20 / 30, 12);
  });

  it('the HTML run report shows judge vs human (the calibrate figures) and the corrected estimates', async () => {
    const cal = JSON.parse((await cli(['calibrate', '--review', reviewId, '--db', 'juror.db', '--json'], { cwd: tmp.dir })).stdout);
    const judge = cal.criteria[0].judges[0];
    const shown = JSON.parse((await cli(['show', 'run', '--db', 'juror.db', '--calibrated-with', reviewId, '--json'], { cwd: tmp.dir })).stdout);
    // without the flag, the newest review over the run that has labels ("picked" has none)
    for (const args of [[], ['--calibrated-with', reviewId]]) {
      const r = await cli(['report', 'run', '--db', 'juror.db', '--html', 'r.html', ...args], { cwd: tmp.dir });
      expect(r.code).toBe(0);
      const html = readFileSync(join(tmp.dir, 'r.html'), 'utf8');
      expect(html).toContain(`<h2>Judge vs human (review <code>${reviewId}</code>)</h2>`);
      const row = /<tr data-criterion="quality">(.*?)<\/tr>/.exec(html)![1]!;
      const cells = [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
      expect(cells[0]).toBe('10');
      expect(cells[2]).toBe(`${judge.kappa.value.toFixed(2)} [${judge.kappa.ci95[0].toFixed(2)}, ${judge.kappa.ci95[1].toFixed(2)}]`);
      const [lo, hi] = cal.criteria[0].human_ceiling.range.kappa;
      expect(cells[3]).toBe(`${lo.toFixed(2)} to ${hi.toFixed(2)}`);
      const pr = shown.calibrated.pass_rate;
      expect(html).toContain(`<tr data-corrected="pass rate"><th>pass rate</th><td class="num">66.7% [${(100 * pr.judge.ci95[0]).toFixed(1)}%, ${(100 * pr.judge.ci95[1]).toFixed(1)}%]</td><td class="num">${(100 * pr.corrected.value).toFixed(1)}%`);
    }
  });

  it('refuses a review that is not a uniform sample of the run (exit 2, one line)', async () => {
    const r = await cli(['report', 'run', '--db', 'juror.db', '--calibrated-with', 'picked', '--json'], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: review picked covers 5 of the run's 30 outputs but does not record how they were chosen .*\n$/);
  });
});

describe('juror compare --calibrated-with', () => {
  it('shows the corrected estimates of the run the review covers (text, --json, --html)', async () => {
    const r = await cli(['compare', 'base', 'run', '--db', 'juror.db', '--calibrated-with', reviewId, '--html', 'c.html'], { cwd: tmp.dir });
    expect(r.stdout).toContain(`\ncandidate run: judge-corrected estimates from review ${reviewId}: 10 of 30 outputs`);
    expect(r.stdout).not.toContain('baseline base: judge-corrected');
    const j = JSON.parse((await cli(['compare', 'base', 'run', '--db', 'juror.db', '--calibrated-with', reviewId, '--json'], { cwd: tmp.dir })).stdout);
    expect(Object.keys(j.calibrated)).toEqual(['candidate']);
    expect(j.calibrated.candidate).toMatchObject({ run: 'run', review: reviewId });
    const html = readFileSync(join(tmp.dir, 'c.html'), 'utf8');
    expect(html).toContain('<div class="corrected" data-run="run">');
    expect(html).toContain('<h3>candidate run (review');
  });

  it('refuses a review over neither run, saying which run it is over', async () => {
    const r = await cli(['compare', 'base', 'other', '--db', 'juror.db', '--calibrated-with', reviewId], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: review ${reviewId} is over run run: it covers neither the baseline base nor the candidate other\n`);
  });
});
