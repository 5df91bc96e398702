import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemNotAssignedTo, itemsOf, key, login, makeFixture, type Client, type Fixture } from './fixture.js';

const path = (f: Fixture, itemId: number) => `/api/reviews/${f.reviewId}/items/${itemId}/annotations`;
const good = () => ({ clientKey: key(), labels: { faithfulness: 4, helpful: 'yes' } });

describe('annotation API', () => {
  let f: Fixture;
  let ann: Client;
  let bob: Client;
  beforeAll(async () => {
    f = await makeFixture({ cases: 8 });
    ann = await login(f.url, f.tokens.ann!);
    bob = await login(f.url, f.tokens.bob!);
  });
  afterAll(() => f.close());
  const historyCount = () => f.store.getAnnotationHistory(f.reviewId).length;

  it('saves one row per criterion and the queue shows the item done', async () => {
    const item = itemsOf(f, 'ann')[0]!;
    const res = await ann.post(path(f, item), good());
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.saved.map((s: { criterion: string; label: string }) => `${s.criterion}=${s.label}`)).toEqual(['faithfulness=4', 'helpful=yes']);
    const queue = await (await ann.get(`/api/reviews/${f.reviewId}`)).json();
    expect(queue.items.find((i: { itemId: number }) => i.itemId === item).status).toBe('done');
  });

  it('an edit supersedes the previous label and keeps it in the history', async () => {
    const item = itemsOf(f, 'ann')[1]!;
    const first = (await (await ann.post(path(f, item), { clientKey: key(), labels: { faithfulness: 2, helpful: 'no' } })).json()).saved;
    const second = (await (await ann.post(path(f, item), { clientKey: key(), labels: { faithfulness: '5', helpful: 'yes' } })).json()).saved;
    expect(second[0].supersedes).toBe(first[0].id);
    expect(second[1].supersedes).toBe(first[1].id);
    const current = f.store.getCurrentLabels(f.reviewId).filter((l) => l.itemId === item && l.annotatorId === f.ids.ann);
    expect(current.map((l) => l.label).sort()).toEqual(['5', 'yes']);
    const view = await (await ann.get(`/api/reviews/${f.reviewId}/items/${item}`)).json();
    expect(view.item.mine).toEqual({ faithfulness: '5', helpful: 'yes' });
  });

  it('a resubmitted save with the same client key is stored once', async () => {
    const item = itemsOf(f, 'ann')[2]!;
    const body = good();
    const before = historyCount();
    const a = await (await ann.post(path(f, item), body)).json();
    const b = await (await ann.post(path(f, item), body)).json();
    expect(b.saved.map((s: { id: number }) => s.id)).toEqual(a.saved.map((s: { id: number }) => s.id));
    expect(historyCount()).toBe(before + 2);
  });

  it('a save key resent with a different answer is a 409, and the first answer stays', async () => {
    const item = itemsOf(f, 'ann')[3]!;
    const body = good();
    expect((await ann.post(path(f, item), body)).status).toBe(200);
    const before = historyCount();
    for (const changed of [
      { ...body, labels: { faithfulness: 2, helpful: 'yes' } },
      { ...body, comment: 'second thoughts' },
      { ...body, flagged: true },
    ]) {
      const res = await ann.post(path(f, item), changed);
      expect(res.status).toBe(409);
      const { error } = await res.json();
      expect(error.code).toBe('conflict');
      expect(error.message).toMatch(new RegExp(`client key ${body.clientKey} was already used for a different answer`));
    }
    expect(historyCount()).toBe(before);
    const current = f.store.getCurrentLabels(f.reviewId).filter((l) => l.itemId === item && l.annotatorId === f.ids.ann);
    expect(current.map((l) => l.label).sort()).toEqual(['4', 'yes']);
    // the identical resend is still the idempotent 200
    expect((await ann.post(path(f, item), body)).status).toBe(200);
    // the same key on another item is a conflict too
    expect((await ann.post(path(f, itemsOf(f, 'ann')[4]!), body)).status).toBe(409);
  });

  it('50 saves in parallel are all stored exactly once, and parallel retries of one key once', async () => {
    const mine = itemsOf(f, 'bob');
    const bodies = Array.from({ length: 50 }, (_, i) => ({ item: mine[i % mine.length]!, body: { clientKey: key(), labels: { faithfulness: (i % 5) + 1, helpful: i % 2 ? 'yes' : 'no' } } }));
    const before = historyCount();
    const results = await Promise.all(bodies.map((b) => bob.post(path(f, b.item), b.body)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const history = f.store.getAnnotationHistory(f.reviewId);
    expect(history.length).toBe(before + 100);
    for (const b of bodies) {
      expect(history.filter((h) => h.clientKey === b.body.clientKey).length).toBe(2);
    }
    const retry = { clientKey: key(), labels: { faithfulness: 1, helpful: 'no' } };
    const retries = await Promise.all(Array.from({ length: 10 }, () => bob.post(path(f, mine[0]!), retry)));
    expect(retries.every((r) => r.status === 200)).toBe(true);
    expect(f.store.getAnnotationHistory(f.reviewId).filter((h) => h.clientKey === retry.clientKey).length).toBe(2);
  });

  it("another annotator's item is a 404 for reading and writing, and nothing is written", async () => {
    const foreign = itemNotAssignedTo(f, 'ann');
    const before = historyCount();
    const w = await ann.post(path(f, foreign), good());
    expect(w.status).toBe(404);
    const r = await ann.get(`/api/reviews/${f.reviewId}/items/${foreign}`);
    expect(r.status).toBe(404);
    // The same answer as for an item that does not exist at all: existence does not leak.
    const missing = await ann.get(`/api/reviews/${f.reviewId}/items/999999`);
    expect(missing.status).toBe(404);
    expect((await r.json()).error).toEqual((await missing.json()).error);
    expect((await ann.get('/api/reviews/rv_nope')).status).toBe(404);
    expect(historyCount()).toBe(before);
  });

  it('refuses missing or forged CSRF tokens and foreign origins with 403, writing nothing', async () => {
    const item = itemsOf(f, 'ann')[3]!;
    const before = historyCount();
    expect((await ann.post(path(f, item), good(), { csrf: null })).status).toBe(403);
    expect((await ann.post(path(f, item), good(), { csrf: bob.csrf })).status).toBe(403);
    expect((await ann.post(path(f, item), good(), { csrf: 'x'.repeat(32) })).status).toBe(403);
    const evil = await ann.post(path(f, item), good(), { origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    expect((await evil.json()).error.code).toBe('csrf');
    const crossSite = await ann.post(path(f, item), good(), { origin: null, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    expect(historyCount()).toBe(before);
    // and the genuine request still works
    expect((await ann.post(path(f, item), good(), { origin: null })).status).toBe(200);
  });

  it('answers 400 with the validation message for malformed bodies', async () => {
    const item = itemsOf(f, 'ann')[4]!;
    const before = historyCount();
    const cases: Array<[unknown, RegExp]> = [
      ['{not json', /not valid JSON/],
      [{ labels: { faithfulness: 4, helpful: 'yes' } }, /clientKey/],
      [{ clientKey: 'short', labels: {} }, /clientKey must be 8-80/],
      [{ ...good(), extra: 1 }, /extra/],
      [{ clientKey: key(), labels: { faithfulness: 7, helpful: 'yes' } }, /faithfulness: 7 is not on the scale \(allowed levels: 1, 2, 3, 4, 5\)/],
      [{ clientKey: key(), labels: { faithfulness: 4, helpful: 'maybe' } }, /helpful: "maybe" is not on the scale \(allowed levels: yes, no\)/],
      // loose spellings that Number() would have turned into a level
      ...['0x5', '5e0', '+5', '5.0', ' 5', '5\n'].map((l): [unknown, RegExp] => [
        { clientKey: key(), labels: { faithfulness: l, helpful: 'yes' } }, /faithfulness: ".*" is not on the scale \(allowed levels: 1, 2, 3, 4, 5\)/,
      ]),
      [{ clientKey: key(), labels: { faithfulness: 4, helpful: 0 } }, /helpful: 0 is not on the scale \(allowed levels: yes, no\)/],
      // text that SQLite would store as invalid UTF-8, or a raw NUL in the CSV
      [{ clientKey: key(), labels: {}, skipped: true, comment: 'a\u0000b' }, /comment must not contain NUL/],
      [`{"clientKey":"${key()}","labels":{},"skipped":true,"comment":"a\\ud800b"}`, /comment is not valid Unicode/],
      [`{"clientKey":"${key()}","labels":{},"skipped":true,"comment":"\\udc00"}`, /comment is not valid Unicode/],
      [{ clientKey: key(), labels: { faithfulness: 4, helpful: 'yes', tone: 3 } }, /tone: unknown criterion/],
      [{ clientKey: key(), labels: { faithfulness: 4 } }, /helpful: choose a level/],
      [{ clientKey: key(), labels: { faithfulness: 4 }, skipped: true }, /skipped item carries no labels/],
      [{ clientKey: key(), labels: {}, comment: 'x'.repeat(4001) }, /comment is longer than 4000/],
    ];
    for (const [body, message] of cases) {
      const res = await ann.post(path(f, item), body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect((await res.json()).error.message).toMatch(message);
    }
    expect((await ann.get(`/api/reviews/${f.reviewId}/items/abc`)).status).toBe(400);
    expect(historyCount()).toBe(before);
  });

  it('refuses bodies over the size limit with 413', async () => {
    const item = itemsOf(f, 'ann')[4]!;
    const res = await ann.post(path(f, item), { ...good(), comment: 'x'.repeat(70 * 1024) });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('too_large');
  });

  it('records skip and flag, and the flag shows in the queue and on the admin page', async () => {
    const [skipItem, flagItem] = itemsOf(f, 'cat');
    const cat = await login(f.url, f.tokens.cat!);
    expect((await cat.post(path(f, skipItem!), { clientKey: key(), skipped: true })).status).toBe(200);
    expect((await cat.post(path(f, flagItem!), { clientKey: key(), flagged: true, comment: 'output is cut off' })).status).toBe(200);
    const queue = await (await cat.get(`/api/reviews/${f.reviewId}`)).json();
    const status = (id: number) => queue.items.find((i: { itemId: number }) => i.itemId === id).status;
    expect([status(skipItem!), status(flagItem!)]).toEqual(['skipped', 'flagged']);
    const view = await (await cat.get(`/api/reviews/${f.reviewId}/items/${flagItem}`)).json();
    expect(view.item.flagged).toBe(true);
    expect(view.item.comment).toBe('output is cut off');
    const lead = await login(f.url, f.tokens.lead!);
    const detail = await (await lead.get(`/api/admin/reviews/${f.reviewId}`)).json();
    expect(detail.flagged).toContainEqual(expect.objectContaining({ itemId: flagItem, annotator: 'cat', comment: 'output is cut off' }));
  });

  it('in a blind review an annotator never sees other labels or the judge', async () => {
    // find an item shared by ann and bob, label it as bob, read it as ann
    const shared = itemsOf(f, 'ann').find((i) => itemsOf(f, 'bob').includes(i))!;
    await bob.post(path(f, shared), { clientKey: key(), labels: { faithfulness: 1, helpful: 'no' }, comment: 'bob secret' });
    const text = await (await ann.get(`/api/reviews/${f.reviewId}/items/${shared}`)).text();
    expect(text).not.toContain('bob secret');
    expect(text).not.toContain('judge says 4');
    const view = JSON.parse(text);
    expect(view.judge).toBeUndefined();
    expect(Object.values(view.item.mine)).not.toContain('1');
  });
});
