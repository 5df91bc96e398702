import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHtml } from '../../src/reporters/html.js';
import { fortyCaseReport, repeatedReport } from '../reporters/fixture.js';
import { inkPerCanvas, launchChromium, openReport, RESULTS } from './launch.js';

/**
 * The run report opened from disk in a real Chromium: charts drawn by the inlined Chart.js, no
 * request other than the file itself, no console error or CSP violation, the known figures of
 * the fixture on the page, and the case filters working. Screenshot: test-results/html-run.png.
 */
describe('HTML run report in Chromium', () => {
  let browser: Browser;
  let file: string;
  let repeatedFile: string;
  beforeAll(async () => {
    browser = await launchChromium();
    const dir = mkdtempSync(join(tmpdir(), 'juror-html-'));
    file = join(dir, 'run.html');
    writeFileSync(file, toHtml(fortyCaseReport()));
    repeatedFile = join(dir, 'repeated.html');
    writeFileSync(repeatedFile, toHtml(repeatedReport()));
  });
  afterAll(async () => {
    await browser?.close();
  });

  const open = (path = file) => openReport(browser, path);

  it('draws every chart with no request and no error, and shows the known figures', { timeout: 60_000 }, async () => {
    const { page, problems, requests } = await open();
    expect(requests).toEqual([pathToFileURL(file).href]);
    // Chart.js ran and painted: 1 slice chart + 1 criterion histogram, each canvas with pixels
    expect(await page.evaluate(() => typeof (window as unknown as { Chart?: unknown }).Chart)).toBe('function');
    const painted = await inkPerCanvas(page);
    expect(painted).toHaveLength(2);
    for (const ink of painted) expect(ink).toBeGreaterThan(500);

    expect(await page.locator('#pass-rate .v').textContent()).toBe('62.5%');
    expect(await page.locator('#pass-rate .ci').textContent()).toBe('[47.0%, 75.8%] · 25 of 40 passed');
    const slice = async (name: string) => page.locator(`tr[data-slice="${name}"] td`).allTextContents();
    expect(await slice('all cases')).toEqual(['40', '25', '62.5%', '[47.0%, 75.8%]']);
    expect(await slice('easy')).toEqual(['24', '20', '83.3%', '[64.1%, 93.3%]']);
    expect(await slice('hard')).toEqual(['16', '5', '31.3%', '[14.2%, 55.6%]']);
    // faithfulness over the 38 scored cases (c39 errored, c40 unscored)
    const crit = await page.locator('tr[data-criterion="rubric.faithfulness"] td').allTextContents();
    expect(crit[0]).toBe('38');
    expect(crit[3]).toBe('1');
    await page.screenshot({ path: join(RESULTS, 'html-run.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters the cases by status, tag and text, and escapes model output', { timeout: 60_000 }, async () => {
    const { page, problems } = await open();
    const names = () => page.locator('#cases tr.case td:first-child').allTextContents();
    expect(await names()).toHaveLength(40);
    await page.selectOption('#status', 'failed');
    expect(await names()).toHaveLength(13);
    await page.selectOption('#tag', 'hard');
    expect(await names()).toEqual(['c30', 'c31', 'c32', 'c33', 'c34', 'c35', 'c36', 'c37', 'c38']);
    expect(await page.locator('#count').textContent()).toBe('showing 9 of 9 matching (40 in all)');
    await page.selectOption('#status', 'all');
    await page.selectOption('#tag', '');
    await page.fill('#q', 'ZEBRA');
    expect(await names()).toEqual(['c7']);
    await page.fill('#q', '<script>');
    expect(await names()).toEqual(['c12']);
    // the hostile output is text, not markup: no <b> or <script> element came from it
    await page.locator('#cases tr.case').first().click();
    const detail = page.locator('#cases tr.detail');
    expect(await detail.locator('pre', { hasText: 'alert(1)' }).count()).toBe(1);
    expect(await page.locator('#cases b:text("this")').count()).toBe(0);
    expect(await page.locator('body script').count()).toBe(3);
    await page.fill('#q', 'no such text anywhere');
    expect(await names()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('with repeats: reduced verdicts, pass@k and pass^k, and the unstable case filter', { timeout: 60_000 }, async () => {
    const { page, problems, requests } = await open(repeatedFile);
    expect(requests).toEqual([pathToFileURL(repeatedFile).href]);
    expect(await page.locator('#reduced-cases').textContent()).toBe('4');
    expect(await page.locator('#reduced-passed').textContent()).toBe('3'); // a, b (2 of 3), d
    expect(await page.locator('#unstable-count').textContent()).toBe('1');
    const k = async (n: number) => page.locator(`table.pass-at-k tr[data-k="${n}"] td`).allTextContents();
    expect(await k(1)).toEqual(['66.7%', '66.7%']);
    expect(await k(2)).toEqual(['75.0%', '58.3%']);
    expect(await k(3)).toEqual(['75.0%', '50.0%']);
    await page.selectOption('#status', 'unstable');
    expect(await page.locator('#cases tr.case td:first-child').allTextContents()).toEqual(['b', 'b #2', 'b #3']);
    await page.screenshot({ path: join(RESULTS, 'html-repeats.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
