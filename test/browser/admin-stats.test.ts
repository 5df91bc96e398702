import { join } from 'node:path';
import { launchChromium, RESULTS, signInByLink } from './launch.js';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { key, login, type Fixture } from '../server/fixture.js';
import { makeStatsFixture } from '../server/stats-fixture.js';

/**
 * The admin page's agreement and calibration section in a real Chromium: a review with known
 * labels and judge scores (test/server/stats-fixture.ts); the heat-map counts, the kappa shown,
 * the kappa chart, no CSP violation or script error. Screenshot: test-results/admin-stats.png.
 */

describe('admin statistics in Chromium', () => {
  let f: Fixture;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    f = await makeStatsFixture();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await f?.close();
  });

  async function adminPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    await signInByLink(page, f.url, f.tokens.lead!, 'lead');
    return page;
  }

  /** Heat-map counts of one judge and criterion as { "judge label": [count per human consensus level] }. */
  async function heat(page: Page, criterion: string, judge: string): Promise<Record<string, number[]>> {
    const cells = page.locator(`.criterion-stats[data-criterion="${criterion}"] figure.heat[data-judge="${judge}"] td.cell`);
    const rows: Record<string, number[]> = {};
    for (const c of await cells.all()) {
      const j = (await c.getAttribute('data-judge'))!;
      (rows[j] ??= []).push(Number(await c.textContent()));
    }
    return rows;
  }

  it('shows agreement, calibration, the confusion heat map and the kappa chart per criterion', { timeout: 60_000 }, async () => {
    const page = await adminPage();
    await page.goto(`${f.url}/admin#${f.reviewId}`);
    await page.locator('.criterion-stats[data-criterion="faithfulness"]').waitFor({ timeout: 15_000 }).catch(async (err: Error) => {
      throw new Error(`${err.message}\nproblems: ${problems.join('; ')}\n#stats: ${await page.locator('#stats').textContent().catch(() => 'missing')}`);
    });
    const faith = page.locator('.criterion-stats[data-criterion="faithfulness"]');

    // Cohen's kappa of ann vs bob, quadratic on the ordinal scale = 16/21 = 0.762, "substantial"; helpful 1/3 = 0.333, "fair"
    const kappaRow = faith.locator('table.agreement tr', { hasText: "Cohen's kappa" }).locator('td');
    expect(await kappaRow.nth(0).textContent()).toBe('0.762');
    expect(await kappaRow.nth(3).textContent()).toBe('substantial');
    expect(await kappaRow.nth(2).textContent()).toMatch(/^-?\d\.\d{3} – \d\.\d{3}$/);
    const helpfulKappa = page.locator('.criterion-stats[data-criterion="helpful"] table.agreement tr', { hasText: "Cohen's kappa" }).locator('td');
    expect(await helpfulKappa.nth(0).textContent()).toBe('0.333');
    expect(await helpfulKappa.nth(3).textContent()).toBe('fair');

    // heat maps: judge rows x human-consensus columns (consensus 5,4,3,2,1,2)
    expect(await heat(page, 'faithfulness', 'run1')).toEqual({
      '1': [0, 0, 0, 0, 0], '2': [0, 0, 0, 0, 0], '3': [0, 0, 0, 0, 0], '4': [1, 2, 1, 1, 1], '5': [0, 0, 0, 0, 0],
    });
    expect(await heat(page, 'faithfulness', 'judge2')).toEqual({
      '1': [0, 0, 0, 0, 0], '2': [1, 1, 0, 0, 0], '3': [0, 0, 1, 0, 0], '4': [0, 1, 0, 1, 0], '5': [0, 0, 0, 0, 1],
    });
    // helpful consensus (ties go to "yes", listed first): yes, yes, no, no, yes, yes; run1 always yes
    expect(await heat(page, 'helpful', 'run1')).toEqual({ yes: [4, 2], no: [0, 0] });
    // the busiest cell is darkest, empty cells are bucket 0
    const run1Cells = faith.locator('figure.heat[data-judge="run1"] td.cell');
    expect(await run1Cells.nth(16).getAttribute('class')).toContain('heat-5');
    expect(await run1Cells.nth(15).getAttribute('class')).toContain('heat-3');
    expect(await run1Cells.nth(0).getAttribute('class')).toContain('heat-0');

    // calibration table: judge2 ranks first; run1's kappa is 0 (a constant judge agrees by chance only)
    const judges = faith.locator('table.calibration tbody tr');
    expect(await judges.count()).toBe(2);
    expect(await faith.locator('table.calibration tr[data-judge="run1"] td').nth(0).textContent()).toBe('2');
    expect(await faith.locator('table.calibration tr[data-judge="run1"] td').nth(3).textContent()).toMatch(/^0\.00/);
    expect(await faith.locator('table.calibration tr[data-judge="judge2"] td').nth(0).textContent()).toBe('1');
    expect(await faith.locator('table.calibration tr[data-judge="judge2"] .verdict').textContent()).toMatch(/human range$/);
    expect(await faith.locator('table.ceiling tbody tr').count()).toBe(3); // ann, bob, range

    // kappa chart: one row per judge and per human, the human band, labels as text
    const chart = faith.locator('svg.chart');
    expect(await chart.locator('g.row.judge').count()).toBe(2);
    expect(await chart.locator('g.row.human').count()).toBe(2);
    expect(await chart.locator('rect.human-band').count()).toBe(1);
    expect(await chart.locator('g.row.judge text.row-label').allTextContents()).toEqual(['judge run1', 'judge judge2']);
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(400); // readable on a laptop

    await page.screenshot({ path: join(RESULTS, 'admin-stats.png'), fullPage: true });
    await faith.screenshot({ path: join(RESULTS, 'admin-stats-faithfulness.png') });
    expect(problems).toEqual([]);
  });

  it('says when labels changed since the calibration, and recomputes on request', async () => {
    const page = await adminPage();
    // bob changes the last item from 2 to 4: its consensus becomes 4, where judge2 said 4
    const last = f.store.getReviewItems(f.reviewId).sort((a, b) => b.position - a.position)[0]!;
    const bob = await login(f.url, f.tokens.bob!);
    expect((await bob.post(`/api/reviews/${f.reviewId}/items/${last.id}/annotations`, { clientKey: key(), labels: { faithfulness: 4, helpful: 'no' } })).status).toBe(200);

    await page.goto(`${f.url}/admin#${f.reviewId}`);
    await page.locator('.criterion-stats[data-criterion="faithfulness"]').waitFor();
    expect(await page.locator('#stats-status').textContent()).toContain('labels have changed since');
    expect((await heat(page, 'faithfulness', 'judge2'))['4']).toEqual([0, 1, 0, 1, 0]);
    // agreement is cheap and always current: 5 of 6 items agree now
    const pa = page.locator('.criterion-stats[data-criterion="faithfulness"] table.agreement tr', { hasText: 'percent agreement' }).locator('td').first();
    expect(await pa.textContent()).toBe('0.833');

    await page.locator('#stats-refresh').click();
    await expect.poll(() => page.locator('#stats-status').textContent()).not.toContain('labels have changed');
    await page.locator('.criterion-stats[data-criterion="faithfulness"]').waitFor();
    expect((await heat(page, 'faithfulness', 'judge2'))['4']).toEqual([0, 0, 0, 2, 0]);
    expect(problems).toEqual([]);
  });
});
