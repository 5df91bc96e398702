import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret, resetAnnotatorToken, setAnnotatorEnabled } from '../../src/review/tokens.js';
import { makeFixture, login, signIn, type Fixture } from './fixture.js';

/** GET /login: the login CSRF cookie and the same value from the page. */
async function loginPage(url: string): Promise<{ cookie: string; csrf: string; html: string; res: Response }> {
  const res = await fetch(`${url}/login`);
  const html = await res.text();
  return {
    res,
    html,
    cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!,
    csrf: /<meta name="csrf-token" content="([^"]+)">/.exec(html)?.[1] ?? '',
  };
}

async function preview(url: string, token: string, over: { cookie?: string; csrf?: string; origin?: string } = {}) {
  const p = await loginPage(url);
  return fetch(`${url}/login/preview`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: over.origin ?? url,
      cookie: over.cookie ?? p.cookie,
      'x-csrf-token': over.csrf ?? p.csrf,
    },
    body: JSON.stringify({ token }),
  });
}

describe('sign-in and sessions', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture({ config: { rateLimit: { windowMs: 60_000, limit: 50 }, sessionCacheTtlMs: 0 } });
  });
  afterAll(() => f.close());

  it('opening a link (GET, even the old ?token= form) signs nobody in: it only shows the page', async () => {
    const res = await fetch(`${f.url}/login?token=${f.tokens.ann}`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie') ?? '').not.toMatch(/juror_sid=/);
    const html = await res.text();
    expect(html).toContain('<script type="module" src="/ui/login.js"></script>');
    expect(html).toContain('Sign in as <span id="confirm-name"></span>?');
    expect(html).not.toContain(f.tokens.ann); // the token is never echoed into the page
    expect(f.store.getSession(hashSecret('x'))).toBeUndefined();
  });

  it('the preview names the link\'s owner and its expiry, and signs nobody in', async () => {
    const res = await preview(f.url, f.tokens.ann!);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    const body = await res.json();
    expect(body).toMatchObject({ name: 'ann', role: 'annotator' });
    expect(Date.parse(body.linkExpiresAt)).toBeGreaterThan(Date.now() + 13 * 86_400_000);
  });

  it('the preview needs the sign-in page\'s own token and origin', async () => {
    expect((await preview(f.url, f.tokens.ann!, { csrf: 'x'.repeat(32) })).status).toBe(403);
    expect((await preview(f.url, f.tokens.ann!, { cookie: '' })).status).toBe(403);
    expect((await preview(f.url, f.tokens.ann!, { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('the POST from the page signs in: httpOnly, SameSite=Strict session cookie and a page that moves on', async () => {
    const { res, cookie } = await signIn(f.url, f.tokens.ann!);
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/juror_sid=[A-Za-z0-9_-]{40,};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain('Secure');
    expect(await res.text()).toContain('<meta http-equiv="refresh" content="0;url=/">');
    const me = await fetch(`${f.url}/api/me`, { headers: { cookie: cookie! } });
    expect(me.status).toBe(200);
    expect((await me.json()).name).toBe('ann');
  });

  it('stores only the hash of the session id', async () => {
    const { cookie } = await signIn(f.url, f.tokens.bob!);
    const raw = cookie!.split('=')[1]!;
    expect(f.store.getSession(raw)).toBeUndefined();
    expect(f.store.getSession(hashSecret(raw))?.annotatorId).toBe(f.ids.bob);
  });

  it('a bad token is refused with 401 and no session cookie', async () => {
    const { res, cookie } = await signIn(f.url, 'x'.repeat(32));
    expect(res.status).toBe(401);
    expect(cookie).toBeUndefined();
    expect(await res.text()).toContain('not valid');
  });

  it('login CSRF: a sign-in form posted from another site, or without the page\'s token, is refused', async () => {
    const evil = await signIn(f.url, f.tokens.cat!, { origin: 'https://evil.example' });
    expect(evil.res.status).toBe(403);
    expect(evil.cookie).toBeUndefined();
    // same origin but no double-submit token (e.g. a form on a page that is not ours)
    const bare = await fetch(`${f.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: f.url },
      body: `token=${encodeURIComponent(f.tokens.cat!)}`,
    });
    expect(bare.status).toBe(403);
    expect(bare.headers.get('set-cookie')).toBeNull();
  });

  it('Origin: null (our own form posts under Referrer-Policy: no-referrer) passes only with Sec-Fetch-Site: same-origin', async () => {
    const p = await loginPage(f.url);
    const post = (site: string | undefined) =>
      fetch(`${f.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded', origin: 'null', cookie: p.cookie,
          ...(site ? { 'sec-fetch-site': site } : {}),
        },
        body: new URLSearchParams({ token: f.tokens.bob!, _csrf: p.csrf }).toString(),
      });
    expect((await post('cross-site')).status).toBe(403);
    expect((await post(undefined)).status).toBe(403);
    expect((await post('same-origin')).status).toBe(200);
  });

  it('without a session the API answers 401 JSON and pages redirect to /login', async () => {
    const api = await fetch(`${f.url}/api/me`);
    expect(api.status).toBe(401);
    expect((await api.json()).error.code).toBe('unauthenticated');
    const page = await fetch(`${f.url}/`, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login');
    const post = await fetch(`${f.url}/api/reviews/${f.reviewId}/items/1/annotations`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}',
    });
    expect(post.status).toBe(401);
  });

  it('a forged cookie is no session', async () => {
    const res = await fetch(`${f.url}/api/me`, { headers: { cookie: 'juror_sid=forged-value-123' } });
    expect(res.status).toBe(401);
  });

  it('sign-out needs the CSRF token and then ends the session', async () => {
    const c = await login(f.url, f.tokens.ann!);
    const forged = await fetch(`${f.url}/logout`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie: c.cookie, origin: f.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: '_csrf=wrong',
    });
    expect(forged.status).toBe(403);
    expect((await c.get('/api/me')).status).toBe(200);
    const out = await fetch(`${f.url}/logout`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie: c.cookie, origin: f.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${encodeURIComponent(c.csrf)}`,
    });
    expect(out.status).toBe(303);
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('sign out everywhere ends every session of that person, and nobody else\'s', async () => {
    const laptop = await login(f.url, f.tokens.ann!);
    const phone = await login(f.url, f.tokens.ann!);
    const other = await login(f.url, f.tokens.bob!);
    const out = await fetch(`${f.url}/logout/everywhere`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie: phone.cookie, origin: f.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${encodeURIComponent(phone.csrf)}`,
    });
    expect(out.status).toBe(303);
    expect((await laptop.get('/api/me')).status).toBe(401);
    expect((await phone.get('/api/me')).status).toBe(401);
    expect((await other.get('/api/me')).status).toBe(200);
    // the home page offers it
    const home = await (await other.get('/', { accept: 'text/html' })).text();
    expect(home).toContain('action="/logout/everywhere"');
  });

  it('an expired link signs nobody in and says so; a new link (rotation) works and ends the old sessions', async () => {
    const old = await login(f.url, f.tokens.cat!);
    const { token: expired } = resetAnnotatorToken(f.store, 'cat', { now: new Date(Date.now() - 15 * 86_400_000) });
    expect((await old.get('/api/me')).status).toBe(401); // rotation ended the session
    const refused = await signIn(f.url, expired);
    expect(refused.res.status).toBe(401);
    expect(refused.cookie).toBeUndefined();
    expect(await refused.res.text()).toMatch(/this login link expired on \d{4}-\d\d-\d\d/);
    expect((await preview(f.url, expired)).status).toBe(401);
    const { token } = resetAnnotatorToken(f.store, 'cat', { ttlMs: 30 * 86_400_000 });
    expect((await signIn(f.url, expired)).res.status).toBe(401);
    expect((await signIn(f.url, token)).res.status).toBe(200);
    f.tokens.cat = token;
  });

  it('disabling ends every session and refuses sign-in; enabling lets the link work again', async () => {
    const c = await login(f.url, f.tokens.cat!);
    setAnnotatorEnabled(f.store, 'cat', false);
    expect((await c.get('/api/me')).status).toBe(401);
    const refused = await signIn(f.url, f.tokens.cat!);
    expect(refused.res.status).toBe(403);
    expect(refused.cookie).toBeUndefined();
    expect(await refused.res.text()).toContain('this account is disabled');
    setAnnotatorEnabled(f.store, 'cat', true);
    expect((await signIn(f.url, f.tokens.cat!)).res.status).toBe(200);
  });
});

describe('secure cookies', () => {
  it('uses Secure and the __Host- prefix when configured', async () => {
    const f = await makeFixture({ config: { secureCookies: true } });
    try {
      const { res } = await signIn(f.url, f.tokens.ann!);
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie).toMatch(/__Host-juror_sid=/);
      expect(cookie).toContain('Secure');
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    } finally {
      await f.close();
    }
  });
});

