import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReviewFromRun } from '../../src/review/create-review.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { cli } from '../cli/support.js';
import { QUALITY_RUBRIC, storeQualityRun } from '../cli/commands/quality-run.js';
import { inkPerCanvas, launchChromium, openReport, RESULTS } from './launch.js';

/**
 * `juror report RUN --html` for a run with a labelled review, in Chromium: the judge-vs-human
 * chart painted, no request or console error, and the calibrate figures in its table.
 * Screenshot: test-results/html-judge-human.png.
 */
describe('HTML run report: judge vs human, in Chromium', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'juror-html-jh-'));
  let reviewId = '';
  beforeAll(async () => {
    browser = await launchChromium();
    const store = openSqliteStore(join(dir, 'juror.db'));
    storeQualityRun(store, 'run', (i) => 5 - (i % 3), undefined, { rubrics: [{ path: 'q.yaml', rubric: QUALITY_RUBRIC }] });
    for (const id of ['ann', 'bob']) store.createAnnotator({ id, name: id, role: 'annotator', tokenHash: `h${id}`, createdAt: '2026-01-01T00:00:00.000Z' });
    reviewId = createReviewFromRun(store, { runId: 'run', rubric: QUALITY_RUBRIC, overlap: 2, sample: 12, seed: 5, annotators: ['ann', 'bob'], now: new Date('2026-01-01T00:00:00.000Z') }).review.id;
    store.addAnnotations(store.getReviewItems(reviewId).flatMap((it, k) => [
      { reviewId, itemId: it.id, annotatorId: 'ann', criterion: 'quality', label: String(k % 4 === 0 ? 3 : 5), value: null },
      { reviewId, itemId: it.id, annotatorId: 'bob', criterion: 'quality', label: String(k % 3 === 0 ? 3 : 5), value: null },
    ]));
    store.close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws the kappa chart beside the humans, with no request and no error', { timeout: 60_000 }, async () => {
    const r = await cli(['report', 'run', '--db', 'juror.db', '--html', 'r.html'], { cwd: dir });
    expect(r.code).toBe(0);
    const cal = JSON.parse((await cli(['calibrate', '--review', reviewId, '--db', 'juror.db', '--json'], { cwd: dir })).stdout);
    const judge = cal.criteria[0].judges[0];
    const file = join(dir, 'r.html');
    const { page, problems, requests } = await openReport(browser, file);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(await page.locator('#judge-human canvas').count()).toBe(1);
    const ink = await inkPerCanvas(page);
    for (const n of ink) expect(n).toBeGreaterThan(500);
    const cells = await page.locator('#judge-human tr[data-criterion="quality"] td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['12', '12', `${judge.kappa.value.toFixed(2)} [${judge.kappa.ci95[0].toFixed(2)}, ${judge.kappa.ci95[1].toFixed(2)}]`]);
    expect(await page.locator('#judge-human tr[data-corrected="pass rate"] td').first().textContent()).toMatch(/^66\.7% \[/);
    await page.locator('#judge-human').screenshot({ path: join(RESULTS, 'html-judge-human.png') });
    expect(problems).toEqual([]);
    await page.close();
  });
});
