/**
 * Degenerate data across every agreement statistic: each returns { value: null, reason } with a
 * non-empty reason (never NaN, never a throw); and on random data no statistic is ever NaN.
 */
import { describe, expect, it } from 'vitest';
import { brennanPrediger } from '../../src/stats/brennan-prediger.js';
import { cohenKappa, contingencyTable } from '../../src/stats/cohen-kappa.js';
import { congerKappa } from '../../src/stats/conger-kappa.js';
import { fleissKappa } from '../../src/stats/fleiss-kappa.js';
import { gwetAc } from '../../src/stats/gwet-ac.js';
import { itemCategoryCounts } from '../../src/stats/item-counts.js';
import { krippendorffAlpha } from '../../src/stats/krippendorff-alpha.js';
import { percentAgreement } from '../../src/stats/percent-agreement.js';
import type { StatResult } from '../../src/stats/result.js';

type Ratings = (number | null)[][];
const K = 3;

/** Every statistic on an items x raters matrix of indices 0..K-1. */
const STATS: Record<string, (r: Ratings) => StatResult> = {
  percentAgreement: (r) => percentAgreement(itemCategoryCounts(r, K)),
  fleissKappa: (r) => fleissKappa(itemCategoryCounts(r, K)),
  gwetAc1: (r) => gwetAc(itemCategoryCounts(r, K)),
  gwetAc2: (r) => gwetAc(itemCategoryCounts(r, K), { weights: 'quadratic' }),
  brennanPrediger: (r) => brennanPrediger(itemCategoryCounts(r, K)),
  congerKappa: (r) => congerKappa(r, K),
  alphaNominal: (r) => krippendorffAlpha(r, { level: 'nominal' }),
  alphaOrdinal: (r) => krippendorffAlpha(r, { level: 'ordinal' }),
  alphaInterval: (r) => krippendorffAlpha(r, { level: 'interval' }),
  cohenKappa: (r) => cohenKappa(contingencyTable(r.map((row) => row[0] ?? null), r.map((row) => row[1] ?? null), K)),
};

const CASES: Record<string, { data: Ratings; skip?: string[] }> = {
  empty: { data: [] },
  'all missing': { data: [[null, null], [null, null]] },
  'single rater': { data: [[0, null], [1, null], [2, null]] },
  'no overlap (each item rated once, by different raters)': { data: [[0, null], [null, 1], [2, null]] },
  // Gwet's AC1/AC2 and Brennan-Prediger stay defined (= 1) on a 3-category scale: their chance
  // agreement does not collapse to 1 when everyone uses one category (the paradox they avoid).
  // Percent agreement is simply 1.
  // Fleiss and AC1 used to report -1 here (a sign flip of one disagreement) while Cohen refused.
  // Percent agreement is simply 0.
  'one comparable item, on which two raters disagree': { data: [[0, 1], [2, null]], skip: ['percentAgreement'] },
  'one category used by everyone': { data: [[1, 1], [1, 1], [1, 1]], skip: ['percentAgreement', 'gwetAc1', 'gwetAc2', 'brennanPrediger'] },
};

describe('degenerate inputs give { value: null, reason }', () => {
  for (const [name, { data, skip }] of Object.entries(CASES)) {
    for (const [stat, f] of Object.entries(STATS)) {
      if (skip?.includes(stat)) continue;
      it(`${stat}: ${name}`, () => {
        const r = f(data);
        expect(r.value).toBeNull();
        expect((r as { reason: string }).reason.length).toBeGreaterThan(10);
      });
    }
  }

  it('the statistics that stay defined on one category report full agreement', () => {
    const data = CASES['one category used by everyone']!.data;
    for (const stat of ['percentAgreement', 'gwetAc1', 'gwetAc2', 'brennanPrediger']) expect(STATS[stat]!(data).value).toBe(1);
  });
});

describe('no statistic is ever NaN or outside [-1, 1] on random data', () => {
  it('200 random small data sets with gaps', () => {
    let seed = 99;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let t = 0; t < 200; t++) {
      const items = 1 + Math.floor(rand() * 6);
      const raters = 1 + Math.floor(rand() * 4);
      const data: Ratings = Array.from({ length: items }, () => Array.from({ length: raters }, () => (rand() < 0.3 ? null : Math.floor(rand() * K))));
      for (const [stat, f] of Object.entries(STATS)) {
        const r = f(data);
        if (r.value === null) expect((r as { reason: string }).reason, stat).toBeTruthy();
        else {
          expect(Number.isFinite(r.value), `${stat} ${JSON.stringify(data)}`).toBe(true);
          expect(r.value, stat).toBeLessThanOrEqual(1 + 1e-12);
          // Kappa-type coefficients can go below -1 on tiny samples (alpha's lower bound is not -1),
          // so only finiteness and the upper bound are universal.
          if ('se' in r && r.se !== undefined) expect(Number.isFinite(r.se), stat).toBe(true);
        }
      }
    }
  });
});
