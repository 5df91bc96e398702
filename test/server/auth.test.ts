import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture, login, type Fixture } from './fixture.js';

describe('sign-in and sessions', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture({ config: { rateLimit: { windowMs: 60_000, limit: 50 } } });
  });
  afterAll(() => f.close());

  it('a good login link sets an httpOnly, SameSite=Strict session cookie and a page that moves on', async () => {
    const res = await fetch(`${f.url}/login?token=${f.tokens.ann}`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^juror_sid=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain('Secure');
    expect(await res.text()).toContain('<meta http-equiv="refresh" content="0;url=/">');
    const me = await fetch(`${f.url}/api/me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(me.status).toBe(200);
    expect((await me.json()).name).toBe('ann');
  });

  it('stores only the hash of the session id', async () => {
    const res = await fetch(`${f.url}/login?token=${f.tokens.bob}`, { redirect: 'manual' });
    const raw = res.headers.get('set-cookie')!.split(';')[0]!.split('=')[1]!;
    expect(f.store.getSession(raw)).toBeUndefined();
    const { hashSecret } = await import('../../src/review/tokens.js');
    expect(f.store.getSession(hashSecret(raw))?.annotatorId).toBe(f.ids.bob);
  });

  it('a bad token is refused with 401 and no cookie', async () => {
    const res = await fetch(`${f.url}/login?token=${'x'.repeat(32)}`, { redirect: 'manual' });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain('not valid');
  });

  it('the form POST signs in too', async () => {
    const res = await fetch(`${f.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: f.url },
      body: `token=${encodeURIComponent(f.tokens.cat)}`,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^juror_sid=/);
  });

  it('a login form posted from another site is refused (login CSRF)', async () => {
    const res = await fetch(`${f.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: `token=${encodeURIComponent(f.tokens.cat)}`,
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
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
    const c = await login(f.url, f.tokens.ann);
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

  it('a re-linked annotator cannot use the old token', async () => {
    const { resetAnnotatorToken } = await import('../../src/review/tokens.js');
    const old = f.tokens.cat!;
    const { token } = resetAnnotatorToken(f.store, 'cat');
    expect((await fetch(`${f.url}/login?token=${old}`)).status).toBe(401);
    expect((await fetch(`${f.url}/login?token=${token}`)).status).toBe(200);
    f.tokens.cat = token;
  });

  it('a new link also ends the sessions opened with the old one (a leaked link is revoked)', async () => {
    const { resetAnnotatorToken } = await import('../../src/review/tokens.js');
    const res = await fetch(`${f.url}/login?token=${f.tokens.cat}`, { redirect: 'manual' });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const { token } = resetAnnotatorToken(f.store, 'cat');
    f.tokens.cat = token;
    expect((await fetch(`${f.url}/api/me`, { headers: { cookie } })).status).toBe(401);
  });
});

describe('secure cookies', () => {
  it('uses Secure and the __Host- prefix when configured', async () => {
    const f = await makeFixture({ config: { secureCookies: true } });
    try {
      const res = await fetch(`${f.url}/login?token=${f.tokens.ann}`, { redirect: 'manual' });
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^__Host-juror_sid=/);
      expect(cookie).toContain('Secure');
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    } finally {
      await f.close();
    }
  });
});

describe('login rate limit', () => {
  it('answers 429 after the configured number of attempts', async () => {
    const f = await makeFixture({ config: { rateLimit: { windowMs: 60_000, limit: 3 } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await fetch(`${f.url}/login?token=${'y'.repeat(30)}`)).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const res = await fetch(`${f.url}/login?token=${f.tokens.ann}`, { headers: { accept: 'application/json' } });
      expect(res.status).toBe(429);
      expect((await res.json()).error.code).toBe('rate_limited');
      expect(res.headers.get('set-cookie')).toBeNull();
    } finally {
      await f.close();
    }
  });
});