describe('sign-in rate limit', () => {
  it('counts only failed attempts, per IP and token prefix; others behind the same IP still sign in', async () => {
    const f = await makeFixture({ config: { rateLimit: { windowMs: 60_000, limit: 3 } } });
    try {
      // page views and successful sign-ins cost nothing
      for (let i = 0; i < 6; i++) expect((await fetch(`${f.url}/login`)).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await signIn(f.url, f.tokens.ann!)).res.status).toBe(200);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await signIn(f.url, 'y'.repeat(30))).res.status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const limited = await signIn(f.url, 'y'.repeat(30));
      expect(await limited.res.text()).toContain('too many failed sign-in attempts');
      // the same client IP with another person's link is not locked out
      const bob = await signIn(f.url, f.tokens.bob!);
      expect(bob.res.status).toBe(200);
      expect(bob.cookie).toMatch(/^juror_sid=/);
    } finally {
      await f.close();
    }
  });

  it('cycling token prefixes from one IP hits the wider per-IP bound (5 x limit)', async () => {
    const f = await makeFixture({ config: { rateLimit: { windowMs: 60_000, limit: 2 } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await signIn(f.url, `${String(i).padStart(8, 'z')}${'q'.repeat(24)}`)).res.status);
      expect(statuses).toEqual([...Array(10).fill(401), 429]);
      const res = await preview(f.url, f.tokens.ann!);
      expect(res.status).toBe(429);
      expect((await res.json()).error.code).toBe('rate_limited');
    } finally {
      await f.close();
    }
  });
});
