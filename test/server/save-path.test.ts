import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemNotAssignedTo, itemsOf, key, login, makeFixture, type Client, type Fixture } from './fixture.js';

/** The hot path under concurrency: group commit, cached sessions and assignments, /api/me progress. */
describe('save path', () => {
  let f: Fixture;
  let ann: Client;
  let bob: Client;
  beforeAll(async () => {
    f = await makeFixture({ cases: 12, overlap: 2 });
    ann = await login(f.url, f.tokens.ann!);
    bob = await login(f.url, f.tokens.bob!);
  });
  afterAll(() => f.close());
  const path = (itemId: number) => `/api/reviews/${f.reviewId}/items/${itemId}/annotations`;

  it('concurrent saves of two annotators, one refused among them: each answered on its own, each good one stored once', async () => {
    const annItems = itemsOf(f, 'ann');
    const bobItems = itemsOf(f, 'bob');
    const stranger = itemNotAssignedTo(f, 'ann');
    const sends = [
      ...annItems.map((item) => ({ who: ann, item, body: { clientKey: key(), labels: { faithfulness: 3, helpful: 'yes' } } })),
      ...bobItems.map((item) => ({ who: bob, item, body: { clientKey: key(), labels: { faithfulness: 5, helpful: 'no' } } })),
      { who: ann, item: annItems[0]!, body: { clientKey: key(), labels: { faithfulness: 7, helpful: 'yes' } } },
      { who: ann, item: stranger, body: { clientKey: key(), labels: { faithfulness: 1, helpful: 'no' } } },
    ];
    const statuses = await Promise.all(sends.map(async (s) => (await s.who.post(path(s.item), s.body)).status));
    expect(statuses).toEqual([...annItems.map(() => 200), ...bobItems.map(() => 200), 400, 404]);
    const history = f.store.getAnnotationHistory(f.reviewId);
    expect(history).toHaveLength(2 * (annItems.length + bobItems.length));
    expect(new Set(history.map((h) => h.clientKey)).size).toBe(annItems.length + bobItems.length);
  });

  it('/api/me gives each annotator their own progress only', async () => {
    const before = await (await ann.get('/api/me')).json();
    expect(before.reviews).toHaveLength(1);
    expect(before.reviews[0]).toMatchObject({ id: f.reviewId, assigned: itemsOf(f, 'ann').length, done: itemsOf(f, 'ann').length, skipped: 0, flagged: 0 });
    const cat = await login(f.url, f.tokens.cat!);
    const first = itemsOf(f, 'cat')[0]!;
    expect((await cat.post(path(first), { clientKey: key(), labels: {}, skipped: true })).status).toBe(200);
    const me = await (await cat.get('/api/me')).json();
    expect(me.reviews[0]).toMatchObject({ assigned: itemsOf(f, 'cat').length, done: 0, skipped: 1, flagged: 0 });
  });

  it('a signed-out cookie stops working at once, although sessions are cached', async () => {
    const c = await login(f.url, f.tokens.bob!);
    expect((await c.get('/api/me')).status).toBe(200);
    const out = await fetch(`${f.url}/logout`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie: c.cookie, origin: f.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${encodeURIComponent(c.csrf)}`,
    });
    expect(out.status).toBe(303);
    expect((await c.post(path(itemsOf(f, 'bob')[0]!), { clientKey: key(), labels: { faithfulness: 1, helpful: 'no' } })).status).toBe(401);
  });
});

/**
 * Another process holding SQLite's write lock (a second connection in BEGIN IMMEDIATE, as a
 * `juror run` or a sqlite3 shell would) must not freeze the server: a save waits on a timer,
 * every other request is answered meanwhile, and the save lands once the lock is released, or
 * is a 503 with Retry-After when it is held too long.
 */
describe('save path while another connection holds the write lock', () => {
  const path = (f: Fixture, itemId: number) => `/api/reviews/${f.reviewId}/items/${itemId}/annotations`;

  it('GET /api/me answers while a save waits for the lock; the save is stored once the lock goes', async () => {
    const f = await makeFixture({ cases: 4, config: { busyRetryMs: 60_000 } });
    const other = new Database(f.dbFile);
    try {
      const ann = await login(f.url, f.tokens.ann!);
      const item = itemsOf(f, 'ann')[0]!;
      other.exec('BEGIN IMMEDIATE');
      const order: string[] = [];
      const save = ann.post(path(f, item), { clientKey: key(), labels: { faithfulness: 4, helpful: 'yes' } }).then((r) => {
        order.push('save');
        return r;
      });
      // several reads while the save is parked: each must answer before the lock is released
      for (let i = 0; i < 3; i++) {
        const me = await ann.get('/api/me');
        expect(me.status).toBe(200);
        expect((await me.json()).name).toBe('ann');
        order.push('me');
      }
      expect(order).toEqual(['me', 'me', 'me']);
      other.exec('COMMIT');
      const res = await save;
      expect(res.status).toBe(200);
      expect(order).toEqual(['me', 'me', 'me', 'save']);
      expect(f.store.getAnnotationHistory(f.reviewId).filter((a) => a.itemId === item)).toHaveLength(2);
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
      await f.close();
    }
  });

  it('a lock held past the retry window answers 503 with Retry-After, nothing stored; the resend then lands', async () => {
    const f = await makeFixture({ cases: 4, config: { busyRetryMs: 200 } });
    const other = new Database(f.dbFile);
    try {
      const ann = await login(f.url, f.tokens.ann!);
      const item = itemsOf(f, 'ann')[0]!;
      const body = { clientKey: key(), labels: { faithfulness: 2, helpful: 'no' } };
      other.exec('BEGIN IMMEDIATE');
      const res = await ann.post(path(f, item), body);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect((await res.json()).error).toEqual({ code: 'busy', message: expect.stringContaining('database is busy') });
      expect(f.store.getAnnotationHistory(f.reviewId)).toHaveLength(0);
      other.exec('ROLLBACK');
      const again = await ann.post(path(f, item), body);
      expect(again.status).toBe(200);
      expect(f.store.getAnnotationHistory(f.reviewId)).toHaveLength(2);
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
      await f.close();
    }
  });
});
