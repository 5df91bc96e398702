import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCompareHtml } from '../../src/reporters/html-compare.js';
import { compareFixture } from '../reporters/compare-fixture.js';
import { inkPerCanvas, launchChromium, openReport, RESULTS } from './launch.js';

/**
 * The compare report opened from disk in a real Chromium: every chart painted by the inlined
 * Chart.js, no request but the file, no console error or CSP violation, the known figures of the
 * 60 -> 48 fixture on the page, and the flipped cases filterable. Screenshot: test-results/html-compare.png.
 */
describe('HTML compare report in Chromium', () => {
  let browser: Browser;
  let file: string;
  beforeAll(async () => {
    browser = await launchChromium();
    file = join(mkdtempSync(join(tmpdir(), 'juror-html-')), 'compare.html');
    writeFileSync(file, toCompareHtml(compareFixture()));
  });
  afterAll(async () => {
    await browser?.close();
  });

  const open = () => openReport(browser, file);

  it('draws the pass rates, the forest plots and the slices with no request and no error, with the known figures', { timeout: 60_000 }, async () => {
    const { page, problems, requests } = await open();
    expect(requests).toEqual([pathToFileURL(file).href]);
    const painted = await inkPerCanvas(page);
    // pass rates; forest on 0–1 (pass rate, contains); forest on 1–5 (rubric); pass rate by tag
    expect(painted).toHaveLength(4);
    for (const ink of painted) expect(ink).toBeGreaterThan(500);

    const text = async (sel: string) => (await page.locator(sel).textContent())?.trim();
    expect(await text('#verdict .v')).toBe('worse');
    expect(await text('#verdict .ci')).toBe('significantly worse on the pass rate, contains');
    expect(await text('#pass-baseline .v')).toBe('75.0%');
    expect(await text('#pass-baseline .ci')).toBe('[64.5%, 83.2%] · n = 80');
    expect(await text('#pass-candidate .ci')).toBe('[49.0%, 70.0%] · n = 80');
    expect(await text('#pass-diff .v')).toBe('−15.0 pts');
    expect(await text('#pass-diff .ci')).toBe('[−26.3, −5.0]');
    expect(await text('#mcnemar .v')).toBe('0.0118');
    const row = (criterion: string) => page.locator(`#criteria tr[data-criterion="${criterion}"] td`).allTextContents();
    expect(await row('contains')).toEqual(['0.75 [0.65, 0.83] n=80', '0.60 [0.49, 0.70] n=80', '−0.15 [−0.26, −0.05]', '4 / 60 / 16', '0.0078', '0.016', 'worse']);
    // 5 · 0.75 + 2 · 0.25 = 4.25 on 1–5
    const rubric = await row('rubric.faithfulness');
    expect(rubric[0]).toMatch(/^4\.25 \[\d\.\d\d, \d\.\d\d\] n=80$/);
    expect(rubric[2]).toBe('−0.45 [−0.79, −0.15]');
    expect(rubric.slice(3)).toEqual(['4 / 60 / 16', '0.0078', '0.016', 'worse']);
    const slice = (v: string) => page.locator(`#slices tr[data-slice="${v}"] td`).allTextContents();
    expect((await slice('hard'))[0]).toBe('40');
    expect((await slice('hard'))[4]).toBe('8 / 2');
    expect((await slice('easy'))[4]).toBe('8 / 2');
    expect(await text('#case-list h2')).toBe('Flipped cases: 16 regressions, 4 fixes, 0 other');
    await page.screenshot({ path: join(RESULTS, 'html-compare.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lists regressions first, filters by change, tag and text, shows both sides, and escapes model output', { timeout: 60_000 }, async () => {
    const { page, problems } = await open();
    const names = () => page.locator('#cases tr.case td:first-child').allTextContents();
    expect(await names()).toEqual([...Array.from({ length: 16 }, (_, i) => `c${i + 1}`), 'c17', 'c18', 'c19', 'c20']);
    expect(await page.locator('#cases tr.case').first().locator('td').nth(1).textContent()).toBe('passed → failed');
    await page.selectOption('#status', 'fix');
    expect(await names()).toEqual(['c17', 'c18', 'c19', 'c20']);
    await page.selectOption('#status', 'regression');
    await page.selectOption('#tag', 'hard');
    expect(await names()).toEqual(['c1', 'c3', 'c5', 'c7', 'c9', 'c11', 'c13', 'c15']);
    await page.selectOption('#tag', '');
    await page.selectOption('#status', 'all');
    await page.fill('#q', 'baseline 9)');
    expect(await names()).toEqual(['c9']);
    await page.fill('#q', '');
    // c3's candidate output is hostile markup: shown as text, no element made from it
    await page.locator('#cases tr.case[data-case="c3"]').click();
    const detail = page.locator('#cases tr.detail');
    expect(await detail.locator('h4').allTextContents()).toEqual(['input', 'expected', 'prompt', 'baseline output (passed)', 'baseline scores', 'candidate output', 'candidate scores']);
    expect(await detail.locator('pre').nth(3).textContent()).toBe('the answer is yes (baseline 3)');
    expect(await detail.textContent()).toContain('<script>alert(1)</script>');
    expect(await page.locator('#cases script, #cases pre *').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
