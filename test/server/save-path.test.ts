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
