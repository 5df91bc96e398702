import { describe, expect, it } from 'vitest';
import { gwetAc } from '../../src/stats/gwet-ac.js';
import { loadVector, raw4ratersCounts } from './vectors.js';

describe('gwetAc', () => {
  it('reproduces irrCAC AC1 on raw_4raters: doctest values to 5 dp, test values to 3 dp', () => {
    const v = loadVector('irrcac_raw4raters_gwet_fleiss_bp_alpha.json');
    const r = gwetAc(raw4ratersCounts());
    if (r.value === null) throw new Error(r.reason);
    const d = v.expected.gwet_ac1.doctest_5dp;
    expect(r.value.toFixed(5)).toBe(d.coefficient.toFixed(5));
    expect(r.se!.toFixed(5)).toBe(d.se.toFixed(5));
    expect(r.pa.toFixed(5)).toBe(d.pa.toFixed(5));
    expect(r.pe.toFixed(5)).toBe(d.pe.toFixed(5));
    expect((r.value / r.se!).toFixed(5)).toBe(d.z.toFixed(5));
    expect(r.ci95![0].toFixed(5)).toBe(d.ci[0].toFixed(5));
    expect(r.ci95![1]).toBe(d.ci[1]);
    const e = v.expected.gwet_ac1;
    expect([r.pa, r.pe, r.value, r.se!].map((x) => x.toFixed(3))).toEqual([e.pa, e.pe, e.coefficient, e.se].map((x: number) => x.toFixed(3)));
    expect(r.ci95![0].toFixed(3)).toBe(e.ci95[0].toFixed(3));
  });

  // irrCAC test/unit/irrCAC/raw/test_gwet.py (afergadis/irrCAC): AC2 on raw_4raters, 3 dp.
  it.each([
    ['linear', 0.939, 0.571, 0.859, 0.117, 0.6],
    ['quadratic', 0.975, 0.714, 0.914, 0.104, 0.685],
    ['ordinal', 0.968, 0.685, 0.899, 0.107, 0.664],
  ] as const)('reproduces irrCAC AC2 with %s weights (pa, pe, coefficient, se, lower CI)', (weights, pa, pe, coef, se, lcb) => {
    const r = gwetAc(raw4ratersCounts(), { weights });
    if (r.value === null) throw new Error(r.reason);
    expect([r.pa, r.pe, r.value, r.se!, r.ci95![0]].map((x) => x.toFixed(3))).toEqual([pa, pe, coef, se, lcb].map((x) => x.toFixed(3)));
  });

  it('stays defined when everyone uses one category of a two-category scale (the paradox AC1 resists)', () => {
    const r = gwetAc([[3, 0], [3, 0], [3, 0]]);
    expect(r.value).toBe(1);
  });

  it('is undefined for a one-category scale and for data without pairs', () => {
    const one = gwetAc([[3], [2]]);
    expect(one.value).toBeNull();
    expect((one as { reason: string }).reason).toMatch(/single category/);
    expect(gwetAc([[1, 0, 0], [0, 0, 1]]).value).toBeNull();
    expect(gwetAc([]).value).toBeNull();
  });

  it('AC2 with identity weights equals AC1, and weights change the value on disagreeing data', () => {
    const t = [[2, 1, 0], [0, 2, 1], [1, 0, 2], [3, 0, 0]];
    expect(gwetAc(t, { weights: 'none' }).value).toBe(gwetAc(t).value);
    expect(gwetAc(t, { weights: 'quadratic' }).value).not.toBeCloseTo(gwetAc(t).value!, 3);
  });
});
