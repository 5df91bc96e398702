import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rubric } from '../../src/core/rubric.js';
import { createReviewFromRun } from '../../src/review/create-review.js';
import { shownOrder } from '../../src/review/pair-order.js';
import { addAnnotator } from '../../src/review/tokens.js';
import { startServer, type RunningServer } from '../../src/server/listen.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';
import { seedRun } from '../server/fixture.js';
import { launchChromium, RESULTS, signInByLink } from './launch.js';

const PAIRWISE: Rubric = {
  name: 'pairwise',
  criteria: [{
    name: 'better', mode: 'pairwise', question: 'Which answer is better?', scale: { type: 'nominal', choices: ['A', 'tie', 'B'] },
    anchors: { A: 'The left answer is better.', tie: 'Neither is better.', B: 'The right answer is better.' },
  }],
};

/**
 * A pairwise review in real Chromium: an annotator picks A / tie / B with the keys 1 / 2 / 3 on
 * outputs shown side by side in their own seeded left/right order; what is stored names the
 * underlying outputs (the flip undone) and records the order seen. Nothing on the page says
 * which run an output came from.
 */
describe('pairwise review in Chromium', () => {
  let dir: string;
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  let reviewId: string;
  let token: string;
  let annId: string;
  let annName: string;
  const problems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'juror-pairwise-ui-'));
    store = openSqliteStore(join(dir, 'juror.db'));
    seedRun(store, 'run1', 6);
    store.createRun({ id: 'run2', kind: 'run', suiteName: 'rag-faq', provider: 'openai:gpt-4o-mini', judge: 'mock', config: {}, startedAt: new Date().toISOString() });
    store.saveCases('run2', store.getCases('run1'));
    store.saveResults(store.getCases('run1').map((c) => ({
      output: { runId: 'run2', caseId: c.id, repeat: 0, prompt: 'p', output: `Second system on ${c.id}`, error: null, usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, costUsd: null, cached: false, attempts: 1 },
      scores: [{ scorer: 'rubric', criterion: 'faithfulness', value: 2, label: '2', judge: 'mock', reason: 'judge says 2' }],
    })));
    // The left/right order is seeded by review, annotator id (random) and item, so 1 time in 32 an
    // annotator would see all 6 items the same way round; take the first one who sees both orders,
    // so the test always sees flips undone.
    for (let k = 0; ; k++) {
      annName = k === 0 ? 'ann' : `ann${k}`;
      const ann = addAnnotator(store, annName, 'annotator');
      token = ann.token;
      annId = ann.annotator.id;
      reviewId = createReviewFromRun(store, { runId: 'run1', pairWith: 'run2', rubric: PAIRWISE, overlap: 1, seed: 7, annotators: [annName], showExpected: false }).review.id;
      const review = store.getReview(reviewId)!;
      const seen = new Set(store.getReviewItems(reviewId).map((i) => shownOrder(review, annId, i.id)));
      if (seen.size === 2 || k === 20) break;
    }
    server = await startServer({ store, config: { log: () => {} } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close(100);
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function waitForItem(page: Page, n: number) {
    await page.waitForFunction((want) => document.getElementById('position')?.textContent?.startsWith(`Item ${want} of`), n);
    await page.waitForFunction(() => document.getElementById('status')?.textContent !== 'Loading…');
  }

  it('labels with keys 1/2/3; the stored label names the outputs, not the screen sides', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 820 } })).newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    await signInByLink(page, server.url, token, annName);
    await page.goto(`${server.url}/reviews/${reviewId}`);
    await waitForItem(page, 1);

    const review = store.getReview(reviewId)!;
    expect(review).toMatchObject({ kind: 'pairwise', blind: true, pair: { a: { runId: 'run1' }, b: { runId: 'run2' } } });
    const items = store.getReviewItems(reviewId);
    const orders = items.map((i) => shownOrder(review, annId, i.id));
    // the seed gives this annotator both orders, so the test sees flips undone
    expect(new Set(orders)).toEqual(new Set(['AB', 'BA']));

    const keys = ['1', '3', '2', '1', '3', '1'];
    const screen = ['A', 'B', 'tie', 'A', 'B', 'A'];
    for (let n = 0; n < items.length; n++) {
      const item = items[n]!;
      const outA = store.getOutput(item.outputId)!.output!;
      const outB = store.getOutput(item.outputBId!)!.output!;
      const [left, right] = orders[n] === 'AB' ? [outA, outB] : [outB, outA];
      // (the first output is hostile markup with a code block: rendered as text, so compare its start)
      await expect.poll(() => page.locator('#left').textContent()).toContain(left.slice(0, 20));
      expect(await page.locator('#right').textContent()).toContain(right.slice(0, 20));
      expect(await page.locator('#single-section').isHidden()).toBe(true);
      await page.keyboard.press(keys[n]!);
      expect(await page.locator(`#c0-v${Number(keys[n]) - 1}`).isChecked()).toBe(true);
      if (n === 1) await page.screenshot({ path: join(RESULTS, 'pairwise-review.png'), fullPage: false });
      await page.keyboard.press('Enter');
      if (n < items.length - 1) await waitForItem(page, n + 2);
    }
    await expect.poll(() => page.locator('#status').textContent()).toContain('Every item in your queue has an answer');

    // blind: no run, model or judge anywhere on the page
    const text = (await page.locator('main').textContent()) ?? '';
    for (const secret of ['run1', 'run2', 'gpt-4o', 'openai', 'judge says', 'mock']) expect(text).not.toContain(secret);
    expect(await page.locator('#judge-section').isHidden()).toBe(true);

    const labels = store.getAnnotationHistory(reviewId);
    expect(labels).toHaveLength(items.length);
    labels.forEach((a, n) => {
      const flipped = orders[n] === 'BA';
      const want = screen[n] === 'tie' ? 'tie' : flipped ? (screen[n] === 'A' ? 'B' : 'A') : screen[n];
      expect([a.itemId, a.label, a.shown, a.value]).toEqual([items[n]!.id, want, orders[n], ['A', 'tie', 'B'].indexOf(want!)]);
    });

    // going back shows my answer on the side I picked it on
    await page.keyboard.press('ArrowLeft');
    await waitForItem(page, items.length - 1);
    expect(await page.locator('#c0-v2').isChecked()).toBe(true);
    expect(problems).toEqual([]);
  });
});
