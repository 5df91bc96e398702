import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeReviewAgreement } from '../../src/agreement/compute.js';
import { computeCalibration } from '../../src/calibration/compute.js';
import { key, login, type Client, type Fixture } from './fixture.js';
import { makeStatsFixture } from './stats-fixture.js';

describe('admin statistics API (agreement and calibration of a review)', () => {
  let f: Fixture;
  let lead: Client;
  let ann: Client;
  let base: string;
  beforeAll(async () => {
    f = await makeStatsFixture();
    lead = await login(f.url, f.tokens.lead!);
    ann = await login(f.url, f.tokens.ann!);
    base = `/api/admin/reviews/${f.reviewId}/stats`;
  });
  afterAll(() => f?.close());

  it('answers the admin role only', async () => {
    for (const path of [`${base}/agreement`, `${base}/calibration`, '/api/admin/reviews/nope/stats/agreement']) {
      const res = await ann.get(path);
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('forbidden');
      expect((await fetch(`${f.url}${path}`)).status).toBe(401);
    }
    expect((await lead.get('/api/admin/reviews/nope/stats/agreement')).status).toBe(404);
    expect((await lead.get('/api/admin/reviews/nope/stats/calibration')).status).toBe(404);
  });

  it('validates the query with zod', async () => {
    const bad = async (q: string) => {
      const res = await lead.get(`${base}/calibration?${q}`);
      return [res.status, (await res.json()).error.message as string] as const;
    };
    expect((await bad('judges=,'))[0]).toBe(400);
    expect((await bad('refresh=maybe'))[0]).toBe(400);
    expect((await bad('what=1'))[0]).toBe(400);
    expect((await bad(`judges=${'x'.repeat(101)}`))[0]).toBe(400);
    const [status, message] = await bad('judges=run1,ghost');
    expect([status, message]).toEqual([404, 'judge run ghost not found (juror runs lists them)']);
  });

  it("returns computeReviewAgreement's document, with the hand-computed kappas", async () => {
    const res = await lead.get(`${base}/agreement`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body.agreement).toEqual(JSON.parse(JSON.stringify(computeReviewAgreement(f.store, f.reviewId))));
    const by = Object.fromEntries(body.agreement.criteria.map((c: { criterion: string }) => [c.criterion, c]));
    // ordinal, so quadratic weights by default (as juror calibrate): disagreements 2-3 and 4-2 cost
    // (1 + 4) / 16 over 6 items = 5/96 observed against 7/32 by chance: 1 - (5/96) / (7/32) = 16/21
    // (sklearn cohen_kappa_score(ann, bob, weights='quadratic', labels=[1, 2, 3, 4, 5]) = 0.7619047619047619)
    expect(by.faithfulness.cohen_kappa.value).toBeCloseTo(16 / 21, 12);
    expect(by.faithfulness.cohen_kappa.weights).toBe('quadratic');
    expect(by.faithfulness.percent_agreement.value).toBeCloseTo(4 / 6, 12);
    expect(by.helpful.cohen_kappa.value).toBeCloseTo(1 / 3, 12);
    expect([by.faithfulness.items, by.faithfulness.raters, by.faithfulness.labels]).toEqual([6, 2, 12]);
  });

  it("returns computeCalibration's document for the review's run and its re-judges, with the CLI's seed and resamples", async () => {
    const body = await (await lead.get(`${base}/calibration`)).json();
    expect(body.judges).toEqual(['run1', 'judge2']);
    const direct = computeCalibration(f.store, f.reviewId, { judges: ['run1', 'judge2'], seed: 1, resamples: 1000 });
    expect(body.calibration).toEqual(JSON.parse(JSON.stringify(direct)));
    const faith = body.calibration.criteria.find((c: { criterion: string }) => c.criterion === 'faithfulness');
    // rows = human consensus (5,4,3,2,1,2), cols = judge
    const judge2 = faith.judges.find((j: { judge: string }) => j.judge === 'judge2');
    expect(judge2.confusion.matrix).toEqual([
      [0, 1, 0, 0, 0],
      [0, 1, 0, 1, 0],
      [0, 0, 1, 0, 0],
      [0, 0, 0, 1, 0],
      [0, 0, 0, 0, 1],
    ]);
    const run1 = faith.judges.find((j: { judge: string }) => j.judge === 'run1');
    expect(run1.confusion.matrix.map((row: number[]) => row[3])).toEqual([1, 2, 1, 1, 1]);
    expect(run1.kappa.value).toBeCloseTo(0, 12); // a judge that always says 4 agrees by chance only

    const one = await (await lead.get(`${base}/calibration?judges=judge2`)).json();
    expect(one.judges).toEqual(['judge2']);
    expect(one.calibration.criteria[0].judges.map((j: { judge: string }) => j.judge)).toEqual(['judge2']);
  });

  it('caches per review until a new annotation arrives; refresh=1 recomputes', async () => {
    const first = await (await lead.get(`${base}/agreement`)).json();
    const again = await (await lead.get(`${base}/agreement`)).json();
    expect(again.cached).toBe(true);
    expect(again.computedAt).toBe(first.computedAt);
    const cal = await (await lead.get(`${base}/calibration`)).json();
    expect(cal.cached).toBe(true);

    // a save without a session is refused and must not throw the cached figures away
    const last0 = f.store.getReviewItems(f.reviewId)[0]!;
    const anon = await fetch(`${f.url}/api/reviews/${f.reviewId}/items/${last0.id}/annotations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: f.url },
      body: JSON.stringify({ clientKey: key(), labels: { faithfulness: 1, helpful: 'no' } }),
    });
    expect(anon.status).toBe(401);
    expect((await (await lead.get(`${base}/agreement`)).json()).cached).toBe(true);

    // bob changes the last item's faithfulness from 2 to 4: now 5 of 6 agree
    const last = f.store.getReviewItems(f.reviewId).sort((a, b) => b.position - a.position)[0]!;
    const bob = await login(f.url, f.tokens.bob!);
    expect((await bob.post(`/api/reviews/${f.reviewId}/items/${last.id}/annotations`, { clientKey: key(), labels: { faithfulness: 4, helpful: 'yes' } })).status).toBe(200);

    const after = await (await lead.get(`${base}/agreement`)).json();
    expect(after.cached).toBe(false);
    const faith = after.agreement.criteria.find((c: { criterion: string }) => c.criterion === 'faithfulness');
    expect(faith.percent_agreement.value).toBeCloseTo(5 / 6, 12);
    expect(after.agreement).toEqual(JSON.parse(JSON.stringify(computeReviewAgreement(f.store, f.reviewId))));
    // the costly calibration is served outdated for up to a minute, and says so
    const staleCal = await (await lead.get(`${base}/calibration`)).json();
    expect([staleCal.cached, staleCal.stale, staleCal.computedAt]).toEqual([true, true, cal.computedAt]);
    expect(staleCal.calibration).toEqual(cal.calibration);
    // refresh=1 recomputes: judge2 now has the last item's consensus at 4 (was 2) and agrees on it
    const fresh = await (await lead.get(`${base}/calibration?refresh=1`)).json();
    expect([fresh.cached, fresh.stale]).toEqual([false, false]);
    expect(fresh.calibration).toEqual(JSON.parse(JSON.stringify(computeCalibration(f.store, f.reviewId, { judges: ['run1', 'judge2'], seed: 1, resamples: 1000 }))));
    const judge2 = fresh.calibration.criteria[0].judges.find((j: { judge: string }) => j.judge === 'judge2');
    expect(judge2.confusion.matrix[3]).toEqual([0, 0, 0, 2, 0]);
    expect((await (await lead.get(`${base}/calibration`)).json()).cached).toBe(true);
  });
});
