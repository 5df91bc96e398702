import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XSS_OUTPUT, itemsOf, login, makeFixture, type Client, type Fixture } from './fixture.js';

describe('security headers, static assets, untrusted output', () => {
  let f: Fixture;
  let ann: Client;
  beforeAll(async () => {
    f = await makeFixture({ cases: 4, overlap: 3 });
    ann = await login(f.url, f.tokens.ann!);
  });
  afterAll(() => f.close());

  it('sends helmet headers with a strict CSP (no inline script or style)', async () => {
    const res = await fetch(`${f.url}/login`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('pages contain no inline script or style attribute', async () => {
    for (const p of ['/', `/reviews/${f.reviewId}`]) {
      const html = await (await ann.get(p, { accept: 'text/html' })).text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/\sstyle=/);
      expect(html).not.toMatch(/\son[a-z]+=/);
    }
  });

  it('serves the UI scripts and stylesheet with correct types', async () => {
    const js = await fetch(`${f.url}/ui/annotate.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toContain('textContent');
    const css = await fetch(`${f.url}/ui/style.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect((await fetch(`${f.url}/ui/nope.js`)).status).toBe(404);
    expect((await fetch(`${f.url}/ui/../package.json`)).status).toBe(404);
  });

  it('model output containing HTML is served only as JSON data, never inside a page', async () => {
    const first = itemsOf(f, 'ann')[0]!;
    const res = await ann.get(`/api/reviews/${f.reviewId}/items/${first}`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const view = await res.json();
    expect(view.item.output).toBe(XSS_OUTPUT);
    const page = await (await ann.get(`/reviews/${f.reviewId}`, { accept: 'text/html' })).text();
    expect(page).not.toContain('alert(');
  });

  it('escapes hostile ids echoed into pages', async () => {
    const res = await ann.get(`/reviews/${encodeURIComponent('"><script>alert(1)</script>')}`, { accept: 'text/html' });
    const html = await res.text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('data-review="&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;"');
  });

  it('unknown routes: JSON 404 under /api, an HTML page for the browser', async () => {
    const api = await ann.get('/api/nothing');
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe('not_found');
    const page = await ann.get('/nothing', { accept: 'text/html' });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Not found');
  });
});
