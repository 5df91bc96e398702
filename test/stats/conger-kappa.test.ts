import { describe, expect, it } from 'vitest';
import { congerKappa } from '../../src/stats/conger-kappa.js';
import { cohenKappa, contingencyTable } from '../../src/stats/cohen-kappa.js';
import { weightMatrix } from '../../src/stats/weights.js';
import { loadVector, raw4ratersRatings } from './vectors.js';

/**
 * Conger's kappa depends on WHO gave each rating. irrCAC's own `raw_4raters` dataset (datasets.py)
 * puts the single rating of unit 12 with Rater3, while the vector file (following Krippendorff 2011)
 * puts it with coder B (Rater2). The rater-agnostic statistics (Fleiss, Gwet, alpha) are unaffected;
 * Conger's pe 0.233 / kappa 0.763 are reproducible only with irrCAC's placement, so we use it here.
 */
function irrcacRaw4raters(): (number | null)[][] {
  const rows = raw4ratersRatings();
  expect(rows[11]).toEqual([null, 2, null, null]);
  rows[11] = [null, null, 2, null];
  return rows;
}

describe('congerKappa', () => {
  it('reproduces irrCAC Conger kappa on raw_4raters (pa 0.818, pe 0.233, 0.763) and its CI (0.435, 1)', () => {
    const v = loadVector('irrcac_raw4raters_gwet_fleiss_bp_alpha.json');
    const e = v.expected.conger;
    const r = congerKappa(irrcacRaw4raters(), 5);
    if (r.value === null) throw new Error(r.reason);
    expect([r.pa, r.pe, r.value].map((x) => x.toFixed(3))).toEqual([e.pa, e.pe, e.coefficient].map((x: number) => x.toFixed(3)));
    // irrCAC test_conger.py: confidence_interval (0.435, 1).
    expect(r.ci95![0].toFixed(3)).toBe('0.435');
    expect(r.ci95![1]).toBe(1);
  });

  // irrCAC test_conger.py (afergadis/irrCAC): weighted Conger on raw_4raters, 3 dp.
  it.each([
    ['linear', 0.939, 0.675, 0.814, 0.145, 0.494],
    ['quadratic', 0.975, 0.827, 0.858, 0.144, 0.541],
    ['ordinal', 0.968, 0.796, 0.844, 0.144, 0.526],
  ] as const)('reproduces irrCAC with %s weights (pa, pe, coefficient, se, lower CI)', (scheme, pa, pe, coef, se, lcb) => {
    const r = congerKappa(irrcacRaw4raters(), 5, { weights: weightMatrix(5, scheme) });
    if (r.value === null) throw new Error(r.reason);
    expect([r.pa, r.pe, r.value, r.se!, r.ci95![0]].map((x) => x.toFixed(3))).toEqual([pa, pe, coef, se, lcb].map((x) => x.toFixed(3)));
  });

  it('with the vector file\'s placement (unit 12 by rater 2) pa is unchanged and only pe moves', () => {
    const r = congerKappa(raw4ratersRatings(), 5);
    const s = congerKappa(irrcacRaw4raters(), 5);
    expect(r.value).not.toBeNull();
    expect((r as { pa: number }).pa).toBe((s as { pa: number }).pa);
    expect((r as { pe: number }).pe).not.toBeCloseTo((s as { pe: number }).pe, 3);
  });

  it('equals Cohen\'s kappa for two raters with complete data', () => {
    const a = [0, 1, 1, 2, 0, 2, 1, 0, 2, 2];
    const b = [0, 1, 2, 2, 0, 1, 1, 0, 2, 0];
    const c = congerKappa(a.map((x, i) => [x, b[i]!]), 3).value!;
    expect(c).toBeCloseTo(cohenKappa(contingencyTable(a, b, 3)).value!, 14);
  });

  it('is undefined with one rater or no ratings', () => {
    expect(congerKappa([[0, null], [1, null]], 2).value).toBeNull();
    expect(congerKappa([[null, null]], 2).value).toBeNull();
  });
});
