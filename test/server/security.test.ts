import { request } from 'node:http';
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

/** A raw request with any Host header (fetch does not let a caller choose Host). */
function withHost(url: string, host: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const { port } = new URL(url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/me', method: opts.method ?? 'GET', headers: { host, accept: 'application/json', ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('Host header check (DNS rebinding)', () => {
  it('serves loopback names and refuses any other Host before anything else, GET or POST', async () => {
    const f = await makeFixture({ cases: 2 });
    try {
      const ann = await login(f.url, f.tokens.ann!);
      const port = new URL(f.url).port;
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'LOCALHOST', '127.0.0.2:80']) {
        expect((await withHost(f.url, host, { headers: { cookie: ann.cookie } })).status, host).toBe(200);
      }
      for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`, 'localhost.evil.example', '10.0.0.5:8080']) {
        const res = await withHost(f.url, host, { headers: { cookie: ann.cookie } });
        expect(res.status, host).toBe(421);
        expect(JSON.parse(res.body).error.code).toBe('bad_host');
      }
      // a rebinding page posting "same-origin" to itself is refused on Host, before Origin and CSRF
      const post = await withHost(f.url, `evil.example:${port}`, {
        method: 'POST',
        headers: { cookie: ann.cookie, origin: `http://evil.example:${port}`, 'x-csrf-token': ann.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ clientKey: 'abcdefgh-host', labels: {}, skipped: true }),
      });
      expect(post.status).toBe(421);
      expect(f.store.getAnnotationHistory(f.reviewId)).toHaveLength(0);
    } finally {
      await f.close();
    }
  });

  it('with a public URL its host is served too, and other names still refused', async () => {
    const f = await makeFixture({ cases: 2, config: { publicUrl: 'https://review.example.org' } });
    try {
      // reaching the app (no session here: 401) instead of being refused on Host (421)
      expect((await withHost(f.url, 'review.example.org')).status).toBe(401);
      expect((await withHost(f.url, 'Review.Example.org')).status).toBe(401);
      expect((await withHost(f.url, `127.0.0.1:${new URL(f.url).port}`)).status).toBe(401);
      const other = await withHost(f.url, 'other.example.org');
      expect(other.status).toBe(421);
      expect(JSON.parse(other.body).error.message).toContain('only for review.example.org');
    } finally {
      await f.close();
    }
  });
});
