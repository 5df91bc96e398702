import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (installed by `npm test` via scripts/ensure-setup.mjs), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots land here for a person to look at. */
export const RESULTS = join(process.cwd(), 'test-results');

/**
 * Launch headless Chromium the way this machine allows (no sandbox as root, no background
 * networking: the network is closed). A missing browser FAILS the test, never skips it.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  mkdirSync(RESULTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Sign in the way a person does: open the link (token in the fragment), see "Sign in as NAME?",
 * click. Checks that opening the link alone signed nobody in and that the token left the address bar.
 */
export async function signInByLink(page: import('playwright-core').Page, url: string, token: string, name: string): Promise<void> {
  await page.goto(`${url}/login#token=${token}`);
  await page.locator('#confirm:not([hidden])').waitFor();
  const heading = await page.locator('#confirm h2').textContent();
  if (heading !== `Sign in as ${name}?`) throw new Error(`sign-in page asks "${heading}", expected "Sign in as ${name}?"`);
  if (page.url() !== `${url}/login`) throw new Error(`the token is still in the address bar: ${page.url()}`);
  const cookies = await page.context().cookies(url);
  if (cookies.some((c) => c.name.endsWith('juror_sid'))) throw new Error('opening the link signed in by itself');
  await page.locator('#confirm-submit').click();
  await page.waitForURL(`${url}/`);
}

/**
 * Open a report file in a new page, collecting page errors, console errors and warnings (a CSP
 * violation is one) and every request; waits for the case table's first row.
 */
export async function openReport(browser: Browser, path: string): Promise<{ page: import('playwright-core').Page; problems: string[]; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(path).href);
  await page.locator('#cases tbody tr').first().waitFor();
  return { page, problems, requests };
}

/** How many painted pixels each canvas of the page has (a chart that drew nothing has 0). */
export function inkPerCanvas(page: import('playwright-core').Page): Promise<number[]> {
  return page.$$eval('canvas', (cs) => cs.map((c) => {
    const ctx = (c as HTMLCanvasElement).getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, (c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height);
    let ink = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) ink++;
    return ink;
  }));
}
