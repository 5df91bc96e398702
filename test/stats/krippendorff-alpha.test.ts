import { describe, expect, it } from 'vitest';
import { krippendorffAlpha, krippendorffAlphaFromCounts, krippendorffAlphaFromPatterns, type AlphaLevel } from '../../src/stats/krippendorff-alpha.js';
import { countPatterns, itemCategoryCounts } from '../../src/stats/item-counts.js';
import { defined, loadVector, reasonOf, transpose } from './vectors.js';
import { naiveAlpha } from './naive-alpha.js';

const LEVELS: AlphaLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

function reliabilityData(): { coders: (number | null)[][]; strings: (string | null)[][]; domain: string[]; expected: Record<string, number> } {
  const v = loadVector('krippendorff2011_reliability_data.json');
  return {
    coders: v.data.reliability_data_coders_by_units,
    strings: v.data.string_version,
    domain: v.data.string_value_domain_ordered,
    expected: v.expected,
  };
}

describe('krippendorffAlpha', () => {
  it.each(LEVELS)('reproduces Krippendorff (2011) %s alpha to 3 dp and the exact value to 1e-12', (level) => {
    const { coders, expected } = reliabilityData();
    const exact: Record<AlphaLevel, number> = {
      nominal: 0.743421052631579,
      ordinal: 0.8153875037548814,
      interval: 0.8491071428571428,
      ratio: 0.7974027747116121,
    };
    // The vector is coders x units; our input is items x raters.
    const r = krippendorffAlpha(transpose(coders), { level });
    if (r.value === null) throw new Error(r.reason);
    expect(r.value.toFixed(3)).toBe(expected[level]!.toFixed(3));
    expect(Math.abs(r.value - exact[level])).toBeLessThan(1e-12);
  });

  it('gives the same ordinal and nominal alpha for the ordered string version mapped to indices', () => {
    const { strings, domain, expected } = reliabilityData();
    const items = transpose(strings).map((row) => row.map((s) => (s === null ? null : domain.indexOf(s))));
    expect(krippendorffAlpha(items, { level: 'ordinal' }).value!.toFixed(3)).toBe(expected.ordinal.toFixed(3));
    expect(krippendorffAlpha(items, { level: 'nominal' }).value!.toFixed(3)).toBe(expected.nominal.toFixed(3));
  });

  it('reproduces irrCAC alpha on raw_4raters: pa 0.805, pe 0.240, se 0.146, CI (0.419, 1)', () => {
    const v = loadVector('irrcac_raw4raters_gwet_fleiss_bp_alpha.json');
    const e = v.expected.krippendorff;
    const r = krippendorffAlpha(v.data.ratings_subject_by_rater, { level: 'nominal' });
    if (r.value === null) throw new Error(r.reason);
    expect([r.pa, r.pe, r.value, r.se!].map((x) => x.toFixed(3))).toEqual([e.pa, e.pe, e.coefficient, e.se].map((x: number) => x.toFixed(3)));
    // irrCAC test_krippendorff.py: confidence_interval (0.419, 1).
    expect(r.ci95![0].toFixed(3)).toBe('0.419');
    expect(r.ci95![1]).toBe(1);
  });

  // irrCAC test_krippendorff.py (afergadis/irrCAC): quadratic weights = interval, ratio weights = ratio.
  it.each([
    ['interval', 0.974, 0.825, 0.849, 0.129, 0.561],
    ['ratio', 0.951, 0.757, 0.797, 0.14, 0.484],
  ] as const)('matches irrCAC %s-equivalent weights on raw_4raters (pa, pe, coef, se, lower CI)', (level, pa, pe, coef, se, lcb) => {
    const v = loadVector('irrcac_raw4raters_gwet_fleiss_bp_alpha.json');
    const r = krippendorffAlpha(v.data.ratings_subject_by_rater, { level });
    if (r.value === null) throw new Error(r.reason);
    expect([r.pa, r.pe, r.value, r.se!, r.ci95![0]].map((x) => x.toFixed(3))).toEqual([pa, pe, coef, se, lcb].map((x) => x.toFixed(3)));
  });

  it.each(LEVELS)('the count-table variant equals the ratings variant (%s), whatever the column order', (level) => {
    const { coders } = reliabilityData();
    const items = transpose(coders);
    const counts = itemCategoryCounts(items.map((row) => row.map((x) => (x === null ? null : x - 1))), 5);
    const fromRatings = krippendorffAlpha(items, { level }).value!;
    expect(krippendorffAlphaFromCounts(counts, { level, values: [1, 2, 3, 4, 5] }).value).toBeCloseTo(fromRatings, 13);
    const shuffled = counts.map((row) => [row[3]!, row[0]!, row[4]!, row[2]!, row[1]!]);
    expect(krippendorffAlphaFromCounts(shuffled, { level, values: [4, 1, 5, 3, 2] }).value).toBeCloseTo(fromRatings, 13);
  });

  it.each(LEVELS)('agrees with a naive pairwise O(n^2) implementation on random data with gaps (%s)', (level) => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const items = Array.from({ length: 60 }, () => Array.from({ length: 5 }, () => (rand() < 0.3 ? null : 1 + Math.floor(rand() * 6))));
    const fast = krippendorffAlpha(items, { level }).value!;
    expect(Math.abs(fast - naiveAlpha(items, level))).toBeLessThan(1e-12);
  });

  it('is undefined with a reason for degenerate data', () => {
    const why = reasonOf;
    const one = krippendorffAlpha([[2, 2], [2, 2, 2]], { level: 'nominal' });
    expect(one.value).toBeNull();
    expect(why(one)).toMatch(/same value/);
    const single = krippendorffAlpha([[1], [2], [3]], { level: 'interval' });
    expect(single.value).toBeNull();
    expect(why(single)).toMatch(/two or more ratings/);
    expect(krippendorffAlpha([[null, 1], [2, null]], { level: 'ordinal' }).value).toBeNull();
    expect(krippendorffAlpha([], { level: 'nominal' }).value).toBeNull();
    expect(krippendorffAlphaFromCounts([], { level: 'nominal' }).value).toBeNull();
    expect(krippendorffAlpha([[-1, 2], [3, 4]], { level: 'ratio' }).value).toBeNull();
  });

  it('is 1 for perfect agreement and at most 1 otherwise', () => {
    expect(krippendorffAlpha([[1, 1], [2, 2, 2], [5, 5]], { level: 'interval' }).value).toBe(1);
    expect(krippendorffAlpha([[1, 2], [2, 1]], { level: 'nominal' }).value!).toBeLessThan(0);
  });

  // Speed is measured by `npm run bench` (bench/agreement.mjs), not here: a shared machine makes timed
  // assertions flaky. What a large input can still catch is a path that drifts (accumulated error,
  // a dropped unit), so the three entry points must agree on a million ratings.
  it('gives the same alpha on 1,000,000 ratings from ratings, from counts and from collapsed count patterns', () => {
    let seed = 1;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const items = Array.from({ length: 250_000 }, () => {
      const truth = Math.floor(rand() * 5);
      return Array.from({ length: 4 }, () => (rand() < 0.1 ? null : Math.min(4, Math.max(0, truth + Math.round(rand() * 2 - 1)))));
    });
    const counts = itemCategoryCounts(items, 5);
    const patterns = countPatterns(counts);
    expect(patterns.counts.length).toBeLessThan(200);
    for (const level of ['nominal', 'ordinal', 'interval'] as const) {
      const fromRatings = defined(krippendorffAlpha(items, { level }));
      const fromCounts = defined(krippendorffAlphaFromCounts(counts, { level }));
      const fromPatterns = defined(krippendorffAlphaFromPatterns(patterns, { level }));
      expect(fromRatings.value).toBeGreaterThan(0.3);
      expect(Math.abs(fromCounts.value - fromRatings.value)).toBeLessThan(1e-12);
      expect(Math.abs(fromPatterns.value - fromRatings.value)).toBeLessThan(1e-12);
      expect(Math.abs(fromPatterns.se! - fromRatings.se!)).toBeLessThan(1e-12);
    }
  });
});
