import { describe, expect, it } from 'vitest';
import { brennanPrediger } from '../../src/stats/brennan-prediger.js';
import { loadVector, raw4ratersCounts } from './vectors.js';

describe('brennanPrediger (Randolph free-marginal kappa)', () => {
  it('reproduces the statsmodels/Randolph small tables (atol 6e-6), including the one-category table', () => {
    const v = loadVector('fleiss_randolph_small_tables.json');
    const tables: number[][][] = v.data.tables_subject_by_category;
    tables.forEach((table, i) => {
      const r = brennanPrediger(table);
      expect(r.value).not.toBeNull();
      expect(Math.abs(r.value! - v.expected.randolph[i])).toBeLessThanOrEqual(v.expected.atol);
    });
  });

  it('reproduces irrCAC Brennan-Prediger on raw_4raters (pa, pe, coefficient, se to 3 dp)', () => {
    const v = loadVector('irrcac_raw4raters_gwet_fleiss_bp_alpha.json');
    const e = v.expected.brennan_prediger;
    const r = brennanPrediger(raw4ratersCounts());
    if (r.value === null) throw new Error(r.reason);
    expect([r.pa, r.pe, r.value, r.se!].map((x) => x.toFixed(3))).toEqual([e.pa, e.pe, e.coefficient, e.se].map((x: number) => x.toFixed(3)));
  });

  it('is undefined for a one-category scale', () => {
    expect(brennanPrediger([[2], [3]]).value).toBeNull();
  });
});
