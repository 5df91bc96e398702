import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from '../cli/support.js';
import { launchChromium, RESULTS } from './launch.js';

/**
 * The bundled rag-faq run's HTML report in a real Chromium: the failing case's details show a
 * table of claim verdicts per RAG score, with the contradicted claim and the chunk that says
 * otherwise, and no error or CSP violation. Screenshot: test-results/html-claims.png.
 */
describe('HTML report: claims behind RAG scores, in Chromium', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'juror-html-claims-'));
  const file = join(dir, 'report.html');
  beforeAll(async () => {
    const r = await cli(['run', 'suites/rag-faq.yaml', '--db', join(dir, 'j.db'), '--html', file], { cwd: ROOT });
    expect(r.code).toBe(1);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists each claim with its verdict, chunk and reason', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    await page.goto(pathToFileURL(file).href);
    await page.fill('#q', 'storage-free');
    await page.locator('#cases tr.case').first().click();
    const tables = page.locator('#cases tr.detail table.claims');
    // faithfulness, hallucination, answer-relevancy, context-precision, context-recall
    expect(await tables.count()).toBe(5);
    const rows = await tables.first().locator('tr').evaluateAll((trs) => trs.map((tr) => [tr.className, ...Array.from(tr.children).map((td) => td.textContent)]));
    expect(rows).toEqual([
      ['', 'verdict', 'claim', 'chunk', 'reason'],
      ['v-bad', '✗ contradicted', 'The Free plan includes 5 GB of storage.', 'plan-free', 'Mock judge: chunk [plan-free] says 2, 3, the claim says 5.'],
      ['v-ok', '✓ supported', 'It works on up to 3 devices.', 'plan-free', "Mock judge: 75% of the claim's words are in chunk [plan-free]."],
    ]);
    await page.locator('#cases tr.detail').screenshot({ path: join(RESULTS, 'html-claims.png') });
    expect(problems).toEqual([]);
    await page.close();
  });
});
