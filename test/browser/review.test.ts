import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, RESULTS, signInByLink } from './launch.js';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLabelText } from '../../src/loader/labels.js';
import { makeFixture, type Fixture } from '../server/fixture.js';

/**
 * The review UI in a real Chromium (Debian's /usr/bin/chromium via playwright-core): an
 * annotator works through the queue with the keyboard only, edits one answer, flags one; the
 * hostile model output stays text; an admin sees progress and downloads the CSV export.
 * No Chromium means FAIL with instructions, never a skip.
 */

describe('review UI in Chromium', () => {
  let f: Fixture;
  let browser: Browser;
  const dialogs: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    f = await makeFixture({ cases: 4, overlap: 2, annotators: ['ann', 'bob'] });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await f?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 820 }, acceptDownloads: true });
    const page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().includes('/annotations')) problems.push(`HTTP ${r.status()} ${r.url()}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
    });
    return page;
  }

  const position = (page: Page) => page.locator('#position').textContent();
  async function waitForItem(page: Page, n: number) {
    await page.waitForFunction((want) => document.getElementById('position')?.textContent?.startsWith(`Item ${want} of`), n);
    await page.waitForFunction(() => document.getElementById('status')?.textContent !== 'Loading…');
  }

  it('an annotator scores with the keyboard, edits one, flags one; hostile output stays text', async () => {
    const page = await newPage();
    await signInByLink(page, f.url, f.tokens.ann!, 'ann');
    await page.screenshot({ path: join(RESULTS, 'home.png'), fullPage: false });
    await page.locator('.review-link').first().waitFor();
    await page.goto(`${f.url}/reviews/${f.reviewId}`);
    await waitForItem(page, 1);

    // item 1 carries <script> and <img onerror>: shown literally, nothing executed or created
    const output = page.locator('#output');
    await expect.poll(() => output.textContent()).toContain('<script>alert("xss")</script><img src=x onerror="alert(1)">');
    expect(await page.locator('#output img, #output script').count()).toBe(0);
    expect(await page.locator('#output pre.code').textContent()).toBe('const x = 1 < 2;');
    expect(await page.locator('#context li').count()).toBe(2);
    expect(await page.locator('#expected').textContent()).toBe('Answer 1');

    // item 1: 4 / yes, Enter
    await page.keyboard.press('4');
    await page.keyboard.press('y');
    expect(await page.locator('#c0-v3').isChecked()).toBe(true);
    expect(await page.locator('#c1-v0').isChecked()).toBe(true);
    await page.screenshot({ path: join(RESULTS, 'annotate.png'), fullPage: false });
    await page.keyboard.press('Enter');
    await waitForItem(page, 2);
    // item 2: 2 / no
    await page.keyboard.press('2');
    await page.keyboard.press('n');
    await page.keyboard.press('Enter');
    await waitForItem(page, 3);
    // item 3: flag as broken, with a comment typed after C
    await page.keyboard.press('c');
    await page.keyboard.type('truncated output');
    await page.keyboard.press('Escape');
    await page.keyboard.press('f');
    await waitForItem(page, 4);
    // item 4: Enter without a choice is refused with a message, then 5 / yes
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#status').textContent()).toContain('Choose a level');
    await page.keyboard.press('5');
    await page.keyboard.press('y');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#status').textContent()).toContain('Every item in your queue has an answer');
    expect(await page.locator('#progress-text').textContent()).toBe('3 done · 0 skipped · 1 flagged · 0 to go');

    // back to item 1 with the arrow keys, change 4 -> 3
    for (let i = 3; i >= 1; i--) {
      await page.keyboard.press('ArrowLeft');
      await waitForItem(page, i);
    }
    expect(await position(page)).toMatch(/^Item 1 of 4/);
    expect(await page.locator('#c0-v3').isChecked()).toBe(true); // my earlier answer is shown
    await page.keyboard.press('3');
    await page.keyboard.press('Enter');
    await waitForItem(page, 2);

    // the database has the superseded chain, the flag and the comment
    const history = f.store.getAnnotationHistory(f.reviewId).filter((a) => a.annotatorId === f.ids.ann);
    const items = f.store.getAssignments(f.reviewId, f.ids.ann!);
    const firstItem = items[0]!.itemId;
    const chain = history.filter((a) => a.itemId === firstItem && a.criterion === 'faithfulness');
    expect(chain.map((a) => a.label)).toEqual(['4', '3']);
    expect(chain[1]!.supersedes).toBe(chain[0]!.id);
    expect(items.map((v) => v.status)).toEqual(['done', 'done', 'flagged', 'done']);
    const flag = history.find((a) => a.itemId === items[2]!.itemId)!;
    expect([flag.flagged, flag.comment, flag.label]).toEqual([true, 'truncated output', null]);

    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('an admin sees progress and downloads the CSV export', async () => {
    const page = await newPage();
    await signInByLink(page, f.url, f.tokens.lead!, 'lead');
    await page.goto(`${f.url}/admin`);
    await page.locator('.review-link').first().click();
    await page.locator('#detail:not([hidden])').waitFor();
    await expect.poll(() => page.locator('#progress').textContent()).toContain('ann');
    const annRow = await page.locator('#progress tr', { hasText: 'ann' }).locator('td').allTextContents();
    expect(annRow.slice(0, 5)).toEqual(['ann', '4', '3', '0', '1']);
    expect(await page.locator('#flagged').textContent()).toContain('truncated output');
    await page.screenshot({ path: join(RESULTS, 'admin.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
    expect(download.suggestedFilename()).toBe(`${f.reviewId}.csv`);
    const text = readFileSync((await download.path())!, 'utf8');
    const rows = parseLabelText(text, 'export.csv').rows;
    const items = f.store.getAssignments(f.reviewId, f.ids.ann!).map((v) => String(v.itemId));
    expect(rows.map((r) => `${items.indexOf(r.item) + 1}:${r.rater}:${r.criterion}=${r.label}`).sort()).toEqual([
      '1:ann:faithfulness=3', '1:ann:helpful=yes', '2:ann:faithfulness=2', '2:ann:helpful=no', '4:ann:faithfulness=5', '4:ann:helpful=yes',
    ]);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });
});
