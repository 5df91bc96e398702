import { describe, expect, it } from 'vitest';
import { fleissKappa } from '../../src/stats/fleiss-kappa.js';
import { loadVector, raw4ratersCounts } from './vectors.js';

describe('fleissKappa', () => {
  it('reproduces the Wikipedia / statsmodels example (kappa 0.210 to 3 dp, Pbar, Pe)', () => {
    const v = loadVector('fleiss_kappa_wikipedia_example.json');
    const r = fleissKappa(v.data.counts_subject_by_category);
    if (r.value === null) throw new Error(r.reason);
    expect(Math.abs(r.value - v.expected.kappa)).toBeLessThan(1.5e-3);
    expect(r.value).toBeCloseTo(0.20993070442195522, 12);
    expect(r.pa).toBeCloseTo(v.expected.computed_only.Pbar, 12);
    expect(r.pe).toBeCloseTo(v.expected.computed_only.Pe, 12);
  });

  it('reproduces the statsmodels/Randolph small tables (atol 6e-6), the all-one-category table undefined', () => {
    const v = loadVector('fleiss_randolph_small_tables.json');
    const tables: number[][][] = v.data.tables_subject_by_category;
    tables.forEach((table, i) => {
      const r = fleissKappa(table);
      const want: number | null = v.expected.fleiss[i];
      if (want === null) {
        expect(r.value).toBeNull();
        expect((r as { reason: string }).reason).toMatch(/single category/);
      } else {
        expect(r.value).not.toBeNull();
        expect(Math.abs(r.value! - want)).toBeLessThanOrEqual(v.expected.atol);
      }
    });
  });

  it('reproduces irrCAC generalised Fleiss kappa on raw_4raters (unequal raters): coefficient, pa, pe, SE, CI', () => {
    const v = loadVector('irrcac_raw4raters_gwet_fleiss_bp_alpha.json');
    const r = fleissKappa(raw4ratersCounts());
    if (r.value === null) throw new Error(r.reason);
    const d = v.expected.fleiss_generalized.doctest_5dp;
    expect(r.value.toFixed(5)).toBe(d.coefficient.toFixed(5));
    expect(r.se!.toFixed(5)).toBe(d.se.toFixed(5));
    expect(r.pe.toFixed(5)).toBe(d.pe.toFixed(5));
    expect(r.pa.toFixed(3)).toBe(v.expected.fleiss_generalized.pa.toFixed(3));
    // irrCAC raw.py doctest prints confidence_interval (0.42438, 1).
    expect(r.ci95![0].toFixed(5)).toBe('0.42438');
    expect(r.ci95![1]).toBe(1);
  });

  it('is undefined with a reason when no item has two ratings, or there are none', () => {
    expect(fleissKappa([[1, 0], [0, 1]]).value).toBeNull();
    expect((fleissKappa([[1, 0], [0, 1]]) as { reason: string }).reason).toMatch(/two or more raters/);
    expect(fleissKappa([]).value).toBeNull();
    expect(fleissKappa([[0, 0]]).value).toBeNull();
  });

  it('is 1 for perfect agreement and invariant to the order of items and of categories', () => {
    expect(fleissKappa([[3, 0, 0], [0, 3, 0], [0, 0, 3]]).value).toBeCloseTo(1, 14);
    const t = [[2, 1, 0], [0, 3, 0], [1, 1, 1], [0, 0, 3]];
    const a = fleissKappa(t).value!;
    expect(fleissKappa([...t].reverse()).value).toBeCloseTo(a, 14);
    expect(fleissKappa(t.map((row) => [...row].reverse())).value).toBeCloseTo(a, 14);
  });
});
