import { describe, expect, it } from 'vitest';
import { cohenKappa, cohenKappaTest, contingencyTable, type KappaWeights } from '../../src/stats/cohen-kappa.js';
import { defined, loadVector } from './vectors.js';

const kappaOf = (y1: (number | null)[], y2: (number | null)[], k: number, weights?: KappaWeights) =>
  cohenKappa(contingencyTable(y1, y2, k), { weights });

describe('contingencyTable', () => {
  it('counts rows = rater A, cols = rater B and drops pairs with a missing side', () => {
    expect(contingencyTable([0, 1, 1, null, 2], [0, 1, 0, 1, null], 3)).toEqual([[1, 0, 0], [1, 1, 0], [0, 0, 0]]);
  });
  it('rebuilds the Artstein & Poesio Table 1 contingency from the sklearn vectors', () => {
    const v = loadVector('sklearn_cohen_kappa_binary_artstein_poesio_t1.json');
    expect(contingencyTable(v.data.y1, v.data.y2, 2)).toEqual(v.data.contingency_rows_y1_cols_y2);
  });
  it('throws on an out-of-range category (a caller bug, not degenerate data)', () => {
    expect(() => contingencyTable([0, 3], [0, 1], 3)).toThrow(RangeError);
  });
});

describe('cohenKappa', () => {
  it('reproduces sklearn / Artstein & Poesio Table 1: 0.348 (= 8/23), symmetric in raters', () => {
    const v = loadVector('sklearn_cohen_kappa_binary_artstein_poesio_t1.json');
    const ab = kappaOf(v.data.y1, v.data.y2, 2).value!;
    expect(Math.abs(ab - v.expected.kappa)).toBeLessThan(1.5e-3);
    expect(ab).toBeCloseTo(8 / 23, 14);
    expect(kappaOf(v.data.y2, v.data.y1, 2).value).toBeCloseTo(ab, 14);
  });

  it('reproduces sklearn multiclass Artstein & Poesio Table 4: 0.8013 (4 dp)', () => {
    const v = loadVector('sklearn_cohen_kappa_multiclass_artstein_poesio_t4.json');
    const r = kappaOf(v.data.y1, v.data.y2, 3).value!;
    expect(Math.abs(r - v.expected.kappa)).toBeLessThan(1.5e-4);
    expect(r).toBeCloseTo(0.8013245033112583, 13);
  });

  it('reproduces sklearn weighted kappa: none 0.9315, linear 0.9412, quadratic 0.9541 (4 dp)', () => {
    const v = loadVector('sklearn_cohen_kappa_weighted_none_linear_quadratic.json');
    for (const w of ['none', 'linear', 'quadratic'] as const) {
      const r = kappaOf(v.data.y1, v.data.y2, 3, w).value!;
      expect(Math.abs(r - v.expected[w])).toBeLessThan(1.5e-4);
    }
    expect(kappaOf(v.data.y1, v.data.y2, 3, 'quadratic').value).toBeCloseTo(0.9541284403669725, 13);
  });

  it('reproduces the sklearn docstring example with string labels (0.6875)', () => {
    const v = loadVector('sklearn_cohen_kappa_docstring_strings.json');
    const labels = [...new Set<string>([...v.data.y1, ...v.data.y2])].sort();
    const idx = (ys: string[]) => ys.map((y) => labels.indexOf(y));
    expect(kappaOf(idx(v.data.y1), idx(v.data.y2), labels.length).value).toBeCloseTo(v.expected.kappa, 14);
  });

  it('reproduces sklearn labels= subset semantics, self-agreement 1, and the 3-class value', () => {
    const v = loadVector('sklearn_cohen_kappa_labels_subset.json');
    const subset = cohenKappa(contingencyTable(v.data.y1, v.data.y2, 3, { labels: v.data.labels }));
    expect(subset.value).toBeCloseTo(v.expected.kappa_with_labels_0_1, 14);
    expect(kappaOf(v.data.y1, v.data.y1, 3).value).toBeCloseTo(v.expected.kappa_self_y1_y1, 14);
    expect(kappaOf(v.data.y1, v.data.y2, 3).value).toBeCloseTo(v.expected.kappa_without_labels_arg_3_classes, 14);
  });

  it('returns a reasoned null where sklearn returns NaN, and 0 where raters each use a different single label', () => {
    const v = loadVector('sklearn_cohen_kappa_degenerate_single_label.json');
    const a = kappaOf(v.data.case_a.y1, v.data.case_a.y2, 2);
    expect(a.value).toBeNull();
    expect((a as { reason: string }).reason).toMatch(/single, identical category/);
    // case_b: labels [1,2,3] -> indices 0..2 of a 3-category scale, everything in category 0.
    const b = cohenKappa(contingencyTable(v.data.case_b.y1.map((y: number) => y - 1), v.data.case_b.y2.map((y: number) => y - 1), 3));
    expect(b.value).toBeNull();
    expect(kappaOf(v.data.case_c.y1, v.data.case_c.y2, 2).value).toBe(v.expected.case_c_computed);
    expect(cohenKappa([[0, 0], [0, 0]]).value).toBeNull();
    expect(kappaOf([0, null], [null, 1], 2).value).toBeNull();
  });

  it('reproduces the SAS / statsmodels weighted kappa printout (kappa, ASE, CI, ASE under H0, z, p) to 4 dp', () => {
    const v = loadVector('statsmodels_cohens_kappa_sas_weighted_linear.json');
    const opts = { weights: 'linear' as const, scores: v.data.scores };
    const r = cohenKappa(v.data.table_rows_rater1_cols_rater2, opts);
    if (r.value === null) throw new Error(r.reason);
    const e = v.expected;
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1.5e-4);
    close(r.value, e.kappa);
    close(r.se!, e.ase);
    close(r.ci95![0], e.ci95_low);
    close(r.ci95![1], e.ci95_high);
    const t = cohenKappaTest(v.data.table_rows_rater1_cols_rater2, opts);
    if ('reason' in t) throw new Error(t.reason);
    close(t.se0, e.ase_h0);
    close(t.z, e.z);
    close(t.pOneSided, e.p_one_sided);
    close(t.pTwoSided, e.p_two_sided);
  });

  it('unweighted SE equals the classic Fleiss-Cohen-Everitt formula on Table 1 (independent closed form)', () => {
    // Independent check: the unweighted FCE variance written out term by term (statsmodels' simple branch).
    const t = [[20, 20], [10, 50]];
    const N = 100;
    const pr = [0.4, 0.6];
    const pc = [0.3, 0.7];
    const pe = 0.3 * 0.4 + 0.7 * 0.6;
    const k = 8 / 23;
    let a = 0;
    for (let i = 0; i < 2; i++) a += (t[i]![i]! / N) * (1 - (pr[i]! + pc[i]!) * (1 - k)) ** 2;
    let b = 0;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) if (i !== j) b += (t[i]![j]! / N) * (pc[i]! + pr[j]!) ** 2;
    b *= (1 - k) ** 2;
    const c = (k - pe * (1 - k)) ** 2;
    const se = Math.sqrt((a + b - c) / (1 - pe) ** 2 / N);
    expect(defined(cohenKappa(t)).se).toBeCloseTo(se, 14);
  });

  it('is 1 for identical ratings (any weights) and symmetric under transposition with weights', () => {
    const y = [0, 1, 2, 2, 1, 0, 3, 3];
    for (const w of ['none', 'linear', 'quadratic'] as const) expect(kappaOf(y, y, 4, w).value).toBeCloseTo(1, 14);
    const t = [[5, 2, 0], [1, 6, 3], [0, 2, 4]];
    const tt = t[0]!.map((_, j) => t.map((row) => row[j]!));
    for (const w of ['none', 'linear', 'quadratic'] as const) {
      expect(cohenKappa(tt, { weights: w }).value).toBeCloseTo(cohenKappa(t, { weights: w }).value!, 14);
      expect(defined(cohenKappa(tt, { weights: w })).se).toBeCloseTo(defined(cohenKappa(t, { weights: w })).se!, 14);
    }
  });
});

describe('cohenKappa on a single shared item', () => {
  it('is undefined with a reason instead of kappa 0 with a false SE of 0', () => {
    const r = cohenKappa([[0, 1], [0, 0]], { weights: 'none' });
    expect(r.value).toBeNull();
    expect(r).toMatchObject({ reason: expect.stringContaining('only one item') });
  });
});
