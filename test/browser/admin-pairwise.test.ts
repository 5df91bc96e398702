import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLabelText } from '../../src/loader/labels.js';
import { shownOrder } from '../../src/review/pair-order.js';
import { makeFixture, seedMatrixRun, type Fixture } from '../server/fixture.js';
import { launchChromium, RESULTS, signInByLink } from './launch.js';

/**
 * The admin page's form makes a pairwise queue in real Chromium: two columns of a matrix run
 * picked from the run lists, the pairwise rubric from --rubrics DIR; the annotator then gets the
 * A | tie | B page, and the full-history export says which side each answer was shown on.
 */
describe('admin form: pairwise queue over matrix columns, in Chromium', () => {
  let f: Fixture;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    f = await makeFixture({ cases: 4, overlap: 1, annotators: ['ann'], config: { rubricsDir: resolve(import.meta.dirname, '../../rubrics') } });
    seedMatrixRun(f.store, 'mx', 4);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await f?.close();
  });

  async function newPage(): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`);
    });
    return page;
  }

  it('creates the queue from the form; the annotator sees A | tie | B; the export carries shown', async () => {
    const admin = await newPage();
    await signInByLink(admin, f.url, f.tokens.lead!, 'lead');
    await admin.goto(`${f.url}/admin`);
    await admin.locator('#pair-with option', { hasText: 'mx:3 · column 3: openai:gpt-4o-mini × b.hbs' }).waitFor({ state: 'attached' });
    const pick = async (select: string, text: string) => {
      const value = await admin.locator(`${select} option`, { hasText: text }).getAttribute('value');
      await admin.locator(select).selectOption(value!);
    };
    await pick('#run', 'mx:1 · column 1: openai:gpt-4o-mini × a.hbs');
    expect(await admin.locator('#pair-hint').isHidden()).toBe(true);
    await pick('#pair-with', 'mx:3 · column 3: openai:gpt-4o-mini × b.hbs');
    expect(await admin.locator('#pair-hint').isVisible()).toBe(true);
    expect(await admin.locator('#blind').isDisabled()).toBe(true);
    await admin.locator('#rubric-file').selectOption('pairwise.yaml');
    expect(await admin.locator('#rubric-yaml').inputValue()).toContain('mode: pairwise');
    await admin.locator('#overlap').fill('1');
    await admin.locator('#seed').fill('4');
    await admin.locator('#name').fill('Which prompt?');
    await admin.screenshot({ path: join(RESULTS, 'admin-pairwise-form.png'), fullPage: true });
    await admin.locator('#create-form button[type=submit]').click();
    await expect.poll(() => admin.locator('#create-status').textContent()).toBe('Created pairwise queue "Which prompt?" with 4 pairs for ann (seed 4).');

    // the queue list names both sides
    await expect.poll(() => admin.locator('#reviews tr', { hasText: 'Which prompt?' }).locator('td').nth(1).textContent()).toBe('mx:1 vs mx:3');
    const review = f.store.listReviews().find((r) => r.name === 'Which prompt?')!;
    expect(review).toMatchObject({ kind: 'pairwise', blind: true, pair: { a: { runId: 'mx', column: 1 }, b: { runId: 'mx', column: 3 } } });
    const items = f.store.getReviewItems(review.id);
    const col = new Map(f.store.getOutputs('mx').map((o) => [o.id, o.col]));
    expect(items.map((i) => [col.get(i.outputId), col.get(i.outputBId!)])).toEqual(Array(4).fill([0, 2]));

    // the annotator's page: both outputs side by side, in their own order, and the A | tie | B buttons
    const page = await newPage();
    await signInByLink(page, f.url, f.tokens.ann!, 'ann');
    await page.goto(`${f.url}/reviews/${review.id}`);
    await page.waitForFunction(() => document.getElementById('position')?.textContent?.startsWith('Item 1 of 4'));
    const first = items[0]!;
    const order = shownOrder(review, f.ids.ann!, first.id);
    const [left, right] = order === 'AB' ? ['Column 1 on', 'Column 3 on'] : ['Column 3 on', 'Column 1 on'];
    await expect.poll(() => page.locator('#left').textContent()).toContain(left);
    expect(await page.locator('#right').textContent()).toContain(right);
    expect(await page.locator('#pair-section').isVisible()).toBe(true);
    expect(await page.locator('#criteria .level-value').allTextContents()).toEqual(['A', 'tie', 'B']);
    expect(await page.locator('#criteria .level kbd').allTextContents()).toEqual(['1', '2', '3']);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const secret of ['mx', 'gpt-4o', 'anthropic', 'a.hbs', 'b.hbs']) expect(text).not.toContain(secret);
    await page.screenshot({ path: join(RESULTS, 'admin-pairwise-annotate.png'), fullPage: false });
    await page.keyboard.press('1'); // the left output
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('position')?.textContent?.startsWith('Item 2 of 4'));

    // the stored label names the output that was on the left; the history export says which that was
    const saved = f.store.getAnnotationHistory(review.id);
    expect(saved.map((a) => [a.itemId, a.label, a.shown])).toEqual([[first.id, order === 'AB' ? 'A' : 'B', order]]);
    const csv = await (await admin.context().request.get(`${f.url}/admin/reviews/${review.id}/export.csv?history=1`)).text();
    expect(csv.split('\r\n')[0]!.endsWith(',skipped,shown')).toBe(true);
    const rows = parseLabelText(csv, 'history.csv').rows;
    expect(rows.map((r) => [r.item, r.label])).toEqual([[String(first.id), order === 'AB' ? 'A' : 'B']]);
    expect(csv.split('\r\n')[1]!.split(',').at(-1)).toBe(order);
    const jsonl = await (await admin.context().request.get(`${f.url}/admin/reviews/${review.id}/export.jsonl?history=1`)).text();
    expect(JSON.parse(jsonl.trim())).toMatchObject({ item: first.id, shown: order, current: true });
    expect(problems).toEqual([]);
  });
});
